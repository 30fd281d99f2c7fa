from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "duban.exports"
    label = "exports"
    verbose_name = "台账与通报"
