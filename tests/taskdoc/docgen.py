"""Build .docx and .pdf test documents at test time, so no binary fixtures are committed.

The same notice is rendered in the forms offices actually send: Word prose,
a Word table (序号 | 任务 | 责任领导 | 牵头单位 | 责任单位 | 完成时限 with
section rows merged across the table), and a PDF whose lines wrap at the page
width, breaking words, names and unit lists mid-way and across pages, as
real PDFs do. The PDF uses reportlab's built-in CID font ``STSong-Light``,
which needs no font file and whose text pdfplumber extracts as Unicode
(every character of the corpus comes back, ``·`` by way of ``・``).
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from docx import Document
from docx.table import Table
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

HEADER = ("序号", "任务", "责任领导", "牵头单位", "责任单位", "完成时限")
CJK_FONT = "STSong-Light"

# STSong-Light has no glyph for U+00B7 (as in 醉美·夜郑州); its CID for U+30FB is
# the same dot and extracts as U+00B7, so that is what gets drawn.
_DRAW_AS = str.maketrans({"\u00b7": "\u30fb"})

# GB/T 9704 (党政机关公文格式) margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
_TOP, _BOTTOM, _LEFT, _RIGHT = 37 * mm, 35 * mm, 28 * mm, 26 * mm


def docx_paragraphs_from_text(text: str) -> bytes:
    """A .docx with one paragraph per non-blank line of ``text``."""
    document = Document()
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    return _docx_bytes(document)


def docx_table_from_tasks(
    tasks: Sequence[Mapping[str, Any]], title: str, sections: bool = True
) -> bytes:
    """A .docx with the list title as a paragraph and ONE table holding the tasks.

    ``tasks`` are dicts with the gold-file keys (number, section, subsection,
    text, leaders, lead_units, units). With ``sections`` a row merged across
    the whole table introduces each new section and subsection.
    """
    document = Document()
    document.add_paragraph(title)
    table = document.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = label
    current: tuple[str | None, str | None] = (None, None)
    for task in tasks:
        if sections:
            current = _add_section_rows(table, task, current)
        _add_task_row(table, task)
    return _docx_bytes(document)


def _add_section_rows(
    table: Table, task: Mapping[str, Any], current: tuple[str | None, str | None]
) -> tuple[str | None, str | None]:
    section, subsection = task.get("section"), task.get("subsection")
    if section and section != current[0]:
        _add_merged_row(table, section)
    if subsection and (subsection, section) != (current[1], current[0]):
        _add_merged_row(table, subsection)
    return section, subsection


def _add_merged_row(table: Any, text: str) -> None:
    cells = table.add_row().cells
    merged = cells[0].merge(cells[-1])
    merged.text = text


def _add_task_row(table: Any, task: Mapping[str, Any]) -> None:
    values = (
        str(task["number"]),
        task["text"],
        " ".join(task.get("leaders") or ()),
        "、".join(task.get("lead_units") or ()),
        "、".join(task.get("units") or ()),
        task.get("deadline") or "",
    )
    for cell, value in zip(table.add_row().cells, values, strict=True):
        cell.text = value


def _docx_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_from_text(text: str, *, font_size: float = 16.0, page_numbers: bool = True) -> bytes:
    """A multi-page A4 PDF of ``text``: one paragraph per non-blank line, wrapped at the margin.

    Lines are broken wherever the width runs out (mid-word for Hanzi and for
    Latin alike), never next to a space, so that joining the pieces with
    ``""`` gives back the original text (pdfplumber returns an ideographic
    space U+3000, or a run of spaces, as one ASCII space). Each page carries
    a centred ``- N -`` page number in the footer, as official documents do.
    """
    _register_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=0)
    width, height = A4
    leading = font_size * 1.6
    y = height - _TOP
    page = 1
    for line in _wrapped_lines(text, width - _LEFT - _RIGHT, font_size):
        if y < _BOTTOM:
            _finish_page(canvas, page, font_size, page_numbers)
            page += 1
            y = height - _TOP
        indent, content = line
        canvas.setFont(CJK_FONT, font_size)
        canvas.drawString(_LEFT + indent, y, content.translate(_DRAW_AS))
        y -= leading
    _finish_page(canvas, page, font_size, page_numbers)
    canvas.save()
    return buffer.getvalue()


def _register_font() -> None:
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


def _finish_page(canvas: Canvas, page: int, font_size: float, page_numbers: bool) -> None:
    if page_numbers:
        canvas.setFont(CJK_FONT, font_size * 0.9)
        canvas.drawCentredString(A4[0] / 2, _BOTTOM / 2, f"- {page} -")
    canvas.showPage()


def _wrapped_lines(text: str, width: float, font_size: float) -> Iterator[tuple[float, str]]:
    """(indent, text) for each printed line; a paragraph's first line is indented two em."""
    for line in text.splitlines():
        rest = line.strip()
        indent = 2 * font_size
        while rest:
            cut = _fit(rest, width - indent, font_size)
            yield indent, rest[:cut]
            rest = rest[cut:]
            indent = 0.0


def _fit(text: str, width: float, font_size: float) -> int:
    """How many leading characters of ``text`` fit in ``width``, moved off any space."""
    used = 0.0
    cut = 0
    for char in text:
        used += pdfmetrics.stringWidth(char.translate(_DRAW_AS), CJK_FONT, font_size)
        if used > width:
            break
        cut += 1
    if cut >= len(text):
        return len(text)
    while cut > 1 and (text[cut - 1] == " " or text[cut] == " "):
        cut -= 1
    return max(cut, 1)


def docx_with_table(
    before: Sequence[str],
    rows: Sequence[Sequence[str]],
    after: Sequence[str] = (),
    *,
    merge_down: Sequence[int] = (),
    header_group: tuple[int, int, str] | None = None,
) -> bytes:
    """A .docx: paragraphs, ONE table, paragraphs — as a notice with its task table inline.

    ``rows[0]`` is the header. A row of a single cell is merged across the
    table (a section row). In the ``merge_down`` columns, a cell equal to the
    one above is merged vertically with it, as Word users merge a 重点任务 that
    several rows share. ``header_group=(3, 4, "责任单位")`` makes the header two
    rows: 责任单位 spans columns 3-4 above ``rows[0]``'s labels there, and the
    other header cells span both rows.
    """
    document = Document()
    for text in before:
        document.add_paragraph(text)
    table = document.add_table(rows=0, cols=len(rows[0]))
    table.style = "Table Grid"
    body: Sequence[Sequence[str]] = rows
    if header_group is not None:
        start, end, label = header_group
        upper, lower = table.add_row().cells, table.add_row().cells
        upper[start].merge(upper[end]).text = label
        for column, value in enumerate(rows[0]):
            if start <= column <= end:
                lower[column].text = value
            else:
                upper[column].merge(lower[column]).text = value
        body = rows[1:]
    previous: Sequence[str] | None = None
    for values in body:
        cells = table.add_row().cells
        if len(values) == 1:
            cells[0].merge(cells[-1]).text = values[0]
            previous = None
            continue
        for column, value in enumerate(values):
            if column in merge_down and previous is not None and previous[column] == value:
                above = table.rows[len(table.rows) - 2].cells[column]
                above.merge(cells[column])
            else:
                cells[column].text = value
        previous = values
    for text in after:
        document.add_paragraph(text)
    return _docx_bytes(document)
