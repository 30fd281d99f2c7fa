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


def get_task(request: HttpRequest, pk: int) -> Task:
    """The task if the user may see it (404 / 403 otherwise), via the plans selector."""
    return plan_selectors.task_get(user=request.user, pk=pk)


def as_of(request: HttpRequest) -> date:
    """Today, or ``?as_of=`` for the 督查室 previewing another date (malformed → HTTP 400)."""
    day = params.get_date(request.GET, "as_of")
    if day is not None and getattr(request.user, "role", "") in (Role.OFFICE, Role.AUDITOR):
        return day
    return clock.today()


def reporting_unit(request: HttpRequest, task: Task) -> OrgUnit | None:
    """The task's reporting unit when the user may write for it (the API asks the same)."""
    return selectors.reporting_unit_for(request.user, task)


def contributor_unit(request: HttpRequest, task: Task) -> OrgUnit | None:
    """The user's unit that contributes to (but does not lead) the task, if any."""
    for unit in OrgUnit.objects.filter(pk__in=selectors.user_unit_ids(request.user)):
        if selectors.unit_role_on(task, unit) == "contributor":
            return unit
    return None


def is_office(request: HttpRequest) -> bool:
    return can(request.user, Perm.PROGRESS_REVIEW)


def user_units(request: HttpRequest) -> Any:
    return OrgUnit.objects.filter(pk__in=selectors.user_unit_ids(request.user)).order_by("name")
