"""Permission-aware reads for the dashboards: which document, which tasks, which figures.

Every figure is counted over the tasks the user may see (``accounts.permissions.task_scope``):
a 单位填报员 sees their units' figures, the 督查室 and 审计 the whole plan. Every figure comes
from the read model (``duban.progress.standing``), counted in the database.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from duban.accounts.permissions import task_scope
from duban.plans.models import SourceDocument, Target, Task, TaskList
from duban.plans.selectors import visible_tasks
from duban.progress.models import ProgressReport
from duban.progress.standing import queries as standing
from duban.progress.standing.loading import document_start
from duban.progress.standing.models import TaskStanding
from duban.progress.status import Colour, ScheduleStatus, TaskStatus
from duban.supervision.rules import percent
from duban.supervision.snapshot import Dataset

COLOURS: tuple[tuple[str, str, str], ...] = (
    (Colour.BLUE, "蓝", "#2f6fdf"),
    (Colour.GREEN, "绿", "#2e9d4d"),
    (Colour.YELLOW, "黄", "#e0a800"),
    (Colour.RED, "红", "#d33b2c"),
)


def document_list(*, user: Any) -> QuerySet[SourceDocument]:
    """Documents with at least one task the user may see, newest first.

    Why per task list: the first visible task of each list is one probe of the (list, number)
    index; ``pk__in`` or ``EXISTS`` over the tasks become a scan of every task (100 ms at
    100,000 tasks).
    """
    first = visible_tasks(user=user).filter(task_list=OuterRef("pk")).order_by("number")
    lists = TaskList.objects.annotate(first_task=Subquery(first.values("pk")[:1]))
    shown = lists.filter(first_task__isnull=False).values("document_id")
    return SourceDocument.objects.filter(pk__in=shown).order_by("-year", "-created_at")


def document_pick(
    *, user: Any, pk: int | None, documents: list[SourceDocument] | None = None
) -> SourceDocument | None:
    """``pk`` if visible, else the newest visible document (``None`` when there is none);
    ``documents``: :func:`document_list` already read by the page (no second query)."""
    if documents is not None:
        chosen = next((d for d in documents if pk is not None and d.pk == pk), None)
        return chosen or (documents[0] if documents else None)
    docs = document_list(user=user)
    if pk is not None:
        chosen = docs.filter(pk=pk).first()
        if chosen is not None:
            return chosen
    return docs.first()


def scoped_tasks(
    *, user: Any, unit_id: int | None = None, leader_id: int | None = None
) -> QuerySet[Task] | None:
    """The tasks a page counts: the user's visible ones, narrowed to one unit (牵头/责任) or one
    leader; ``None`` when that is every task (the counts then need no task filter)."""
    narrowed = unit_id is not None or leader_id is not None
    if task_scope(user) is None and not narrowed:
        return None
    qs = visible_tasks(user=user)
    if unit_id is not None:
        qs = qs.filter(
            assignments__unit_id=unit_id, assignments__role__in=["lead", "responsible"]
        ).distinct()
    if leader_id is not None:
        qs = qs.filter(leader_links__post__holder_id=leader_id).distinct()
    return qs


def dataset(
    *,
    user: Any,
    document: SourceDocument,
    unit_id: int | None = None,
    leader_id: int | None = None,
) -> Dataset:
    """The document's visible tasks described for an output (state from the read model)."""
    scope = scoped_tasks(user=user, unit_id=unit_id, leader_id=leader_id)
    return Dataset(document, scope if scope is not None else Task.objects.all())


@dataclass
class Breakdown:
    label: str
    total: int = 0
    colours: Counter[str] = field(default_factory=Counter)
    on_track: int = 0

    @property
    def on_track_share(self) -> str:
        return percent(self.on_track, self.total)

    @property
    def colour_counts(self) -> list[int]:
        """Counts in ``COLOURS`` order (templates cannot index a Counter safely)."""
        return [self.colours[key] for key, _, _ in COLOURS]


def _breakdown(tally: standing.Tally) -> Breakdown:
    return Breakdown(
        label=tally.label, total=tally.total, colours=tally.colours, on_track=tally.on_track
    )


@dataclass(frozen=True)
class TaskBrief:
    id: int
    number: int
    text: str
    reporting_unit: tuple[int, str] | None
    deadline: date | None


@dataclass(frozen=True)
class TaskRow:
    task: TaskBrief
    status: TaskStatus


@dataclass(frozen=True)
class TaskRows:
    """The first rows of a list, and how many there are in all (the page links to the rest)."""

    total: int
    rows: list[TaskRow]


