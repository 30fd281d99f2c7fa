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
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from duban.plans.models import Task
from duban.progress.models import PeriodKind, ProgressReport, ReportStep
from duban.progress.standing.queries import end_of

APPROVED = "approved"


@dataclass(frozen=True, slots=True)
class ApprovedReport:
    task_id: int
    period_label: str
    period_due: date
    progress: str
    problems: str


def _scope(tasks: QuerySet[Task] | Iterable[int]) -> dict[str, Any]:
    """A lookup on ``task``: a subquery for a queryset (no list of 100,000 ids), else ids."""
    if isinstance(tasks, QuerySet):
        return {"task__in": tasks.order_by().values("pk")}
    return {"task_id__in": list(tasks)}


def latest_approved(
    tasks: QuerySet[Task] | Iterable[int], as_of: date
) -> dict[int, ApprovedReport]:
    """task id → its latest report approved by ``as_of`` (tasks without one are absent).

    Four queries whatever the number of tasks. Why in the database: at 100,000 tasks there
    are a million reports and two million steps; reading them all (with their texts) was most
    of a 通报 draft. Here the database keeps the approvals still in force on the day — an
    审核通过 step with no later step by then, or, for a report without steps (bulk tools), its
    own ``state`` and ``reviewed_at`` — and only the chosen reports' texts are read.
    """
    scope = _scope(tasks)
    before = end_of(as_of)
    monthly = {"report__period__kind": PeriodKind.MONTHLY, "report__submitted_at__isnull": False}
    later = ReportStep.objects.filter(report=OuterRef("report_id"), at__lt=before).filter(
        Q(at__gt=OuterRef("at")) | Q(at=OuterRef("at"), pk__gt=OuterRef("pk"))
    )
    last_approvals = (
        ReportStep.objects.filter(**scope, **monthly, state=APPROVED, at__lt=before)
        .exclude(Exists(later))
        .order_by()
        .values_list("report_id", "task_id", "report__period__due_date")
    )
    no_steps = (
        ProgressReport.objects.filter(
            **scope, period__kind=PeriodKind.MONTHLY, state=APPROVED, reviewed_at__lt=before
        )
        .exclude(submitted_at=None)
        .exclude(Exists(ReportStep.objects.filter(report=OuterRef("pk"))))
        .order_by()
        .values_list("pk", "task_id", "period__due_date")
    )
    best: dict[int, tuple[date, int]] = {}
    for rows in (last_approvals, no_steps):
        for report_id, task_id, due in rows:
            if task_id not in best or best[task_id][0] < due:
                best[task_id] = (due, report_id)
    return _texts([report_id for _, report_id in best.values()])


def _texts(report_ids: list[int]) -> dict[int, ApprovedReport]:
    """The chosen reports' texts (one query: at most one report per task)."""
    fields = ("task_id", "period__label", "period__due_date", "progress", "problems")
    rows = ProgressReport.objects.filter(pk__in=report_ids).order_by().values_list(*fields)
    return {
        task_id: ApprovedReport(task_id, label, due, progress, problems)
        for task_id, label, due, progress, problems in rows
    }
