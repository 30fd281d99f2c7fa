"""Naming the units of a collective on one task, and what that implies in progress."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from duban.accounts.permissions import Perm
from duban.orgs.models import OrgUnit
from duban.plans.models import TaskCollective
from duban.plans.services import Choice
from duban.plans.services import task_collective_choose as choose_units
from duban.progress.services.common import require
from duban.progress.standing.refresh import refresh_tasks


@transaction.atomic
def task_collective_choose(*, link: TaskCollective, units: Sequence[OrgUnit], actor: Any) -> Choice:
    """The 督查室 names ``link``'s units on its task (``plans.services.choose``); the
    task's spans are rewritten in the same transaction, since a 牵头 collective may give the
    task its reporting unit. The chosen units owe their parts from then on."""
    require(actor, Perm.IMPORT_RUN)
    choice = choose_units(link=link, units=units, actor=actor)
    refresh_tasks([link.task_id])
    return choice
