"""A task's history as plain facts, and its state on any day as spans of constant state.

Pure (no Django, an import-linter contract says so): the loader in
``duban.progress.standing.loading`` fills ``TaskHistory`` from the database, this module
answers "what did the 督查室 know on day d" (``facts_on``, ``state_on``) and on which days the
answer can change (``event_days``); ``duban.progress.sweep`` turns that into a task's
``spans``, held to ``state_on`` on every day. The status engine (``duban.progress.status``) stays the only place that
turns facts into statuses and colours.

"Known on day d" means: a report counts from its first submission; its review is the last
review step on or before d (待审核 after a resubmission, 已退回, 审核通过); a target
adjustment or a deadline extension applies from the day it was approved; a task is 销号 from
the day its 办结申请 was approved, and 申请办结 between the request and the decision.

Between two consecutive *event days* (submissions, reviews, decisions, period due dates,
milestone dates, deadlines) the facts are constant and only 序时进度 moves. 序时进度 only
grows, so each target's gap to it only shrinks, and the state runs through its values in one
direction (超前 → 正常 → 滞后): the change days inside an interval are found by bisection.
The agreement tests evaluate every day of a year against the spans to hold this to account.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from duban.progress.status import (
    MilestoneFact,
    TargetFact,
    TaskFacts,
    TaskStatus,
    evaluate,
    is_met,
    year_end_ratio,
)

SUBMITTED, RETURNED, APPROVED = "submitted", "returned", "approved"
_REVIEW = {SUBMITTED: "pending", RETURNED: "returned", APPROVED: "approved"}
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class ReportHistory:
    """One period's report: its review steps (day, state) in order, and its current figures."""

    id: int
    period_id: int
    period_due: date
    steps: tuple[tuple[date, str], ...]
    stage_due: date | None = None
    actuals: Mapping[int, Decimal | None] = field(default_factory=dict)

    @property
    def first_submitted(self) -> date | None:
        return next((day for day, state in self.steps if state == SUBMITTED), None)

    def review_on(self, day: date) -> str:
        """The engine's review word on ``day``: "pending", "returned", "approved" or ""."""
        seen = [state for when, state in self.steps if when <= day]
        return _REVIEW.get(seen[-1], "") if seen else ""

    def returned_by(self, day: date) -> bool:
        return any(state == RETURNED and when <= day for when, state in self.steps)

    def submitted_by(self, day: date) -> bool:
        first = self.first_submitted
        return first is not None and first <= day


@dataclass(frozen=True, slots=True)
class TargetHistory:
    id: int
    kind: str
    comparator: str
    baseline: Decimal | None
    adjustments: tuple[tuple[date, Decimal], ...] = ()  # (approved on, new value), in order

    def goal_on(self, day: date) -> Decimal | None:
        applied = [value for when, value in self.adjustments if when <= day]
        return applied[-1] if applied else self.baseline


@dataclass(frozen=True, slots=True)
class CompletionHistory:
    """One 办结申请: requested on, decided on (``None`` while pending), approved or returned."""

    requested: date
    decided: date | None = None
    approved: bool = False


@dataclass(frozen=True, slots=True)
class TaskHistory:
    task_id: int
    start: date
    periods: tuple[tuple[int, date], ...] = ()  # the document's monthly (id, due date), by due
    milestones: tuple[date | None, ...] = ()  # dated stages (not the 持续/长期 ones)
    extensions: tuple[tuple[date, date], ...] = ()  # (approved on, new deadline), in order
    targets: tuple[TargetHistory, ...] = ()
    reports: tuple[ReportHistory, ...] = ()  # by period due date
    completions: tuple[CompletionHistory, ...] = ()
    closed_always: bool = False  # 销号 recorded without an approved request (admin, old data)

    @property
    def baseline_deadline(self) -> date | None:
        dated = [d for d in self.milestones if d is not None]
        return max(dated) if dated else None

    def deadline_on(self, day: date) -> date | None:
        applied = [new for when, new in self.extensions if when <= day]
        return applied[-1] if applied else self.baseline_deadline

    def latest_on(self, day: date) -> ReportHistory | None:
        """The report of the latest period among those submitted by ``day``."""
        seen = [r for r in self.reports if r.submitted_by(day)]
        return max(seen, key=lambda r: r.period_due) if seen else None

    def closed_since(self, day: date) -> date | None:
        """The day of 销号 if the task was closed by ``day`` (``date.min``: closed, day unknown)."""
        if self.closed_always:
            return date.min
        days = [c.decided for c in self.completions if c.approved and c.decided is not None]
        first = min(days) if days else None
        return first if first is not None and first <= day else None

    def closed_on(self, day: date) -> bool:
        return self.closed_since(day) is not None

    def claimed_on(self, day: date) -> bool:
        return any(
            c.requested <= day and (c.decided is None or c.decided > day) for c in self.completions
        )

    def missed_on(self, day: date) -> int:
        """Most recent periods due before ``day`` in a row without a report submitted by then."""
        return periods_missed(
            self.periods, {r.period_id for r in self.reports if r.submitted_by(day)}, day
        )


