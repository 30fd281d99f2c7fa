"""Every kind of document parses; each failure pattern of issue 10 on an invented sentence.

The sentences and documents here are made up in the shape the issue measured on real
reports, notices and bulletins (none is taken from a sample): figures before any
heading, in-year progress headings, 完成年计划X亿元的Y%, metrics lost after separators
and comparisons, units, flattened indicator tables, false figures, date ranges and
the times a notice's preamble states.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from taskdoc import DocumentKind, ParseResult, TimeRole, parse_file, parse_text
from taskdoc.figures.reports import extract_report_figures
from taskdoc.figures.targets import extract_targets
from taskdoc.figures.timeexpr import extract_time_expressions
from taskdoc.output.serialize import (
    SCHEMA_V1,
    result_from_dict,
    result_to_dict,
    to_json,
)
from taskdoc.values import Comparator, Target, TargetKind

from .conftest import CORPUS, CORPUS_DEV

GROWTH, DECREASE, SHARE = TargetKind.GROWTH, TargetKind.DECREASE, TargetKind.SHARE


def _figures(sentence: str) -> list[tuple[str, Decimal | None, str, TargetKind]]:
    return [(t.metric, t.value, t.unit, t.kind) for t in extract_targets(sentence)]


def _one(sentence: str) -> Target:
    found = extract_targets(sentence)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- kinds of document


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "某某市人民政府办公室\n关于印发《2025年市〈政府工作报告〉目标任务分解》的通知\n各县（市、区）人民政府：\n"
            "1. 新建学校3所。\n责任单位：市教育局\n",
            DocumentKind.NOTICE,
        ),
        (
            "政 府 工 作 报 告\n——2025年1月10日在某某县第五届人民代表大会第三次会议上\n各位代表：\n"
            "一、2024年工作回顾\n全年地区生产总值增长5.5%。\n二、2025年主要预期目标\n地区生产总值增长6%左右。\n",
            DocumentKind.WORK_REPORT,
        ),
        (
            "关于某某区2024年国民经济和社会发展计划执行情况与2025年计划（草案）的报告\n各位代表：\n"
            "一、2024年计划执行情况\n固定资产投资增长4%。\n",
            DocumentKind.PLAN_REPORT,
        ),
        (
            "某某县2025年重点工作1-9月进展情况通报\n1-9月，全县规上工业增加值增长6.1%。\n",
            DocumentKind.BULLETIN,
        ),
        (
            "某某区人民政府督查室\n关于2025年民生实事上半年完成情况的督查通报\n上半年，新增城镇就业3100人。\n",
            DocumentKind.BULLETIN,
        ),
    ],
    ids=["notice", "work_report", "plan_report", "bulletin", "inspection_bulletin"],
)
def test_the_kind_of_a_document(text: str, kind: DocumentKind) -> None:
    assert parse_text(text).kind is kind


def _sample(stem: str) -> Path:
    paths = sorted(CORPUS.glob(f"{stem}_*.txt"))
    if not paths:
        pytest.fail(f"sample corpus missing: no {stem}_*.txt in {CORPUS} (set DUBAN_SHARED)")
    return paths[0]


@pytest.mark.parametrize(
    ("stem", "kind"),
    [
        ("000", "notice"),
        ("001", "work_report"),
        ("002", "plan_execution_report"),
        ("003", "work_report"),
        ("004", "notice"),
    ],
)
def test_every_sample_parses_with_its_kind(stem: str, kind: str) -> None:
    result = parse_file(_sample(stem))
    assert str(result.kind) == kind
    assert result.targets, "every sample states targets"
    if kind == "notice":
        assert result.tasks and all(t.task is not None for t in result.targets)
    else:
        assert not result.tasks and result.document.year is not None


def test_a_report_is_never_no_tasks_and_the_notice_targets_are_flagged_main() -> None:
    notice = parse_file(_sample("000"))
    main = {t.target.metric for t in notice.targets if t.main}
    assert {"地区生产总值", "固定资产投资", "社会消费品零售总额"} <= main
    assert all(t.year == 2024 for t in notice.targets)


@pytest.mark.parametrize("stem", ["16", "17", "18", "19", "20"])
def test_every_progress_document_of_corpus_dev_is_a_bulletin(stem: str) -> None:
    path = next(CORPUS_DEV.glob(f"{stem}_progress_*.txt"))
    result = parse_file(path)
    assert result.kind is DocumentKind.BULLETIN
    assert result.actuals


# ---------------------------------------------------------------- figures before any heading


def test_a_bulletin_opening_with_jinnian_yilai_gives_actuals() -> None:
    text = (
        "某某区2025年经济运行情况通报\n"
        "今年以来，全区新增城镇就业1.2万人，完成年度目标的80%；规上工业增加值增长5.6%。\n"
    )
    result = parse_text(text)
    assert not result.targets
    jobs = next(a for a in result.actuals if a.figure.value == Decimal("1.2"))
    assert (jobs.figure.metric, jobs.plan_share, jobs.year) == ("新增城镇就业", Decimal(80), 2025)
    growth = next(a for a in result.actuals if a.figure.value == Decimal("5.6"))
    assert growth.figure.kind is GROWTH
    assert growth.sentence[growth.figure.start : growth.figure.end] == growth.figure.raw


def test_a_report_page_that_starts_mid_review() -> None:
    text = (
        "全年完成固定资产投资215亿元，增长7.1%；新增市场主体1.3万户。\n"
        "二、2025年主要预期目标\n"
        "地区生产总值增长6%左右。\n"
    )
    figures = extract_report_figures(text)
    assert [(a.figure.value, a.year) for a in figures.actuals] == [
        (Decimal(215), 2024),
        (Decimal("7.1"), 2024),
        (Decimal("1.3"), 2024),
    ]
    assert [(t.target.value, t.year, t.main) for t in figures.targets] == [(Decimal(6), 2025, True)]


def test_unheaded_lead_text_decides_clause_by_clause() -> None:
    text = "某某县重点工作推进情况\n全县新建5G基站320个；力争全年新建5G基站500个以上。\n"
    result = parse_text(text)
    assert [a.figure.value for a in result.actuals] == [Decimal(320)]
    assert [t.target.value for t in result.targets] == [Decimal(500)]


# ---------------------------------------------------------------- in-year progress headings


def test_in_year_progress_headings_give_actuals_of_that_year() -> None:
    text = (
        "一、2023年重点工作前三季度落实情况\n"
        "规上工业增加值增长5.8%，固定资产投资完成年计划120亿元的76.5%。\n"
        "二、第四季度工作打算\n"
        "确保全年规上工业增加值增长7%。\n"
    )
    figures = extract_report_figures(text)
    assert not [t for t in figures.targets if t.target.value == Decimal("5.8")]
    growth = next(a for a in figures.actuals if a.figure.value == Decimal("5.8"))
    assert growth.year == 2023  # not the plan year minus one
    assert growth.period is not None and growth.period.label == "前三季度"
    assert [(t.target.value, t.year) for t in figures.targets] == [(Decimal(7), 2023)]


@pytest.mark.parametrize(
    ("heading", "label", "months"),
    [
        ("一、2024年上半年完成情况", "上半年", (1, 6)),
        ("一、2024年1-9月进展情况", "1-9月", (1, 9)),
        ("一、2024年一季度推进情况", "一季度", (1, 3)),
    ],
)
def test_the_period_of_a_progress_heading(
    heading: str, label: str, months: tuple[int, int]
) -> None:
    figures = extract_report_figures(f"{heading}\n全区社会消费品零售总额增长4.2%。\n")
    actual = figures.actuals[0]
    assert actual.year == 2024 and actual.period is not None
    assert (actual.period.label, actual.period.first, actual.period.last) == (label, *months)


def test_a_review_of_the_year_covers_the_whole_year() -> None:
    figures = extract_report_figures("一、2024年工作回顾\n地区生产总值增长5.1%。\n")
    period = figures.actuals[0].period
    assert period is not None and period.label == "全年"


# ---------------------------------------------------------------- 完成年计划X亿元的Y%


def test_wancheng_nian_jihua_is_the_plan_of_the_actual() -> None:
    text = "一、2024年1-9月进展情况\n固定资产投资完成年计划120亿元的76.5%。\n"
    actual = extract_report_figures(text).actuals[0]
    assert (actual.figure.metric, actual.figure.value, actual.plan_share) == (
        "固定资产投资",
        Decimal("76.5"),
        Decimal("76.5"),
    )
    assert actual.plan_value is not None and actual.plan_value.value == Decimal(120)
    assert all("年计划" not in a.figure.metric for a in extract_report_figures(text).actuals)


def test_the_plan_stated_after_the_actual() -> None:
    text = "一、2024年1-9月进展情况\n重点项目完成投资90.2亿元，完成年计划120亿元的75.2%。\n"
    actuals = extract_report_figures(text).actuals
    assert len(actuals) == 1
    actual = actuals[0]
    assert actual.figure.value == Decimal("90.2") and actual.plan_share == Decimal("75.2")
    assert actual.plan_value is not None and actual.plan_value.value == Decimal(120)


def test_a_plan_figure_stated_before_the_actual() -> None:
    text = "某某县民生实事完成情况\n年度计划投资2.5亿元，截至2024年12月底，完成投资2.4亿元，占年度计划的96%。\n"
    result = parse_text(text)
    assert [t.target.value for t in result.targets] == [Decimal("2.5")]
    actual = result.actuals[0]
    assert actual.plan_value is not None and actual.plan_value.value == Decimal("2.5")
    assert actual.plan_share == Decimal(96) and actual.year == 2024


# ---------------------------------------------------------------- metrics after separators


def test_bishangnian_tongqi_keeps_the_metric_of_the_figure_before() -> None:
    assert _figures("全区规上工业营业收入达到85.6亿元，比上年同期增长4.3%。") == [
        ("规上工业营业收入", Decimal("85.6"), "亿元", TargetKind.LEVEL),
        ("规上工业营业收入", Decimal("4.3"), "%", GROWTH),
    ]


def test_a_labelled_indicator_and_its_gap_to_the_target() -> None:
    text = "一、2024年上半年完成情况\n城镇居民人均可支配收入（第5项）：增长4.1%，低于目标1.4个百分点。\n"
    actuals = extract_report_figures(text).actuals
    assert len(actuals) == 1  # the gap is no figure of its own
    actual = actuals[0]
    assert (actual.figure.metric, actual.figure.kind) == ("城镇居民人均可支配收入", GROWTH)
    gap = actual.difference
    assert gap is not None
    assert (gap.metric, gap.value, gap.unit, gap.comparator) == (
        "目标",
        Decimal("1.4"),
        "个百分点",
        Comparator.AT_MOST,
    )


def test_listed_modifiers_share_the_head_and_both_lists_pair() -> None:
    sentence = "城镇、农村居民人均可支配收入分别增长5.2%和7.1%，分别达41200元和19800元。"
    assert [(m, v) for m, v, _, _ in _figures(sentence)] == [
        ("城镇居民人均可支配收入", Decimal("5.2")),
        ("农村居民人均可支配收入", Decimal("7.1")),
        ("城镇居民人均可支配收入", Decimal(41200)),
        ("农村居民人均可支配收入", Decimal(19800)),
    ]


def test_three_industries_spread_over_their_members() -> None:
    assert [(m, v) for m, v, _, _ in _figures("三次产业增加值分别增长3.1%、5.4%和6.2%。")] == [
        ("第一产业增加值", Decimal("3.1")),
        ("第二产业增加值", Decimal("5.4")),
        ("第三产业增加值", Decimal("6.2")),
    ]


def test_a_period_list_keeps_metric_and_kind_and_each_its_period() -> None:
    sentence = "规上工业增加值增速上半年5.5%、前三季度6%、全年7%左右。"
    found = extract_targets(sentence)
    assert [(t.value, t.kind, t.comparator) for t in found] == [
        (Decimal("5.5"), GROWTH, Comparator.EXACTLY),
        (Decimal(6), GROWTH, Comparator.EXACTLY),
        (Decimal(7), GROWTH, Comparator.ABOUT),
    ]
    assert all(t.metric.startswith("规上工业增加值") for t in found)
    actuals = extract_report_figures(f"一、2024年工作回顾\n{sentence}\n").actuals
    assert [a.period.label if a.period else None for a in actuals] == ["上半年", "前三季度", "全年"]


# ---------------------------------------------------------------- units


def test_a_compound_unit_is_kept_whole() -> None:
    target = _one("园区单位面积产出达到120亿元/平方公里。")
    assert (target.unit, target.normalized_unit) == ("亿元/平方公里", "元/平方公里")
    assert target.normalized_value == Decimal(12_000_000_000)


def test_tupo_qianyi_is_a_thousand_yi_yuan() -> None:
    target = _one("电子信息产业集群规模突破千亿。")
    assert (target.value, target.unit, target.comparator) == (
        Decimal(1000),
        "亿元",
        Comparator.AT_LEAST,
    )
    assert _figures("打造千亿级产业集群。") == []


def test_a_number_scaled_by_wan_without_a_unit() -> None:
    target = _one("散煤使用量减少60万以上。")
    assert (target.value, target.unit, target.normalized_value, target.comparator) == (
        Decimal(60),
        "万",
        Decimal(600_000),
        Comparator.AT_LEAST,
    )


def test_traditional_yi_yuan() -> None:
    target = _one("全年實現營業收入1200億元。")
    assert (target.value, target.unit, target.normalized_value, target.normalized_unit) == (
        Decimal(1200),
        "億元",
        Decimal(120_000_000_000),
        "元",
    )


# ---------------------------------------------------------------- flattened indicator tables

FLAT_TABLE = """某某县2024年主要经济指标1-9月完成情况
指标名称
年度目标(%)
1-9月完成(%)
地区生产总值增长
7
6.2
一般公共预算收入增长
3
4.5
"""


def test_a_flattened_indicator_table_with_percent_only_in_the_header() -> None:
    result = parse_text(FLAT_TABLE)
    assert result.kind is DocumentKind.BULLETIN
    targets = [
        (t.target.metric, t.target.value, t.target.unit, t.target.kind) for t in result.targets
    ]
    assert targets == [
        ("地区生产总值", Decimal(7), "%", GROWTH),
        ("一般公共预算收入", Decimal(3), "%", GROWTH),
    ]
    gdp = result.actuals[0]
    assert (gdp.figure.metric, gdp.figure.value, gdp.year) == ("地区生产总值", Decimal("6.2"), 2024)
    assert gdp.period is not None and gdp.period.label == "1-9月"
    assert gdp.plan_value is not None and gdp.plan_value.value == Decimal(7)
    assert gdp.span.start.line == 7


# ---------------------------------------------------------------- false figures


@pytest.mark.parametrize(
    "sentence",
    [
        "发布时间：2023-10-12 16:20:35  来源：区政府办",
        "受征迁影响，项目进度滞后了2个月。",
        "出台支持民营经济发展90条措施，从10个方面推进，一年来主要做了7个方面工作。",
        "在全市考核中比去年同期提升5位。",
    ],
    ids=["timestamp", "delay", "measures", "ranking"],
)
def test_false_figures_are_not_figures(sentence: str) -> None:
    assert extract_targets(sentence) == ()


NOTICE_WITH_RULES = """某某区人民政府办公室
关于印发2023年重点工作任务分解的通知
各街道办事处，区政府各部门：
现将《2023年重点工作任务分解》印发给你们。各单位于每月5日前报送上月进展情况；6月8日17时前报送推进计划；从6月份起实行月报；7月9日至17日，区政府督查室开展专项督查。
二○二二年十二月二十日
2023年重点工作任务分解
1. 新建口袋公园20个，9月28前全部建成。
责任单位：区城管局
"""


def test_preamble_times_reach_the_result_and_the_json() -> None:
    result = parse_text(NOTICE_WITH_RULES)
    times = {(t.role, t.raw): t for t in result.times}
    monthly = times[(TimeRole.RECURRING, "每月5日")]
    assert (monthly.every, monthly.day, monthly.start) == ("month", 5, None)
    plan = times[(TimeRole.DEADLINE, "6月8日17时前")]
    assert (plan.due, plan.hour) == (date(2023, 6, 8), 17)
    start = times[(TimeRole.START, "6月份起")]
    assert start.start == date(2023, 6, 1)
    inspection = times[(TimeRole.DEADLINE, "7月9日至17日")]
    assert (inspection.start, inspection.due) == (date(2023, 7, 9), date(2023, 7, 17))
    assert all(t.due != date(2022, 12, 20) for t in result.times)  # the issuance date
    data = json.loads(to_json(result))
    assert {t["raw"] for t in data["times"]} >= {"每月5日", "6月8日17时前", "7月9日至17日"}


def test_a_closing_date_in_chinese_numerals_is_no_deadline() -> None:
    text = "2023年重点工作任务分解\n1. 新建学校2所。\n责任单位：区教育局\n二○二二年十二月二十日\n"
    task = parse_text(text).tasks[0]
    assert task.deadline is None
    assert [m.due for m in task.milestones] == []


def test_a_speech_date_is_no_deadline() -> None:
    text = (
        "政府工作报告\n——2024年1月22日在某某区第四届人民代表大会第四次会议上\n各位代表：\n"
        "一、2023年工作回顾\n全年新增城镇就业3540人。\n"
        "二、2024年工作安排\n请各单位于2月底前报送工作总结。\n"
    )
    result = parse_text(text)
    assert [t.due for t in result.times] == [date(2024, 2, 29)]


def test_a_date_range_keeps_both_ends_and_a_day_without_ri() -> None:
    (inspection,) = extract_time_expressions("7月9日至17日开展专项督查", year=2024)
    assert (inspection.range_start, inspection.date) == (date(2024, 7, 9), date(2024, 7, 17))
    (due,) = extract_time_expressions("9月28前完成验收", year=2024)
    assert (due.date, str(due.precision)) == (date(2024, 9, 28), "day")
    task = parse_text(NOTICE_WITH_RULES).tasks[0]
    assert [m.due for m in task.milestones] == [date(2023, 9, 28)]


# ---------------------------------------------------------------- the schema


def test_schema_2_round_trips_a_report() -> None:
    result = parse_file(_sample("002"))
    data = json.loads(to_json(result))
    assert data["schema"] == "taskdoc.parse/2" and data["kind"] == "plan_execution_report"
    assert result_from_dict(data) == result


def test_schema_1_results_are_still_read_as_notices() -> None:
    result = parse_text(NOTICE_WITH_RULES)
    data = result_to_dict(result)
    for key in ("kind", "targets", "actuals", "times"):
        del data[key]
    data["schema"] = SCHEMA_V1
    old: ParseResult = result_from_dict(json.loads(json.dumps(data, ensure_ascii=False)))
    assert old.kind is DocumentKind.NOTICE and old.tasks == result.tasks
    assert (old.targets, old.actuals, old.times) == ((), (), ())
