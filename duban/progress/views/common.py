"""Helpers shared by the progress pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest

from duban.accounts.models import Role
from duban.accounts.permissions import Perm, can
from duban.core import clock, params
from duban.orgs.models import OrgUnit
from duban.plans import selectors as plan_selectors
from duban.plans.models import Task
from duban.progress import selectors
from duban.progress.parts import queries as parts


def get_task(request: HttpRequest, pk: int) -> Task:
    """The task if the user may see it (404 / 403 otherwise), via the plans selector; without
    its leaders and collectives, which no progress page shows."""
    return plan_selectors.task_get(user=request.user, pk=pk, people=False)


def as_of(request: HttpRequest) -> date:
    """Today, or ``?as_of=`` for the 督查室 previewing another date (malformed → HTTP 400)."""
    day = params.get_date(request.GET, "as_of")
    if day is not None and getattr(request.user, "role", "") in (Role.OFFICE, Role.AUDITOR):
        return day
    return clock.today()


def reporting_unit(request: HttpRequest, task: Task) -> OrgUnit | None:
    """The task's reporting unit when the user may write for it (the API asks the same)."""
    return selectors.reporting_unit_for(request.user, task)


def part_units(request: HttpRequest, task: Task, owed: list[int] | None = None) -> list[OrgUnit]:
    """The user's units that owe ``task`` a part of their own (not its reporting unit);
    ``owed``: every unit that owes one (``parts.part_units``), when the page has read it."""
    if owed is None:
        owed = parts.part_units([task.pk]).get(task.pk, [])
    mine = set(selectors.user_unit_ids(request.user))
    return list(OrgUnit.objects.filter(pk__in=[u for u in owed if u in mine]).order_by("name"))


def part_unit(request: HttpRequest, task: Task, unit_id: int | None = None) -> OrgUnit | None:
    """The user's unit that files its part of ``task`` (``unit_id`` picks one of several)."""
    units = part_units(request, task)
    return next((u for u in units if unit_id in (None, u.pk)), None)


def is_office(request: HttpRequest) -> bool:
    return can(request.user, Perm.PROGRESS_REVIEW)


def user_units(request: HttpRequest) -> Any:
    return OrgUnit.objects.filter(pk__in=selectors.user_unit_ids(request.user)).order_by("name")
