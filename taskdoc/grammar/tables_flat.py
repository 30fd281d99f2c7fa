"""Tables flattened to text, turned back into table rows before the lines are repaired.

Web pages and converted files give a task table as text in four ways:

* one cell per line (often with blank lines between): ``序号`` / ``主要工作任务`` /
  ``责任单位`` / ``1`` / ``地区生产总值…。`` / ``市发展改革委``;
* cells ended by ``|`` or separated by tabs: ``序号 | 实事项目 | … |``;
* cells separated by runs of spaces: ``1    推进项目建设。    区发改委``;
* run together with no separator, where only the header tells the columns
  (:mod:`taskdoc.grammar.tables_run`).

Each is recognised by its header (:mod:`taskdoc.grammar.tables_header`) and
turned into :class:`~taskdoc.model.TableRow` blocks located at their lines,
so that :mod:`taskdoc.grammar.tables` reads them as it reads a Word table.
Cells missing from a row (an empty cell leaves no line) are placed by their
shape: units, names, dates (:mod:`taskdoc.grammar.cells`). Page-chunk markers
(a line opening with ``2、`` ``3、`` … that goes on mid-cell) inside a
run-together table are site furniture and are dropped here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from taskdoc.grammar.cells import (
    looks_like_deadline,
    looks_like_leaders,
    looks_like_units,
    number_cell,
)
from taskdoc.grammar.fields import FieldKind
from taskdoc.grammar.markers import Numbering, is_closing, is_list_title, number_mark
from taskdoc.grammar.tables_header import (
    TableHeader,
    detect_header,
    is_column_name,
    same_header,
    split_run_together,
)
from taskdoc.grammar.tables_run import cut_rows
from taskdoc.model import Block, Location, Paragraph, TableRow

_SEPARATED_RE = re.compile(r"\s*[|｜\t]\s*")
_SPACED_RE = re.compile(r"(?:[ \u00a0]{2,}|\u3000+|\t)")
# 2、)各街道…: a page-chunk marker of a document-sharing site at the start of a line
_CHUNK_RE = re.compile(r"^(\d{1,3})、")
_MIN_COLUMNS = 3
_SECTION_MAX = 40  # a section row is a short heading
_NAME_LINE_MAX = 24  # a column name on a line of its own (主  要  工  作  任  务)

_Rows = tuple[list[Block], int]


def unflatten_tables(blocks: Iterable[Block]) -> Iterator[Block]:
    """The blocks with flattened tables among the paragraphs turned into table rows."""
    items = list(blocks)
    tables = max((b.location.table or 0 for b in items if isinstance(b, TableRow)), default=0)
    index = 0
    while index < len(items):
        found = _table_at(items, index, tables + 1) if isinstance(items[index], Paragraph) else None
        if found is None:
            yield items[index]
            index += 1
            continue
        tables += 1
        index = found[1]
        yield from _cut_at_end(found[0]) if index >= len(items) else found[0]


def _cut_at_end(rows: list[Block]) -> list[Block]:
    """A table that ends the document: its last row loses the empty cells it ends with.

    An excerpt cut inside a row leaves the row short of its last columns, as a
    Word or PDF row cut by a damaged file is; :mod:`taskdoc.grammar.truncation`
    tells such a row by its width.
    """
    last = rows[-1] if rows else None
    if not isinstance(last, TableRow):
        return rows
    cells = list(last.cells)
    while cells and not cells[-1]:
        cells.pop()
    return [*rows[:-1], TableRow(tuple(cells), last.location)]


def _may_start_table(text: str) -> bool:
    """A cheap precheck: a header line is short, or has separators, or names 序号."""
    return (
        len(text) <= _NAME_LINE_MAX
        or "|" in text
        or "｜" in text
        or "\t" in text
        or "  " in text
        or "\u3000" in text
        or "序号" in text
        or "编号" in text
    )


def _table_at(items: Sequence[Block], start: int, table: int) -> _Rows | None:
    first = items[start]
    if not isinstance(first, Paragraph) or not _may_start_table(first.text):
        return None
    for reader in _READERS:
        found = reader(items, start, table)
        if found is not None:
            return found
    return None


def _paragraph(items: Sequence[Block], index: int) -> Paragraph | None:
    block = items[index] if index < len(items) else None
    return block if isinstance(block, Paragraph) else None


def _row(cells: Sequence[str], paragraph: Paragraph, table: int, row: int) -> TableRow:
    location = Location(line=paragraph.location.line, paragraph=paragraph.location.paragraph)
    return TableRow(tuple(cells), _at(location, table, row))


def _at(location: Location, table: int, row: int) -> Location:
    return Location(
        line=location.line, paragraph=location.paragraph, page=location.page, table=table, row=row
    )


# ------------------------------------------------------------------ separated and spaced


def _split_separated(text: str) -> list[str] | None:
    if "|" not in text and "｜" not in text and "\t" not in text:
        return None
    cells = _SEPARATED_RE.split(text.strip().strip("|｜").strip())
    return cells if len(cells) > 1 else None


def _split_spaced(text: str) -> list[str] | None:
    cells = [cell for cell in _SPACED_RE.split(text.strip()) if cell]
    return cells if len(cells) > 1 else None


def _spaced_header(text: str) -> TableHeader | None:
    cells = _split_spaced(text)
    if cells is None:
        return None
    header = detect_header(cells)
    if header is None:
        found = split_run_together("".join(text.split()))
        if found is None or found[1] != len("".join(text.split())):
            return None
        header = detect_header(found[0])
    return header if header is not None and header.width >= _MIN_COLUMNS else None


def _read_split(
    items: Sequence[Block], start: int, table: int, split: Callable[[str], list[str] | None]
) -> _Rows | None:
    first = _paragraph(items, start)
    cells = split(first.text) if first is not None else None
    if first is None or cells is None:
        return None
    header = _spaced_header(first.text) if split is _split_spaced else detect_header(cells)
    if header is None or header.width < _MIN_COLUMNS:
        return None
    rows: list[Block] = [_row(header.names, first, table, 1)]
    index = start + 1
    while (paragraph := _paragraph(items, index)) is not None:
        text, last = _source_line(items, index)
        pieces = split(text)
        if pieces is None:
            break
        if not same_header(pieces, header):
            rows.append(_row(_align(pieces, header), paragraph, table, len(rows) + 1))
        index = last + 1
    return rows, index


def _source_line(items: Sequence[Block], index: int) -> tuple[str, int]:
    """The text of one line of the file, though an earlier stage split it into several.

    A long row may be cut where a cell holds ``2.…`` (read as a new item of a
    notice written on one line); the pieces keep the line they came from.
    Returns the text and the index of the last piece.
    """
    first = items[index]
    assert isinstance(first, Paragraph)
    parts = [first.text]
    line = first.location.line
    while line is not None and (following := _paragraph(items, index + 1)) is not None:
        if following.location.line != line:
            break
        parts.append(following.text)
        index += 1
    return " ".join(parts), index


def _read_separated(items: Sequence[Block], start: int, table: int) -> _Rows | None:
    return _read_split(items, start, table, _split_separated)


def _read_spaced(items: Sequence[Block], start: int, table: int) -> _Rows | None:
    return _read_split(items, start, table, _split_spaced)


# ------------------------------------------------------------------ one cell per line


def _line_header(items: Sequence[Block], start: int) -> tuple[TableHeader, int] | None:
    """Consecutive lines that are each a column name, ending before the first row."""
    names: list[str] = []
    index = start
    while (paragraph := _paragraph(items, index)) is not None and is_column_name(paragraph.text):
        names.append(paragraph.text.strip())
        index += 1
    if len(names) < _MIN_COLUMNS:
        return None
    header = detect_header(names)
    if header is None or header.number is None:
        return None
    return header, index


def _read_lines(items: Sequence[Block], start: int, table: int) -> _Rows | None:
    found = _line_header(items, start)
    first = _paragraph(items, start)
    if found is None or first is None:
        return None
    header, index = found
    rows: list[Block] = [_row(header.names, first, table, 1)]
    expected: int | None = None
    pieces: list[str] = []
    anchor = first
    while (paragraph := _paragraph(items, index)) is not None:
        text = paragraph.text.strip()
        if is_list_title(text) or is_closing(text):
            break
        repeated = _line_header(items, index)
        number = number_cell(text)
        starts_row = number is not None and (expected is None or int(number[0]) == expected)
        if pieces and (repeated is not None or starts_row or _is_section(text)):
            rows.append(_row(_align(pieces, header), anchor, table, len(rows) + 1))
            pieces = []
        if repeated is not None and same_header(repeated[0].names, header):
            index = repeated[1]
            continue
        if _is_section(text) and not pieces:
            rows.append(_row([text], paragraph, table, len(rows) + 1))
        elif starts_row and number is not None:
            expected = int(number[0]) + 1
            pieces, anchor = [text], paragraph
        elif pieces:
            pieces.append(text)
        else:
            break
        index += 1
    if pieces:
        rows.append(_row(_align(pieces, header), anchor, table, len(rows) + 1))
    return (rows, index) if len(rows) > 1 else None


def _is_section(text: str) -> bool:
    """``二、推进改革`` between rows: a section row merged across the table."""
    mark = number_mark(text)
    return mark is not None and mark.style <= Numbering.CN_PAREN and len(text) <= _SECTION_MAX


# ------------------------------------------------------------------ run together


def _read_run_together(items: Sequence[Block], start: int, table: int) -> _Rows | None:
    first = _paragraph(items, start)
    if first is None:
        return None
    compact = "".join(_without_chunk(first.text)[0].split())
    found = _run_header(compact)
    if found is None:
        return None
    header, at, end = found
    stream, index = _stream(items, start, compact[end:])
    rows: list[Block] = []
    if compact[:at]:
        rows.append(Paragraph(compact[:at], first.location))
    rows.append(_row(header.names, first, table, 1))
    for cells in cut_rows(stream, header):
        rows.append(_row(cells, first, table, len(rows) + 1))
    return rows, index


def _run_header(compact: str) -> tuple[TableHeader, int, int] | None:
    """A header run together inside a line: its columns, where it starts and ends."""
    for at in (m.start() for m in re.finditer("序号|编号", compact)):
        found = split_run_together(compact[at:])
        if found is None:
            continue
        header = detect_header(found[0])
        if header is not None and header.number == 0 and header.width >= _MIN_COLUMNS:
            return header, at, at + found[1]
    return None


def _without_chunk(text: str) -> tuple[str, int | None]:
    match = _CHUNK_RE.match(text.strip())
    if match is None:
        return text, None
    return text.strip()[match.end() :], int(match.group(1))


def _stream(items: Sequence[Block], start: int, rest: str) -> tuple[str, int]:
    """The table's text: the rest of the header line and the lines that go on with it."""
    parts = [rest]
    first = items[start]
    chunk = _without_chunk(first.text)[1] if isinstance(first, Paragraph) else None
    index = start + 1
    while (paragraph := _paragraph(items, index)) is not None:
        text, marker = _without_chunk(paragraph.text)
        if chunk is not None and marker == chunk + 1:
            chunk = marker
        else:
            text = paragraph.text  # no chunk marker (or an earlier stage dropped it)
        if is_list_title(text) or is_closing(text):
            break
        parts.append("".join(text.split()))
        index += 1
    return "".join(parts), index


