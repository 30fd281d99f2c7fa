"""How a year-end report words one target's result, in the forms offices write.

Pure (no Django, no database): the ratio and whether the target is met come in from the
status engine (``progress.status.year_end_ratio`` and ``is_met``, with its tolerance for 左右),
so this module only chooses the sentence:

* rates (增长/下降): percentage points against the target, never a ratio of rates —
  "地区生产总值增长7.2%，高于目标0.2个百分点" / "低于目标…" / "与目标持平";
* shares in % (覆盖率, 失业率): the same, "城镇登记失业率4.3%，控制在4.5%以内" for a cap;
* amounts and counts: "新增城镇就业完成5.2万人，完成年度目标的104%";
* ranges (6%—7%): inside, above the top or below the bottom of the range;
* 以上 / 以内 / 左右: over-fulfilment is "高于", a cap met is "控制在…以内", a 左右 target met
  within the engine's tolerance is "达到…左右的预期目标".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from duban.supervision.rules import number_text, ratio_text

_RATES = frozenset({"growth", "decrease"})
_RATE_WORDS = ("增长", "增速", "增幅", "下降", "降低", "降幅")


@dataclass(frozen=True, slots=True)
class TargetFigures:
    metric: str
    unit: str
    kind: str
    comparator: str
    goal: Decimal | None
    actual: Decimal | None
    ratio: float | None  # year_end_ratio
    met: bool | None  # is_met
    goal_max: Decimal | None = None


def _num(value: Decimal) -> str:
    return number_text(value)


def _gap_unit(unit: str) -> str:
    """The difference of two percentages is in percentage points."""
    return "个百分点" if unit == "%" else unit


def _against(f: TargetFigures, actual: Decimal, goal: Decimal) -> str:
    """高于/低于/持平 the target, in the target's own terms (percentage points for %)."""
    gap = actual - goal
    if gap == 0:
        return "与目标持平"
    side = "高于" if gap > 0 else "低于"
    text = f"{side}目标{_num(abs(gap))}{_gap_unit(f.unit)}"
    if f.comparator == "about" and f.met:
        text += f"，达到{_num(goal)}{f.unit}左右的预期目标"
    return text


def _range(f: TargetFigures, actual: Decimal, low: Decimal, high: Decimal) -> str:
    if actual < low:
        return f"低于目标区间下限{_num(low - actual)}{_gap_unit(f.unit)}"
    if actual > high:
        return f"高于目标区间上限{_num(actual - high)}{_gap_unit(f.unit)}"
    return f"处于{_num(low)}{f.unit}—{_num(high)}{f.unit}的目标区间"


def _rate_head(f: TargetFigures, actual: Decimal) -> str:
    """The rate as written (地区生产总值增长7.2%), whether the metric kept its 增长 or not."""
    name = f.metric
    for word in _RATE_WORDS:
        name = name.removesuffix(word)
    verb = "增长" if f.kind == "growth" else "下降"
    if actual < 0:
        verb = "下降" if verb == "增长" else "增长"
    return f"{name}{verb}{_num(abs(actual))}{f.unit}"


def _rate(f: TargetFigures, actual: Decimal) -> str:
    """Rates and % shares: compared in percentage points, a cap met is 控制在…以内."""
    head = (
        _rate_head(f, actual)
        if f.kind in _RATES
        else f"{f.metric}{'' if f.comparator == 'at_most' else '达到'}{_num(actual)}{f.unit}"
    )
    goal = f.goal
    if goal is None:
        return head
    if f.comparator == "between" and f.goal_max is not None:
        return f"{head}，{_range(f, actual, goal, f.goal_max)}"
    if f.comparator == "at_most":
        if actual <= goal:
            return f"{head}，控制在{_num(goal)}{f.unit}以内"
        return f"{head}，高于目标{_num(actual - goal)}{_gap_unit(f.unit)}"
    return f"{head}，{_against(f, actual, goal)}"


def _amount(f: TargetFigures, actual: Decimal) -> str:
    """Amounts and counts: the share of the annual target completed."""
    verb = "" if "完成" in f.metric else "完成"  # 年度完成总投资659.2亿元, not 完成完成
    head = f"{f.metric}{verb}{_num(actual)}{f.unit}"
    goal = f.goal
    if goal is None:
        return head
    if f.comparator == "at_most":
        if actual <= goal:
            return f"{f.metric}{_num(actual)}{f.unit}，控制在{_num(goal)}{f.unit}以内"
        return f"{f.metric}{_num(actual)}{f.unit}，超出目标{_num(actual - goal)}{f.unit}"
    if f.comparator == "between" and f.goal_max is not None:
        return f"{head}，{_range(f, actual, goal, f.goal_max)}"
    if f.ratio is None:
        return head
    text = f"{head}，完成年度目标的{ratio_text(f.ratio)}"
    if f.comparator == "about" and f.met and f.ratio < 1:
        text += f"，达到{_num(goal)}{f.unit}左右的预期目标"
    return text


def target_wording(f: TargetFigures) -> str:
    """The clause for one target (no final 。); "" for a qualitative target, whose result is
    the task's own (已完成 / 未完成)."""
    if f.kind == "qualitative":
        return ""
    if f.actual is None:
        return f"{f.metric}未报送完成值"
    if f.kind == "ratio":
        return f"{f.metric}为{_num(f.actual)}{f.unit}"
    if f.kind in _RATES or (f.kind == "share" and f.unit == "%"):
        return _rate(f, f.actual)
    return _amount(f, f.actual)
