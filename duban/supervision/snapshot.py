"""One document's tasks as the outputs describe them, with their state from the read model.

The state of every task on a day (lights, statuses, the latest report, the effective
deadline, the reporting unit) comes from ``duban.progress.standing`` — the spans every page,
export, API and reminder reads — never computed here. What this module adds is what the
台账, 通报, ranking and year-end texts need besides: task texts and sections, units and
leaders as written, targets with the goal in force on the day, and the latest reports' texts
and figures. A fixed number of queries per document and day, whatever its size.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, tzinfo
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from duban.orgs.models import OrgUnit
from duban.plans.models import SourceDocument, Target, Task, TaskLeader, TaskUnit, UnitRole
from duban.progress.models import (
    CompletionRequest,
    PeriodKind,
    ProgressReport,
    ReportActual,
    ReportingPeriod,
    ReviewState,
    Revision,
    RevisionKind,
    TaskTracking,
)
from duban.progress.parts import queries as parts
from duban.progress.standing import queries as standing
from duban.progress.standing.loading import document_start
from duban.progress.status import TaskStatus


@dataclass(frozen=True, slots=True)
class TargetInfo:
    id: int
    metric: str
    unit: str
    kind: str
    comparator: str
    goal: Decimal | None  # the goal in force on the day (an approved adjustment, else baseline)
    raw_text: str


@dataclass(slots=True)
class ReportInfo:
    """What the outputs print of a task's latest report: its texts and figures (its period
    and dates are the read model's; at 100,000 reports each column read costs seconds)."""

    id: int
    period_id: int
    state: str
    progress: str
    problems: str
    next_steps: str
    actuals: dict[int, Decimal | None] = field(default_factory=dict)


@dataclass(slots=True)
class TaskInfo:
    id: int
    number: int
    text: str
    list_title: str
    section: str  # the top-level section title (一、经济发展)
    section_path: str
    deadline_text: str
    deadline: date | None = None  # in force on the day (from the read model)
    leaders: list[tuple[int | None, str]] = field(default_factory=list)
    lead_units: list[tuple[int, str]] = field(default_factory=list)
    responsible_units: list[tuple[int, str]] = field(default_factory=list)
    reporting_unit: tuple[int, str] | None = None
    targets: list[TargetInfo] = field(default_factory=list)
    closed_on: date | None = None  # the day its 销号 was approved (whenever that was)

    @property
    def unit_ids(self) -> set[int]:
        return {u for u, _ in self.lead_units} | {u for u, _ in self.responsible_units}


@dataclass(slots=True)
class Evaluated:
    task: TaskInfo
    status: TaskStatus
    latest: ReportInfo | None


def _local(moment: object, zone: tzinfo | None = None) -> date | None:
    """The local day of ``moment``; pass ``zone`` in a loop (the current zone is a lookup)."""
    if moment is None:
        return None
    return timezone.localdate(moment, zone)  # type: ignore[arg-type]


