"""Time expressions resolved against a reference year (taskdoc.figures.timeexpr)."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from taskdoc.figures.timeexpr import SPRING_FESTIVAL, extract_time_expressions
from taskdoc.values import Precision

ROOT = Path(__file__).resolve().parents[2]


def _indicators() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_indicators", ROOT / "bench" / "indicators.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("text", "year", "raw", "expected", "precision"),
    [
        (
            "6月底前郑州市大肠肛门病医院实现开诊",
            2024,
            "6月底前",
            date(2024, 6, 30),
            Precision.MONTH,
        ),
        (
            "6 月底前郑州市大肠肛门病医院实现开诊",
            2024,
            "6 月底前",
            date(2024, 6, 30),
            Precision.MONTH,
        ),
        ("塔湾古街9月底前具备开工条件", 2024, "9月底前", date(2024, 9, 30), Precision.MONTH),
        (
            "10 月底前基本完成经营性资产股份合作制改革任务",
            2020,
            "10 月底前",
            date(2020, 10, 31),
            Precision.MONTH,
        ),
        ("力争康茂医疗产业园上半年投用", 2024, "上半年", date(2024, 6, 30), Precision.HALF),
        (
            "确保一季度完成 1500 套区级人才公寓交付任务",
            2024,
            "一季度",
            date(2024, 3, 31),
            Precision.QUARTER,
        ),
        ("年底前完成南城垣缺口展示馆建设", 2024, "年底前", date(2024, 12, 31), Precision.YEAR),
        ("全景医学诊断中心年内投用", 2024, "年内", date(2024, 12, 31), Precision.YEAR),
        ("全年计划完成土地收储 700 亩", 2024, "全年", date(2024, 12, 31), Precision.YEAR),
        ("力争家饰佳家居体验中心“五一”开业", 2024, "“五一”", date(2024, 5, 1), Precision.DAY),
        (
            "确保明珠路小学等 3 所中小学秋季投入使用",
            2024,
            "秋季",
            date(2024, 9, 1),
            Precision.MONTH,
        ),
        ("春节前完成农民工工资支付", 2024, "春节前", date(2025, 1, 28), Precision.DAY),
        ("下半年启动二期建设", 2024, "下半年", date(2024, 12, 31), Precision.HALF),
        ("各单位6月8日17时前将推进计划上报", 2020, "6月8日17时前", date(2020, 6, 8), Precision.DAY),
        ("2月3日上午，市长作政府工作报告", 2024, "2月3日", date(2024, 2, 3), Precision.DAY),
        ("第三季度排名跃居六区第一", 2023, "第三季度", date(2023, 9, 30), Precision.QUARTER),
        ("4月底前完成1-2个融合亮点项目", 2024, "4月底前", date(2024, 4, 30), Precision.MONTH),
        ("2025年底前全部建成", 2024, "2025年底前", date(2025, 12, 31), Precision.YEAR),
    ],
)
def test_seed_phrases(text: str, year: int, raw: str, expected: date, precision: Precision) -> None:
    (found,) = extract_time_expressions(text, year=year)
    assert (found.raw, found.date, found.precision) == (raw, expected, precision)
    assert text[found.start : found.end] == raw


def test_hour_is_kept_and_time_of_day_dropped() -> None:
    (plan,) = extract_time_expressions("各单位6月8日17时前将计划上报", year=2020)
    assert plan.hour == 17
    (report,) = extract_time_expressions("2月3日上午，在大会上", year=2024)
    assert report.raw == "2月3日" and report.hour is None


def test_start_of_a_period() -> None:
    (start,) = extract_time_expressions("从6月份起，于每月10日之前报送", year=2020)
    assert start.is_start and start.date == date(2020, 6, 1)


def test_dates_going_back_roll_into_next_year() -> None:
    found = extract_time_expressions("分别于7月10日、10月10日和1月10日前报送", year=2020)
    assert [f.date for f in found] == [date(2020, 7, 10), date(2020, 10, 10), date(2021, 1, 10)]
    explicit = extract_time_expressions("分别于7月10日、10月10日和2021年1月10日前报送", year=2020)
    assert explicit[-1].date == date(2021, 1, 10)


def test_quarter_after_half_does_not_roll_over() -> None:
    found = extract_time_expressions("上半年完成批复，一季度完成交付", year=2024)
    assert [f.date for f in found] == [date(2024, 6, 30), date(2024, 3, 31)]


@pytest.mark.parametrize(
    "text",
    [
        "2024 年区《政府工作报告》目标任务分解",
        "利用 2 年时间彻底改善老旧小区人居环境",
        "编制乡村旅游发展三年行动计划",
        "打好秋冬季重污染天气消除、夏季臭氧污染防治攻坚战",
        "于每月10日之前报送",
        "面对“7·20”特大暴雨灾害",
        "启动十七里河东路建设",
    ],
)
def test_not_time_expressions(text: str) -> None:
    assert extract_time_expressions(text, year=2024) == ()


def test_spring_festival_uses_issue_date_when_before_the_festival() -> None:
    (found,) = extract_time_expressions("春节前发放到位", year=2024, issued=date(2024, 1, 22))
    assert found.date == date(2024, 2, 9)
    assert set(SPRING_FESTIVAL) == set(range(2015, 2036))


def test_to_dict_is_json_friendly() -> None:
    (found,) = extract_time_expressions("6月底前完成", year=2024)
    assert found.to_dict()["date"] == "2024-06-30"
    assert found.to_dict()["precision"] == "month"


def test_labelled_set_meets_thresholds() -> None:
    indicators = _indicators()
    tally = indicators.score_times(indicators.load("time_labelled.json"))
    assert tally.labelled >= 40
    for name in ("found", "date", "precision"):
        assert tally.precision(name) >= 0.95, name
        assert tally.recall(name) >= 0.95, name
