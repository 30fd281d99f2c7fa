"""The status engine: pure rules that turn a task's facts into statuses and a colour.

No Django here (an import-linter contract forbids it) and no clock: every function takes
an explicit ``as_of`` date, so the 督查室 can ask "what did it look like on 6月30日" and
the decision table in ``tests/duban/progress/test_status.py`` pins each rule down.

Three statuses are kept apart, as promise trackers do, because they answer different
questions and are owned by different people:

* **reported** — what the unit claims (未报送 / 推进中 / 申请办结);
* **evidence** — what the 督查室 concluded from the evidence (待审核 / 已退回 / 审核通过 / 已销号);
* **schedule** — what the dates and figures say (超前 / 正常 / 滞后 / 逾期 / 已完成 / 未报送).

One rule (``colour``) combines them into 蓝/绿/黄/红; see ``docs/status-rules.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from taskdoc.figures import completion


class ScheduleStatus(StrEnum):
    AHEAD = "ahead"
    ON_TRACK = "on_track"
    LAGGING = "lagging"
    OVERDUE = "overdue"
    DONE = "done"
    NO_REPORT = "no_report"


class ReportedStatus(StrEnum):
    NONE = "none"
    IN_PROGRESS = "in_progress"
    CLAIMED_DONE = "claimed_done"


class EvidenceStatus(StrEnum):
    NONE = "none"
    PENDING = "pending"
    RETURNED = "returned"
    APPROVED = "approved"
    CLOSED = "closed"


class Colour(StrEnum):
    BLUE = "blue"
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


LABELS: dict[str, str] = {
    ScheduleStatus.AHEAD: "超前",
    ScheduleStatus.ON_TRACK: "正常推进",
    ScheduleStatus.LAGGING: "滞后",
    ScheduleStatus.OVERDUE: "逾期",
    ScheduleStatus.DONE: "已完成",
    ScheduleStatus.NO_REPORT: "未报送",
    ReportedStatus.NONE: "未报送",
    ReportedStatus.IN_PROGRESS: "推进中",
    ReportedStatus.CLAIMED_DONE: "申请办结",
    EvidenceStatus.NONE: "—",
    EvidenceStatus.PENDING: "待审核",
    EvidenceStatus.RETURNED: "已退回",
    EvidenceStatus.APPROVED: "审核通过",
    EvidenceStatus.CLOSED: "已销号",
    Colour.BLUE: "蓝",
    Colour.GREEN: "绿",
    Colour.YELLOW: "黄",
    Colour.RED: "红",
}

# Ahead of / behind 序时进度 by more than this many percentage points (as a share: 0.10).
AHEAD_MARGIN = 0.10
LAG_TOLERANCE = 0.10
# Two consecutive periods without a report turn the light red.
RED_MISSED_PERIODS = 2

_CUMULATIVE = frozenset({"level", "count"})


@dataclass(frozen=True, slots=True)
class TargetFact:
    """A target and the latest cumulative actual reported for it, in the target's own unit."""

    kind: str
    comparator: str
    goal: Decimal | None
    actual: Decimal | None = None


@dataclass(frozen=True, slots=True)
class MilestoneFact:
    due: date | None
    reached: bool = False


@dataclass(frozen=True, slots=True)
class TaskFacts:
    """Everything the rules look at; built from the database by the selectors."""

    start: date
    deadline: date | None = None  # effective deadline (the baseline, or an approved extension)
    closed: bool = False  # 销号
    claimed_done: bool = False  # 办结申请 pending
    has_report: bool = False  # at least one report submitted
    missed_periods: int = 0  # most recent due periods in a row with no submitted report
    latest_review: str = ""  # the latest report's review: "", "pending", "returned", "approved"
    milestones: tuple[MilestoneFact, ...] = ()
    targets: tuple[TargetFact, ...] = ()


@dataclass(frozen=True, slots=True)
class TaskStatus:
    reported: ReportedStatus
    evidence: EvidenceStatus
    schedule: ScheduleStatus
    colour: Colour
    elapsed: float  # 序时进度, 0..1
    completion: float | None  # the weakest target's ratio, when any target has an actual

    @property
    def labels(self) -> dict[str, str]:
        return {
            "reported": LABELS[self.reported],
            "evidence": LABELS[self.evidence],
            "schedule": LABELS[self.schedule],
            "colour": LABELS[self.colour],
        }


def elapsed_share(start: date, deadline: date | None, as_of: date) -> float:
    """序时进度: the share of [start, deadline] gone by ``as_of`` (no deadline: the year end)."""
    end = deadline or date(start.year, 12, 31)
    if end <= start:
        return 1.0 if as_of >= end else 0.0
    share = (as_of - start).days / (end - start).days
    return min(1.0, max(0.0, share))


def target_ratio(target: TargetFact) -> float | None:
    """How far the actual went, 1.0 = on target: the parser's one rule
    (``taskdoc.figures.completion.ratio``), so a report's figure matched at import and the
    same figure reported by a unit are measured alike.

    Caps (``at_most``) invert (goal ÷ actual) so ≥ 1 still means met; rates compare
    percentage points; qualitative targets, zero goals and missing actuals give ``None``.
    """
    return completion.ratio(
        kind=target.kind, comparator=target.comparator, goal=target.goal, actual=target.actual
    )


