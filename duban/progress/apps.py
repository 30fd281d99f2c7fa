from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "duban.progress"
    label = "progress"
    verbose_name = "进展与督办"
