"""A task's whole state line (``spans``) from its history, in one pass over its event days.

Pure (no Django, an import-linter contract says so), like ``timeline``, whose ``state_on`` is
the definition this module is held to on every day (``tests/duban/progress/test_timeline.py``).
The speed matters: a document of 100,000 tasks is rebuilt in minutes, not hours.

* between two event days the facts are constant (``timeline.event_days``): ``_Known`` reads
  them once per interval, with what does not depend on the day found once per task;
* inside an interval only 序时进度 moves, and the state runs through its values in one direction
  (超前 → 正常 → 滞后, see ``timeline``): the change days are found by bisection, where the
  engine runs only on the days asked for; an interval without any target ratio is one state;
* neighbouring intervals with the same facts are bisected as one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from itertools import pairwise

from duban.progress.status import (
    MilestoneFact,
    TargetFact,
    TaskFacts,
    TaskStatus,
    evaluate,
    is_met,
    target_ratio,
    year_end_ratio,
)
from duban.progress.timeline import (
    RETURNED,
    ReportHistory,
    Span,
    State,
    TaskHistory,
    event_days,
    periods_missed,
)


def _split(low: int, high: int, key: Callable[[int], State]) -> list[tuple[int, int, State]]:
    """Constant runs of ``key`` over ordinal days [low, high), by bisection (see the docstring)."""
    runs: list[tuple[int, int, State]] = []
    while low < high:
        current = key(low)
        if key(high - 1) == current:
            runs.append((low, high, current))
            break
        same, other = low, high - 1  # key(same) == current != key(other)
        while other - same > 1:
            middle = (same + other) // 2
            if key(middle) == current:
                same = middle
            else:
                other = middle
        runs.append((low, other, current))
        low = other
    return runs


Rest = tuple[date | None, int | None, date | None, int, int, int, int]


class _Known:
    """One history read day after day (``at`` with days in order), for ``spans``: what
    ``facts_on`` and ``state_on`` find on a day, except what 序时进度 moves.

    Reports enter in the order of their first submission and returns are counted off a sorted
    list, so a day costs no pass over the reports; what does not depend on the day (the baseline
    deadline, the day of 销号) is found once, and the milestone and target facts are shared by
    the days with the same latest report."""

    __slots__ = (
        "closed_first",
        "done",
        "entering",
        "history",
        "latest",
        "milestones",
        "returns",
        "targets",
        "went_back",
        "went_in",
    )  # fmt: skip

    def __init__(self, history: TaskHistory) -> None:
        self.history = history
        firsts = [(r.first_submitted, i, r) for i, r in enumerate(history.reports)]
        self.entering: list[tuple[date, int, ReportHistory]] = sorted(
            ((d, i, r) for d, i, r in firsts if d is not None), key=lambda x: x[:2]
        )
        returns = [[w for w, s in r.steps if s == RETURNED] for r in history.reports]
        self.returns = sorted(min(days) for days in returns if days)
        self.went_in = self.went_back = 0
        self.done: set[int] = set()
        self.latest: tuple[date, int, ReportHistory] | None = None  # (due, -index, report)
        approved = [c.decided for c in history.completions if c.approved and c.decided]
        self.closed_first = date.min if history.closed_always else min(approved, default=None)
        self.milestones: dict[date | None, tuple[MilestoneFact, ...]] = {}
        self.targets: dict[tuple[int, tuple[Decimal | None, ...]], _Targets] = {}

    def _advance(self, day: date) -> None:
        entering = self.entering
        while self.went_in < len(entering) and entering[self.went_in][0] <= day:
            _, index, report = entering[self.went_in]
            self.went_in += 1
            self.done.add(report.period_id)
            # the latest period's report; of equals the first in the history, as ``latest_on``
            candidate = (report.period_due, -index, report)
            if self.latest is None or candidate[:2] > self.latest[:2]:
                self.latest = candidate
        while self.went_back < len(self.returns) and self.returns[self.went_back] <= day:
            self.went_back += 1

    def at(self, day: date) -> tuple[TaskFacts, Rest]:
        history = self.history
        self._advance(day)
        latest = self.latest[2] if self.latest is not None else None
        closed = self.closed_first if self.closed_first and self.closed_first <= day else None
        deadline = history.deadline_on(day) if history.extensions else history.baseline_deadline
        targets = self._targets(latest, day)
        facts = TaskFacts(
            start=history.start,
            deadline=deadline,
            closed=closed is not None,
            claimed_done=closed is None and history.claimed_on(day),
            has_report=latest is not None,
            missed_periods=periods_missed(history.periods, self.done, day),
            latest_review=latest.review_on(day) if latest else "",
            milestones=self._milestones(latest.stage_due if latest else None),
            targets=targets.facts,
        )
        latest_id = latest.id if latest else None
        counts = (targets.measured, targets.met, self.went_in, self.went_back)
        return facts, (deadline, latest_id, closed, *counts)

    def _milestones(self, reached_until: date | None) -> tuple[MilestoneFact, ...]:
        found = self.milestones.get(reached_until)
        if found is None:
            found = self.milestones[reached_until] = tuple(
                MilestoneFact(due=due, reached=bool(reached_until and due and due <= reached_until))
                for due in self.history.milestones
            )
        return found

    def _targets(self, latest: ReportHistory | None, day: date) -> _Targets:
        goals = tuple(t.goal_on(day) for t in self.history.targets if t.adjustments)
        key = (id(latest), goals)
        found = self.targets.get(key)
        if found is None:
            facts = tuple(
                TargetFact(
                    kind=t.kind,
                    comparator=t.comparator,
                    goal=t.goal_on(day),
                    actual=latest.actuals.get(t.id) if latest else None,
                )
                for t in self.history.targets
            )
            found = self.targets[key] = _Targets(facts)
        return found


class _Targets:
    """A task's target facts with a latest report, and the year-end counts they give."""

    __slots__ = ("facts", "measured", "met")

    def __init__(self, facts: tuple[TargetFact, ...]) -> None:
        self.facts = facts
        ratios = [
            (year_end_ratio(kind=t.kind, comparator=t.comparator, goal=t.goal, actual=t.actual), t)
            for t in facts
        ]
        measured = [(r, t) for r, t in ratios if r is not None]
        self.measured = len(measured)
        self.met = sum(bool(is_met(r, comparator=t.comparator)) for r, t in measured)


