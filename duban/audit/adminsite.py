"""The project's admin site: every ModelAdmin registered on it is audited.

``duban.audit.apps.AuditedAdminConfig`` replaces ``django.contrib.admin`` in ``INSTALLED_APPS`` and makes
``AuditedAdminSite`` the default site, so ``admin.site.register`` and ``@admin.register`` —
in this project's apps and in Django's and third parties' (groups, API tokens, login
records) — all get ``AuditedAdminMixin`` without any app having to ask for it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from duban.audit.adminaudit import AuditedAdminMixin


def audited(admin_class: type[Any]) -> type[Any]:
    """``admin_class`` with the audit hooks mixed in (itself when it already has them)."""
    if issubclass(admin_class, AuditedAdminMixin):
        return admin_class
    return type(
        admin_class.__name__,
        (AuditedAdminMixin, admin_class),
        {
            "__module__": admin_class.__module__,
            "__doc__": admin_class.__doc__,
        },
    )


class AuditedAdminSite(admin.AdminSite):
    site_header = "督办系统后台"
    site_title = "督办系统后台"
    index_title = "后台管理"

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        super().register(model_or_iterable, audited(admin_class or admin.ModelAdmin), **options)
