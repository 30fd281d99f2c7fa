"""A ruled table inside an ``OfficialDocument`` (交办单, 督办单): 仿宋 text, as wide as the 版心.

Why its own helper: the 公文 body is paragraphs on a 28.95 pt grid, which is too tall for a
table's rows; cells here use 4号仿宋 at a single line's height and name the East Asian font
like every other run of the document, so Word, WPS and LibreOffice print the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_LINE_SPACING
from docx.shared import Mm, Pt

from duban.exports.officialdoc import (
    BODY_FONT,
    CENTER,
    HEADING_FONT,
    LEFT,
    MARGINS_MM,
    PAGE_MM,
    SIZE_4,
    OfficialDocument,
    style_run,
)

CELL_LINE_PT = 20.0
WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]  # the 版心, 156 mm


def _fill(cell: Any, text: str, *, header: bool, align: Any) -> None:
    lines = text.split("\n") or [""]
    first = cell.paragraphs[0]
    for position, line in enumerate(lines):
        paragraph = first if position == 0 else cell.add_paragraph()
        paragraph.alignment = CENTER if header else align
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(CELL_LINE_PT)
        style_run(paragraph.add_run(line), font=HEADING_FONT if header else BODY_FONT, size=SIZE_4)


def add_table(
    doc: OfficialDocument,
    rows: Sequence[Sequence[str]],
    *,
    widths_mm: Sequence[float],
    header: bool = True,
    label_column: bool = False,
) -> Any:
    """Rows of cell texts (``\\n`` starts a new line in a cell); the first row is the header
    when ``header``, the first column is in 黑体 when ``label_column`` (a form's labels).
    The widths are scaled to the 版心's 156 mm."""
    scale = WIDTH_MM / sum(widths_mm)
    table = doc.doc.add_table(rows=len(rows), cols=len(widths_mm))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for r, values in enumerate(rows):
        for c, (cell, value) in enumerate(zip(table.rows[r].cells, values, strict=True)):
            cell.width = Mm(widths_mm[c] * scale)
            is_label = label_column and c == 0
            _fill(cell, value, header=(header and r == 0) or is_label, align=LEFT)
    return table
