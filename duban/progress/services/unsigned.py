"""未签收: units handed a task (交办) and still not signed for it after the 签收 deadline.

签收 is per unit (``parts.queries.signers``: the reporting unit and every unit that owes a
part), so each missing 签收 is an item of its own unit, on the late list beside the missing
reports, and ``duban remind`` chases it the same way (催办, then 督办 from
``DUBAN_ESCALATE_DAYS_LATE`` days late). Only reads: the 交办 day is derived from what
exists — the task's tracking row (made at 交办) if it has one, else the task's own creation —
so a page never writes. A 销号 task has nothing left to sign.
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
from duban.plans.models import SourceDocument, Task
from duban.progress.acknowledging import acknowledge_due, last_overdue_assignment
from duban.progress.assigned import acknowledge_days
from duban.progress.chasing import ChaseStage, chase_stage
from duban.progress.parts.models import UnitSignature
from duban.progress.parts.queries import signing_rows

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


def unsigned_rows(*, as_of: date) -> QuerySet[Any]:
    """(task, unit) pairs that must 签收 (``parts.queries.signing_rows``), not signed, whose
    deadline is before ``as_of``: one row per pair (a unit in two roles signs once)."""
    last = last_overdue_assignment(as_of, acknowledge_days())
    signed = UnitSignature.objects.filter(task_id=OuterRef("task_id"), unit_id=OuterRef("unit_id"))
    return (
        signing_rows()
        .filter(Q(task__tracking__isnull=True) | Q(task__tracking__closed_at__isnull=True))
        .annotate(assigned_at=Coalesce("task__tracking__created_at", "task__created_at"))
        .filter(assigned_at__lt=_start_of(last + timedelta(days=1)))
        .exclude(Exists(signed))
        .values("task_id", "unit_id", "assigned_at")
        .distinct()
    )


@dataclass(frozen=True)
class UnsignedGroup:
    """The unsigned pairs on ``as_of``, with ``LateGroup``'s interface (``spans``, ``items``)
    so the late list pages through them before the late reports."""

    as_of: date
    spans: QuerySet[Any]

    def items(self, offset: int = 0, limit: int | None = None) -> list[UnsignedItem]:
        rows = self.spans.order_by(
            "assigned_at",
            "task__task_list__document_id",
            "task__task_list__position",
            "task__number",
            "task_id",
            "unit__name",
            "unit_id",
        )
        page = list(rows[offset : offset + limit] if limit is not None else rows[offset:])
        tasks = Task.objects.select_related("task_list__document").in_bulk(
            {row["task_id"] for row in page}
        )
        units = OrgUnit.objects.in_bulk({row["unit_id"] for row in page})
        return [
            _item(tasks[row["task_id"]], units[row["unit_id"]], row["assigned_at"], self.as_of)
            for row in page
        ]


def _item(task: Task, unit: OrgUnit, assigned_at: datetime, as_of: date) -> UnsignedItem:
    day = timezone.localdate(assigned_at)
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


def unsigned_groups(*, as_of: date, documents: Q | None = None) -> list[UnsignedGroup]:
    """The unsigned pairs as groups of the late list (one group: they share no period), of
    the ``documents`` (a SourceDocument filter, the office's government's) when given."""
    rows = unsigned_rows(as_of=as_of)
    if documents is not None:
        own = SourceDocument.objects.filter(documents).values("pk")
        rows = rows.filter(task__task_list__document__in=own)
    return [UnsignedGroup(as_of, rows)]


def unsigned_items(*, as_of: date) -> list[UnsignedItem]:
    """Every unsigned item on ``as_of`` (``duban remind`` chases them all)."""
    return UnsignedGroup(as_of, unsigned_rows(as_of=as_of)).items()


def unsigned_of(task: Task, unit: OrgUnit, *, as_of: date) -> list[UnsignedItem]:
    """``unit``'s missing 签收 of ``task`` on ``as_of`` (none or one)."""
    rows = unsigned_rows(as_of=as_of).filter(task_id=task.pk, unit_id=unit.pk)
    return UnsignedGroup(as_of, rows).items()
