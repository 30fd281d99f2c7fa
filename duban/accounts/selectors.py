"""Reads of the account pages: the list (searched) and who may be managed.

The pages are the 督查室's (``perm_required(Perm.USER_MANAGE)``); the services check the
permission again before any write.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from duban.accounts.models import Role, UnitMembership, User


def out_of_reach(actor: Any, user: User) -> bool:
    """A 系统管理员 account is managed by superusers only (never by the 督查室 in the app)."""
    is_admin = user.is_superuser or user.role == Role.ADMIN
    return is_admin and not (actor is None or getattr(actor, "is_superuser", False))


def account_list(*, query: str = "", scope: Q | None = None) -> QuerySet[User]:
    """Every account in ``scope`` (``permissions.user_scope``: the office's government's), by
    username; ``query`` matches the username, name or a unit's name."""
    qs = User.objects.all() if scope is None else User.objects.filter(scope)
    qs = qs.select_related("leader").prefetch_related(
        Prefetch("memberships", queryset=UnitMembership.objects.select_related("unit"))
    )
    for word in query.split():
        qs = qs.filter(
            Q(username__icontains=word)
            | Q(display_name__icontains=word)
            | Q(memberships__unit__name__icontains=word)
        )
    return qs.distinct().order_by("username")


def account_get(*, pk: int, scope: Q | None = None) -> User:
    """One account in ``scope``; Http404 if absent (or another government's)."""
    qs = User.objects.all() if scope is None else User.objects.filter(scope)
    found = qs.select_related("leader").filter(pk=pk).first()
    if found is None:
        raise Http404("账号不存在")
    return found
