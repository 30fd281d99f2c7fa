"""PDF: one paragraph block per printed paragraph (wrapped lines joined by layout), ruled tables as rows.

A PDF has no paragraphs, only lines placed on pages. The reader reports one
:class:`Paragraph` per line with ``Location(page, line)``, except where the
page geometry proves a wrap (below); every other join of wrapped lines
(``…全力⏎打造…``, names and units broken mid-word) is left to the pipeline's
repair step, which must undo the same damage in text copied out of PDFs. What is *not* content is removed here,
because only here is the page geometry known: page numbers (``- 3 -``,
``— 3 —``, ``第3页``) and running headers/footers repeated at the same edge
of most pages.

The geometry also says what the text alone cannot: in a document that indents
the first line of its paragraphs (as 公文 do, GB/T 9704), a line that runs to
the right edge of the text column, followed by a line that starts at the left
edge, is one paragraph wrapped — even when the break falls just after ``。``
or ``；`` (``…抓好疫情防控工作。`` / ``按照…``) or before a label
(``…。[牵头单位：县某局；`` / ``责任单位：…]``), or when the "paragraph" is a whole
web page flattened onto one line. Such lines are joined here (the paragraph
keeps the location of its first line); a document without first-line indents
gives no such evidence and is left to the repair step.

Ruled tables (a page that draws lines or rectangles) are read with
pdfplumber's table finder. Merged cells come back as ``None``: a ``None``
inside the span of a wider cell of the same row is a horizontal merge and is
dropped, any other ``None`` is a vertical merge and takes the value of the
cell above. Wrapped text inside a cell is joined with ``""``. A table that
runs on from the previous page (nothing but page furniture before it, same
number of columns) keeps its table number, and its repeated header row is
dropped.

A PDF without any text layer is a scan; that is refused with a message saying
so, rather than reported later as "no tasks found".
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pdfplumber

from taskdoc.errors import TaskdocError, UnreadableDocumentError
from taskdoc.model import Block, Location, Paragraph, TableRow
from taskdoc.readers.pdf_layout import (
    PdfLine,
    PdfPage,
    PdfTable,
    drop_page_furniture,
    join_wrapped_lines,
)

_PDF_MAGIC = b"%PDF"
_HEADER_WINDOW = 1024  # PDF readers accept junk before the header, so look a little further
_SCANNED = (
    "PDF 没有文字层，看起来是扫描件（图片）；请先做文字识别（OCR），或提供文字版（.docx/.txt）"
)
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")
_MIN_TABLE_CELLS = 2  # a single ruled box around some text is a frame, not a table


@dataclass(eq=False, slots=True)
class _Cell:
    text: str


def has_pdf_header(data: bytes) -> bool:
    """Whether the bytes start (give or take some junk) like a PDF file."""
    return _PDF_MAGIC in data[:_HEADER_WINDOW]


def read_pdf(data: bytes, *, filename: str) -> tuple[Block, ...]:
    """Read a PDF into blocks; scans, encrypted and broken files raise :class:`TaskdocError`."""
    if not has_pdf_header(data):
        raise UnreadableDocumentError(
            "不是有效的 PDF 文件（缺少 %PDF 文件头），可能已损坏或扩展名有误", where=filename
        )
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_read_and_close(page, number) for number, page in enumerate(pdf.pages, 1)]
    except TaskdocError:
        raise
    except Exception as exc:
        raise UnreadableDocumentError(_failure_message(exc), where=filename) from exc
    _check_text_layer(pages, filename=filename)
    drop_page_furniture(pages)
    if not any(page.items for page in pages):  # nothing but page numbers: a scan with a footer
        raise UnreadableDocumentError(_SCANNED, where=filename)
    join_wrapped_lines(pages)
    return tuple(_blocks(pages))


def _failure_message(exc: BaseException) -> str:
    names = " ".join(type(e).__name__ for e in _chain(exc)) + " " + str(exc)
    if "Password" in names or "Encrypt" in names or "encrypt" in names:
        return "PDF 文件已加密（需要密码），无法读取；请提供未加密的 PDF 或 .docx"
    return f"无法读取 PDF：文件已损坏或不是 PDF 格式（{type(exc).__name__}）"


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _check_text_layer(pages: list[PdfPage], *, filename: str) -> None:
    if not pages:
        raise UnreadableDocumentError("PDF 中没有任何页面", where=filename)
    if sum(page.chars for page in pages) == 0:
        raise UnreadableDocumentError(_SCANNED, where=filename)
    text = "".join(item.text for page in pages for item in page.items if isinstance(item, PdfLine))
    garbled = sum(len(match) for match in _UNMAPPED_GLYPH.findall(text))
    if text and garbled * 2 > len(text):
        raise UnreadableDocumentError(
            "PDF 的字体缺少字符映射，提取出的文字是乱码；请提供 .docx 或文字版", where=filename
        )


# -- one page -----------------------------------------------------------------


def _read_and_close(page: Any, number: int) -> PdfPage:
    """Read one page and free pdfplumber's caches for it, so long PDFs stay small in memory."""
    try:
        return _read_page(page, number)
    finally:
        page.close()


