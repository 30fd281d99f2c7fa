"""GB/T 9704—2012 党政机关公文格式 as python-docx writes it: the one page layout for every
official document the product prints (督查通报, 年度目标任务完成情况).

What the standard fixes, and where it is set here:

* A4 paper, 版心 156 mm × 225 mm: margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm;
* 22 lines of 28 characters: the section's document grid (``docGrid``, line pitch 28.95 pt and
  the character pitch that fits 28 three-point-size characters into 156 mm) and, for
  programs that ignore the grid, a fixed 28.95 pt line spacing in the Normal style;
* 标题 2号方正小标宋, 正文 3号仿宋_GB2312, 一级标题 黑体, 二级标题 楷体_GB2312;
* 页码 "— 1 —" in 4号半角宋体 below the 版心, odd pages on the right and even pages on the
  left, each one character in from the edge (odd and even footers, a ``PAGE`` field);
* 主送机关 under the title, flush left (``recipients``);
* 版记: 抄送 and the 印发机关 with the 印发日期, between full-width rules (thick, thin, thick),
  on the last page with its last line on the 版心's last line: a one-column floating table
  anchored to the bottom of the margin box (``w:tblpPr`` ``w:vertAnchor="margin"``
  ``w:tblpYSpec="bottom"``), which Word, WPS and LibreOffice all place there.

Fonts are named in the file (``eastAsia`` included) and need not be installed where it is
generated; Word, WPS and LibreOffice substitute the installed equivalent when printing.
The text helpers at the end say how such a document quotes a task: the whole first sentence.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"

SIZE_2, SIZE_3, SIZE_4 = 22.0, 16.0, 14.0  # 2号, 3号, 4号 in points
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
LINES, CHARS = 22, 28
LINE_PITCH_PT = 28.95  # 225 mm / 22 lines, as the standard's templates round it
# The grid's character pitch is the 3号 size plus charSpace/4096 pt: 156 mm / 28 = 15.79 pt.
CHAR_SPACE = round(((156 / 25.4 * 72) / CHARS - SIZE_3) * 4096)
# The same pitch as letter spacing, for paragraphs that do not snap to the grid: 28
# characters of 15.75 pt fit in 156 mm (442.2 pt) and 29 do not.
CHAR_SPACING_PT = -0.25
FOOTER_MM = 23  # the page number's top edge 7 mm below the 版心
CENTER, RIGHT, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
DASH = "—"  # 一字线 on either side of the page number
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]  # 156 mm
THICK_RULE, THIN_RULE = 8, 6  # 版记 rules in eighths of a point: 0.35 mm and 0.25 mm


@dataclass(frozen=True)
class Imprint:
    """版记: who gets a copy (抄送), who printed it (印发机关) and when (印发日期)."""

    cc: str
    printer: str
    printed_on: str  # "2024年7月31日"


# The schema's order of paragraph and run properties (ECMA-376 CT_PPrBase, CT_RPr), after
# the element each rule paragraph, style or default sets.
_ORDER = {
    "w:pPr": (
        "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
        "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
        "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
        "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
        "w:pPrChange",
    ),
    "w:rPr": (
        "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight",
        "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
        "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
    ),
}  # fmt: skip


def _set(parent: Any, tag: str, **attrs: str) -> Any:
    """Set child ``tag`` of a ``pPr``/``rPr`` where the schema orders it (Word refuses a file
    whose properties are out of order)."""
    existing = parent.find(qn(tag))
    if existing is not None:
        parent.remove(existing)
    child = OxmlElement(tag)
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), value)
    sequence = _ORDER["w:pPr" if parent.tag == qn("w:pPr") else "w:rPr"]
    parent.insert_element_before(child, *sequence[sequence.index(tag) + 1 :])
    return child


def _fonts(element: Any, name: str) -> None:
    """Name the font for every script (the East Asian one is what Chinese text uses)."""
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(key), name)


def _chars(n: float, size: float = SIZE_3) -> float:
    """``n`` characters of ``size`` in points, at the condensed pitch of the text."""
    return n * (size + CHAR_SPACING_PT)


def style_run(run: Any, *, font: str, size: float, bold: bool = False) -> None:
    """Font, size and weight of one run, the font named for every script (see ``_fonts``)."""
    run.font.name = font
    run.font.size = Pt(size)
    run.font.bold = bold
    _fonts(run._element, font)


def _page_setup(doc: Any) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(FOOTER_MM)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH_PT * 20)))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))


def _defaults(doc: Any) -> None:
    """The document defaults at 3号仿宋 too: the grid's character pitch is reckoned from the
    default size (LibreOffice reads it from here), so 28 characters a line need 16 pt."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag in ("w:sz", "w:szCs"):
        _set(rpr, tag, val=str(int(SIZE_3 * 2)))
    fonts = rpr.find(qn("w:rFonts"))
    for key in list(fonts.attrib):
        del fonts.attrib[key]
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(key), BODY_FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


