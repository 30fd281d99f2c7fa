"""The text reader: encodings, line numbers, and the Markdown it must see through."""

from __future__ import annotations

import pytest

from taskdoc.errors import UnreadableDocumentError
from taskdoc.model import Location, Paragraph, TableRow
from taskdoc.readers import read_bytes
from taskdoc.readers.text import blocks_from_text, decode, paragraphs_from_text, split_pipe_row

NOTICE = "2024 年区《政府工作报告》目标任务分解\n\n1. 新增就业 1.3 万人。\n责任领导：张　洋\n"


@pytest.mark.parametrize(
    "data",
    [
        NOTICE.encode("utf-8"),
        NOTICE.encode("utf-8-sig"),
        NOTICE.encode("gb18030"),
        NOTICE.encode("utf-16"),  # with BOM, as Notepad's "Unicode" saves
        b"\xfe\xff" + NOTICE.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_encodings_give_the_same_blocks(data: bytes) -> None:
    assert read_bytes(data, filename="通知.txt").blocks == (
        Paragraph("2024 年区《政府工作报告》目标任务分解", Location(line=1)),
        Paragraph("1. 新增就业 1.3 万人。", Location(line=3)),
        Paragraph("责任领导：张　洋", Location(line=4)),
    )


def test_crlf_and_surrounding_blanks() -> None:
    blocks = read_bytes("  一、稳增长 \r\n\r\n\t1. 任务\r\n".encode(), filename="a.txt").blocks
    assert blocks == (
        Paragraph("一、稳增长", Location(line=1)),
        Paragraph("1. 任务", Location(line=3)),
    )


def test_undecodable_bytes_are_refused_with_the_position() -> None:
    with pytest.raises(UnreadableDocumentError) as caught:
        decode("任务".encode() + b"\xff", filename="a.txt")
    assert caught.value.where == "a.txt"
    assert "GB18030" in caught.value.message
    assert "第 7 字节" in caught.value.message


def test_binary_content_named_txt_is_refused() -> None:
    with pytest.raises(UnreadableDocumentError, match="不是文本"):
        read_bytes(bytes(range(32)) * 20, filename="a.txt")


def test_markdown_headings_bold_and_quotes_are_removed() -> None:
    text = "# 关于印发的通知\n## 一、全力推动经济发展 ##\n**（二）靶向发力。**面对灾害\n> 1. 引用的任务\n#话题不是标题"
    assert [block.text for block in paragraphs_from_text(text)] == [
        "关于印发的通知",
        "一、全力推动经济发展",
        "（二）靶向发力。面对灾害",
        "1. 引用的任务",
        "#话题不是标题",
    ]


def test_adjacent_bold_runs_from_the_corpus() -> None:
    line = "（四）**统筹核心板块建设，区域发展成势见效。****商代王城遗址板块。**4.5 公里古城垣"
    assert paragraphs_from_text(line)[0].text == (
        "（四）统筹核心板块建设，区域发展成势见效。商代王城遗址板块。4.5 公里古城垣"
    )


def test_rules_are_dropped_but_page_number_lines_are_kept() -> None:
    blocks = paragraphs_from_text("正文\n---\n***\n- 3 -\n===")
    assert [(b.text, b.location.line) for b in blocks] == [("正文", 1), ("- 3 -", 4)]


def test_pipe_table_becomes_table_rows() -> None:
    text = (
        "2020 年重点工作任务分解\n"
        "\n"
        "| 序号 | 任务 | 责任领导 | 责任单位 |\n"
        "|:---:|------|---|---|\n"
        "| 一、稳增长 | | | |\n"
        "| 1 | **推进**项目<br>建设。 | 张 洋 | 区发改委、区财政局 |\n"
        "| 2 | 含竖线\\|的任务 | 李建安 | 区商务局 |\n"
        "之后的说明\n"
    )
    assert blocks_from_text(text) == (
        Paragraph("2020 年重点工作任务分解", Location(line=1)),
        TableRow(("序号", "任务", "责任领导", "责任单位"), Location(line=3, table=1, row=1)),
        TableRow(("一、稳增长", "", "", ""), Location(line=5, table=1, row=2)),
        TableRow(
            ("1", "推进项目建设。", "张 洋", "区发改委、区财政局"),
            Location(line=6, table=1, row=3),
        ),
        TableRow(("2", "含竖线|的任务", "李建安", "区商务局"), Location(line=7, table=1, row=4)),
        Paragraph("之后的说明", Location(line=8)),
    )


def test_tables_are_numbered_and_pipes_without_delimiter_stay_text() -> None:
    text = "|a|b|\n|-|-|\n|1|2|\n\n甲 | 乙\n正文\n| x | y |\n| --- | --- |\n"
    blocks = blocks_from_text(text)
    assert [(type(b).__name__, b.location.table, b.location.row) for b in blocks] == [
        ("TableRow", 1, 1),
        ("TableRow", 1, 2),
        ("Paragraph", None, None),
        ("Paragraph", None, None),
        ("TableRow", 2, 1),
    ]
    assert blocks[2] == Paragraph("甲 | 乙", Location(line=5))


def test_delimiter_must_match_the_header() -> None:
    blocks = blocks_from_text("| a | b |\n| --- |\n")
    assert all(isinstance(b, Paragraph) for b in blocks)


def test_paragraphs_from_text_leaves_table_rows_out() -> None:
    text = "标题\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    assert paragraphs_from_text(text) == (Paragraph("标题", Location(line=1)),)


def test_split_pipe_row() -> None:
    assert split_pipe_row("| a | b\\|c |  |") == ["a", "b|c", ""]
    assert split_pipe_row("a | b") == ["a", "b"]


def test_md_suffix_is_reported_as_markdown() -> None:
    assert read_bytes(b"# title", filename="notice.md").source_format == "md"
    assert read_bytes(b"# title", filename="notice.txt").source_format == "txt"
