"""The PDF reader: lines with page locations, page furniture removed, ruled tables, scans."""

from __future__ import annotations

import io
from typing import Any

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph as Flowable
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from taskdoc.errors import UnreadableDocumentError
from taskdoc.model import Block, Location, Paragraph, TableRow
from taskdoc.readers import read_bytes
from taskdoc.readers.pdf import clean_cell
from tests.taskdoc.docgen import CJK_FONT, pdf_from_text

STYLE = ParagraphStyle("cell", fontName=CJK_FONT, fontSize=10.5, leading=14, wordWrap="CJK")
TASK = "地区生产总值增长 7%以上，固定资产投资增长 8%以上，社会消费品零售总额增长 8%以上。"


def _paragraphs(blocks: tuple[Block, ...]) -> list[Paragraph]:
    return [block for block in blocks if isinstance(block, Paragraph)]


def _texts(blocks: tuple[Block, ...]) -> list[str]:
    return [block.text for block in _paragraphs(blocks)]


def test_lines_carry_page_and_line_and_page_numbers_are_dropped() -> None:
    text = "\n".join(f"第{n}段：" + "推进重点项目建设" * 3 for n in range(1, 40))
    blocks = read_bytes(pdf_from_text(text), filename="通知.pdf").blocks
    # a paragraph wrapped at the right edge is one block, at its first line (see the reader)
    assert blocks[0] == Paragraph("第1段：" + "推进重点项目建设" * 3, Location(page=1, line=1))
    assert blocks[1].location == Location(page=1, line=3)
    second_page = [b for b in blocks if b.location.page == 2]
    assert second_page[0].location == Location(page=2, line=2)  # line 1 ends page 1's paragraph
    assert len(_paragraphs(blocks)) == len(blocks)
    assert not [text for text in _texts(blocks) if "-" in text]
    assert "".join(_texts(blocks)) == text.replace("\n", "")


def test_source_format_is_pdf() -> None:
    assert read_bytes(pdf_from_text("正文"), filename="a.pdf").source_format == "pdf"


