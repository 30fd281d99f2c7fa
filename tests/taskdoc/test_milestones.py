"""Dated and ongoing clauses of a task (taskdoc.figures.milestones)."""

from __future__ import annotations

from datetime import date

import pytest

from taskdoc.figures.milestones import extract_milestones
from taskdoc.values import Precision


@pytest.mark.parametrize(
    ("text", "year", "due", "raw", "clause"),
    [
        (
            "6 月底前郑州市大肠肛门病医院实现开诊",
            2024,
            date(2024, 6, 30),
            "6 月底前",
            "郑州市大肠肛门病医院实现开诊",
        ),
        ("力争亳都古巷年内对外营业", 2024, date(2024, 12, 31), "年内", "力争亳都古巷对外营业"),
        ("塔湾古街9月底前具备开工条件", 2024, date(2024, 9, 30), "9月底前", "塔湾古街具备开工条件"),
        ("上半年完成站房设计方案批复", 2024, date(2024, 6, 30), "上半年", "完成站房设计方案批复"),
        (
            "确保一季度完成 1500 套区级人才公寓交付任务",
            2024,
            date(2024, 3, 31),
            "一季度",
            "确保完成 1500 套区级人才公寓交付任务",
        ),
        (
            "力争家饰佳家居体验中心“五一”开业",
            2024,
            date(2024, 5, 1),
            "“五一”",
            "力争家饰佳家居体验中心开业",
        ),
        (
            "10 月底前基本完成经营性资产股份合作制改革任务",
            2020,
            date(2020, 10, 31),
            "10 月底前",
            "基本完成经营性资产股份合作制改革任务",
        ),
    ],
)
def test_seed_milestones(text: str, year: int, due: date, raw: str, clause: str) -> None:
    (milestone,) = extract_milestones(text, year=year)
    assert (milestone.due, milestone.raw, milestone.text) == (due, raw, clause)
    assert not milestone.ongoing


def test_task_with_several_deadlines() -> None:
    text = (
        "加快 10 所医院建设，6 月底前郑州市大肠肛门病医院实现开诊，年底前管城总医院主体完工、"
        "中西医结合医院整体完工，管城人民医院石化路院区等 4 家医院开工建设。"
    )
    found = extract_milestones(text, year=2024)
    assert [(m.due, m.precision) for m in found] == [
        (date(2024, 6, 30), Precision.MONTH),
        (date(2024, 12, 31), Precision.YEAR),
    ]
    assert found[1].text == "管城总医院主体完工、中西医结合医院整体完工"
    assert text[found[0].start : found[0].end] == "6 月底前郑州市大肠肛门病医院实现开诊"


def test_clause_with_two_dates_gives_two_milestones() -> None:
    found = extract_milestones(
        "分别于7月10日、10月10日和2021年1月10日前报送市政府督查室", year=2020
    )
    assert [m.due for m in found] == [date(2020, 7, 10), date(2020, 10, 10), date(2021, 1, 10)]
    assert {m.text for m in found} == {"分别于报送市政府督查室"}


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("持续推进“七库联通”机制", "持续"),
        ("长期坚持“项目为王”理念", "长期"),
        ("常态化推进扫黑除恶", "常态化"),
    ],
)
def test_undated_standing_work_is_ongoing(text: str, marker: str) -> None:
    (milestone,) = extract_milestones(text, year=2024)
    assert milestone.ongoing and milestone.due is None and milestone.raw == marker


def test_half_width_commas_split_clauses() -> None:
    found = extract_milestones(
        "3月启动园区主体工程建设,同步开展周边环境治理,年底前项目大头落地", year=2024
    )
    assert [(m.due, m.text) for m in found] == [
        (date(2024, 3, 31), "启动园区主体工程建设"),
        (date(2024, 12, 31), "项目大头落地"),
    ]


def test_plain_clauses_give_nothing() -> None:
    assert extract_milestones("谋划储备一批重大项目。", year=2024) == ()


def test_to_dict() -> None:
    (milestone,) = extract_milestones("6月底前完成", year=2024)
    assert milestone.to_dict()["due"] == "2024-06-30"