def periods_missed(periods: tuple[tuple[int, date], ...], done: set[int], day: date) -> int:
    """Of ``periods`` (by due date), the most recent due before ``day`` in a row not in ``done``."""
    missed = 0
    for period_id, due in reversed(periods):
        if due >= day:
            continue
        if period_id in done:
            break
        missed += 1
    return missed


def facts_on(history: TaskHistory, day: date) -> TaskFacts:
    """The facts the status engine looks at, as known on ``day``."""
    latest = history.latest_on(day)
    reached_until = latest.stage_due if latest else None
    closed = history.closed_on(day)
    return TaskFacts(
        start=history.start,
        deadline=history.deadline_on(day),
        closed=closed,
        claimed_done=history.claimed_on(day) and not closed,
        has_report=latest is not None,
        missed_periods=history.missed_on(day),
        latest_review=latest.review_on(day) if latest else "",
        milestones=tuple(
            MilestoneFact(due=due, reached=bool(reached_until and due and due <= reached_until))
            for due in history.milestones
        ),
        targets=tuple(
            TargetFact(
                kind=t.kind,
                comparator=t.comparator,
                goal=t.goal_on(day),
                actual=latest.actuals.get(t.id) if latest else None,
            )
            for t in history.targets
        ),
    )


def status_on(history: TaskHistory, day: date) -> TaskStatus:
    return evaluate(facts_on(history, day), as_of=day)


@dataclass(frozen=True, slots=True)
class State:
    """What a span stores: everything of the state except 序时进度 (derived from the dates)."""

    colour: str
    schedule: str
    reported: str
    evidence: str
    missed: int
    completion: float | None
    deadline: date | None
    latest_report_id: int | None
    closed_on: date | None = None  # the day of 销号, once closed
    measured: int = 0  # targets with a figure to compare (year-end ratio defined)
    met: int = 0  # of which met
    submitted: int = 0  # reports submitted by then
    returned: int = 0  # of which returned at least once by then


@dataclass(frozen=True, slots=True)
class Span:
    start: date  # first day of the state
    end: date  # first day after it (``date.max`` for "from then on")
    state: State


def state_on(history: TaskHistory, day: date) -> State:
    """The whole state on ``day`` from the facts as known that day: the definition ``spans``
    is held to (on every day, by ``tests/duban/progress/test_timeline.py``)."""
    facts = facts_on(history, day)
    status = evaluate(facts, as_of=day)
    latest = history.latest_on(day)
    ratios = [
        (year_end_ratio(kind=t.kind, comparator=t.comparator, goal=t.goal, actual=t.actual), t)
        for t in facts.targets
    ]
    measured = [(r, t) for r, t in ratios if r is not None]
    return State(
        colour=str(status.colour),
        schedule=str(status.schedule),
        reported=str(status.reported),
        evidence=str(status.evidence),
        missed=facts.missed_periods,
        completion=status.completion,
        deadline=facts.deadline,
        latest_report_id=latest.id if latest else None,
        closed_on=history.closed_since(day),
        measured=len(measured),
        met=sum(bool(is_met(r, comparator=t.comparator)) for r, t in measured),
        submitted=sum(r.submitted_by(day) for r in history.reports),
        returned=sum(r.returned_by(day) for r in history.reports),
    )


def event_days(history: TaskHistory) -> list[date]:
    """The days on which a fact changes (the state can change only there or by 序时进度)."""
    days: set[date] = {history.start, date(history.start.year, 12, 31) + ONE_DAY}
    days.update(due + ONE_DAY for _, due in history.periods)
    for due in history.milestones:
        if due is not None:
            days.update((due, due + ONE_DAY))
    for approved_on, new_deadline in history.extensions:
        days.update((approved_on, new_deadline + ONE_DAY))
    if history.baseline_deadline is not None:
        days.add(history.baseline_deadline + ONE_DAY)
    for target in history.targets:
        days.update(when for when, _ in target.adjustments)
    for report in history.reports:
        days.update(when for when, _ in report.steps)
    for request in history.completions:
        days.add(request.requested)
        if request.decided is not None:
            days.add(request.decided)
    return sorted(d for d in days if date.min < d < date.max)


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def bucket_of(day: date, window: tuple[int, int]) -> int:
    """The month bucket a day's spans are filed under: its month, clamped to the window."""
    low, high = window
    return min(max(month_index(day), low), high)


def clip_to_months(items: list[Span], window: tuple[int, int]) -> list[tuple[int, Span]]:
    """Each span cut at the month starts inside the window, with the bucket of each piece.

    Queries for a day read one bucket (an index range), not every span of the year.
    """
    low, high = window
    cuts = [month_start(m) for m in range(low + 1, high + 1)]
    pieces: list[tuple[int, Span]] = []
    for span in items:
        start = span.start
        for cut in cuts:
            if start < cut < span.end:
                pieces.append((bucket_of(start, window), Span(start, cut, span.state)))
                start = cut
        pieces.append((bucket_of(start, window), Span(start, span.end, span.state)))
    return pieces
