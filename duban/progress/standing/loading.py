"""Reads the facts of many tasks in bulk and builds their ``timeline.TaskHistory``.

A fixed number of queries per batch of tasks, whatever the batch size: tasks are taken in
primary-key ranges of one document (no long ``IN`` lists, which SQLite caps), and each table
is read once per batch with ``values_list`` (no model instances, no default ordering joins).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from duban.plans.models import Milestone, Section, SourceDocument, Target, TaskUnit, UnitRole
from duban.progress.models import (
    CompletionRequest,
    PeriodKind,
    ProgressReport,
    ReportActual,
    ReportingPeriod,
    ReportStep,
    ReviewState,
    Revision,
    RevisionKind,
    TaskTracking,
)
from duban.progress.timeline import (
    APPROVED,
    RETURNED,
    SUBMITTED,
    CompletionHistory,
    ReportHistory,
    TargetHistory,
    TaskHistory,
    month_index,
)

_ROLE_RANK = {str(UnitRole.LEAD): 0, str(UnitRole.RESPONSIBLE): 1}


def document_start(document: SourceDocument) -> date:
    """序时进度 starts at the notice's date, else on 1 January of its year."""
    if document.issued_on is not None:
        return document.issued_on
    return date(document.year or document.created_at.year, 1, 1)


def document_window(document: SourceDocument) -> tuple[int, int]:
    """The month buckets of a document: from its start month to December of its year."""
    start = document_start(document)
    return month_index(start), month_index(date(start.year, 12, 31))


def reporting_units(task_filter: Q) -> dict[int, int]:
    """The one rule of who reports a task: its first 牵头单位, else its first 责任单位.

    ``task_filter`` selects the tasks (a ``Q`` on ``TaskUnit.task``); one query.
    """
    best: dict[int, tuple[tuple[int, int, int], int]] = {}
    rows = TaskUnit.objects.filter(
        task_filter, role__in=[UnitRole.LEAD, UnitRole.RESPONSIBLE]
    ).values_list("task_id", "unit_id", "role", "position", "id")
    for task_id, unit_id, role, position, pk in rows.order_by():
        key = (_ROLE_RANK[role], position, pk)
        if task_id not in best or key < best[task_id][0]:
            best[task_id] = (key, unit_id)
    return {task_id: value[1] for task_id, value in best.items()}


def _day(moment: datetime | None) -> date | None:
    return timezone.localdate(moment) if moment is not None else None


def top_sections(document: SourceDocument) -> dict[int, int]:
    """Section id → its top-level section id (the 一、二、 headings a dashboard groups by)."""
    parents = dict(
        Section.objects.filter(task_list__document=document).order_by().values_list("pk", "parent")
    )
    tops: dict[int, int] = {}
    for pk in parents:
        node = pk
        while (parent := parents.get(node)) is not None:
            node = parent
        tops[pk] = node
    return tops


def _steps(
    recorded: list[tuple[date, str]], fields: tuple[str, date | None, date | None]
) -> tuple[tuple[date, str], ...]:
    """A report's review steps as recorded (local days, in time order); for a report with none
    recorded (rows written by bulk tools), the steps its own fields imply.
    ``queries.late_by_unit`` reads the same way."""
    if recorded:
        return tuple(recorded)
    state, submitted, reviewed = fields
    if submitted is None:
        return ()
    steps = [(submitted, SUBMITTED)]
    if reviewed is not None and state in (RETURNED, APPROVED):
        steps.append((max(reviewed, submitted), state))
    return tuple(steps)


