"""An execution report's actuals against a plan's targets (``matching.propose_matches``).

Invented sentences, one target/actual pair of every kind and comparator, and the pairs
that must be refused with their reason (another unit, kind or year), never paired.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from taskdoc.figures import completion
from taskdoc.figures.matching import (
    Mismatch,
    candidate,
    propose_matches,
    value_in_target_unit,
)
from taskdoc.figures.reports import Actual, ReportTarget, extract_report_figures
from taskdoc.figures.targets import extract_targets


def _target(text: str, year: int = 2023) -> ReportTarget:
    (found,) = [t for t in extract_targets(text) if t.value is not None]
    return ReportTarget(found, year)


def _actual(sentence: str) -> Actual:
    review = extract_report_figures(f"一、2023年国民经济和社会发展计划执行情况\n{sentence}\n")
    (found,) = review.actuals
    assert found.year == 2023
    return found


@pytest.mark.parametrize(
    ("target", "actual", "ratio", "met", "in_unit"),
    [
        # growth, 左右: 7.2 against 7 (met; a 左右 target tolerates 5 %)
        ("地区生产总值增长7%左右", "全区地区生产总值增长7.2%。", 7.2 / 7, True, "7.2"),
        # growth, 以上, missed
        ("地区生产总值增长7%以上", "全区地区生产总值增长6.8%。", 6.8 / 7, False, "6.8"),
        # a decrease reported against a growth target: negative
        ("一般公共预算收入增长5%", "一般公共预算收入下降9.8%。", -9.8 / 5, False, "-9.8"),
        # level, 以上: 完成年度目标的108.7%
        ("固定资产投资完成640亿元以上", "固定资产投资完成695.7亿元。", 695.7 / 640, True, "695.7"),
        # range: measured against its lower bound
        ("规模以上工业增加值增长6-7%", "规模以上工业增加值增长6.5%。", 6.5 / 6, True, "6.5"),
        # share, 以内 (a cap): goal ÷ actual
        ("城镇调查失业率控制在5.5%以内", "城镇调查失业率4.4%。", 5.5 / 4.4, True, "4.4"),
        # share, 以上
        ("生活垃圾分类覆盖率达到85%以上", "生活垃圾分类覆盖率达到90%。", 90 / 85, True, "90"),
        # count in another multiplier: 15314人 against 1.2万人
        ("新增城镇就业1.2万人以上", "新增城镇就业15314人。", 15314 / 12000, True, "1.5314"),
        # decrease against decrease
        ("单位生产总值能耗下降4%", "单位生产总值能耗下降3%。", 0.75, False, "3"),
    ],
)
def test_every_kind_pairs_and_measures(
    target: str, actual: str, ratio: float, met: bool, in_unit: str
) -> None:
    goal, done = _target(target), _actual(actual)
    (proposal,) = propose_matches([done], [goal])
    assert proposal.choice == 0 and not proposal.ambiguous and not proposal.mismatched
    (found,) = proposal.candidates
    assert found.ratio == pytest.approx(ratio)
    assert found.met is met
    assert value_in_target_unit(goal.target, done.figure) == Decimal(in_unit)


@pytest.mark.parametrize(
    ("target", "actual", "reasons"),
    [
        ("全年完成土地收储1500亩", "土地收储12万平方米。", (Mismatch.UNIT,)),
        ("建成区绿地率达到40%", "建成区绿地率提高2%。", (Mismatch.KIND,)),
        (
            "规模以上工业增加值增长6%",
            "规模以上工业增加值完成350亿元。",
            (Mismatch.KIND, Mismatch.UNIT),
        ),
    ],
)
def test_unit_and_kind_mismatches_are_shown_not_paired(
    target: str, actual: str, reasons: tuple[Mismatch, ...]
) -> None:
    (proposal,) = propose_matches([_actual(actual)], [_target(target)])
    assert proposal.choice is None and not proposal.candidates
    (refused,) = proposal.mismatched
    assert refused.mismatches == reasons
    assert refused.ratio is None and refused.met is None


def test_a_target_of_another_year_is_refused_for_its_year() -> None:
    done = _actual("社会消费品零售总额增长7.4%。")
    (proposal,) = propose_matches([done], [_target("社会消费品零售总额增长8%", year=2022)])
    assert proposal.choice is None
    assert proposal.mismatched[0].mismatches == (Mismatch.YEAR,)
    unknown = candidate(ReportTarget(_target("社会消费品零售总额增长8%").target, None), done)
    assert unknown.mismatches == (Mismatch.YEAR,)


def test_qualitative_targets_have_no_value_to_compare() -> None:
    (qualitative,) = extract_targets("城乡居民人均可支配收入与经济增长同步。")
    found = candidate(ReportTarget(qualitative, 2023), _actual("城乡居民人均可支配收入增长6%。"))
    assert found.mismatches == (Mismatch.NO_VALUE,)


def test_two_equally_likely_targets_are_left_to_the_office() -> None:
    done = _actual("新建道路20条。")
    targets = [_target("新建道路46条"), _target("新建道路20条")]
    (proposal,) = propose_matches([done], targets)
    assert proposal.ambiguous and proposal.choice is None
    assert [c.index for c in proposal.candidates] == [0, 1]


def test_each_target_is_suggested_for_one_actual_only() -> None:
    actuals = [_actual("新增城镇就业15314人。"), _actual("新增就业16000人。")]
    (first, second) = propose_matches(actuals, [_target("新增城镇就业1.2万人")])
    assert first.choice == 0  # the exact metric chooses first
    assert second.choice is None and second.candidates  # still listed, for the office


def test_the_status_engine_and_the_matcher_share_one_rule() -> None:
    """``completion`` is the one place: the matcher's ratio is its ratio on the same values."""
    goal, done = _target("城镇调查失业率控制在5.5%以内"), _actual("城镇调查失业率4.4%。")
    (found,) = propose_matches([done], [goal])[0].candidates
    same = completion.ratio(
        kind="share", comparator="at_most", goal=Decimal("5.5"), actual=Decimal("4.4")
    )
    assert found.ratio == same
    assert completion.is_met(same, comparator="at_most") is found.met is True
