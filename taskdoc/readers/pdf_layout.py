"""The geometry of PDF pages: lines and table pieces as placed, page furniture, wrapped lines.

Split from :mod:`taskdoc.readers.pdf` (which reads pages with pdfplumber and turns
them into blocks); see that module's docstring for why furniture is dropped and
wrapped lines are joined here, where the page geometry is still known.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~～\s]+\d{1,4}[-—–－~～\s]+"
    r"|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})$"
)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_EDGE_LINES = 2  # how many lines at the top and bottom of a page may be furniture
_MARGIN_BAND = 0.1  # share of the page height counted as top/bottom margin
_MIN_REPEAT_SHARE = 0.5  # a running header/footer sits on at least half the pages
_MIN_REPEAT_PAGES = 2
_FULL_LINE_SLACK = 1.5  # a line ending within this many characters of the right edge is full
_INDENT_MIN = 0.5  # a line starting this many characters right of the left edge is indented


@dataclass(slots=True)
class PdfLine:
    text: str
    number: int  # 1-based among the page's text lines
    top: float
    bottom: float
    x0: float = 0.0
    x1: float = 0.0  # right end of the line; of its last line once wrapped lines are joined


@dataclass(slots=True)
class PdfTable:
    rows: list[
        tuple[int, tuple[str, ...]]
    ]  # (1-based row in this piece, cells), empty rows left out
    count: int  # rows in this piece, empty ones included
    columns: int
    top: float


@dataclass(slots=True)
class PdfPage:
    number: int
    height: float
    items: list[PdfLine | PdfTable] = field(default_factory=list)
    chars: int = 0


# -- page furniture -----------------------------------------------------------


def drop_page_furniture(pages: list[PdfPage]) -> None:
    """Remove page numbers and running headers/footers from the top and bottom edges."""
    repeated = _repeated_edge_texts(pages)
    for page in pages:
        edges = _edge_lines(page)
        page.items = [
            item
            for item in page.items
            if not (
                isinstance(item, PdfLine)
                and any(item is edge for edge in edges)
                and _is_furniture(item, page, repeated)
            )
        ]


def _edge_lines(page: PdfPage) -> list[PdfLine]:
    """Lines among the first and last few items of a page, where furniture sits."""
    edge_items = page.items[:_EDGE_LINES] + page.items[-_EDGE_LINES:]
    return [item for item in edge_items if isinstance(item, PdfLine)]


def _is_furniture(line: PdfLine, page: PdfPage, repeated: set[str]) -> bool:
    if _PAGE_NUMBER.match(line.text):
        return True
    in_margin = _in_margin(line, page)
    if in_margin and _BARE_NUMBER.match(line.text):
        return True
    return in_margin and _edge_key(line.text) in repeated


def _in_margin(line: PdfLine, page: PdfPage) -> bool:
    return line.bottom < page.height * _MARGIN_BAND or line.top > page.height * (1 - _MARGIN_BAND)


def _edge_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _repeated_edge_texts(pages: list[PdfPage]) -> set[str]:
    """Texts (digits ignored) found in the margin at a page edge on most pages."""
    if len(pages) < _MIN_REPEAT_PAGES:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update(
            {_edge_key(line.text) for line in _edge_lines(page) if _in_margin(line, page)}
        )
    needed = max(_MIN_REPEAT_PAGES, round(len(pages) * _MIN_REPEAT_SHARE))
    return {key for key, count in counts.items() if count >= needed}


# -- wrapped lines ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Column:
    """The text column of the document: its edges and the size of a character."""

    left: float
    right: float
    size: float

    def full(self, line: PdfLine) -> bool:
        return line.x1 >= self.right - _FULL_LINE_SLACK * self.size

    def indented(self, line: PdfLine) -> bool:
        return line.x0 > self.left + _INDENT_MIN * self.size


def join_wrapped_lines(pages: list[PdfPage]) -> None:
    """Join the lines of each paragraph wrapped at the right edge (see the module doc).

    Runs across page breaks too: the page furniture is already gone, so the
    last line of a page is followed by the first line of the next.
    """
    lines = [item for page in pages for item in page.items if isinstance(item, PdfLine)]
    column = _column(lines)
    if column is None or not _indents_paragraphs(lines, column):
        return
    previous: PdfLine | None = None
    for page in pages:
        kept: list[PdfLine | PdfTable] = []
        for item in page.items:
            if (
                isinstance(item, PdfLine)
                and previous is not None
                and _wraps(previous, item, column)
            ):
                previous.text += item.text
                previous.x1 = item.x1
                continue
            previous = item if isinstance(item, PdfLine) else None
            kept.append(item)
        page.items = kept


def _wraps(line: PdfLine, following: PdfLine, column: _Column) -> bool:
    return column.full(line) and not column.indented(following)


def _column(lines: Sequence[PdfLine]) -> _Column | None:
    """The left and right edges of the text, and the median line height."""
    if len(lines) < _MIN_REPEAT_PAGES:
        return None
    heights = sorted(line.bottom - line.top for line in lines)
    size = heights[len(heights) // 2]
    if size <= 0:
        return None
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)  # a line overflowing it only makes joins fewer
    return _Column(left, right, size)


def _indents_paragraphs(lines: Sequence[PdfLine], column: _Column) -> bool:
    """Whether most lines after a short (paragraph-ending) line start indented."""
    starts = [b for a, b in pairwise(lines) if not column.full(a)]
    return bool(starts) and sum(column.indented(line) for line in starts) * 2 > len(starts)
