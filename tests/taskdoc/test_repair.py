"""PDF damage repair: paragraphs split mid-word are joined, real starts are kept."""

from __future__ import annotations

from taskdoc.model import Location, Paragraph, TableRow
from taskdoc.text.repair import Line, continues, ends_sentence, repair_paragraphs


def _blocks(*texts: str) -> list[Paragraph]:
    return [Paragraph(text, Location(line=index)) for index, text in enumerate(texts, start=1)]


def _texts(lines: list[Line | TableRow]) -> list[str]:
    return [line.text for line in lines if isinstance(line, Line)]


def test_joins_word_split_by_page_break() -> None:
    lines = list(
        repair_paragraphs(_blocks("责任单位：区城市管理局、开发区管", "委会", "2. 下一项。"))
    )
    assert _texts(lines) == ["责任单位：区城市管理局、开发区管委会", "2. 下一项。"]
    first = lines[0]
    assert isinstance(first, Line)
    assert first.span.start.line == 1
    assert first.span.end.line == 2


def test_joins_sentence_split_mid_phrase() -> None:
    lines = list(repair_paragraphs(_blocks("4. 聚焦目标，全力", "打造国际文旅。")))
    assert _texts(lines) == ["4. 聚焦目标，全力打造国际文旅。"]


def test_keeps_breaks_before_fields_numbers_titles_and_dates() -> None:
    blocks = _blocks(
        "责任单位：区政府办公室、各街道办事处",
        "2024 年区政府重点民生实事任务分解",
        "1. 新建学校",
        "责任领导：李松贵",
        "2024年3月7日",
    )
    assert _texts(list(repair_paragraphs(blocks))) == [b.text for b in blocks]


def test_short_heading_is_complete_without_punctuation() -> None:
    blocks = _blocks("一、项目化推进", "各单位要将所属的重点工作进一步细化。")
    assert len(list(repair_paragraphs(blocks))) == 2


def test_table_rows_pass_through_in_order() -> None:
    row = TableRow(("1", "任务"), Location(table=1, row=2))
    items = list(
        repair_paragraphs(
            [Paragraph("标题", Location(line=1)), row, Paragraph("后文", Location(line=3))]
        )
    )
    assert items[1] is row
    assert _texts(items) == ["标题", "后文"]


def test_ends_sentence() -> None:
    assert ends_sentence("完成。")
    assert ends_sentence("“三名”评选。”")
    assert ends_sentence("（国家发展改革委牵头）。")
    assert not ends_sentence("全力")
    assert not continues("完成。", "下一句")


def test_a_number_that_breaks_the_sequence_continues_the_line() -> None:
    blocks = _blocks("112. 新建中小学校 3", "0 所、投用 20 所。", "113. 下一项。")
    assert _texts(list(repair_paragraphs(blocks))) == [
        "112. 新建中小学校 30 所、投用 20 所。",
        "113. 下一项。",
    ]


def test_a_heading_that_filled_the_line_is_joined_with_its_remainder() -> None:
    blocks = _blocks(
        "(十八) 加快黄河流域生态保护和高质量发展核心示范区建", "设", "73. 围绕打造示范区。"
    )
    assert (
        _texts(list(repair_paragraphs(blocks)))[0]
        == "(十八) 加快黄河流域生态保护和高质量发展核心示范区建设"
    )


def test_the_signature_above_the_date_does_not_continue_the_last_field() -> None:
    lines = repair_paragraphs(_blocks("责任单位：县商务局", "某某县人民政府办公室", "2024年3月1日"))
    assert _texts(list(lines)) == ["责任单位：县商务局", "某某县人民政府办公室", "2024年3月1日"]


def test_the_printing_line_does_not_continue_the_last_field() -> None:
    lines = repair_paragraphs(
        _blocks("责任单位：县发展改革委、县财政局", "汝阳县人民政府办公室　　2024年3月1日印发")
    )
    assert len(_texts(list(lines))) == 2