def _normal_style(doc: Any) -> None:
    _defaults(doc)
    style = doc.styles["Normal"]
    style.font.name = BODY_FONT
    style.font.size = Pt(SIZE_3)
    _fonts(style.element, BODY_FONT)
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PITCH_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False
    # 28 characters a line by the characters' own pitch, not by snapping them to the grid
    # (LibreOffice gives a 16 pt character two cells of a 15.8 pt grid): 3号 less 0.25 pt.
    ppr = style.element.get_or_add_pPr()
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN", "w:snapToGrid"):
        _set(ppr, tag, val="0")
    _set(style.element.get_or_add_rPr(), "w:spacing", val=str(round(CHAR_SPACING_PT * 20)))


def _page_field(paragraph: Any) -> None:
    """``PAGE`` as a complex field (begin, instruction, separator, shown value, end)."""

    def run(*children: Any, text: str | None = None) -> None:
        r = paragraph.add_run(text)
        style_run(r, font=PAGE_NUMBER_FONT, size=SIZE_4)
        for child in children:
            r._element.append(child)

    def char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run(text=f"{DASH} ")
    run(char("begin"))
    run(instr)
    run(char("separate"))
    run(text="1")
    run(char("end"))
    run(text=f" {DASH}")


def _page_numbers(doc: Any) -> None:
    """Odd pages: right, one character in; even pages: left, one character in."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, align in ((section.footer, RIGHT), (section.even_page_footer, LEFT)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        if align is RIGHT:
            fmt.right_indent = Pt(SIZE_4)
        else:
            fmt.left_indent = Pt(SIZE_4)
        _page_field(paragraph)


def _element(tag: str, **attrs: str) -> Any:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _imprint_table(tbl: Any) -> None:
    """The 版记 table's properties, in the schema's order (CT_TblPr): floating at the bottom
    of the margin box, never overlapping text; as wide as the 版心 with fixed layout; rules
    above (thick), between rows (thin) and below (thick), no side lines.

    Its left edge is given from the page (28 mm), not as centred in the margin box: LibreOffice
    floats a table only when text could flow beside it, and a table as wide as the 版心 leaves
    no room in the margin box, so there it would stay in the flow right after the 署名.
    """
    tbl_pr = tbl.tblPr
    for child in list(tbl_pr):
        if child.tag != qn("w:tblStyle"):
            tbl_pr.remove(child)
    twips = str(round(TEXT_WIDTH_MM / 25.4 * 1440))
    borders = _element("w:tblBorders")
    for side, size in (("top", THICK_RULE), ("bottom", THICK_RULE), ("insideH", THIN_RULE)):
        borders.append(_element(f"w:{side}", val="single", sz=str(size), space="0", color="000000"))
    for side in ("left", "right", "insideV"):
        borders.append(_element(f"w:{side}", val="nil"))
    margins = _element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_element(f"w:{side}", w="0", type="dxa"))
    for child in (
        _element(
            "w:tblpPr",
            leftFromText="0",
            rightFromText="0",
            topFromText="0",
            bottomFromText="0",
            vertAnchor="margin",
            horzAnchor="page",
            tblpX=str(round(MARGINS_MM["left"] / 25.4 * 1440)),
            tblpYSpec="bottom",
        ),
        _element("w:tblOverlap", val="never"),
        _element("w:tblW", w=twips, type="dxa"),
        _element("w:tblInd", w="0", type="dxa"),
        borders,
        _element("w:tblLayout", type="fixed"),
        margins,
    ):
        tbl_pr.append(child)
    grid = tbl.tblGrid
    for column in grid.findall(qn("w:gridCol")):
        column.set(qn("w:w"), twips)


class OfficialDocument:
    """A document in the 公文 layout: add the parts in reading order, then ``save``."""

    def __init__(self) -> None:
        self.doc: Any = Document()
        _page_setup(self.doc)
        _normal_style(self.doc)
        _page_numbers(self.doc)

    def paragraph(
        self,
        text: str,
        *,
        font: str = BODY_FONT,
        size: float = SIZE_3,
        bold: bool = False,
        align: Any = JUSTIFY,
        indent: bool = True,
        before: float = 0,
        after: float = 0,
    ) -> Any:
        """One paragraph; ``indent`` is the 2-character first-line indent of 正文;
        ``before``/``after`` are blank lines (in lines of the grid) around it."""
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        if indent:
            fmt.first_line_indent = Pt(_chars(2, size))
        fmt.space_before = Pt(LINE_PITCH_PT * before)
        fmt.space_after = Pt(LINE_PITCH_PT * after)
        style_run(paragraph.add_run(text), font=font, size=size, bold=bold)
        return paragraph

    def mark(self, text: str) -> None:
        """A mark above everything (【草稿】), so a draft is never taken for the issue."""
        self.paragraph(f"【{text}】", font=HEADING_FONT, size=SIZE_3, align=RIGHT, indent=False)

    def doc_number(self, text: str) -> None:
        """发文字号, centred above the title."""
        self.paragraph(text, align=CENTER, indent=False)

    def title(self, text: str) -> None:
        """标题 in 2号小标宋, centred, one blank line above and below."""
        self.paragraph(
            text, font=TITLE_FONT, size=SIZE_2, align=CENTER, indent=False, before=1, after=1
        )

    def heading(self, text: str) -> None:
        """一级标题 (一、…) in 黑体."""
        self.paragraph(text, font=HEADING_FONT)

    def subheading(self, text: str) -> None:
        """二级标题 (（一）…) in 楷体."""
        self.paragraph(text, font=SUBHEADING_FONT)

    def body(self, text: str) -> None:
        self.paragraph(text)

    def signature(self, issuer: str, date_text: str) -> None:
        """发文机关署名 and 成文日期, right-aligned two characters in, after a blank line."""
        for position, text in enumerate((issuer, date_text)):
            paragraph = self.paragraph(text, align=RIGHT, indent=False, before=2 - position * 2)
            paragraph.paragraph_format.right_indent = Pt(_chars(2))

    def recipients(self, text: str) -> None:
        """主送机关 under the title, flush left (the title already keeps a blank line)."""
        if text.strip():
            self.paragraph(text.strip(), align=LEFT, indent=False)

    def imprint(self, imprint: Imprint) -> None:
        """版记 at the foot of the last page: a floating table as wide as the 版心, its rows
        the 抄送 and the 印发 line, ruled thick above and below and thin between; 4号 text
        one character in. The empty paragraph after it is its anchor (and a body must end
        with a paragraph)."""
        rows = ([f"抄送：{imprint.cc}"] if imprint.cc else []) + [
            f"{imprint.printer}\t{imprint.printed_on}印发"
        ]
        table = self.doc.add_table(rows=len(rows), cols=1)
        _imprint_table(table._tbl)
        for row, text in zip(table.rows, rows, strict=True):
            cell = row.cells[0]
            cell.width = Mm(TEXT_WIDTH_MM)
            paragraph = cell.paragraphs[0]
            paragraph.alignment = LEFT
            style_run(paragraph.add_run(text), font=BODY_FONT, size=SIZE_4)
            fmt = paragraph.paragraph_format
            fmt.left_indent = fmt.right_indent = Pt(_chars(1, SIZE_4))
            if text.startswith("抄送："):  # wrapped lines start after 抄送：
                fmt.left_indent = Pt(_chars(4, SIZE_4))
                fmt.first_line_indent = Pt(-_chars(3, SIZE_4))
            else:  # tab stops count from the cell's edge: the date ends one character in
                fmt.tab_stops.add_tab_stop(
                    Mm(TEXT_WIDTH_MM) - Pt(_chars(1, SIZE_4)), WD_TAB_ALIGNMENT.RIGHT
                )
        anchor = self.doc.add_paragraph().paragraph_format
        anchor.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        anchor.line_spacing = Pt(1)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


# --- how a 公文 quotes a task ---------------------------------------------------------------

_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef《》〈〉“”‘’（）：；，。、]"
_SPACE_NEAR_CJK = re.compile(rf"(?<={_CJK})\s+|\s+(?={_CJK})")
_OPEN, _CLOSE = "（(“‘《〈【「『", "）)”’》〉】」』"
_SENTENCE_END = "。！？!?"


def tidy(text: str) -> str:
    """Spaces next to Chinese characters dropped ("增长 7%以上" → "增长7%以上"): extraction
    leaves them, print does not."""
    return _SPACE_NEAR_CJK.sub("", " ".join(text.split()))


def first_sentence(text: str) -> str:
    """The whole first sentence, up to the first 。！？ outside brackets and quotes (the whole
    text when it has none): a quotation is never cut mid-sentence."""
    text = tidy(text)
    depth = 0
    for position, char in enumerate(text):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        elif char in _SENTENCE_END and depth == 0:
            return text[: position + 1]
    return text


def book_title(title: str) -> str:
    """《清单名》 with its inner 《》 as 〈〉, as a title inside a title is written."""
    inner = tidy(title).replace("《", "〈").replace("》", "〉")
    return f"《{inner}》"


def task_reference(list_title: str, number: int) -> str:
    """As 《2024年区〈政府工作报告〉目标任务分解》第12项: two lists may both have a 第12项."""
    return f"{book_title(list_title)}第{number}项" if list_title else f"第{number}项"


_ORDINALS = "一二三四五六七八九十"
_TEN, _HUNDRED = 10, 100


def chinese_ordinal(n: int) -> str:
    """一 … 九十九 for headings (一、 （一）); larger numbers as digits."""
    if 1 <= n <= _TEN:
        return _ORDINALS[n - 1]
    if n < _HUNDRED:
        tens, units = divmod(n, _TEN)
        head = "" if tens == 1 else _ORDINALS[tens - 1]
        return f"{head}十{_ORDINALS[units - 1] if units else ''}"
    return str(n)
