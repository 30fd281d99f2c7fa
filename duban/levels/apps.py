from django.apps import AppConfig


class LevelsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "duban.levels"
    verbose_name = "上下级关联"
