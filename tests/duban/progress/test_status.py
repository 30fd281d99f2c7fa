"""Decision table for the status engine (pure: runs without the database).

Each row: facts on an explicit ``as_of`` → schedule status and colour. The start is
2024-01-01 and the deadline 2024-12-31, so mid-year (07-01) is ~50 % 序时进度.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from duban.progress.status import (
    Colour,
    EvidenceStatus,
    MilestoneFact,
    ReportedStatus,
    ScheduleStatus,
    TargetFact,
    TaskFacts,
    colour,
    elapsed_share,
    evaluate,
    is_met,
    target_ratio,
    year_end_ratio,
)

START, END, MID = date(2024, 1, 1), date(2024, 12, 31), date(2024, 7, 1)
S = ScheduleStatus


def count(actual: int | None, goal: int = 1000, comparator: str = "at_least") -> TargetFact:
    return TargetFact(
        "count", comparator, Decimal(goal), None if actual is None else Decimal(actual)
    )


def growth(actual: str | None, goal: str = "7") -> TargetFact:
    return TargetFact(
        "growth", "at_least", Decimal(goal), None if actual is None else Decimal(actual)
    )


def facts(**kw: object) -> TaskFacts:
    base: dict[str, object] = {"start": START, "deadline": END, "has_report": True}
    base.update(kw)
    return TaskFacts(**base)  # type: ignore[arg-type]


TABLE = [
    # (case, facts, as_of, schedule, colour)
    ("销号 → done/blue", facts(closed=True), MID, S.DONE, Colour.BLUE),
    ("closed even after the deadline", facts(closed=True), date(2025, 2, 1), S.DONE, Colour.BLUE),
    (
        "deadline passed, not closed",
        facts(targets=(count(1000),)),
        date(2025, 1, 1),
        S.OVERDUE,
        Colour.RED,
    ),
    (
        "a stage missed",
        facts(milestones=(MilestoneFact(date(2024, 6, 30), reached=False),)),
        MID,
        S.OVERDUE,
        Colour.RED,
    ),
    ("one period missed", facts(missed_periods=1), MID, S.NO_REPORT, Colour.YELLOW),
    ("two periods missed", facts(missed_periods=2), MID, S.NO_REPORT, Colour.RED),
    ("count at 序时", facts(targets=(count(500),)), MID, S.ON_TRACK, Colour.GREEN),
    (
        "count 9 points behind: tolerated",
        facts(targets=(count(410),)),
        MID,
        S.ON_TRACK,
        Colour.GREEN,
    ),
    ("count 20 points behind", facts(targets=(count(300),)), MID, S.LAGGING, Colour.YELLOW),
    ("count 20 points ahead", facts(targets=(count(700),)), MID, S.AHEAD, Colour.GREEN),
    (
        "growth is not time-scaled: 7 of 7",
        facts(targets=(growth("7"),)),
        MID,
        S.ON_TRACK,
        Colour.GREEN,
    ),
    ("growth 5 of 7 (0.71)", facts(targets=(growth("5"),)), MID, S.LAGGING, Colour.YELLOW),
    ("growth 8 of 7 (1.14)", facts(targets=(growth("8"),)), MID, S.AHEAD, Colour.GREEN),
    (
        "cap met (失业率 ≤ 5.5, actual 5.2)",
        facts(targets=(TargetFact("share", "at_most", Decimal("5.5"), Decimal("5.2")),)),
        MID,
        S.ON_TRACK,
        Colour.GREEN,
    ),
    (
        "cap broken (actual 6.5)",
        facts(targets=(TargetFact("share", "at_most", Decimal("5.5"), Decimal("6.5")),)),
        MID,
        S.LAGGING,
        Colour.YELLOW,
    ),
    (
        "the weakest target governs",
        facts(targets=(count(900), growth("5"))),
        MID,
        S.LAGGING,
        Colour.YELLOW,
    ),
    (
        "no actual, no milestone: on track",
        facts(targets=(count(None),)),
        MID,
        S.ON_TRACK,
        Colour.GREEN,
    ),
    (
        "milestones: one due and reached",
        facts(milestones=(MilestoneFact(date(2024, 6, 30), True), MilestoneFact(END, False))),
        MID,
        S.ON_TRACK,
        Colour.GREEN,
    ),
    (
        "milestones: reached before due",
        facts(milestones=(MilestoneFact(date(2024, 9, 30), True), MilestoneFact(END, False))),
        MID,
        S.AHEAD,
        Colour.GREEN,
    ),
    (
        "evidence returned turns green yellow",
        facts(targets=(count(500),), latest_review="returned"),
        MID,
        S.ON_TRACK,
        Colour.YELLOW,
    ),
    (
        "no deadline: the year end is used",
        facts(deadline=None, targets=(count(500),)),
        MID,
        S.ON_TRACK,
        Colour.GREEN,
    ),
    (
        "a claim alone never makes it blue",
        facts(claimed_done=True, targets=(count(1000),)),
        MID,
        S.AHEAD,
        Colour.GREEN,
    ),
]


@pytest.mark.parametrize(
    ("case", "given", "as_of", "schedule", "light"), TABLE, ids=[r[0] for r in TABLE]
)
def test_decision_table(
    case: str, given: TaskFacts, as_of: date, schedule: S, light: Colour
) -> None:
    status = evaluate(given, as_of=as_of)
    assert (status.schedule, status.colour) == (schedule, light)


@pytest.mark.parametrize(
    ("given", "reported", "evidence"),
    [
        (facts(has_report=False), ReportedStatus.NONE, EvidenceStatus.NONE),
        (facts(latest_review="pending"), ReportedStatus.IN_PROGRESS, EvidenceStatus.PENDING),
        (
            facts(claimed_done=True, latest_review="approved"),
            ReportedStatus.CLAIMED_DONE,
            EvidenceStatus.APPROVED,
        ),
        (facts(closed=True), ReportedStatus.IN_PROGRESS, EvidenceStatus.CLOSED),
    ],
)
def test_reported_and_evidence_are_separate(
    given: TaskFacts, reported: ReportedStatus, evidence: EvidenceStatus
) -> None:
    status = evaluate(given, as_of=MID)
    assert (status.reported, status.evidence) == (reported, evidence)


@pytest.mark.parametrize(
    ("as_of", "share"),
    [(date(2023, 12, 1), 0.0), (START, 0.0), (MID, 182 / 365), (END, 1.0), (date(2025, 3, 1), 1.0)],
)
def test_elapsed_share(as_of: date, share: float) -> None:
    assert elapsed_share(START, END, as_of) == pytest.approx(share)


@pytest.mark.parametrize(
    ("target", "ratio"),
    [
        (count(500), 0.5),
        (TargetFact("share", "at_most", Decimal("5.5"), Decimal("5.5")), 1.0),
        (TargetFact("share", "at_most", Decimal("5.5"), Decimal("0")), None),
        (TargetFact("decrease", "at_least", Decimal("4"), Decimal("3")), 0.75),
        (TargetFact("decrease", "at_least", Decimal("4"), Decimal("-1")), -0.25),
        (TargetFact("qualitative", "", None, None), None),
        (count(5, goal=0), None),
    ],
)
def test_target_ratio_mirrors_taskdoc(target: TargetFact, ratio: float | None) -> None:
    assert target_ratio(target) == (pytest.approx(ratio) if ratio is not None else None)


def test_colour_rule_order() -> None:
    """Overdue beats a returned review; done beats everything."""
    assert colour(S.OVERDUE, EvidenceStatus.RETURNED) is Colour.RED
    assert colour(S.DONE, EvidenceStatus.RETURNED, missed_periods=5) is Colour.BLUE
    assert colour(S.AHEAD, EvidenceStatus.PENDING) is Colour.GREEN


def test_labels_are_chinese() -> None:
    status = evaluate(facts(missed_periods=1), as_of=MID)
    assert status.labels == {
        "reported": "推进中",
        "evidence": "—",
        "schedule": "未报送",
        "colour": "黄",
    }


@pytest.mark.parametrize(
    ("as_of", "share"),
    [(date(2024, 3, 31), 0.0), (date(2024, 4, 1), 1.0), (date(2024, 5, 1), 1.0)],
)
def test_elapsed_share_when_the_deadline_is_not_after_the_start(as_of: date, share: float) -> None:
    """A window of no length: nothing gone before the deadline, all of it from then on."""
    assert elapsed_share(date(2024, 4, 1), date(2024, 4, 1), as_of) == share
    assert elapsed_share(date(2024, 4, 1), date(2024, 3, 1), as_of) == (
        1.0 if as_of >= date(2024, 3, 1) else 0.0
    )


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        ("", EvidenceStatus.NONE),
        ("approved", EvidenceStatus.APPROVED),
        ("returned", EvidenceStatus.RETURNED),
        ("no-such-review", EvidenceStatus.NONE),
    ],
)
def test_evidence_status_reads_the_latest_review(review: str, expected: EvidenceStatus) -> None:
    """An unknown review value counts as no evidence, never as an error."""
    assert evaluate(facts(latest_review=review), as_of=MID).evidence is expected


@pytest.mark.parametrize(
    ("kind", "comparator", "goal", "actual", "ratio"),
    [
        ("count", "at_least", "100", "108.7", 1.087),  # 完成年度目标的108.7%
        ("growth", "about", "7", "7.2", 7.2 / 7),
        ("count", "at_most", "10", "8", 1.25),  # a cap: under it is over-fulfilled
        ("ratio", "at_least", "60", "62", None),  # a share is reported as itself
        ("count", "at_least", None, "5", None),
    ],
)
def test_year_end_ratio(
    kind: str, comparator: str, goal: str | None, actual: str | None, ratio: float | None
) -> None:
    got = year_end_ratio(
        kind=kind,
        comparator=comparator,
        goal=None if goal is None else Decimal(goal),
        actual=None if actual is None else Decimal(actual),
    )
    assert got == (None if ratio is None else pytest.approx(ratio))


@pytest.mark.parametrize(
    ("ratio", "comparator", "met"),
    [
        (None, "at_least", None),
        (1.0, "at_least", True),
        (0.99, "at_least", False),
        (0.96, "about", True),  # 左右: met from 95 %
        (0.94, "about", False),
    ],
)
def test_is_met(ratio: float | None, comparator: str, met: bool | None) -> None:
    assert is_met(ratio, comparator=comparator) is met
