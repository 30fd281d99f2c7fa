"""Which lower tasks and targets implement which upper ones: pure scoring on plain data.

Why pure: the rules are what the office has to trust (every proposal carries the Chinese
sentence it is shown), so they are tested on the real parses of the sample documents without
a database, and the services only store what this module says.

Targets pair first, one to one, best score first (:func:`target_pairs`): the metrics must be
alike by taskdoc's metric rule (:func:`duban.plans.actualseam.metrics_alike`: 1.0 equal after
normalisation, 0.9 one containing the other, 0.75 a modifier dropped) with at least
:data:`METRIC_MIN_CHARS` characters in the shorter one, both must have a figure, and kind and
base unit must agree. A target alike in metric but of another kind or unit is never paired;
it is returned as a :class:`NearMiss` with its reason, so the page can say why.

Tasks without a target pair then pair by text (:func:`task_pairs`): the Dice coefficient of
their Chinese character bigrams, the best upper task for each lower task. An upper task
assigned to the lower government (各县（市、区）, or its own unit) gets :data:`ASSIGNED_BOOST`
and the basis 上级交办.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from duban.plans.actualseam import metrics_alike

METRIC_MIN = 0.75  # taskdoc: 0.75 is a modifier dropped (新增就业 / 新增城镇就业)
METRIC_MIN_CHARS = 4  # 道路 in 道路绿化, 投资 in 固定资产投资: too short to say it is one metric
TEXT_MIN = 0.15  # bigram Dice: same-topic tasks of the two samples score 0.15–0.35
ASSIGNED_BOOST = 0.10  # the upper task names the lower government as its carrier
ASSIGNED_MIN = 0.08  # …and then a weaker likeness is enough to propose it

KIND_LABELS = {
    "level": "总量", "growth": "增速", "decrease": "降幅", "share": "比率", "ratio": "比例",
    "count": "数量", "qualitative": "定性",
}  # fmt: skip
METRIC = "metric"
TEXT = "text"
ASSIGNED = "assigned"
_NOT_CJK_RE = re.compile(r"[^\u4e00-\u9fff]")


@dataclass(frozen=True)
class TargetFacts:
    id: int
    metric: str
    kind: str
    unit: str  # the base unit (亿元 and 万元 are both 元)
    has_value: bool
    text: str = ""  # as written, for the reason


@dataclass(frozen=True)
class TaskFacts:
    id: int
    text: str
    targets: tuple[TargetFacts, ...] = ()
    assigned: bool = False  # (upper tasks) assigned to the lower government


@dataclass(frozen=True)
class Proposal:
    upper_task: int
    lower_task: int
    basis: str
    score: float
    reason: str
    upper_target: int | None = None
    lower_target: int | None = None


@dataclass(frozen=True)
class NearMiss:
    """A pair of alike metrics that must not be linked, and why."""

    upper_target: int
    lower_target: int
    reason: str


@dataclass(frozen=True)
class Outcome:
    proposals: list[Proposal]
    near_misses: list[NearMiss]


def propose(upper: Sequence[TaskFacts], lower: Sequence[TaskFacts]) -> Outcome:
    """Target pairs, then task pairs for the lower tasks no target pair covers."""
    targets, misses = target_pairs(upper, lower)
    covered = {p.lower_task for p in targets}
    tasks = task_pairs(upper, [t for t in lower if t.id not in covered])
    return Outcome(targets + tasks, misses)


# --- targets ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    score: float
    order: tuple[int, int]
    upper_task: int
    lower_task: int
    upper: TargetFacts
    lower: TargetFacts


def target_pairs(
    upper: Sequence[TaskFacts], lower: Sequence[TaskFacts]
) -> tuple[list[Proposal], list[NearMiss]]:
    """One-to-one target pairs of alike metric, same kind and unit, best first."""
    candidates: list[_Candidate] = []
    misses: list[NearMiss] = []
    ups = [(task, target) for task in upper for target in task.targets if target.has_value]
    downs = [(task, target) for task in lower for target in task.targets if target.has_value]
    for i, (up_task, up) in enumerate(ups):
        for j, (low_task, low) in enumerate(downs):
            score, chars = metrics_alike(up.metric, low.metric)
            if score < METRIC_MIN or (score < 1.0 and chars < METRIC_MIN_CHARS):
                continue
            why = _unfit(up, low)
            if why:
                misses.append(NearMiss(up.id, low.id, why))
                continue
            candidates.append(_Candidate(score, (i, j), up_task.id, low_task.id, up, low))
    candidates.sort(key=lambda c: (-c.score, c.order))
    used_up: set[int] = set()
    used_low: set[int] = set()
    out = []
    for c in candidates:
        if c.upper.id in used_up or c.lower.id in used_low:
            continue
        used_up.add(c.upper.id)
        used_low.add(c.lower.id)
        reason = _metric_reason(c.upper, c.lower, c.score)
        out.append(
            Proposal(
                c.upper_task,
                c.lower_task,
                METRIC,
                round(c.score, 3),
                reason,
                c.upper.id,
                c.lower.id,
            )
        )
    return out, misses


def _unfit(up: TargetFacts, low: TargetFacts) -> str:
    parts = []
    if up.kind != low.kind:
        parts.append(f"类型不同（上级{_kind(up.kind)}，下级{_kind(low.kind)}）")
    if up.unit != low.unit:
        parts.append(f"单位不同（上级{up.unit or '无'}，下级{low.unit or '无'}）")
    if not parts:
        return ""
    return f"指标相近但{'、'.join(parts)}，不建议关联：{up.metric} / {low.metric}"


def _kind(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def _metric_reason(up: TargetFacts, low: TargetFacts, score: float) -> str:
    if score >= 1.0:
        return f"指标相同：{up.metric}（{_kind(up.kind)}）"
    return f"指标相近：上级“{up.metric}”，下级“{low.metric}”（{_kind(up.kind)}）"


# --- tasks -----------------------------------------------------------------------------------


def bigrams(text: str) -> frozenset[str]:
    plain = _NOT_CJK_RE.sub("", text)
    return frozenset(plain[i : i + 2] for i in range(len(plain) - 1))


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def task_pairs(upper: Sequence[TaskFacts], lower: Sequence[TaskFacts]) -> list[Proposal]:
    """For each lower task, the most alike upper task when alike enough (ties: the first)."""
    grams = [(task, bigrams(task.text)) for task in upper]
    out = []
    for low in lower:
        low_grams = bigrams(low.text)
        best: tuple[float, float, TaskFacts] | None = None
        for up, up_grams in grams:
            likeness = dice(up_grams, low_grams)
            score = likeness + (ASSIGNED_BOOST if up.assigned else 0.0)
            if best is None or score > best[0]:
                best = (score, likeness, up)
        if best is None:
            continue
        score, likeness, up = best
        if up.assigned and likeness >= ASSIGNED_MIN:
            reason = f"上级任务交由本级落实，且内容相近（字词重合度 {likeness:.2f}）"
            out.append(Proposal(up.id, low.id, ASSIGNED, round(score, 3), reason))
        elif likeness >= TEXT_MIN:
            reason = f"内容相近（字词重合度 {likeness:.2f}）"
            out.append(Proposal(up.id, low.id, TEXT, round(score, 3), reason))
    return out
