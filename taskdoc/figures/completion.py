"""The completion-ratio and "is met" rules, once, for the parser and the status engine.

Both :mod:`taskdoc.figures.matching` (a report's actual against a plan's target) and
``duban.progress.status`` (a task's latest reported figure against its goal) answer "how far
did the actual go?" and "was the target met?". They must never answer differently, so the
rules live here, on plain values (a kind, a comparator, two numbers in the target's own
unit and sense), and both callers bring their figures to that form. Pure standard library:
the system may import it, it imports nothing of the system.

Ratio (a float, 1.0 = exactly on target):

* caps (``at_most``: 失业率 ≤ 5.5%, PM10 ≤ 97, 能耗增长控制在3%以内): goal ÷ actual, so ≥ 1
  still means met; an actual ≤ 0 gives no ratio;
* rates (``growth``, ``decrease``): actual ÷ goal in percentage points, the actual in the
  target's sense (a decrease reported against a growth target is negative); a zero goal
  gives no ratio;
* amounts, counts and shares with ``at_least``/``exactly``/``about``/``between``: actual ÷
  goal (``between``: the goal is the lower bound); a goal ≤ 0 gives no ratio;
* qualitative targets and missing figures: no ratio.

Met: the ratio reaches 1, except for 左右 (``about``) targets, which allow a 5 % shortfall.
"""

from __future__ import annotations

from decimal import Decimal

ABOUT_TOLERANCE = 0.95  # a 左右 target counts as met from 95 %
RATES = frozenset({"growth", "decrease"})


def ratio(
    *, kind: str, comparator: str | None, goal: Decimal | None, actual: Decimal | None
) -> float | None:
    """How far ``actual`` went towards ``goal`` (see the module docstring)."""
    if kind == "qualitative" or goal is None or actual is None:
        return None
    if comparator == "at_most":
        return float(goal / actual) if actual > 0 else None
    if kind in RATES:
        return float(actual / goal) if goal != 0 else None
    return float(actual / goal) if goal > 0 else None


def year_end_ratio(
    *, kind: str, comparator: str | None, goal: Decimal | None, actual: Decimal | None
) -> float | None:
    """完成年度目标的比例: :func:`ratio`, except for 比例 targets (``0.1:24.2:75.7`` has no
    single goal to divide by)."""
    if kind == "ratio":
        return None
    return ratio(kind=kind, comparator=comparator, goal=goal, actual=actual)


def is_met(value: float | None, *, comparator: str | None) -> bool | None:
    """Met: the ratio reaches 1 (95 % for 左右); ``None`` when there is nothing to measure."""
    if value is None:
        return None
    return value >= (ABOUT_TOLERANCE if comparator == "about" else 1.0)
