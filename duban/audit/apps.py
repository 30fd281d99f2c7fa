from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AuditConfig(AppConfig):
    default = True  # this module holds two configs: this one is the audit app's
    name = "duban.audit"
    label = "audit"
    verbose_name = "审计"


class AuditedAdminConfig(admin_apps.AdminConfig):
    """``django.contrib.admin`` with the audited site as ``admin.site`` (``audit.adminsite``)."""

    default = False  # named explicitly in INSTALLED_APPS
    default_site = "duban.audit.adminsite.AuditedAdminSite"