@dataclass
class Dashboard:
    as_of: date
    total: int
    colours: Counter[str]
    schedule: Counter[str]
    done: int
    on_track: int
    by_section: list[Breakdown]
    by_unit: list[Breakdown]
    by_leader: list[Breakdown]
    trend: list[standing.TrendPoint]
    lagging: TaskRows
    overdue: TaskRows
    unreported: TaskRows

    @property
    def done_share(self) -> str:
        return percent(self.done, self.total)

    @property
    def on_track_share(self) -> str:
        return percent(self.on_track, self.total)

    @property
    def colour_rows(self) -> list[tuple[str, str, int]]:
        """(key, 中文, count) in ``COLOURS`` order."""
        return [(key, label, self.colours[key]) for key, label, _ in COLOURS]

    def chart_data(self) -> dict[str, Any]:
        """Plain JSON for the ECharts page script (``json_script``)."""
        names = [label for _, label, _ in COLOURS]
        series = {key: [b.colours[key] for b in self.by_section] for key, _, _ in COLOURS}
        return {
            "colours": [
                {"name": label, "value": self.colours[key], "color": hex_}
                for key, label, hex_ in COLOURS
            ],
            "sections": {
                "labels": [b.label for b in self.by_section],
                "series": [
                    {"name": label, "data": series[key], "color": hex_}
                    for key, label, hex_ in COLOURS
                ],
            },
            "trend": {
                "labels": [p.label for p in self.trend],
                "series": [
                    {"name": label, "data": [p.colours[key] for p in self.trend], "color": hex_}
                    for key, label, hex_ in COLOURS
                ],
                "on_track": [
                    round(p.on_track * 100 / p.total, 1) if p.total else 0 for p in self.trend
                ],
            },
            "legend": names,
        }


LIST_ROWS = 20


def task_rows(
    *,
    spans: QuerySet[TaskStanding],
    start: date,
    as_of: date,
    limit: int = LIST_ROWS,
    total: int | None = None,
) -> TaskRows:
    """The first ``limit`` tasks of ``spans`` in the notice's order (two queries; one when
    the caller already counted them: ``total``)."""
    page = standing.in_notice_order(spans).select_related("task", "reporting_unit")[:limit]
    rows = []
    for row in page:
        unit = row.reporting_unit
        brief = TaskBrief(
            id=row.task_id,
            number=row.task.number,
            text=row.task.text,
            reporting_unit=(unit.pk, unit.name) if unit is not None else None,
            deadline=row.deadline,
        )
        rows.append(TaskRow(task=brief, status=standing.status_of(row, start=start, day=as_of)))
    return TaskRows(total=spans.count() if total is None else total, rows=rows)


def dashboard(
    *, document: SourceDocument, as_of: date, tasks: QuerySet[Task] | None = None
) -> Dashboard:
    """The 督查看板 on ``as_of``: every figure counted in the database from the read model.

    A fixed number of queries whatever the number of tasks; ``tasks`` narrows it (visibility,
    one unit, one leader), ``None`` counts the whole document.
    """
    spans = standing.on_day(document, as_of, tasks)
    counted = standing.counts(spans)
    totals = counted.totals
    start = document_start(document)

    def listed(schedule: ScheduleStatus) -> TaskRows:
        return task_rows(
            spans=spans.filter(schedule=schedule),
            start=start,
            as_of=as_of,
            total=totals.schedule[schedule],
        )

    return Dashboard(
        as_of=as_of,
        total=totals.total,
        colours=totals.colours,
        schedule=totals.schedule,
        done=totals.schedule[ScheduleStatus.DONE],
        on_track=totals.on_track,
        by_section=[_breakdown(t) for t in counted.by_section],
        by_unit=[_breakdown(t) for t in counted.by_unit],
        by_leader=[_breakdown(t) for t in standing.by_leader(spans)],
        trend=standing.trend(document, as_of, tasks),
        lagging=listed(ScheduleStatus.LAGGING),
        overdue=listed(ScheduleStatus.OVERDUE),
        unreported=listed(ScheduleStatus.NO_REPORT),
    )


@dataclass(frozen=True)
class TimelineEntry:
    report: ProgressReport
    status: TaskStatus | None
    on_time: bool
    actuals: list[tuple[Target, Any]]


def task_timeline(*, task: Task) -> list[TimelineEntry]:
    """One task's submitted reports, oldest first, each with the task's state on its due date
    (read from the task's spans, as every other page)."""
    line = standing.task_line(task)
    targets = list(task.targets.order_by("position"))
    reports = (
        ProgressReport.objects.filter(task=task, submitted_at__isnull=False)
        .select_related("period")
        .prefetch_related("actuals")
        .order_by("period__due_date")
    )
    entries = []
    for report in reports:
        found = standing.standing_in(line, task, report.period.due_date)
        values = {a.target_id: a.value for a in report.actuals.all()}
        submitted = report.submitted_at
        entries.append(
            TimelineEntry(
                report=report,
                status=found.status if found else None,
                on_time=submitted is not None
                and timezone.localdate(submitted) <= report.period.due_date,
                actuals=[(t, values.get(t.pk)) for t in targets],
            )
        )
    return entries