class Dataset:
    """A document's (visible) tasks, described once and evaluated on any day from the spans."""

    def __init__(self, document: SourceDocument, tasks: QuerySet[Task]) -> None:
        self.document = document
        self.start = document_start(document)
        self.task_queryset = tasks.filter(task_list__document=document, is_withdrawn=False)
        self.periods = list(
            ReportingPeriod.objects.filter(document=document, kind=PeriodKind.MONTHLY).order_by(
                "due_date", "pk"
            )
        )
        rows = self.task_queryset.order_by("task_list__position", "number", "id").values_list(
            "pk", "number", "text", "task_list__title", "section_path", "deadline_text"
        )
        self.tasks = [
            TaskInfo(
                id=pk,
                number=number,
                text=text,
                list_title=list_title,
                section=(path.split(" › ")[0] if path else standing.NO_SECTION),
                section_path=path,
                deadline_text=deadline_text,
            )
            for pk, number, text, list_title, path, deadline_text in rows
        ]
        self.by_id = {t.id: t for t in self.tasks}
        # task id → its targets with the baseline goal, and the approved adjustments
        self._baselines: dict[int, list[tuple[TargetInfo, list[tuple[date, Decimal]]]]] = {}
        self._targets_loaded = False  # read with the first evaluation that needs them
        self._load_links()
        self._load_closures()
        self._cache: dict[tuple[date, bool], list[Evaluated]] = {}

    # --- loading (one query a table, over the document) ---------------------------------------

    def _in_document(self) -> dict[str, object]:
        return {"task__task_list__document": self.document, "task__is_withdrawn": False}

    def _load_links(self) -> None:
        units = TaskUnit.objects.filter(
            **self._in_document(), role__in=[UnitRole.LEAD, UnitRole.RESPONSIBLE]
        ).order_by("task_id", "position", "id")
        for task_id, unit_id, name, role in units.values_list(
            "task_id", "unit_id", "unit__name", "role"
        ):
            task = self.by_id.get(task_id)
            if task is not None:
                bucket = task.lead_units if role == UnitRole.LEAD else task.responsible_units
                bucket.append((unit_id, name))
        leaders = TaskLeader.objects.filter(**self._in_document()).order_by(
            "task_id", "position", "id"
        )
        for task_id, leader_id, name, raw in leaders.values_list(
            "task_id", "post__holder_id", "post__holder__name", "raw_name"
        ):
            if task_id in self.by_id:
                self.by_id[task_id].leaders.append((leader_id, name or raw))

    def _load_targets(self) -> None:
        if self._targets_loaded:
            return
        self._targets_loaded = True
        adjustments: dict[int, list[tuple[date, Decimal]]] = defaultdict(list)
        approved = Revision.objects.filter(
            **self._in_document(),
            kind=RevisionKind.ADJUST,
            state=ReviewState.APPROVED,
            new_value__isnull=False,
        ).order_by("decided_at", "pk")
        for target_id, at, value in approved.values_list("target_id", "decided_at", "new_value"):
            if value is not None:
                adjustments[target_id].append((_local(at) or self.start, value))
        # plain rows, not model instances: a 台账 of 100,000 tasks reads as many targets
        targets = Target.objects.filter(**self._in_document()).order_by("task_id", "position")
        for pk, task_id, metric, unit, kind, comparator, value, raw in targets.values_list(
            "pk", "task_id", "metric", "unit", "kind", "comparator", "value", "raw_text"
        ):
            if task_id in self.by_id:
                target = TargetInfo(pk, metric, unit, kind, comparator, value, raw)
                self._baselines.setdefault(task_id, []).append((target, adjustments.get(pk, [])))

    def _load_closures(self) -> None:
        approved = CompletionRequest.objects.filter(
            **self._in_document(), state=ReviewState.APPROVED
        ).values_list("task_id", "reviewed_at")
        zone = timezone.get_current_timezone()
        closed_on = {task_id: _local(at, zone) for task_id, at in approved}
        closed = TaskTracking.objects.filter(**self._in_document(), state="closed")
        for task_id in closed.values_list("task_id", flat=True):
            if task_id in self.by_id:
                self.by_id[task_id].closed_on = closed_on.get(task_id) or date.min

    def _targets_on(self, task_id: int, day: date) -> list[TargetInfo]:
        infos = []
        for target, changes in self._baselines.get(task_id, ()):
            applied = [value for when, value in changes if when <= day] if changes else None
            infos.append(replace(target, goal=applied[-1]) if applied else target)
        return infos

    def _reports(self, as_of: date) -> dict[int, ReportInfo]:
        """The latest report of every task on ``as_of``: selected by a subquery on the day's
        spans (a list of 100,000 ids costs more to send than to read)."""
        spans = standing.on_day(self.document, as_of, self.task_queryset)
        ids = spans.filter(latest_report__isnull=False).values("latest_report_id")
        fields = ("pk", "period_id", "state", "progress", "problems", "next_steps")
        rows = ProgressReport.objects.filter(pk__in=ids).order_by().values_list(*fields)
        reports = {row[0]: ReportInfo(*row) for row in rows}
        actuals = ReportActual.objects.filter(report_id__in=ids).order_by()
        for report_id, target_id, value in actuals.values_list("report_id", "target_id", "value"):
            reports[report_id].actuals[target_id] = value
        return reports

    # --- evaluating -------------------------------------------------------------------------

    def evaluate(self, as_of: date, *, reports: bool = True) -> list[Evaluated]:
        """Every task's state on ``as_of`` as the read model has it, in the notice's order.

        ``reports=False`` reads the states alone: no latest report (``latest`` is None) and
        no targets — what the 通报 counts and names, without reading 100,000 reports' texts.
        """
        key = (as_of, reports)
        if key not in self._cache:
            states = standing.standings(self.document, as_of, self.task_queryset)
            latest_reports: dict[int, ReportInfo] = {}
            if reports:
                self._load_targets()
                latest_reports = self._reports(as_of)
            names = {u: n for t in self.tasks for u, n in t.lead_units + t.responsible_units}
            rows = []
            for task in self.tasks:
                state = states.get(task.id)
                if state is None:
                    continue  # no span: the read model does not know the task (not built)
                task.deadline = state.deadline
                unit = state.reporting_unit_id
                task.reporting_unit = (unit, names.get(unit, "")) if unit is not None else None
                latest = None
                if reports:
                    task.targets = self._targets_on(task.id, as_of)
                    report_id = state.latest_report_id
                    latest = latest_reports.get(report_id) if report_id else None
                rows.append(Evaluated(task=task, status=state.status, latest=latest))
            self._cache[key] = rows
        return self._cache[key]

    def periods_until(self, as_of: date) -> list[ReportingPeriod]:
        return [p for p in self.periods if p.due_date <= as_of]

    def period_on(self, as_of: date) -> ReportingPeriod | None:
        """The latest monthly period already due on ``as_of`` (what a 通报 reports on)."""
        due = self.periods_until(as_of)
        return due[-1] if due else None


def on_track(status: TaskStatus) -> bool:
    """达到序时进度: done, ahead or on track."""
    return status.schedule in standing.ON_TRACK


def late_units(data: Dataset, period: ReportingPeriod) -> dict[tuple[int, str], int]:
    """未按时报送: (unit id, name) → its items not submitted by the period's due date — the
    汇总s it reports and the parts it owes on others' tasks (``parts.queries``), each
    counted once."""
    late = standing.late_by_unit(data.document, period, data.task_queryset)
    for unit, n in parts.missing_by_unit(data.document, period, data.task_queryset).items():
        late[unit] = late.get(unit, 0) + n
    names = {u: n for t in data.tasks for u, n in t.lead_units + t.responsible_units}
    unknown = [u for u in late if u not in names]  # units that only owe parts (配合, streets)
    names |= dict(OrgUnit.objects.filter(pk__in=unknown).values_list("pk", "name"))
    return {(unit, names.get(unit, "")): n for unit, n in late.items()}