# ------------------------------------------------------------------ placing cells


def _accepts(header: TableHeader, column: int, piece: str) -> bool:
    """Whether ``piece`` has the shape of what ``column`` holds."""
    kind = header.field_kind(column)
    if kind is FieldKind.LEADERS:
        return looks_like_leaders(piece)
    if kind is FieldKind.DEADLINE:
        return looks_like_deadline(piece)
    if kind is not None:
        return looks_like_units(piece)
    return True


def _align(pieces: Sequence[str], header: TableHeader) -> list[str]:
    """The cells of a row whose pieces may be fewer or more than the columns.

    The number comes first; the pieces after the text that have the shape of
    a field go to the field columns in order; the rest is the task text (a
    title line and its text, or a text broken over lines).
    """
    width = header.width
    cells = [""] * width
    rest = list(pieces)
    if header.number is not None and rest and number_cell(rest[0]) is not None:
        cells[header.number] = rest.pop(0)
    others = [c for c in range(width) if c != header.number]
    if len(rest) == len(others):
        for column, piece in zip(others, rest, strict=True):
            cells[column] = piece
        return cells
    tail = [c for c in others if c > max(header.texts)]
    for cut in range(1, len(rest) + 1):
        placed = _place(rest[cut:], tail, header)
        if placed is not None:
            cells[header.texts[0]] = "".join(rest[:cut])
            for column, piece in placed:
                cells[column] = piece
            return cells
    cells[header.texts[0]] = "".join(rest)
    return cells


def _place(
    pieces: Sequence[str], columns: Sequence[int], header: TableHeader
) -> list[tuple[int, str]] | None:
    """Each piece to the next column that accepts it, in order; None if one fits none."""
    placed: list[tuple[int, str]] = []
    at = 0
    for piece in pieces:
        while at < len(columns) and not _accepts(header, columns[at], piece):
            at += 1
        if at >= len(columns):
            return None
        placed.append((columns[at], piece))
        at += 1
    return placed


_READERS = (_read_separated, _read_lines, _read_spaced, _read_run_together)
