from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "duban.orgs"
    label = "orgs"
    verbose_name = "单位与领导"
