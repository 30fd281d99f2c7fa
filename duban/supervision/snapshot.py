"""One document's tasks, targets and reports loaded in a handful of queries, then evaluated.

Why not ``progress.selectors.task_status`` per task: that costs about ten queries a task,
and a city-scale year (3,000 tasks × 12 periods) must give its 台账 and 通报 in seconds.
``Dataset`` reads the same facts in bulk and feeds the same pure engine
(``duban.progress.status.evaluate``), so a colour here is the colour on the task page.

"As of" a date means what the 督查室 knew that day: a report counts once it was submitted
(``submitted_at`` ≤ ``as_of``), a task is 销号 once its 办结申请 was approved by then, and
approved adjustments/extensions apply as they stand now (they carry no effective date).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from duban.plans.models import (
    Milestone,
    SourceDocument,
    Target,
    Task,
    TaskLeader,
    TaskUnit,
    UnitRole,
)
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
from duban.progress.status import (
    MilestoneFact,
    ScheduleStatus,
    TargetFact,
    TaskFacts,
    TaskStatus,
    evaluate,
)

_REVIEW = {"submitted": "pending", "returned": "returned", "approved": "approved"}


@dataclass(frozen=True, slots=True)
class TargetInfo:
    id: int
    metric: str
    unit: str
    kind: str
    comparator: str
    goal: Decimal | None  # the approved adjustment, else the baseline
    raw_text: str


@dataclass(slots=True)
class ReportInfo:
    id: int
    period_id: int
    period_label: str
    period_due: date
    state: str
    submitted_on: date | None
    progress: str
    problems: str
    next_steps: str
    stage_due: date | None
    actuals: dict[int, Decimal | None] = field(default_factory=dict)


@dataclass(slots=True)
class TaskInfo:
    id: int
    number: int
    text: str
    section: str  # the top-level section title (一、经济发展)
    section_path: str
    deadline: date | None
    deadline_text: str
    leaders: list[tuple[int | None, str]] = field(default_factory=list)
    lead_units: list[tuple[int, str]] = field(default_factory=list)
    responsible_units: list[tuple[int, str]] = field(default_factory=list)
    reporting_unit: tuple[int, str] | None = None
    targets: list[TargetInfo] = field(default_factory=list)
    milestones: list[date | None] = field(default_factory=list)
    reports: list[ReportInfo] = field(default_factory=list)  # submitted ones, by period due
    closed_on: date | None = None
    claimed_done: bool = False

    @property
    def unit_ids(self) -> set[int]:
        return {u for u, _ in self.lead_units} | {u for u, _ in self.responsible_units}

    def latest(self, as_of: date) -> ReportInfo | None:
        """The latest report submitted by ``as_of`` (by period)."""
        seen = [r for r in self.reports if r.submitted_on is not None and r.submitted_on <= as_of]
        return seen[-1] if seen else None

    def report_for(self, period_id: int) -> ReportInfo | None:
        return next((r for r in self.reports if r.period_id == period_id), None)


@dataclass(slots=True)
class Evaluated:
    task: TaskInfo
    status: TaskStatus
    latest: ReportInfo | None


def _local(moment: object) -> date | None:
    return timezone.localdate(moment) if moment is not None else None  # type: ignore[arg-type]


class Dataset:
    """Everything about one document's (visible) tasks, ready to evaluate on any date."""

    def __init__(self, document: SourceDocument, tasks: QuerySet[Task]) -> None:
        self.document = document
        self.start = document.issued_on or date(document.year or document.created_at.year, 1, 1)
        self.periods = list(
            ReportingPeriod.objects.filter(document=document, kind=PeriodKind.MONTHLY).order_by(
                "due_date"
            )
        )
        rows = tasks.filter(task_list__document=document, is_withdrawn=False).order_by(
            "task_list__position", "number", "id"
        )
        self.tasks = [
            TaskInfo(
                id=pk,
                number=number,
                text=text,
                section=(path.split(" › ")[0] if path else "（未分章节）"),
                section_path=path,
                deadline=None,
                deadline_text=deadline_text,
            )
            for pk, number, text, path, deadline_text in rows.values_list(
                "pk", "number", "text", "section_path", "deadline_text"
            )
        ]
        self.by_id = {t.id: t for t in self.tasks}
        ids = list(self.by_id)
        self._load_links(ids)
        self._load_targets(ids)
        self._load_dates(ids)
        self._load_reports(ids)

    # --- loading ----------------------------------------------------------------------------

    def _chunks(self, ids: list[int]) -> list[list[int]]:
        """SQLite caps query parameters; 900 ids a query stays well under the limit."""
        return [ids[i : i + 900] for i in range(0, len(ids), 900)] or [[]]

    def _load_links(self, ids: list[int]) -> None:
        for chunk in self._chunks(ids):
            units = (
                TaskUnit.objects.filter(
                    task_id__in=chunk, role__in=[UnitRole.LEAD, UnitRole.RESPONSIBLE]
                )
                .order_by("task_id", "position", "id")
                .values_list("task_id", "unit_id", "unit__name", "role")
            )
            for task_id, unit_id, name, role in units:
                task = self.by_id[task_id]
                bucket = task.lead_units if role == UnitRole.LEAD else task.responsible_units
                bucket.append((unit_id, name))
            leaders = (
                TaskLeader.objects.filter(task_id__in=chunk)
                .order_by("task_id", "position", "id")
                .values_list("task_id", "post__holder_id", "post__holder__name", "raw_name")
            )
            for task_id, leader_id, name, raw in leaders:
                self.by_id[task_id].leaders.append((leader_id, name or raw))
        for task in self.tasks:
            first = task.lead_units or task.responsible_units
            task.reporting_unit = first[0] if first else None

    def _load_targets(self, ids: list[int]) -> None:
        adjusted: dict[int, Decimal | None] = {}
        revisions = Revision.objects.filter(
            task__task_list__document=self.document,
            kind=RevisionKind.ADJUST,
            state=ReviewState.APPROVED,
            new_value__isnull=False,
        ).order_by("decided_at")
        for target_id, value in revisions.values_list("target_id", "new_value"):
            adjusted[target_id] = value
        for chunk in self._chunks(ids):
            for t in Target.objects.filter(task_id__in=chunk).order_by("task_id", "position"):
                self.by_id[t.task_id].targets.append(
                    TargetInfo(
                        id=t.pk,
                        metric=t.metric,
                        unit=t.unit,
                        kind=t.kind,
                        comparator=t.comparator,
                        goal=adjusted.get(t.pk, t.value),
                        raw_text=t.raw_text,
                    )
                )

    def _load_dates(self, ids: list[int]) -> None:
        extended: dict[int, date | None] = {}
        revisions = Revision.objects.filter(
            task__task_list__document=self.document,
            kind=RevisionKind.EXTEND,
            state=ReviewState.APPROVED,
            new_deadline__isnull=False,
        ).order_by("decided_at")
        for task_id, new_deadline in revisions.values_list("task_id", "new_deadline"):
            extended[task_id] = new_deadline
        for chunk in self._chunks(ids):
            stones = Milestone.objects.filter(task_id__in=chunk, ongoing=False).order_by(
                "task_id", "due_date"
            )
            for task_id, due in stones.values_list("task_id", "due_date"):
                self.by_id[task_id].milestones.append(due)
            closed = TaskTracking.objects.filter(task_id__in=chunk)
            states = dict(closed.values_list("task_id", "state"))
            approvals = CompletionRequest.objects.filter(
                task_id__in=chunk, state=ReviewState.APPROVED
            ).values_list("task_id", "reviewed_at")
            approved_on = {task_id: _local(at) for task_id, at in approvals}
            for task_id, state in states.items():
                task = self.by_id[task_id]
                task.claimed_done = state == "completion_requested"
                if state == "closed":
                    task.closed_on = approved_on.get(task_id) or date.min
        for task in self.tasks:
            dated = [d for d in task.milestones if d is not None]
            task.deadline = extended.get(task.id) or (max(dated) if dated else None)

    def _load_reports(self, ids: list[int]) -> None:
        stage_due = dict(
            Milestone.objects.filter(task__task_list__document=self.document).values_list(
                "pk", "due_date"
            )
        )
        by_report: dict[int, ReportInfo] = {}
        for chunk in self._chunks(ids):
            reports = ProgressReport.objects.filter(
                task_id__in=chunk, submitted_at__isnull=False
            ).values_list(
                "pk",
                "task_id",
                "period_id",
                "period__label",
                "period__due_date",
                "state",
                "submitted_at",
                "progress",
                "problems",
                "next_steps",
                "stage_id",
            )
            for pk, task_id, period_id, label, due, state, at, prog, probs, nxt, stage in reports:
                info = ReportInfo(
                    id=pk,
                    period_id=period_id,
                    period_label=label,
                    period_due=due,
                    state=state,
                    submitted_on=_local(at),
                    progress=prog,
                    problems=probs,
                    next_steps=nxt,
                    stage_due=stage_due.get(stage) if stage else None,
                )
                by_report[pk] = info
                self.by_id[task_id].reports.append(info)
            actuals = ReportActual.objects.filter(report__task_id__in=chunk)
            for report_id, target_id, value in actuals.values_list(
                "report_id", "target_id", "value"
            ):
                if report_id in by_report:
                    by_report[report_id].actuals[target_id] = value
        for task in self.tasks:
            task.reports.sort(key=lambda r: r.period_due)

    # --- evaluating -------------------------------------------------------------------------

    def facts(self, task: TaskInfo, as_of: date) -> TaskFacts:
        """The same facts ``progress.selectors.task_facts`` builds, as known on ``as_of``."""
        latest = task.latest(as_of)
        reached_until = latest.stage_due if latest else None
        return TaskFacts(
            start=self.start,
            deadline=task.deadline,
            closed=task.closed_on is not None and task.closed_on <= as_of,
            claimed_done=task.claimed_done,
            has_report=latest is not None,
            missed_periods=self._missed(task, as_of),
            latest_review=_REVIEW.get(latest.state, "") if latest else "",
            milestones=tuple(
                MilestoneFact(due=due, reached=bool(reached_until and due and due <= reached_until))
                for due in task.milestones
            ),
            targets=tuple(
                TargetFact(
                    kind=t.kind,
                    comparator=t.comparator,
                    goal=t.goal,
                    actual=latest.actuals.get(t.id) if latest else None,
                )
                for t in task.targets
            ),
        )

    def _missed(self, task: TaskInfo, as_of: date) -> int:
        done = {r.period_id for r in task.reports if r.submitted_on and r.submitted_on <= as_of}
        missed = 0
        for period in reversed(self.periods):
            if period.due_date >= as_of:
                continue
            if period.pk in done:
                break
            missed += 1
        return missed

    def evaluate_one(self, task: TaskInfo, as_of: date) -> TaskStatus:
        return evaluate(self.facts(task, as_of), as_of=as_of)

    def evaluate(self, as_of: date) -> list[Evaluated]:
        return [
            Evaluated(task=t, status=self.evaluate_one(t, as_of), latest=t.latest(as_of))
            for t in self.tasks
        ]

    def periods_until(self, as_of: date) -> list[ReportingPeriod]:
        return [p for p in self.periods if p.due_date <= as_of]

    def period_on(self, as_of: date) -> ReportingPeriod | None:
        """The latest monthly period already due on ``as_of`` (what a 通报 reports on)."""
        due = self.periods_until(as_of)
        return due[-1] if due else None


def on_track(status: TaskStatus) -> bool:
    """达到序时进度: done, ahead or on track."""
    return status.schedule in (ScheduleStatus.DONE, ScheduleStatus.AHEAD, ScheduleStatus.ON_TRACK)


def late_units(data: Dataset, period: ReportingPeriod) -> dict[tuple[int, str], int]:
    """未按时报送: reporting unit → number of its tasks not submitted by the period's due date."""
    late: dict[tuple[int, str], int] = defaultdict(int)
    for task in data.tasks:
        if task.reporting_unit is None:
            continue
        if task.closed_on is not None and task.closed_on <= period.due_date:
            continue
        report = task.report_for(period.pk)
        if report is None or report.submitted_on is None or report.submitted_on > period.due_date:
            late[task.reporting_unit] += 1
    return dict(late)
