"""Reads for the messaging pages and the planner (never a write, not even a default row)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from duban.messaging.models import DeliveryLog, OfficeChannels, Preference, Robot

OFFICE_PK = 1


def office_channels() -> OfficeChannels:
    """The office-wide switches; the defaults (unsaved) until the 督查室 first saves them."""
    return OfficeChannels.objects.filter(pk=OFFICE_PK).first() or OfficeChannels(pk=OFFICE_PK)


def preference_for(user: Any) -> Preference:
    """``user``'s own choice; the defaults (unsaved) until they first save it."""
    return Preference.objects.filter(user_id=user.pk).first() or Preference(user_id=user.pk)


def preferences_of(user_ids: Iterable[int]) -> dict[int, bool]:
    """user id → receives e-mail, for the users who saved a choice (others: the default)."""
    return dict(
        Preference.objects.filter(user_id__in=list(user_ids)).values_list("user_id", "email")
    )


def robot_list(*, scope: Q | None = None) -> QuerySet[Robot]:
    """The robots in ``scope`` (``permissions.government_scope``: the office's own)."""
    qs = Robot.objects.all() if scope is None else Robot.objects.filter(scope)
    return qs.select_related("unit").order_by("name", "pk")


def delivery_log(
    *, state: str = "", channel: str = "", scope: Q | None = None
) -> QuerySet[DeliveryLog]:
    """The log in ``scope`` (``permissions.delivery_scope``), newest first, optionally one
    state or channel (the 督查室's page)."""
    rows = DeliveryLog.objects.all() if scope is None else DeliveryLog.objects.filter(scope)
    rows = rows.select_related("notification", "robot")
    if state:
        rows = rows.filter(state=state)
    if channel:
        rows = rows.filter(channel=channel)
    return rows.order_by("-created_at", "-pk")
