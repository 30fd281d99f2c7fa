"""未签收: tasks handed over (交办) and still not signed for after their 签收 deadline.

They sit on the late list beside the missing reports and ``duban remind`` chases them the
same way (催办, then 督办 from ``DUBAN_ESCALATE_DAYS_LATE`` days late). Only reads: the 交办
day is derived from what exists — the task's tracking row if it has one, else the task's
own creation (the import's confirm, or the 督查室 adding it) — so a page never writes.
The reporting unit is the one that signs (``task_acknowledge``), so it is the unit chased.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from duban.orgs.models import OrgUnit
from duban.plans.models import Task, TaskUnit, UnitRole
from duban.progress.acknowledging import acknowledge_due, last_overdue_assignment
from duban.progress.assigned import acknowledge_days
from duban.progress.chasing import ChaseStage, chase_stage
from duban.progress.selectors import primary_units

UNSIGNED = "未签收"


@dataclass(frozen=True)
class UnsignedItem:
    """One unsigned task, shaped like a late report (``LateItem``) for the list and chasing."""

    task: Task
    unit: OrgUnit
    stage: ChaseStage
    days_late: int
    assigned_on: date
    due: date
    period: None = None  # a late report's period; a 签收 has none

    def line(self, stage_label: str) -> str:
        """The item in a chase notice, as ``reminders`` words a late report."""
        return (
            f"【{stage_label}】{self.unit.name} · 任务{self.task.number} {self.task.text[:30]}"
            f"（{UNSIGNED}，签收期限{self.due:%m月%d日}，已逾期 {self.days_late} 天）"
        )


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def unsigned_tasks(*, as_of: date) -> QuerySet[Task]:
    """Live tasks with a reporting unit, not signed for, whose deadline is before ``as_of``."""
    last = last_overdue_assignment(as_of, acknowledge_days())
    signer = TaskUnit.objects.filter(
        task=OuterRef("pk"), role__in=[UnitRole.LEAD, UnitRole.RESPONSIBLE]
    )
    return (
        Task.objects.filter(is_withdrawn=False, task_list__document__withdrawn_at__isnull=True)
        .filter(Q(tracking__isnull=True) | Q(tracking__acknowledged_at__isnull=True))
        .annotate(assigned_at=Coalesce("tracking__created_at", "created_at"))
        .filter(assigned_at__lt=_start_of(last + timedelta(days=1)))
        .filter(Exists(signer))
    )


@dataclass(frozen=True)
class UnsignedGroup:
    """The unsigned tasks on ``as_of``, with ``LateGroup``'s interface (``spans``, ``items``)
    so the late list pages through them before the late reports."""

    as_of: date
    spans: QuerySet[Task]

    def items(self, offset: int = 0, limit: int | None = None) -> list[UnsignedItem]:
        rows = self.spans.order_by(
            "assigned_at", "task_list__document_id", "task_list__position", "number", "pk"
        )
        page = list(rows[offset : offset + limit] if limit is not None else rows[offset:])
        signers = primary_units([t.pk for t in page])
        units = OrgUnit.objects.in_bulk(set(signers.values()))
        return [
            _item(task, units[signers[task.pk]], self.as_of)
            for task in page
            if signers.get(task.pk) in units
        ]


def _item(task: Any, unit: OrgUnit, as_of: date) -> UnsignedItem:
    day = timezone.localdate(task.assigned_at)
    due = acknowledge_due(day, acknowledge_days())
    stage = chase_stage(due, as_of, remind_days=0, escalate_days=settings.DUBAN_ESCALATE_DAYS_LATE)
    return UnsignedItem(
        task=task,
        unit=unit,
        stage=stage or ChaseStage.URGE,  # always past the deadline here
        days_late=(as_of - due).days,
        assigned_on=day,
        due=due,
    )


def unsigned_groups(*, as_of: date) -> list[UnsignedGroup]:
    """The unsigned tasks as groups of the late list (one group: they share no period)."""
    return [UnsignedGroup(as_of, unsigned_tasks(as_of=as_of))]


def unsigned_items(*, as_of: date) -> list[UnsignedItem]:
    """Every unsigned item on ``as_of`` (``duban remind`` chases them all)."""
    return UnsignedGroup(as_of, unsigned_tasks(as_of=as_of)).items()
