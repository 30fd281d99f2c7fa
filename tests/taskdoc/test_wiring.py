"""Targets, milestones and the reporting schedule reach the parse, the JSON and the ledger."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from io import BytesIO

from openpyxl import load_workbook

from taskdoc import ParseResult, Task, parse_file, parse_text
from taskdoc.grammar.assemble import DEADLINE_MILESTONE
from taskdoc.output.ledger import COLUMNS, ledger_bytes
from taskdoc.output.serialize import to_json
from tests.taskdoc.conftest import CORPUS


@cache
def _seed(stem: str) -> ParseResult:
    return parse_file(CORPUS / f"{stem}.txt")


def _task(stem: str, list_index: int, number: int) -> Task:
    result = _seed(stem)
    title = result.lists[list_index].title
    return next(t for t in result.tasks if t.list == title and t.number == number)


def test_targets_of_a_seed_task() -> None:
    task = _task("000_2b341ad98e95df6a", 0, 29)
    employment = next(t for t in task.targets if t.metric == "新增就业")
    assert employment.normalized_value == Decimal(13000)
    assert employment.normalized_unit == "人"
    unemployment = next(t for t in task.targets if "失业率" in t.metric)
    assert (str(unemployment.comparator), unemployment.value) == ("at_most", Decimal("5.5"))


def test_milestones_of_a_seed_task_use_the_document_year() -> None:
    task = _task("000_2b341ad98e95df6a", 0, 27)
    opening = next(m for m in task.milestones if "开诊" in m.text)
    assert opening.due == date(2024, 6, 30)


def test_deadline_field_becomes_a_milestone() -> None:
    text = "2025年区政府工作报告目标任务分解\n1. 新建学校 2 所。\n责任单位：区教育局\n完成时限：9月底前"
    task = parse_text(text).tasks[0]
    assert [(m.text, m.due) for m in task.milestones] == [(DEADLINE_MILESTONE, date(2025, 9, 30))]


def test_without_a_year_there_are_no_dates_and_the_document_says_why() -> None:
    result = parse_text("1. 6月底前建成学校。\n责任单位：区教育局")
    assert result.tasks[0].milestones == ()
    assert [issue.code for issue in result.issues] == ["year_unknown"]


def test_schedule_from_the_body_of_seed_004() -> None:
    schedule = _seed("004_87fdf972b4e7a4f0").schedule
    assert schedule is not None
    assert isinstance(schedule.plan_due, datetime)
    assert (schedule.plan_due.month, schedule.plan_due.day, schedule.plan_due.hour) == (6, 8, 17)
    assert schedule.monthly is not None
    assert schedule.monthly.day == 10
    assert date(2020, 7, 10) in schedule.ledger_dates
    assert date(2021, 1, 10) in schedule.ledger_dates


def test_json_and_ledger_carry_targets_and_milestones() -> None:
    result = _seed("000_2b341ad98e95df6a")
    data = json.loads(to_json(result))
    task = next(
        t for t in data["tasks"] if t["number"] == 29 and t["list"] == result.lists[0].title
    )
    assert any(
        t["metric"] == "新增就业" and t["normalized_value"] == "13000" for t in task["targets"]
    )
    sheet = load_workbook(BytesIO(ledger_bytes(result))).active
    assert sheet is not None
    titles = [title for title, _ in COLUMNS]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    row = next(r for r in rows if r[0] == 27)
    assert "2024-06-30" in str(row[titles.index("时间节点")])
    row = next(r for r in rows if r[0] == 29)
    assert "新增就业" in str(row[titles.index("量化指标")])
