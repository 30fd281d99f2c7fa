"""The progress a 通报 may quote: each task's latest report approved by the 督查室 by a day.

A 通报 is an official statement, so it quotes only what the 督查室 accepted: a report whose
last review step on or before the bulletin's date is 审核通过 (a report returned since, or
only submitted, is not quoted), and of those the latest period's. Review steps are read as
the read model reads them (``ReportStep`` rows; for rows without steps, the report's own
``state`` and ``reviewed_at``), so the quote and the figures agree about what was known then.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from duban.progress.models import PeriodKind, ProgressReport, ReportStep

APPROVED = "approved"


@dataclass(frozen=True, slots=True)
class ApprovedReport:
    task_id: int
    period_label: str
    period_due: date
    progress: str
    problems: str


def _day(moment: datetime | None) -> date | None:
    return timezone.localdate(moment) if moment is not None else None


def latest_approved(task_ids: Iterable[int], as_of: date) -> dict[int, ApprovedReport]:
    """task id → its latest report approved by ``as_of`` (tasks without one are absent).

    Three queries whatever the number of tasks: the reports, their steps, nothing per task.
    """
    ids = list(task_ids)
    reports = list(
        ProgressReport.objects.filter(task_id__in=ids, period__kind=PeriodKind.MONTHLY)
        .exclude(submitted_at=None)
        .order_by()
        .values_list(
            "pk", "task_id", "period__label", "period__due_date", "state", "reviewed_at",
            "progress", "problems",
        )
    )  # fmt: skip
    last_step: dict[int, tuple[datetime, int, str]] = {}
    stepped: set[int] = set()
    steps = ReportStep.objects.filter(task_id__in=ids).order_by()
    for pk, report_id, at, state in steps.values_list("pk", "report_id", "at", "state"):
        stepped.add(report_id)
        day = _day(at)
        if day is None or day > as_of:
            continue
        if report_id not in last_step or (at, pk) > last_step[report_id][:2]:
            last_step[report_id] = (at, pk, state)
    best: dict[int, ApprovedReport] = {}
    for pk, task_id, label, due, state, reviewed_at, progress, problems in reports:
        if pk in stepped:
            approved = pk in last_step and last_step[pk][2] == APPROVED
        else:  # no steps recorded (bulk tools): the report's own fields
            reviewed = _day(reviewed_at)
            approved = state == APPROVED and reviewed is not None and reviewed <= as_of
        if approved and (task_id not in best or best[task_id].period_due < due):
            best[task_id] = ApprovedReport(task_id, label, due, progress, problems)
    return best
