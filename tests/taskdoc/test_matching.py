"""Matching targets with later actuals and completion ratios (taskdoc.figures.matching)."""

from __future__ import annotations

import pytest

from taskdoc.figures.matching import completion_ratio, match_actuals, metric_similarity
from taskdoc.figures.reports import extract_report_figures
from taskdoc.figures.targets import extract_targets
from taskdoc.values import Target

PLAN_2022 = """二、2022年经济社会发展的总体要求和主要预期目标
2022 年的主要预期目标是：地区生产总值增长 7.5%左右；固定资产投资增长 10%左右。
三、2022 年国民经济和社会发展主要任务和措施
全年力争完成土地报批 500 亩、收储 1500 亩、供应 1000 亩。新增就业 1.2 万人，城镇登记失业率控制在 5.5% 以内。
"""
REVIEW_2022 = """一、2022年国民经济和社会发展规划执行情况
全区地区生产总值同比增长 3%；固定资产投资同比下降 2%。全年完成土地征收 1902 亩、土地供应 900 亩、土地收储 1800 亩。
新增城镇就业 15314 人，城镇登记失业率 4.4%。
"""


def _one(text: str) -> Target:
    (target,) = [t for t in extract_targets(text) if t.value is not None]
    return target


def test_seed_land_banking_plan_matches_later_actual() -> None:
    plan = extract_report_figures(PLAN_2022)
    review = extract_report_figures(REVIEW_2022)
    results = {c.target.metric: c for c in match_actuals(plan.targets, review.actuals)}
    land = results["土地收储"]
    assert land.actual is not None and land.actual.metric == "土地收储"
    assert land.ratio == pytest.approx(1.2) and land.met
    assert (land.target_year, land.actual_year) == (2022, 2022)
    assert results["土地供应"].ratio == pytest.approx(0.9) and results["土地供应"].met is False
    assert results["土地报批"].actual is None
    assert results["新增就业"].ratio == pytest.approx(15314 / 12000)


@pytest.mark.parametrize(
    ("target", "actual", "expected"),
    [
        ("新增就业 1.3 万人", "新增就业 15600 人", 1.2),
        ("年度完成总投资 640 亿元以上", "完成总投资 694 亿元", 694 / 640),
        ("城镇调查失业率控制在 5.5% 以内", "城镇调查失业率 5%", 1.1),
        ("PM10 不高于 97 微克/立方米", "PM10 100 微克/立方米", 0.97),
        ("地区生产总值增长 7%以上", "地区生产总值增长 3.5%", 0.5),
        ("地区生产总值增长 7%以上", "地区生产总值下降 3.5%", -0.5),
        ("规模以上工业增加值能耗下降 4% 以上", "规模以上工业增加值能耗下降 5%", 1.25),
        ("培育发展 2-3 家高品质养老机构", "高品质养老机构 3 家", 1.5),
    ],
)
def test_completion_ratio(target: str, actual: str, expected: float) -> None:
    assert completion_ratio(_one(target), _one(actual)) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("target", "actual"),
    [
        ("新增就业 1.3 万人", "新增就业增长 5%"),  # a count against a rate
        ("土地收储 700 亩", "土地收储 1.2 万平方米"),  # different units
        (
            "城镇调查失业率控制在 5.5% 以内",
            "城镇调查失业率 0%",
        ),  # no ratio against a zero actual under a cap
    ],
)
def test_no_ratio(target: str, actual: str) -> None:
    assert completion_ratio(_one(target), _one(actual)) is None


def test_qualitative_targets_have_no_ratio() -> None:
    (qualitative,) = extract_targets("“零就业家庭”动态清零。")
    assert completion_ratio(qualitative, _one("新增就业 100 人")) is None


def test_metric_similarity() -> None:
    assert metric_similarity("全区地区生产总值", "地区生产总值") == 1.0
    assert metric_similarity("收储", "土地收储") == pytest.approx(0.9)
    assert metric_similarity("土地报批", "土地征收") < 0.6


def test_about_targets_tolerate_a_small_shortfall() -> None:
    (completion,) = match_actuals([_one("地区生产总值增长7%左右")], [_one("地区生产总值增长 6.8%")])
    assert completion.met is True
    assert completion.to_dict()["ratio"] == pytest.approx(6.8 / 7)