class Batch:
    """The facts of one document's tasks in one primary-key range, read in bulk."""

    def __init__(self, document: SourceDocument, tasks: dict[str, Any]) -> None:
        self.document = document
        self.tasks = tasks  # lookups on ``task_id``: an id range (``task_id__gte``…) or ids
        self.start = document_start(document)

    def _on(self, model: type[models.Model], **extra: Any) -> QuerySet[Any]:
        return model._default_manager.filter(**self.tasks, **extra).order_by()

    def histories(
        self, task_ids: Iterable[int], periods: tuple[tuple[int, date], ...]
    ) -> dict[int, TaskHistory]:
        ids = list(task_ids)
        milestones: dict[int, list[date | None]] = defaultdict(list)
        for task_id, due in self._on(Milestone, ongoing=False).values_list("task_id", "due_date"):
            milestones[task_id].append(due)
        extensions: dict[int, list[tuple[date, date]]] = defaultdict(list)
        adjustments: dict[int, list[tuple[date, Decimal]]] = defaultdict(list)
        approved = self._on(Revision, state=ReviewState.APPROVED).values_list(
            "task_id", "kind", "target_id", "decided_at", "new_deadline", "new_value"
        )
        for task_id, kind, target_id, at, new_deadline, new_value in approved:
            on = _day(at) or self.start
            if kind == RevisionKind.EXTEND and new_deadline is not None:
                extensions[task_id].append((on, new_deadline))
            elif kind == RevisionKind.ADJUST and new_value is not None and target_id:
                adjustments[target_id].append((on, new_value))
        targets: dict[int, list[TargetHistory]] = defaultdict(list)
        rows = self._on(Target).values_list("pk", "task_id", "kind", "comparator", "value")
        for pk, task_id, kind, comparator, value in rows.order_by("task_id", "position", "pk"):
            targets[task_id].append(
                TargetHistory(pk, kind, comparator, value, tuple(sorted(adjustments[pk])))
            )
        reports = self._reports()
        completions: dict[int, list[CompletionHistory]] = defaultdict(list)
        for task_id, created, reviewed, state in self._on(CompletionRequest).values_list(
            "task_id", "created_at", "reviewed_at", "state"
        ):
            decided = _day(reviewed) if state != ReviewState.SUBMITTED else None
            completions[task_id].append(
                CompletionHistory(
                    _day(created) or self.start, decided, state == ReviewState.APPROVED
                )
            )
        closed = set(self._on(TaskTracking, state="closed").values_list("task_id", flat=True))
        return {
            task_id: TaskHistory(
                task_id=task_id,
                start=self.start,
                periods=periods,
                milestones=tuple(milestones[task_id]),
                extensions=tuple(sorted(extensions[task_id])),
                targets=tuple(targets[task_id]),
                reports=tuple(sorted(reports[task_id], key=lambda r: r.period_due)),
                completions=tuple(sorted(completions[task_id], key=lambda c: c.requested)),
                closed_always=task_id in closed
                and not any(c.approved for c in completions[task_id]),
            )
            for task_id in ids
        }

    def _reports(self) -> dict[int, list[ReportHistory]]:
        stage_due = dict(self._on(Milestone).values_list("pk", "due_date"))
        # Local days computed by the database (parsing a million timestamps costs more than
        # the rest of a rebuild); ordered by the moment, so the order of a day's steps holds.
        steps: dict[int, list[tuple[date, str]]] = defaultdict(list)
        recorded = self._on(ReportStep).annotate(day=TruncDate("at"))
        for report_id, day, state in recorded.order_by("report_id", "at", "state").values_list(
            "report_id", "day", "state"
        ):
            steps[report_id].append((day, state))
        actuals: dict[int, dict[int, Decimal | None]] = defaultdict(dict)
        in_batch = {f"report__{key}": value for key, value in self.tasks.items()}
        rows_actual = ReportActual.objects.filter(**in_batch).order_by()
        for report_id, target_id, value in rows_actual.values_list(
            "report_id", "target_id", "value"
        ):
            actuals[report_id][target_id] = value
        reports: dict[int, list[ReportHistory]] = defaultdict(list)
        rows = self._on(ProgressReport, period__kind=PeriodKind.MONTHLY).annotate(
            submitted_day=TruncDate("submitted_at"), reviewed_day=TruncDate("reviewed_at")
        ).values_list(
            "pk", "task_id", "period_id", "period__due_date", "stage_id", "state",
            "submitted_day", "reviewed_day",
        )  # fmt: skip
        for pk, task_id, period_id, due, stage_id, state, submitted, reviewed in rows:
            report_steps = _steps(steps.get(pk, []), (state, submitted, reviewed))
            if not report_steps:
                continue  # a draft nobody submitted: unknown to the 督查室
            reports[task_id].append(
                ReportHistory(
                    id=pk,
                    period_id=period_id,
                    period_due=due,
                    steps=report_steps,
                    stage_due=stage_due.get(stage_id) if stage_id else None,
                    actuals=actuals.get(pk, {}),
                )
            )
        return reports


def monthly_periods(document: SourceDocument) -> tuple[tuple[int, date], ...]:
    rows = ReportingPeriod.objects.filter(document=document, kind=PeriodKind.MONTHLY)
    return tuple(rows.order_by("due_date", "pk").values_list("pk", "due_date"))
