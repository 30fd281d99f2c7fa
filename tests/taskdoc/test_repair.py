"""PDF damage repair: paragraphs split mid-word are joined, real starts are kept."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from taskdoc.model import Location, Paragraph, TableRow
from taskdoc.readers import read_bytes
from taskdoc.text.oneline import _is_run_on, split_paragraphs
from taskdoc.text.repair import Line, continues, ends_sentence, open_bracket, repair_paragraphs
from tests.taskdoc.docgen import CJK_FONT, _register_font


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


# -- a bracket left open across lines ------------------------------------------


def test_a_field_bracket_broken_after_a_semicolon_goes_on() -> None:
    blocks = _blocks(
        "（三）新增城镇就业3000人。[牵头单位：市人社局(就业中心)；",
        "责任单位：各区县政府，高新区]",
        "（四）下一项。",
    )
    assert _texts(list(repair_paragraphs(blocks))) == [
        "（三）新增城镇就业3000人。[牵头单位：市人社局(就业中心)；责任单位：各区县政府，高新区]",
        "（四）下一项。",
    ]


def test_a_bracket_broken_after_its_label_goes_on() -> None:
    blocks = _blocks("5. 完成老旧小区改造12个。（牵头单位：", "区住建局；责任单位：各街道）")
    assert _texts(list(repair_paragraphs(blocks))) == [
        "5. 完成老旧小区改造12个。（牵头单位：区住建局；责任单位：各街道）"
    ]


def test_every_bracket_kind_counts_and_closed_ones_do_not() -> None:
    assert open_bracket("任务。【责任单位：县某局")
    assert open_bracket("任务。〔牵头单位：县某局（某办）；")
    assert not open_bracket("任务。[牵头单位：县某局(某办)]")
    assert not open_bracket("1）任务完成。")  # a closing mark alone opens nothing


def test_a_numbered_item_or_a_date_still_starts_inside_an_open_bracket() -> None:
    blocks = _blocks("2. 建设公园3个。（牵头单位：县园林局；", "3. 下一项。", "2030年1月2日")
    assert len(_texts(list(repair_paragraphs(blocks)))) == 3


def test_an_opener_far_back_is_a_typo_and_does_not_swallow_the_notice() -> None:
    blocks = _blocks("1. 推进（试点" + "工作" * 200 + "。", "责任单位：县某局")
    assert len(_texts(list(repair_paragraphs(blocks)))) == 2


def test_an_open_bracket_continues_a_field_line_in_paragraph_mode() -> None:
    blocks = _blocks("牵头单位：市某局（市某", "办）", "推进下一项工作。")
    lines = _texts(list(repair_paragraphs(blocks, fields_end_lines=True)))
    assert lines == ["牵头单位：市某局（市某办）", "推进下一项工作。"]


# -- a notice on one line: table rows flattened with | are not split ------------


def test_a_cell_row_is_not_a_one_line_notice() -> None:
    row = (
        "2 | 新建社区食堂8家，新增助餐点20个。 | 1.3月底前完成选址。 2.6月底前建成4家。 "
        "3.10月底前全部建成投用，并开展满意度测评，形成长效运营机制和补贴办法。 | "
        "区民政局 | 区财政局、各街道 |"
    )
    assert not _is_run_on(row)
    assert split_paragraphs(row) == [row]


# -- PDF geometry: a line that fills the column continues ---------------------


def _pdf_lines(lines: list[tuple[float, str]]) -> bytes:
    """A one-page PDF with each (indent in em, text) drawn as one line, nothing wrapped."""
    _register_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    y = A4[1] - 100
    for indent, text in lines:
        canvas.setFont(CJK_FONT, 16)
        canvas.drawString(80 + indent * 16, y, text)
        y -= 26
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


FULL = "各街道要落实属地责任，做好排查整治工作并按月报送进度。"  # 27 em: reaches the edge


def test_pdf_line_that_fills_the_column_and_ends_a_sentence_goes_on() -> None:
    data = _pdf_lines(
        [
            (2, "1. 开展安全生产专项整治行动。"),
            (2, FULL),
            (0, "全年完成整治隐患点500处。"),
            (2, "2. 建设应急物资储备库。"),
        ]
    )
    texts = [b.text for b in read_bytes(data, filename="a.pdf").blocks]
    assert texts == [
        "1. 开展安全生产专项整治行动。",
        FULL + "全年完成整治隐患点500处。",
        "2. 建设应急物资储备库。",
    ]


def test_pdf_full_line_then_unindented_label_is_one_paragraph() -> None:
    data = _pdf_lines(
        [
            (2, "（一）新增城镇就业三千人以上。[牵头单位：县人社局；"),
            (0, "责任单位：各乡镇]"),
            (2, "（二）新建公园两个。"),
        ]
    )
    texts = [b.text for b in read_bytes(data, filename="a.pdf").blocks]
    assert texts[0] == "（一）新增城镇就业三千人以上。[牵头单位：县人社局；责任单位：各乡镇]"


def test_pdf_without_first_line_indents_is_left_to_the_text_repair() -> None:
    data = _pdf_lines([(0, FULL), (0, "下一段不缩进。"), (0, FULL), (0, "再下一段。")])
    assert len(read_bytes(data, filename="a.pdf").blocks) == 4
