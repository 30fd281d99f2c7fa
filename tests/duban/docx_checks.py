"""Reading a generated .docx back and checking it against GB/T 9704 (bulletin and year-end).

Only python-docx and the XML: the page size and margins, the document grid (22 lines of 28
characters), the fonts named for East Asian text, the odd/even page-number footers with their
``PAGE`` field, and the 版记 table between its rules at the foot of the last page.
"""

from __future__ import annotations

import io
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

MM = Mm(1)


def open_docx(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def texts(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs]


def east_asian_font(run: Any) -> str | None:
    fonts = run._element.rPr.rFonts if run._element.rPr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def paragraph(document: Any, text: str) -> Any:
    return next(p for p in document.paragraphs if p.text == text)


def check_page(document: Any) -> None:
    """A4, margins 37/35/28/26 mm (±1 mm), 22 lines × 28 characters."""
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < MM and abs(section.page_height - Mm(297)) < MM
    for side, mm in (("top", 37), ("bottom", 35), ("left", 28), ("right", 26)):
        assert abs(getattr(section, f"{side}_margin") - Mm(mm)) <= MM, side
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    pitch_pt = int(grid.get(qn("w:linePitch"))) / 20
    char_pt = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    text_height = (section.page_height - section.top_margin - section.bottom_margin) / Pt(1)
    text_width = (section.page_width - section.left_margin - section.right_margin) / Pt(1)
    assert int(text_height / pitch_pt) == 22
    assert round(text_width / char_pt) == 28
    normal = document.styles["Normal"]
    assert normal.paragraph_format.line_spacing == Pt(28.95)  # 22 lines without the grid too
    spacing = int(normal.element.rPr.find(qn("w:spacing")).get(qn("w:val"))) / 20
    assert int(text_width / (16 + spacing)) == 28  # and 28 characters by their own pitch
    assert normal.font.size == Pt(16)
    rfonts = normal.element.rPr.rFonts
    assert rfonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def check_title(document: Any, title: str) -> None:
    """标题: 2号 (22 pt) 方正小标宋简体, centred."""
    title_paragraph = paragraph(document, title)
    assert title_paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for run in title_paragraph.runs:
        assert run.font.size == Pt(22) and east_asian_font(run) == "方正小标宋简体"


def check_body_fonts(document: Any, body: list[str]) -> None:
    """正文: 3号 (16 pt) 仿宋_GB2312."""
    for text in body:
        for run in paragraph(document, text).runs:
            assert run.font.size == Pt(16) and east_asian_font(run) == "仿宋_GB2312", text


def check_page_numbers(document: Any) -> None:
    """ "— 1 —" in 4号宋体 from a PAGE field; odd pages right, even pages left."""
    settings = document.settings.element
    assert settings.find(qn("w:evenAndOddHeaders")) is not None
    section = document.sections[0]
    sides = (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    )
    for footer, align in sides:
        assert not footer.is_linked_to_previous
        number = footer.paragraphs[0]
        assert number.alignment == align
        xml = number._element
        instructions = [t.text for t in xml.iter(qn("w:instrText"))]
        assert [i.strip() for i in instructions] == ["PAGE"]
        kinds = [c.get(qn("w:fldCharType")) for c in xml.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert number.text == "— 1 —"
        for run in number.runs:
            assert run.font.size == Pt(14) and east_asian_font(run) == "宋体"


def _border_size(borders: Any, side: str) -> int | None:
    element = borders.find(qn(f"w:{side}")) if borders is not None else None
    if element is None or element.get(qn("w:val")) in (None, "nil", "none"):
        return None
    return int(element.get(qn("w:sz")))


def check_recipients(document: Any, title: str, recipients: str) -> None:
    """主送机关: the paragraph right after the title, flush left without indent, 3号仿宋."""
    texts_ = texts(document)
    line = document.paragraphs[texts_.index(title) + 1]
    assert line.text == recipients
    assert line.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert not line.paragraph_format.first_line_indent
    for run in line.runs:
        assert run.font.size == Pt(16) and east_asian_font(run) == "仿宋_GB2312"


def check_imprint(document: Any, *, cc: str, printer: str, printed_on: str) -> None:
    """版记 last: a one-column table floating at the bottom of the margin box (its left edge
    28 mm from the page, as wide as the 版心), ruled thick above and below and thin between
    its rows, 抄送 then 印发机关 … 日期印发 in 4号; only its empty anchor paragraph follows."""
    body = document.element.body
    blocks = [child for child in body if child.tag != qn("w:sectPr")]
    assert blocks[-1].tag == qn("w:p") and not "".join(blocks[-1].itertext()).strip()
    assert blocks[-2].tag == qn("w:tbl")
    table = document.tables[-1]
    assert table._tbl is blocks[-2]
    tbl_pr = table._tbl.tblPr
    position = tbl_pr.find(qn("w:tblpPr"))
    assert position is not None
    assert position.get(qn("w:vertAnchor")) == "margin"
    assert position.get(qn("w:tblpYSpec")) == "bottom"
    assert position.get(qn("w:horzAnchor")) == "page"
    assert abs(int(position.get(qn("w:tblpX"))) / 1440 * 25.4 - 28) < 0.5
    assert abs(int(tbl_pr.find(qn("w:tblW")).get(qn("w:w"))) / 1440 * 25.4 - 156) < 0.5
    borders = tbl_pr.find(qn("w:tblBorders"))
    top, bottom = _border_size(borders, "top"), _border_size(borders, "bottom")
    between = _border_size(borders, "insideH")
    assert top is not None and between is not None and top == bottom > between  # 0.35/0.25 mm
    assert all(_border_size(borders, side) is None for side in ("left", "right", "insideV"))
    cells = [row.cells[0] for row in table.rows]
    assert len(table.columns) == 1
    assert [c.text for c in cells] == [f"抄送：{cc}"] * bool(cc) + [f"{printer}\t{printed_on}印发"]
    for cell in cells:
        assert all(run.font.size == Pt(14) for p in cell.paragraphs for run in p.runs)
