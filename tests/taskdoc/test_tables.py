"""Tables with a 序号/任务/责任领导/… header become the same tasks as prose."""

from __future__ import annotations

import pytest

from taskdoc.grammar.tables import detect_header, join_texts, sub_header, table_lines
from taskdoc.model import Location, SourceSpan, TableRow
from taskdoc.text.repair import Line


def _row(row: int, *cells: str) -> TableRow:
    return TableRow(cells, Location(table=1, row=row))


def test_detect_header() -> None:
    header = detect_header(["序号", "重点任务", "责任领导", "牵头单位", "责任单位", "完成时限"])
    assert header is not None
    assert header.number == 0
    assert header.texts == (1,)
    assert [label for _, label in header.fields] == ["责任领导", "牵头单位", "责任单位", "完成时限"]
    assert detect_header(["姓名", "职务"]) is None


def test_rows_become_task_and_field_lines() -> None:
    rows = [
        _row(1, "序号", "任务", "责任领导", "牵头单位", "责任单位", "完成时限"),
        _row(2, "一、稳增长", "一、稳增长", "一、稳增长", "一、稳增长", "一、稳增长", "一、稳增长"),
        _row(3, "1", "推进项目。", "张 洋", "区发改委", "区财政局", "6月底前"),
    ]
    lines = list(table_lines(rows))
    assert [line.text for line in lines] == [
        "一、稳增长",
        "1. 推进项目。",
        "责任领导：张 洋",
        "牵头单位：区发改委",
        "责任单位：区财政局",
        "完成时限：6月底前",
    ]
    assert lines[1].span.start == Location(table=1, row=3, column=2)
    assert lines[4].span.start.describe() == "表1第3行第5列"


def test_table_without_header_is_read_as_prose() -> None:
    lines = list(table_lines([_row(1, "说明", "内容")]))
    assert [line.text for line in lines] == ["说明", "内容"]


def test_prose_lines_pass_through_between_tables() -> None:
    prose = Line("重点工作任务分解", SourceSpan.at(Location(paragraph=1)))
    second_table = TableRow(("说明",), Location(table=2, row=1))
    lines = list(
        table_lines(
            [
                prose,
                _row(1, "序号", "任务", "责任单位"),
                _row(2, "1", "推进。", "区财政局"),
                second_table,
            ]
        )
    )
    assert [line.text for line in lines] == [
        "重点工作任务分解",
        "1. 推进。",
        "责任单位：区财政局",
        "说明",
    ]


def test_a_row_split_by_a_page_break_is_merged() -> None:
    rows = [
        _row(1, "序号", "任务", "责任领导", "责任单位"),
        _row(2, "1", "推进项目建设，力争全", "张三", "区财政局、区商"),
        _row(3, "", "年开工 20 个。", "张三", "务局"),
        _row(4, "2", "新建学校。", "李四", "区教育局"),
    ]
    lines = list(table_lines(rows))
    assert [line.text for line in lines] == [
        "1. 推进项目建设，力争全年开工 20 个。",
        "责任领导：张三",
        "责任单位：区财政局、区商务局",
        "2. 新建学校。",
        "责任领导：李四",
        "责任单位：区教育局",
    ]


def test_markdown_section_rows_with_empty_cells_are_headings() -> None:
    rows = [
        _row(1, "序号", "任务", "责任单位"),
        _row(2, "一、稳增长", "", ""),
        _row(3, "1", "推进。", "区财政局"),
    ]
    assert [line.text for line in table_lines(rows)][:2] == ["一、稳增长", "1. 推进。"]


def test_header_notes_in_brackets_and_indicator_columns() -> None:
    header = detect_header(["序号", "指标名称", "目标值", "责任单位（列第一位的为牵头单位）"])
    assert header is not None
    assert header.texts == (1, 2)
    assert [label for _, label in header.fields] == ["责任单位"]


@pytest.mark.parametrize(
    ("parts", "text"),
    [
        (["地区生产总值增长", "7%左右"], "地区生产总值增长7%左右"),
        (["加快项目建设", "完成投资 100 亿元。"], "加快项目建设：完成投资 100 亿元。"),
        (["加快项目建设。", "完成投资。"], "加快项目建设。完成投资。"),
        (["", "只有内容"], "只有内容"),
    ],
)
def test_join_texts(parts: list[str], text: str) -> None:
    assert join_texts(parts) == text


def test_project_headers_name_the_text_column() -> None:
    header = detect_header(["序号", "项目名称", "责任单位"])
    assert header is not None and header.texts == (1,)


def test_a_two_row_header_is_read_from_its_second_row() -> None:
    """Word gives the upper row with 责任单位 once; the lower row repeats merged cells."""
    rows = [
        _row(1, "序号", "重点任务", "责任领导", "责任单位", "完成时限"),
        _row(2, "序号", "重点任务", "责任领导", "牵头单位", "配合单位", "完成时限"),
        _row(3, "1", "推进项目。", "张三", "区发改委", "区财政局", "6月底前"),
    ]
    assert [line.text for line in table_lines(rows)] == [
        "1. 推进项目。",
        "责任领导：张三",
        "牵头单位：区发改委",
        "配合单位：区财政局",
        "完成时限：6月底前",
    ]


def test_a_two_row_header_with_empty_merged_cells() -> None:
    """Markdown and PDF leave the merged cells of the lower row empty."""
    upper = ["序号", "任务", "责任单位", "", "完成时限"]
    header = sub_header(upper, ["", "", "牵头单位", "配合单位", ""])
    assert header is not None
    assert [label for _, label in header.fields] == ["牵头单位", "配合单位", "完成时限"]
    assert sub_header(upper, ["1", "推进项目。", "区发改委", "区财政局", "6月底前"]) is None