def _moves(facts: TaskFacts) -> bool:
    """Whether 序时进度 can change the state between two event days: only through a target's
    ratio against what is due by then. Without one, the rules read only the facts and dates
    that are event days themselves (deadlines, stage dates), so the interval is one state."""
    return any(target_ratio(t) is not None for t in facts.targets)


def _with_status(rest: Rest, facts: TaskFacts, status: TaskStatus) -> State:
    return State(
        str(status.colour),
        str(status.schedule),
        str(status.reported),
        str(status.evidence),
        facts.missed_periods,
        status.completion,
        *rest,
    )


def _interval_key(facts: TaskFacts, rest: Rest) -> Callable[[int], State]:
    """The state on each day of an interval of constant facts: only the engine runs per day."""
    cache: dict[int, State] = {}

    def key(ordinal: int) -> State:
        state = cache.get(ordinal)
        if state is None:
            status = evaluate(facts, as_of=date.fromordinal(ordinal))
            state = cache[ordinal] = _with_status(rest, facts, status)
        return state

    return key


def spans(history: TaskHistory) -> list[Span]:
    """The task's whole state line: adjacent spans differ, the first starts at ``date.min``.

    One pass over the event days: the facts of each interval are read once (``_Known``), and
    inside it only the engine's 序时进度 rules run, on the days the bisection asks for.
    Neighbouring intervals with the same facts are bisected as one (the state still runs in
    one direction over them). ``state_on`` on every day is the reference (held to it by
    ``tests/duban/progress/test_timeline.py``).
    """
    known = _Known(history)
    edges = [date.min.toordinal(), *(d.toordinal() for d in event_days(history))]
    edges.append(date.max.toordinal())
    result: list[Span] = []
    groups: list[tuple[int, int, TaskFacts, Rest, bool]] = []  # low, high, facts, rest, merged
    for low, high in pairwise(edges):
        facts, rest = known.at(date.fromordinal(low))
        if groups and groups[-1][2] == facts and groups[-1][3] == rest:
            groups[-1] = (groups[-1][0], high, facts, rest, True)
        else:
            groups.append((low, high, facts, rest, False))
    for low, high, facts, rest, merged in groups:
        key = _interval_key(facts, rest)
        # One event-day interval without a target ratio is one state (see ``_moves``).
        one = not merged and not _moves(facts)
        for start, end, state in [(low, high, key(low))] if one else _split(low, high, key):
            if result and result[-1].state == state:
                result[-1] = Span(result[-1].start, date.fromordinal(end), state)
            else:
                result.append(Span(date.fromordinal(start), date.fromordinal(end), state))
    return result