def _furnished_pdf(pages: int, header: str, footer: str) -> bytes:
    """A PDF whose pages carry a running header and a footer with a page number."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    width, height = A4
    for page in range(1, pages + 1):
        canvas.setFont(CJK_FONT, 9)
        canvas.drawCentredString(width / 2, height - 30, header)
        canvas.drawCentredString(width / 2, 30, footer.format(page=page, pages=pages))
        canvas.setFont(CJK_FONT, 14)
        canvas.drawString(80, height - 100, header)  # the same words in the body stay
        canvas.drawString(80, height - 130, f"{page}. 第{page}页的任务。")
        canvas.drawString(80, height - 160, "2024")  # a bare number in the body stays
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize(
    "footer",
    [
        "- {page} -",
        "— {page} —",
        "－{page}－",
        "第 {page} 页 共 {pages} 页",
        "{page}/{pages}",
        "{page}",
    ],
)
def test_running_headers_and_page_numbers_are_dropped(footer: str) -> None:
    blocks = read_bytes(
        _furnished_pdf(3, "郑州市人民政府办公厅文件", footer), filename="a.pdf"
    ).blocks
    assert [(b.text, b.location) for b in _paragraphs(blocks) if b.location.page == 2] == [
        ("郑州市人民政府办公厅文件", Location(page=2, line=2)),
        ("2. 第2页的任务。", Location(page=2, line=3)),
        ("2024", Location(page=2, line=4)),
    ]
    assert len(blocks) == 9


def test_a_single_page_keeps_a_header_that_cannot_be_seen_repeating() -> None:
    blocks = read_bytes(_furnished_pdf(1, "内部资料", "- {page} -"), filename="a.pdf").blocks
    assert _texts(blocks) == ["内部资料", "内部资料", "1. 第1页的任务。", "2024"]


def _table_pdf(tasks: int) -> bytes:
    """Title, a ruled task table (header repeated on each page), and a closing line."""

    def cell(text: str) -> Flowable:
        return Flowable(text, STYLE)

    rows: list[list[Any]] = [[cell(t) for t in ("序号", "任务", "责任领导", "责任单位")]]
    rows.append([cell("一、全力推动经济发展全面提速"), "", "", ""])
    for number in range(1, tasks + 1):
        rows.append(
            [
                cell(str(number)),
                cell(TASK),
                cell("史建伟 李建安"),
                cell("区发展和改革委员会、区财政局"),
            ]
        )
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("SPAN", (0, 1), (-1, 1)),
        ("SPAN", (2, 2), (2, 3)),  # one leader cell for tasks 1 and 2
    ]
    table = Table(rows, colWidths=[40, 220, 80, 120], repeatRows=1)
    table.setStyle(TableStyle(style))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4)

    def page_number(canvas: Canvas, doc: Any) -> None:
        canvas.setFont(CJK_FONT, 9)
        canvas.drawCentredString(A4[0] / 2, 20, f"- {doc.page} -")

    document.build(
        [cell("2024 年区《政府工作报告》目标任务分解"), table, cell("以上任务请认真落实。")],
        onFirstPage=page_number,
        onLaterPages=page_number,
    )
    return buffer.getvalue()


def test_ruled_table_rows_with_merges_resolved() -> None:
    blocks = read_bytes(_table_pdf(2), filename="a.pdf").blocks
    assert blocks == (
        Paragraph("2024 年区《政府工作报告》目标任务分解", Location(page=1, line=1)),
        TableRow(("序号", "任务", "责任领导", "责任单位"), Location(page=1, table=1, row=1)),
        TableRow(("一、全力推动经济发展全面提速",), Location(page=1, table=1, row=2)),
        TableRow(
            ("1", TASK, "史建伟 李建安", "区发展和改革委员会、区财政局"),
            Location(page=1, table=1, row=3),
        ),
        TableRow(
            ("2", TASK, "史建伟 李建安", "区发展和改革委员会、区财政局"),
            Location(page=1, table=1, row=4),
        ),
        Paragraph("以上任务请认真落实。", Location(page=1, line=2)),
    )


def test_table_running_over_pages_keeps_its_number_and_drops_repeated_headers() -> None:
    blocks = read_bytes(_table_pdf(30), filename="a.pdf").blocks
    rows = [b for b in blocks if isinstance(b, TableRow)]
    assert {row.location.table for row in rows} == {1}
    assert [row.cells[0] for row in rows].count("序号") == 1
    assert [row.cells[0] for row in rows[2:]] == [str(n) for n in range(1, 31)]
    assert max(row.location.page or 0 for row in rows) > 1
    numbers = [row.location.row or 0 for row in rows]
    assert numbers == sorted(numbers)
    assert _texts(blocks) == ["2024 年区《政府工作报告》目标任务分解", "以上任务请认真落实。"]


def test_clean_cell_joins_wrapped_lines() -> None:
    assert clean_cell("区发展和改革委员会、\n区财政局") == "区发展和改革委员会、区财政局"
    assert clean_cell("李建\n安") == "李建安"
    assert clean_cell(None) == ""


def _rectangle_only_pdf() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.rect(100, 100, 300, 400, fill=1)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_pdf_without_text_layer_is_called_a_scan() -> None:
    with pytest.raises(UnreadableDocumentError) as caught:
        read_bytes(_rectangle_only_pdf(), filename="扫描件.pdf")
    assert caught.value.where == "扫描件.pdf"
    assert "扫描件" in caught.value.message
    assert "OCR" in caught.value.message


def test_encrypted_pdf_says_so() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, encrypt="secret")
    canvas.setFont(CJK_FONT, 12)
    canvas.drawString(72, 700, "机密")
    canvas.save()
    with pytest.raises(UnreadableDocumentError, match="加密"):
        read_bytes(buffer.getvalue(), filename="a.pdf")


def test_bytes_named_pdf_without_a_header_are_unreadable() -> None:
    with pytest.raises(UnreadableDocumentError, match="%PDF"):
        read_bytes("这不是 PDF".encode(), filename="a.pdf")


@pytest.mark.parametrize("keep", [0.05, 0.3, 0.6])
def test_damaged_pdf_is_unreadable_or_partial(keep: float) -> None:
    """pdfminer may recover the pages before the cut; what it returns must be real text."""
    data = pdf_from_text("正文内容\n" * 50)
    damaged = data[: int(len(data) * keep)]
    try:
        blocks = read_bytes(damaged, filename="a.pdf").blocks
    except UnreadableDocumentError as error:
        assert error.where == "a.pdf"
    else:
        assert set(_texts(blocks)) <= {"正文内容"}


def test_garbage_after_header_is_unreadable() -> None:
    with pytest.raises(UnreadableDocumentError, match="PDF"):
        read_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4, filename="a.pdf")


def test_scan_with_only_a_printed_page_number_is_called_a_scan() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for page in (1, 2):
        canvas.rect(72, 100, 450, 650, fill=1)  # the scanned page image stands in as a box
        canvas.setFont(CJK_FONT, 9)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {page} -")
        canvas.showPage()
    canvas.save()
    with pytest.raises(UnreadableDocumentError, match="扫描件"):
        read_bytes(buffer.getvalue(), filename="扫描件.pdf")
