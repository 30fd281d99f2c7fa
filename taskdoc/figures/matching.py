"""Match one document's targets with a later document's actuals, and score completion.

The supervision question is "did they do what they said?": 002's 2022 plan
says ``收储 1500 亩`` (metric 土地收储), a later review says ``土地收储 … 亩``.
:func:`match_actuals` pairs each target with the most similar actual of a
compatible kind and the same base unit, and :func:`completion_ratio` says how
far the actual went.

Metric similarity: metrics are normalised (spaces, quotes, brackets and scope
words such as 全区/全市/全年/年度 removed); equal keys score 1.0, one
containing the other 0.9, the shorter being the longer with characters left
out 0.75 (``新增就业`` / ``新增城镇就业``), otherwise the Dice coefficient of
their character bigrams. A pair needs at least ``threshold`` (0.6 by default); each actual is
used once, best pairs first.

Completion ratio (a float, 1.0 = exactly on target):

* levels and counts, ``at_least``/``exactly``/``about``: actual ÷ target;
  ``between`` (``1-2个``): actual ÷ the lower bound;
* ``at_most`` targets (a cap: 失业率 ≤ 5.5%, PM10 ≤ 97): target ÷ actual, so
  ≥ 1 still means "met" and 0.9 means 10 % over the cap; an actual of 0 or
  less under a positive cap gives ``None`` (no meaningful ratio);
* growth targets (``增长 7%``): actual growth ÷ target growth, in percentage
  points (3 % against 7 % → 0.43); a decrease reported as the actual counts
  as negative growth, so the ratio goes below zero;
* decrease targets (``下降 4%``): actual decrease ÷ target decrease, with an
  actual *increase* counting as a negative decrease;
* qualitative targets, unit mismatches and zero targets: ``None``.

``met`` is ``ratio >= 1``, except for ``about`` targets, which allow a 5 %
shortfall (``ratio >= 0.95``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from taskdoc.figures.reports import Actual, ReportTarget
from taskdoc.values import Comparator, Target, TargetKind

# What does not tell metrics apart: spaces, quotes, brackets and scope words (全区, 全年…).
_NOISE_RE = re.compile(r"[\s“”\"'‘’《》()（）*]|全区|全市|全县|全省|市区|全年|年度|同比|累计")
_RATES = (TargetKind.GROWTH, TargetKind.DECREASE)
_AMOUNTS = (TargetKind.LEVEL, TargetKind.COUNT)
ABOUT_TOLERANCE = Decimal("0.95")
_MIN_CONTAINED = 2  # characters a contained metric needs (收储 in 土地收储)
_MIN_SUBSEQUENCE = 3  # characters a subsequence metric needs (新增就业)


@dataclass(frozen=True, slots=True)
class TargetCompletion:
    """A target, the actual matched to it (if any) and how far the actual went."""

    target: Target
    actual: Target | None
    ratio: float | None
    met: bool | None
    similarity: float
    target_year: int | None = None
    actual_year: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "target": self.target.to_dict(),
            "actual": None if self.actual is None else self.actual.to_dict(),
            "ratio": self.ratio,
            "met": self.met,
            "similarity": round(self.similarity, 3),
            "target_year": self.target_year,
            "actual_year": self.actual_year,
        }


def metric_key(metric: str) -> str:
    """The comparable core of a metric: ``全区地区生产总值`` → ``地区生产总值``."""
    return _NOISE_RE.sub("", metric)


def metric_similarity(a: str, b: str) -> float:
    """1.0 for equal keys, 0.9 when one contains the other, 0.75 for a subsequence, else bigram Dice."""
    ka, kb = metric_key(a), metric_key(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 1.0
    if min(len(ka), len(kb)) >= _MIN_CONTAINED and (ka in kb or kb in ka):
        return 0.9
    short, long_ = sorted((ka, kb), key=len)
    if len(short) >= _MIN_SUBSEQUENCE and _is_subsequence(short, long_):
        return 0.75  # 新增就业 / 新增城镇就业: a modifier dropped
    grams_a = {ka[i : i + 2] for i in range(len(ka) - 1)}
    grams_b = {kb[i : i + 2] for i in range(len(kb) - 1)}
    if not grams_a or not grams_b:
        return 0.0
    return 2 * len(grams_a & grams_b) / (len(grams_a) + len(grams_b))


def _is_subsequence(short: str, long_: str) -> bool:
    chars = iter(long_)
    return all(ch in chars for ch in short)


def compatible(target: Target, actual: Target) -> bool:
    """Same base unit and comparable kinds (rates with rates, amounts with amounts)."""
    if target.normalized_value is None or actual.normalized_value is None:
        return False
    if target.normalized_unit != actual.normalized_unit:
        return False
    if target.kind in _RATES or actual.kind in _RATES:
        return target.kind in _RATES and actual.kind in _RATES
    if target.kind in _AMOUNTS:
        return actual.kind in _AMOUNTS
    return target.kind is actual.kind


def completion_ratio(target: Target, actual: Target) -> float | None:
    """How far *actual* went towards *target* (see the module docstring)."""
    if not compatible(target, actual):
        return None
    goal, done = target.normalized_value, actual.normalized_value
    assert goal is not None and done is not None  # checked by compatible()
    if target.kind in _RATES:
        return _rate_ratio(target, actual)
    if target.comparator is Comparator.AT_MOST:
        return float(goal / done) if done > 0 else None
    return float(done / goal) if goal > 0 else None


def _rate_ratio(target: Target, actual: Target) -> float | None:
    goal, done = _signed(target), _signed(actual)
    if goal == 0:
        return None
    if target.comparator is Comparator.AT_MOST:
        return float(goal / done) if done > 0 else None
    return float(done / goal)


def _signed(target: Target) -> Decimal:
    value = target.normalized_value or Decimal(0)
    return -value if target.kind is TargetKind.DECREASE else value


def is_met(target: Target, ratio: float | None) -> bool | None:
    if ratio is None:
        return None
    floor = ABOUT_TOLERANCE if target.comparator is Comparator.ABOUT else Decimal(1)
    return Decimal(str(ratio)) >= floor


def match_actuals(
    targets: Sequence[Target | ReportTarget],
    actuals: Sequence[Target | Actual],
    *,
    threshold: float = 0.6,
) -> list[TargetCompletion]:
    """One :class:`TargetCompletion` per target, in target order (``actual`` None if unmatched)."""
    plain_targets = [
        (t.target, t.year) if isinstance(t, ReportTarget) else (t, None) for t in targets
    ]
    plain_actuals = [(a.figure, a.year) if isinstance(a, Actual) else (a, None) for a in actuals]
    pairs = sorted(
        (
            (metric_similarity(t.metric, a.metric), ti, ai)
            for ti, (t, _) in enumerate(plain_targets)
            for ai, (a, _) in enumerate(plain_actuals)
            if compatible(t, a)
        ),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    chosen: dict[int, tuple[int, float]] = {}
    used: set[int] = set()
    for similarity, ti, ai in pairs:
        if similarity < threshold or ti in chosen or ai in used:
            continue
        chosen[ti] = (ai, similarity)
        used.add(ai)
    return [
        _completion(plain_targets[ti], plain_actuals, chosen.get(ti))
        for ti in range(len(plain_targets))
    ]


def _completion(
    target: tuple[Target, int | None],
    actuals: list[tuple[Target, int | None]],
    choice: tuple[int, float] | None,
) -> TargetCompletion:
    figure, year = target
    if choice is None:
        return TargetCompletion(figure, None, None, None, 0.0, target_year=year)
    actual, actual_year = actuals[choice[0]]
    ratio = completion_ratio(figure, actual)
    return TargetCompletion(
        figure, actual, ratio, is_met(figure, ratio), choice[1], year, actual_year
    )
