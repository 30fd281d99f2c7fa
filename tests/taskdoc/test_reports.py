"""Targets and actuals of work reports and plan-execution reports (taskdoc.figures.reports)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from taskdoc.figures.reports import Actual, ReportFigures, extract_report_figures
from taskdoc.values import Comparator, TargetKind

from .conftest import CORPUS

MINI_REPORT = """政府工作报告
一、2023年工作回顾
全年地区生产总值预计增长6%,一般公共预算收入完成26.12亿元,实现正增长。
246 个重点项目完成投资 694 亿元，占年度目标的 111.5%，其中 31 个省市重点项目完成投资 404.8 亿元，占年度投资目标 360.3 亿元的 112.4%。
新增城镇就业3540人、农村劳动力转移就业244人,分别占年度任务的126%、152%。
完成土地征收686.3亩、收储944.3亩。
二、2024年政府工作总体要求和主要预期目标
经济社会发展主要预期目标是:地区生产总值增长7%左右,固定资产投资增长8%以上,居民人均可支配收入和经济增长基本同步。
三、2024年工作重点
全年报批1000亩,供应41宗、1933.8亩,实现新增城镇就业2000人。
"""


def _corpus(stem: str) -> str:
    paths = sorted(CORPUS.glob(f"{stem}_*.txt"))
    if not paths:
        pytest.fail(f"sample corpus missing: no {stem}_*.txt in {CORPUS} (set DUBAN_SHARED)")
    return Path(paths[0]).read_text(encoding="utf-8")


def _actual(figures: ReportFigures, value: str) -> Actual:
    return next(a for a in figures.actuals if a.figure.value == Decimal(value))


def test_years_from_headings() -> None:
    figures = extract_report_figures(MINI_REPORT)
    assert (figures.plan_year, figures.review_year) == (2024, 2023)
    assert {a.year for a in figures.actuals} == {2023}
    assert {t.year for t in figures.targets} == {2024}


def test_main_targets() -> None:
    figures = extract_report_figures(MINI_REPORT)
    main = [
        (t.target.metric, t.target.value, t.target.comparator, t.target.kind)
        for t in figures.main_targets
    ]
    assert main[:2] == [
        ("地区生产总值", Decimal(7), Comparator.ABOUT, TargetKind.GROWTH),
        ("固定资产投资", Decimal(8), Comparator.AT_LEAST, TargetKind.GROWTH),
    ]
    assert main[2][3] is TargetKind.QUALITATIVE
    others = [t.target.metric for t in figures.targets if not t.main]
    assert others == ["报批", "供应", "供应", "新增城镇就业"]


def test_actuals_with_plan_shares() -> None:
    figures = extract_report_figures(MINI_REPORT)
    growth = _actual(figures, "6")
    assert (growth.figure.metric, growth.figure.kind) == ("地区生产总值", TargetKind.GROWTH)
    invest = _actual(figures, "694")
    assert invest.plan_share == Decimal("111.5")
    provincial = _actual(figures, "404.8")
    assert provincial.plan_share == Decimal("112.4")
    assert provincial.plan_value is not None and provincial.plan_value.value == Decimal("360.3")
    assert _actual(figures, "3540").plan_share == Decimal(126)
    assert _actual(figures, "244").plan_share == Decimal(152)
    assert _actual(figures, "944.3").figure.metric == "土地收储"


def test_offsets_point_into_the_text() -> None:
    figures = extract_report_figures(MINI_REPORT)
    invest = _actual(figures, "694")
    assert MINI_REPORT[invest.figure.start : invest.figure.end] == invest.figure.raw


def test_seed_001_work_report_summary() -> None:
    figures = extract_report_figures(_corpus("001"))
    assert figures.plan_year == 2024 and not figures.actuals
    main = {t.target.metric: t.target for t in figures.main_targets}
    assert (
        main["地区生产总值"].value == Decimal(7)
        and main["地区生产总值"].comparator is Comparator.ABOUT
    )
    assert main["城镇调查失业率"].value == Decimal("5.5")


def test_seed_002_plan_execution_report() -> None:
    text = _corpus("002")
    figures = extract_report_figures(text)
    assert (figures.plan_year, figures.review_year) == (2022, 2021)
    gdp = next(a for a in figures.actuals if a.figure.metric == "地区生产总值")
    assert (gdp.year, gdp.figure.value, gdp.figure.kind) == (2021, Decimal(3), TargetKind.GROWTH)
    assert _actual(figures, "694").plan_share == Decimal("111.5")
    land = [t.target for t in figures.targets if t.target.metric == "土地收储"]
    assert [(t.value, t.unit) for t in land] == [(Decimal(1500), "亩")]
    assert text[land[0].start : land[0].end] == land[0].raw


def test_seed_003_work_report() -> None:
    figures = extract_report_figures(_corpus("003"))
    assert (figures.plan_year, figures.review_year) == (2024, 2023)
    assert _actual(figures, "3540").plan_share == Decimal(126)
    assert any(
        "托位数" in t.target.metric and t.target.value == Decimal("4.9") for t in figures.targets
    )


def test_to_dict() -> None:
    data = extract_report_figures(MINI_REPORT).to_dict()
    assert data["plan_year"] == 2024
    actuals = data["actuals"]
    assert isinstance(actuals, list) and actuals[0]["year"] == 2023
