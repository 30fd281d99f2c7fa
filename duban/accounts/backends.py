"""Django-admin model permissions derived from the role, so they cannot drift from it.

The 督查室 uses the admin as its correction path for business data (tasks, units, leaders,
reports…) but is not a superuser: this backend grants it the admin permissions on those apps
only, and read access to the audit trail. Accounts, groups, API tokens and login records stay
with the 系统管理员 (a superuser). Audit records are read-only for everyone
(``duban.audit.admin``).
"""

from __future__ import annotations

from typing import Any

from duban.accounts.models import Role

OFFICE_ADMIN_APPS = frozenset({"orgs", "plans", "progress"})
OFFICE_VIEW_APPS = frozenset({"audit"})


def office_may(app_label: str, codename: str = "") -> bool:
    """May an office user hold the admin permission ``app_label.codename``?"""
    if app_label in OFFICE_ADMIN_APPS:
        return True
    return app_label in OFFICE_VIEW_APPS and (not codename or codename.startswith("view_"))


def _is_office_staff(user: Any) -> bool:
    return bool(
        getattr(user, "is_active", False)
        and getattr(user, "is_staff", False)
        and getattr(user, "role", "") == Role.OFFICE
    )


class RolePermissionBackend:
    """Answers permission questions only; authentication is left to the other backends."""

    def authenticate(self, request: Any, **credentials: Any) -> None:
        return None

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if not _is_office_staff(user_obj) or "." not in perm:
            return False
        app_label, codename = perm.split(".", 1)
        return office_may(app_label, codename)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return _is_office_staff(user_obj) and office_may(app_label)
