"""Permission-aware reads for the dashboards: which document, which tasks, which figures.

Every figure is computed over the tasks the user may see (``accounts.permissions.task_scope``):
a 单位填报员 sees their units' figures, the 督查室 and 审计 the whole plan.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet

from duban.accounts.permissions import task_scope
from duban.plans.models import SourceDocument, Task
from duban.progress.status import Colour, ScheduleStatus
from duban.supervision.rules import percent
from duban.supervision.snapshot import Dataset, Evaluated, on_track

COLOURS: tuple[tuple[str, str, str], ...] = (
    (Colour.BLUE, "蓝", "#2f6fdf"),
    (Colour.GREEN, "绿", "#2e9d4d"),
    (Colour.YELLOW, "黄", "#e0a800"),
    (Colour.RED, "红", "#d33b2c"),
)


def visible_tasks(*, user: Any) -> QuerySet[Task]:
    qs = Task.objects.filter(is_withdrawn=False)
    scope = task_scope(user)
    if scope is not None:
        qs = qs.filter(pk__in=Task.objects.filter(scope).values("pk"))
    return qs


def document_list(*, user: Any) -> QuerySet[SourceDocument]:
    """Documents with at least one task the user may see, newest first."""
    ids = visible_tasks(user=user).values("task_list__document_id")
    return SourceDocument.objects.filter(pk__in=ids).order_by("-year", "-created_at")


def document_pick(*, user: Any, pk: int | None) -> SourceDocument | None:
    """``pk`` if visible, else the newest visible document (``None`` when there is none)."""
    docs = document_list(user=user)
    if pk is not None:
        chosen = docs.filter(pk=pk).first()
        if chosen is not None:
            return chosen
    return docs.first()


def dataset(
    *,
    user: Any,
    document: SourceDocument,
    unit_id: int | None = None,
    leader_id: int | None = None,
) -> Dataset:
    """The document's visible tasks, narrowed to one unit (牵头/责任) or one leader if asked."""
    qs = visible_tasks(user=user).filter(task_list__document=document)
    if unit_id is not None:
        qs = qs.filter(
            assignments__unit_id=unit_id, assignments__role__in=["lead", "responsible"]
        ).distinct()
    if leader_id is not None:
        qs = qs.filter(leader_links__post__holder_id=leader_id).distinct()
    return Dataset(document, qs)


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


@dataclass
class TrendPoint:
    label: str
    as_of: date
    colours: Counter[str]
    on_track: int
    total: int


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
    trend: list[TrendPoint]
    lagging: list[Evaluated]
    overdue: list[Evaluated]
    unreported: list[Evaluated]

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


def _group(
    rows: Iterable[Evaluated], keys: Callable[[Evaluated], list[str]], *, order: list[str] | None
) -> list[Breakdown]:
    groups: dict[str, Breakdown] = {}
    for row in rows:
        for key in keys(row):
            group = groups.setdefault(key, Breakdown(label=key))
            group.total += 1
            group.colours[row.status.colour] += 1
            group.on_track += on_track(row.status)
    if order is not None:
        return [groups[k] for k in order if k in groups]
    return sorted(groups.values(), key=lambda b: (-b.colours[Colour.RED], -b.total, b.label))


def dashboard(*, data: Dataset, as_of: date) -> Dashboard:
    rows = data.evaluate(as_of)
    sections = list(dict.fromkeys(t.section for t in data.tasks))
    trend = []
    for period in data.periods_until(as_of):
        past = data.evaluate(period.due_date)
        trend.append(
            TrendPoint(
                label=period.label,
                as_of=period.due_date,
                colours=Counter(r.status.colour for r in past),
                on_track=sum(on_track(r.status) for r in past),
                total=len(past),
            )
        )
    schedule = Counter(str(r.status.schedule) for r in rows)
    return Dashboard(
        as_of=as_of,
        total=len(rows),
        colours=Counter(r.status.colour for r in rows),
        schedule=schedule,
        done=schedule[ScheduleStatus.DONE],
        on_track=sum(on_track(r.status) for r in rows),
        by_section=_group(rows, lambda r: [r.task.section], order=sections),
        by_unit=_group(
            rows, lambda r: [r.task.reporting_unit[1]] if r.task.reporting_unit else [], order=None
        ),
        by_leader=_group(rows, lambda r: [name for _, name in r.task.leaders], order=None),
        trend=trend,
        lagging=[r for r in rows if r.status.schedule == ScheduleStatus.LAGGING],
        overdue=[r for r in rows if r.status.schedule == ScheduleStatus.OVERDUE],
        unreported=[r for r in rows if r.status.schedule == ScheduleStatus.NO_REPORT],
    )


def task_timeline(*, data: Dataset, task_id: int) -> list[dict[str, Any]]:
    """One task's submitted reports, oldest first, each with the status as of its due date."""
    task = data.by_id[task_id]
    timeline = []
    for report in task.reports:
        status = data.evaluate_one(task, report.period_due)
        timeline.append(
            {
                "report": report,
                "status": status,
                "on_time": report.submitted_on is not None
                and report.submitted_on <= report.period_due,
                "actuals": [(t, report.actuals.get(t.id)) for t in task.targets],
            }
        )
    return timeline


def by_unit_index(rows: Iterable[Evaluated]) -> dict[int, list[Evaluated]]:
    index: dict[int, list[Evaluated]] = defaultdict(list)
    for row in rows:
        if row.task.reporting_unit is not None:
            index[row.task.reporting_unit[0]].append(row)
    return index