ABOUT_TOLERANCE = completion.ABOUT_TOLERANCE  # a 左右 target counts as met from 95 %


def year_end_ratio(
    *, kind: str, comparator: str, goal: Decimal | None, actual: Decimal | None
) -> float | None:
    """完成年度目标的比例: ``target_ratio``, except for 比例 targets (a share such as "达到60%"
    is reported as the share itself, not as a ratio of ratios)."""
    return completion.year_end_ratio(kind=kind, comparator=comparator, goal=goal, actual=actual)


def is_met(ratio: float | None, *, comparator: str) -> bool | None:
    """Met: the ratio reaches 1 (95 % for 左右); ``None`` when there is nothing to measure."""
    return completion.is_met(ratio, comparator=comparator)


def expected_ratio(target: TargetFact, elapsed: float) -> float:
    """What the ratio should be by now: amounts accumulate with time, rates and caps do not."""
    if target.kind in _CUMULATIVE and target.comparator != "at_most":
        return elapsed
    return 1.0


def _standing(facts: TaskFacts, elapsed: float) -> tuple[float, float | None] | None:
    """The weakest (ratio − expected) over targets with actuals, and that ratio."""
    gaps = []
    for t in facts.targets:
        ratio = target_ratio(t)
        if ratio is not None:
            gaps.append((ratio - expected_ratio(t, elapsed), ratio))
    return min(gaps) if gaps else None


def _milestone_gap(facts: TaskFacts, as_of: date) -> float | None:
    dated = [m for m in facts.milestones if m.due is not None]
    if not dated:
        return None
    due = sum(1 for m in dated if m.due is not None and m.due <= as_of)
    reached = sum(1 for m in dated if m.reached)
    return (reached - due) / len(dated)


def _hard_status(facts: TaskFacts, as_of: date) -> ScheduleStatus | None:
    """Rules 1-4: 已完成, 逾期 (deadline or a stage missed), 未报送."""
    if facts.closed:
        return ScheduleStatus.DONE
    if facts.deadline is not None and as_of > facts.deadline:
        return ScheduleStatus.OVERDUE
    if any(m.due is not None and m.due < as_of and not m.reached for m in facts.milestones):
        return ScheduleStatus.OVERDUE
    if facts.missed_periods > 0:
        return ScheduleStatus.NO_REPORT
    return None


def schedule_status(facts: TaskFacts, *, as_of: date) -> ScheduleStatus:
    """The schedule rule, first match wins (docs/status-rules.md, table 1)."""
    hard = _hard_status(facts, as_of)
    if hard is not None:
        return hard
    elapsed = elapsed_share(facts.start, facts.deadline, as_of)
    standing = _standing(facts, elapsed)
    gap = standing[0] if standing is not None else _milestone_gap(facts, as_of)
    if gap is None or -LAG_TOLERANCE <= gap < AHEAD_MARGIN:
        return ScheduleStatus.ON_TRACK
    return ScheduleStatus.AHEAD if gap >= AHEAD_MARGIN else ScheduleStatus.LAGGING


def reported_status(facts: TaskFacts) -> ReportedStatus:
    if facts.claimed_done:
        return ReportedStatus.CLAIMED_DONE
    return ReportedStatus.IN_PROGRESS if facts.has_report else ReportedStatus.NONE


def evidence_status(facts: TaskFacts) -> EvidenceStatus:
    if facts.closed:
        return EvidenceStatus.CLOSED
    try:
        return EvidenceStatus(facts.latest_review or "none")
    except ValueError:
        return EvidenceStatus.NONE


def colour(
    schedule: ScheduleStatus, evidence: EvidenceStatus, *, missed_periods: int = 0
) -> Colour:
    """The one colour rule (docs/status-rules.md, table 2), first match wins.

    A unit's own claim never changes the colour: only the 督查室's 销号 makes a task blue.
    """
    if schedule is ScheduleStatus.DONE:
        return Colour.BLUE
    if schedule is ScheduleStatus.OVERDUE or missed_periods >= RED_MISSED_PERIODS:
        return Colour.RED
    if schedule in (ScheduleStatus.LAGGING, ScheduleStatus.NO_REPORT):
        return Colour.YELLOW
    if evidence is EvidenceStatus.RETURNED:
        return Colour.YELLOW
    return Colour.GREEN


def evaluate(facts: TaskFacts, *, as_of: date) -> TaskStatus:
    """All three statuses and the colour of one task on ``as_of``."""
    schedule = schedule_status(facts, as_of=as_of)
    evidence = evidence_status(facts)
    elapsed = elapsed_share(facts.start, facts.deadline, as_of)
    standing = _standing(facts, elapsed)
    return TaskStatus(
        reported=reported_status(facts),
        evidence=evidence,
        schedule=schedule,
        colour=colour(schedule, evidence, missed_periods=facts.missed_periods),
        elapsed=elapsed,
        completion=standing[1] if standing is not None else None,
    )