def _read_page(page: Any, number: int) -> PdfPage:
    result = PdfPage(number=number, height=float(page.height) or 1.0, chars=len(page.chars))
    if not result.chars:
        return result
    page = page.dedupe_chars()
    tables = (
        [table for table in page.find_tables() if len(table.cells) >= _MIN_TABLE_CELLS]
        if _ruled(page)
        else []
    )
    boxes = [tuple(table.bbox) for table in tables]
    text_page = page.filter(lambda obj: not _char_in_boxes(obj, boxes)) if boxes else page
    result.items.extend(_page_lines(text_page))
    result.items.extend(_read_table(table) for table in tables)
    result.items.sort(key=lambda item: item.top)
    return result


def _ruled(page: Any) -> bool:
    return bool(page.rects or page.lines)


def _char_in_boxes(obj: dict[str, Any], boxes: Sequence[tuple[float, ...]]) -> bool:
    if obj.get("object_type") != "char":
        return False
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _page_lines(page: Any) -> Iterator[PdfLine]:
    number = 0
    for line in page.extract_text_lines(return_chars=False):
        text = str(line["text"]).strip()
        if text:
            number += 1
            top, bottom = float(line["top"]), float(line["bottom"])
            yield PdfLine(text, number, top, bottom, float(line["x0"]), float(line["x1"]))


def _read_table(table: Any) -> PdfTable:
    """Rows of one pdfplumber table with merges resolved as described in the module doc."""
    texts: list[list[str | None]] = table.extract()
    xs = sorted({cell[0] for cell in table.cells})
    right = float(table.bbox[2])
    centres = [(x + (xs[i + 1] if i + 1 < len(xs) else right)) / 2 for i, x in enumerate(xs)]
    above: list[_Cell | None] = [None] * len(xs)
    rows: list[tuple[int, tuple[str, ...]]] = []
    for index, (row, row_texts) in enumerate(zip(table.rows, texts, strict=False), start=1):
        owners = _row_owners(row.cells, row_texts, centres, above)
        cells = _distinct_texts(owners)
        if any(cells):
            rows.append((index, cells))
        above = owners
    return PdfTable(rows=rows, count=len(texts), columns=len(xs), top=float(table.bbox[1]))


def _row_owners(
    boxes: Sequence[tuple[float, float, float, float] | None],
    texts: Sequence[str | None],
    centres: Sequence[float],
    above: Sequence[_Cell | None],
) -> list[_Cell | None]:
    """For each grid column, the cell that covers it in this row."""
    owners: list[_Cell | None] = []
    for column, (box, text) in enumerate(zip(boxes, texts, strict=False)):
        if box is not None:
            owners.append(_Cell(clean_cell(text)))
            continue
        spanning = _spanning_owner(boxes, owners, centres[column])
        owners.append(spanning if spanning is not None else above[column])
    return owners


def _spanning_owner(
    boxes: Sequence[tuple[float, float, float, float] | None],
    owners: Sequence[_Cell | None],
    centre: float,
) -> _Cell | None:
    """The cell to the left in the same row whose box reaches over ``centre``, if any."""
    for box, owner in zip(boxes, owners, strict=False):
        if box is not None and box[0] < centre < box[2]:
            return owner
    return None


def _distinct_texts(owners: Sequence[_Cell | None]) -> tuple[str, ...]:
    distinct: list[_Cell] = []
    for owner in owners:
        if owner is not None and not any(owner is seen for seen in distinct):
            distinct.append(owner)
    return tuple(cell.text for cell in distinct)


def clean_cell(text: str | None) -> str:
    """Cell text on one line: wrapped lines are joined with ``""``."""
    return "".join(part.strip() for part in (text or "").split("\n"))


# -- blocks -------------------------------------------------------------------


def _blocks(pages: list[PdfPage]) -> Iterator[Block]:
    tables = 0
    previous: PdfTable | None = None  # the table that ended the previous page, if any
    header: tuple[str, ...] | None = None
    row_offset = 0
    for page in pages:
        for position, item in enumerate(page.items):
            if isinstance(item, PdfLine):
                yield Paragraph(item.text, Location(page=page.number, line=item.number))
                previous = None
                continue
            continues = position == 0 and previous is not None and previous.columns == item.columns
            rows = item.rows
            if continues:
                if rows and rows[0][1] == header:
                    rows = rows[1:]
            else:
                tables += 1
                row_offset = 0
                header = item.rows[0][1] if item.rows else None
            for row, cells in rows:
                location = Location(page=page.number, table=tables, row=row_offset + row)
                yield TableRow(cells, location)
            row_offset += item.count
            previous = item
