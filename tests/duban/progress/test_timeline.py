"""The fast span line (``sweep.spans``) equals the definition (``timeline.state_on``) on every day.

Pure (no database): random histories of every shape the loader produces — late and missing
reports, returns and resubmissions on the same day, stage reports, target adjustments and
deadline extensions, 办结 requests approved or returned, deadlines before the start, targets of
every kind with and without figures — and each one's spans are checked day by day over the
year and its edges. The sweep reads the facts once per interval of event days and bisects
inside; a missing event day, a wrong "latest report" or a wrong count shows up as a day where
the two disagree.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest

from duban.progress.sweep import spans
from duban.progress.timeline import (
    APPROVED,
    RETURNED,
    SUBMITTED,
    CompletionHistory,
    ReportHistory,
    Span,
    TargetHistory,
    TaskHistory,
    state_on,
)

YEAR = 2024
KINDS = ("level", "count", "growth", "decrease", "share", "ratio", "qualitative")
COMPARATORS = ("at_least", "at_most", "about", "exactly")


def _day(rng: random.Random, low: date = date(YEAR, 1, 1), days: int = 400) -> date:
    return low + timedelta(days=rng.randrange(days))


def _steps(rng: random.Random, due: date, diligent: bool) -> tuple[tuple[date, str], ...]:
    """Submitted early, on time or late; then maybe returned and resubmitted, approved."""
    day = due + timedelta(days=rng.randint(-12, 0 if diligent else 40))
    steps = [(day, SUBMITTED)]
    for _ in range(rng.randint(0, 3)):
        day += timedelta(days=rng.choice((0, 0, 1, 3, 10)))  # same-day steps happen
        state = rng.choice((RETURNED, APPROVED, SUBMITTED))
        steps.append((day, state))
    return tuple(steps)


def _targets(rng: random.Random, diligent: bool) -> tuple[TargetHistory, ...]:
    targets = []
    for pk in range(rng.randint(1 if diligent else 0, 3)):
        baseline = rng.choice((None, Decimal(0), Decimal(rng.randint(1, 200))))
        if diligent and pk == 0:  # an amount that grows with the year: 序时进度 applies
            targets.append(TargetHistory(pk + 1, rng.choice(("level", "count")), "at_least",
                                         Decimal(rng.randint(1, 200))))  # fmt: skip
            continue
        adjustments = tuple(
            sorted((_day(rng), Decimal(rng.randint(1, 200))) for _ in range(rng.randint(0, 2)))
        )
        targets.append(
            TargetHistory(
                id=pk + 1,
                kind=rng.choice(KINDS),
                comparator=rng.choice(COMPARATORS),
                baseline=baseline,
                adjustments=adjustments,
            )
        )
    return tuple(targets)


def _actual(
    rng: random.Random, target: TargetHistory, month: int, diligent: bool
) -> Decimal | None:
    """Any figure; from a diligent unit, one near 序时进度 (so the light moves between reports)."""
    if target.baseline is None or not diligent:
        return rng.choice((None, Decimal(rng.randint(0, 250))))
    share = Decimal(str(round(month / 12 * rng.uniform(0.6, 1.4), 3)))
    return (target.baseline * share).quantize(Decimal("0.01"))


def _reports(
    rng: random.Random,
    periods: tuple[tuple[int, date], ...],
    targets: tuple[TargetHistory, ...],
    milestones: tuple[date | None, ...],
    diligent: bool,
) -> tuple[ReportHistory, ...]:
    rate = 1.0 if diligent else rng.choice((0.15, 0.5, 0.9))
    reports = []
    for month, (period_id, due) in enumerate(periods, start=1):
        if rng.random() > rate:
            continue  # never reported
        actuals = {t.id: _actual(rng, t, month, diligent) for t in targets if rng.random() < 0.8}
        stage = rng.choice((None, *milestones)) if milestones else None
        reports.append(
            ReportHistory(
                id=period_id * 10,
                period_id=period_id,
                period_due=due,
                steps=_steps(rng, due, diligent),
                stage_due=stage,
                actuals=actuals,
            )
        )
    return tuple(reports)


def _completions(rng: random.Random) -> tuple[CompletionHistory, ...]:
    found = []
    for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
        requested = _day(rng, days=380)
        decided = rng.choice((None, requested, requested + timedelta(days=rng.randint(1, 40))))
        found.append(
            CompletionHistory(requested, decided, decided is not None and rng.random() < 0.6)
        )
    return tuple(sorted(found, key=lambda c: c.requested))


def history(seed: int) -> TaskHistory:
    """One random history. A diligent unit reports every period on time with figures near
    序时进度, and its task has no early stage to miss: its intervals are long, and 序时进度 moves
    the state inside them (超前 → 正常 → 滞后) — what the sweep's bisection must find."""
    rng = random.Random(seed)
    diligent = rng.random() < 0.4
    start = rng.choice((date(YEAR, 1, 1), date(YEAR, 2, 20), date(YEAR, 6, 3)))
    count = 12 if diligent else rng.choice((0, 6, 10, 12))
    periods = tuple((i + 1, date(YEAR, i + 1, 5 + rng.randint(0, 5))) for i in range(count))
    milestones: tuple[date | None, ...] = tuple(
        rng.choice((None, _day(rng, date(YEAR - 1, 12, 1), 420))) for _ in range(rng.randint(0, 3))
    )
    extensions = tuple(
        sorted(
            (_day(rng), _day(rng, date(YEAR, 1, 1), 500)) for _ in range(rng.choice((0, 0, 1, 2)))
        )
    )
    completions = _completions(rng)
    if diligent:
        milestones = rng.choice(((), (None,), (date(YEAR, 12, 31),), (date(YEAR, 9, 30),)))
        extensions, completions = (), ()
    targets = _targets(rng, diligent)
    return TaskHistory(
        task_id=seed,
        start=start,
        periods=periods,
        milestones=milestones,
        extensions=extensions,
        targets=targets,
        reports=_reports(rng, periods, targets, milestones, diligent),
        completions=completions,
        closed_always=rng.random() < 0.03 and not any(c.approved for c in completions),
    )


def _state_at(line: list[Span], day: date) -> object:
    found = [s.state for s in line if s.start <= day < s.end]
    assert len(found) == 1, (day, found)
    return found[0]


@pytest.mark.parametrize("seed", range(100))
def test_spans_equal_the_state_of_every_day(seed: int) -> None:
    past = history(seed)
    line = spans(past)
    assert line[0].start == date.min
    assert line[-1].end == date.max
    assert all(a.end == b.start and a.state != b.state for a, b in pairwise(line))
    days = [date.min, date(YEAR + 3, 1, 1), date(9999, 12, 30)]
    day = date(YEAR - 1, 12, 1)
    while day <= date(YEAR + 1, 6, 1):
        days.append(day)
        day += timedelta(days=1)
    for day in days:
        assert _state_at(line, day) == state_on(past, day), (seed, day)
