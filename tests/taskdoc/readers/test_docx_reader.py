"""The .docx reader: document order, numbering, merged cells, and the text Word hides."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from taskdoc.errors import UnreadableDocumentError, UnsupportedFormatError
from taskdoc.model import Location, Paragraph, TableRow
from taskdoc.readers import read_bytes
from taskdoc.readers.docx import join_pieces, read_docx

W = nsdecls("w")


def _docx(build: Callable[[Any], None]) -> bytes:
    document = Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _task_table(document: Any) -> None:
    """序号/任务/责任领导/责任单位 with a merged section row and a leader merged over two rows."""
    table = document.add_table(rows=5, cols=4)
    for cell, text in zip(
        table.rows[0].cells, ["序号", "任务", "责任领导", "责任单位"], strict=True
    ):
        cell.text = text
    section = table.rows[1].cells[0].merge(table.rows[1].cells[3])
    section.text = "一、全力推动经济发展"
    for row, values in ((2, ("1", "任务一。", "", "区财政局")), (3, ("2", "任务二。", "", ""))):
        for cell, text in zip(table.rows[row].cells, values, strict=True):
            cell.text = text
    leader = table.rows[2].cells[2].merge(table.rows[3].cells[2])
    leader.text = "史建伟 李建安"
    units = table.rows[3].cells[3]
    units.text = "区商务局、"
    units.add_paragraph("各街道办事处")
    # row 4 left empty: it is not reported, but later numbering is unaffected


def test_paragraphs_and_tables_in_document_order() -> None:
    def build(document: Any) -> None:
        document.add_paragraph("关于印发任务分解的通知")
        document.add_paragraph("")
        document.add_paragraph("各街道办事处：")
        _task_table(document)
        document.add_paragraph("2024年3月7日")
        document.add_table(rows=1, cols=2).rows[0].cells[0].text = "附表"

    blocks = read_bytes(_docx(build), filename="通知.docx").blocks
    assert blocks == (
        Paragraph("关于印发任务分解的通知", Location(paragraph=1)),
        Paragraph("各街道办事处：", Location(paragraph=2)),
        TableRow(("序号", "任务", "责任领导", "责任单位"), Location(table=1, row=1)),
        TableRow(("一、全力推动经济发展",), Location(table=1, row=2)),
        TableRow(("1", "任务一。", "史建伟 李建安", "区财政局"), Location(table=1, row=3)),
        TableRow(
            ("2", "任务二。", "史建伟 李建安", "区商务局、各街道办事处"), Location(table=1, row=4)
        ),
        Paragraph("2024年3月7日", Location(paragraph=3)),
        TableRow(("附表", ""), Location(table=2, row=1)),
    )


def test_source_format_is_docx() -> None:
    data = _docx(lambda d: d.add_paragraph("正文"))
    assert read_bytes(data, filename="a.docx").source_format == "docx"


def test_manual_line_breaks_split_a_paragraph_keeping_its_number() -> None:
    def build(document: Any) -> None:
        document.add_paragraph("标题")
        paragraph = document.add_paragraph("1. 任务内容。")
        paragraph.add_run().add_break()
        paragraph.add_run("责任领导：张　洋\t（分管）")

    assert read_docx(_docx(build), filename="a.docx") == (
        Paragraph("标题", Location(paragraph=1)),
        Paragraph("1. 任务内容。", Location(paragraph=2)),
        Paragraph("责任领导：张　洋 （分管）", Location(paragraph=2)),
    )


def test_tracked_changes_content_controls_and_text_boxes() -> None:
    def build(document: Any) -> None:
        paragraph = document.add_paragraph("保留")
        paragraph._p.append(
            parse_xml(f'<w:ins {W} w:id="1" w:author="a"><w:r><w:t>插入</w:t></w:r></w:ins>')
        )
        paragraph._p.append(
            parse_xml(
                f'<w:del {W} w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>'
            )
        )
        paragraph._p.append(
            parse_xml(
                f"<w:r {W}><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p>"
                "</w:txbxContent></w:drawing></w:r>"
            )
        )
        document.element.body.insert(
            1,
            parse_xml(
                f"<w:sdt {W}><w:sdtPr><w:alias w:val='标题'/></w:sdtPr><w:sdtContent>"
                "<w:p><w:hyperlink><w:r><w:t>控件中的</w:t></w:r></w:hyperlink>"
                "<w:r><w:t xml:space='preserve'> 文字</w:t></w:r></w:p></w:sdtContent></w:sdt>"
            ),
        )

    assert read_docx(_docx(build), filename="a.docx") == (
        Paragraph("保留插入", Location(paragraph=1)),
        Paragraph("控件中的 文字", Location(paragraph=2)),
    )


def test_legacy_horizontal_merge_and_grid_before() -> None:
    def build(document: Any) -> None:
        table = document.add_table(rows=2, cols=3)
        for cell, text in zip(table.rows[0].cells, ["序号", "任务", "单位"], strict=True):
            cell.text = text
        tcs = table.rows[1]._tr.tc_lst
        tcs[0]._add_tcPr().append(parse_xml(f'<w:hMerge {W} w:val="restart"/>'))
        tcs[1]._add_tcPr().append(parse_xml(f'<w:hMerge {W} w:val="continue"/>'))
        table.rows[1].cells[0].text = "二、标题行"
        table.rows[1].cells[2].text = "尾"

    rows = read_docx(_docx(build), filename="a.docx")
    assert [row.cells for row in rows if isinstance(row, TableRow)] == [
        ("序号", "任务", "单位"),
        ("二、标题行", "尾"),
    ]


def test_cell_pieces_keep_a_space_only_between_words() -> None:
    assert join_pieces(["史建伟", "李建安"]) == "史建伟 李建安"
    assert join_pieces(["区财政局、", "区商务局"]) == "区财政局、区商务局"
    assert join_pieces(["任务内容。", "补充说明"]) == "任务内容。补充说明"
    assert join_pieces([]) == ""


def test_picture_only_document_is_called_a_scan() -> None:
    def build(document: Any) -> None:
        document.add_paragraph()._p.append(parse_xml(f"<w:r {W}><w:drawing/></w:r>"))

    with pytest.raises(UnreadableDocumentError, match="OCR") as caught:
        read_bytes(_docx(build), filename="扫描件.docx")
    assert caught.value.where == "扫描件.docx"


def test_empty_document_has_no_blocks() -> None:
    assert read_bytes(_docx(lambda d: None), filename="a.docx").blocks == ()


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.99])
def test_truncated_docx_is_unreadable(keep: float) -> None:
    data = _docx(lambda d: d.add_paragraph("正文" * 200))
    with pytest.raises(UnreadableDocumentError) as caught:
        read_bytes(data[: int(len(data) * keep)], filename="a.docx")
    assert caught.value.where == "a.docx"
    assert "损坏" in caught.value.message


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_zip_that_is_not_a_docx_is_unreadable() -> None:
    with pytest.raises(UnreadableDocumentError, match="不是 Word 文档"):
        read_bytes(_zip({"readme.txt": "hello"}), filename="a.docx")


def test_package_with_broken_document_xml_is_unreadable() -> None:
    data = _zip(
        {
            "[Content_Types].xml": "<Types/>",
            "word/document.xml": "<w:document><unclosed>",
        }
    )
    with pytest.raises(UnreadableDocumentError, match="无法读取 Word 文档"):
        read_bytes(data, filename="a.docx")


@pytest.mark.parametrize(
    ("marker", "word"),
    [("xl/workbook.xml", "Excel"), ("OFD.xml", "OFD"), ("ppt/presentation.xml", "PowerPoint")],
)
def test_other_office_zips_are_named(marker: str, word: str) -> None:
    with pytest.raises(UnsupportedFormatError, match=word):
        read_bytes(_zip({"[Content_Types].xml": "<Types/>", marker: "<x/>"}), filename="a.docx")


# -- automatic numbering ----------------------------------------------------------

GOV_LIST = f"""
<w:abstractNum {W} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%3."/><w:suff w:val="space"/></w:lvl>
</w:abstractNum>
"""
SERIAL_COLUMN = f"""
<w:abstractNum {W} w:abstractNumId="91">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>
</w:abstractNum>
"""


def _add_numbering(
    document: Any, abstract: str, abstract_id: int, num_id: int, start: int = 0
) -> None:
    root = document.part.numbering_part.element
    root.insert(0, parse_xml(abstract))
    override = (
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        if start
        else ""
    )
    root.append(
        parse_xml(
            f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
        )
    )


def _numbered(paragraph: Any, num_id: int, level: int) -> None:
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def test_automatic_numbers_are_rendered_like_word_shows_them() -> None:
    outline = [
        (0, "全力推动经济发展"),
        (1, "工业"),
        (2, "推进智能制造。"),
        (2, "培育专精特新企业。"),
        (1, "农业"),
        (2, "稳定粮食生产。"),
        (0, "增进民生福祉"),
        (2, "新增就业 1.3 万人。"),
    ]

    def build(document: Any) -> None:
        _add_numbering(document, GOV_LIST, 90, 901)
        for level, text in outline:
            _numbered(document.add_paragraph(text), 901, level)
        document.add_paragraph("附：无编号的说明")

    assert [
        b.text for b in read_docx(_docx(build), filename="a.docx") if isinstance(b, Paragraph)
    ] == [
        "一、全力推动经济发展",
        "（一）工业",
        "1. 推进智能制造。",
        "2. 培育专精特新企业。",
        "（二）农业",
        "1. 稳定粮食生产。",
        "二、增进民生福祉",
        "1. 新增就业 1.3 万人。",
        "附：无编号的说明",
    ]


def test_list_number_style_and_numbering_switched_off() -> None:
    def build(document: Any) -> None:
        document.add_paragraph("任务一。", style="List Number")
        document.add_paragraph("任务二。", style="List Number")
        _numbered(document.add_paragraph("不编号。", style="List Number"), 0, 0)

    assert [
        b.text for b in read_docx(_docx(build), filename="a.docx") if isinstance(b, Paragraph)
    ] == [
        "1. 任务一。",
        "2. 任务二。",
        "不编号。",
    ]


def test_serial_column_numbered_automatically_with_a_start_override() -> None:
    def build(document: Any) -> None:
        _add_numbering(document, SERIAL_COLUMN, 91, 911, start=5)
        table = document.add_table(rows=3, cols=2)
        table.rows[0].cells[0].text = "序号"
        table.rows[0].cells[1].text = "任务"
        for row in (1, 2):
            _numbered(table.rows[row].cells[0].paragraphs[0], 911, 0)
            table.rows[row].cells[1].text = f"第{row}项任务。"

    rows = read_docx(_docx(build), filename="a.docx")
    assert [row.cells for row in rows if isinstance(row, TableRow)] == [
        ("序号", "任务"),
        ("5", "第1项任务。"),
        ("6", "第2项任务。"),
    ]
