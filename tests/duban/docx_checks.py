"""Reading a generated .docx back and checking it against GB/T 9704 (bulletin and year-end).

Only python-docx and the XML: the page size and margins, the document grid (22 lines of 28
characters), the fonts named for East Asian text, the odd/even page-number footers with their
``PAGE`` field, and the 版记 between its rules.
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


def _bottom_rule(p: Any) -> int | None:
    ppr = p._element.pPr
    borders = ppr.find(qn("w:pBdr")) if ppr is not None else None
    bottom = borders.find(qn("w:bottom")) if borders is not None else None
    return int(bottom.get(qn("w:sz"))) if bottom is not None else None


def check_imprint(document: Any, *, cc: str, printer: str, printed_on: str) -> None:
    """版记 last: thick rule, 抄送, thin rule, 印发机关 … 日期印发, thick rule; 4号."""
    paragraphs = document.paragraphs[-5:]
    rules = [_bottom_rule(p) for p in paragraphs]
    assert rules[0] is not None and rules[2] is not None and rules[4] is not None
    assert rules[0] == rules[4] > rules[2]  # thick, thin, thick
    assert paragraphs[1].text == f"抄送：{cc}"
    assert paragraphs[3].text == f"{printer}\t{printed_on}印发"
    for p in (paragraphs[1], paragraphs[3]):
        assert all(run.font.size == Pt(14) for run in p.runs)
