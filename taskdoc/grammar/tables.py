"""Task tables: rows under a header such as 序号 | 任务 | 责任领导 | 牵头单位 | 责任单位 | 完成时限.

A table is rewritten into the same lines a prose notice has (``3. 任务…``,
``责任领导：…``), each pointing at its cell, so one grammar serves both
layouts. The lines are :class:`CellLine` values that also carry what the
table already says for certain: the field read under each column (rule
TABLE_COLUMN, evidence the column name), the marks on the number (``1*`` /
``★``), and whether the line is a section. A row whose cells are all the same
text (merged across the row) is a section heading; so is each new value of a
类别 / 领域 column merged down. A row with an empty 序号 goes on with the
row above when that row was cut mid-sentence (a page break), and is a sub-row
of it otherwise: a task of its own under the same number, taking the cells it
lacks from the row above (they were merged down). A table with no
recognisable header is read as prose, cell by cell.

Tables flattened to text are turned back into rows by
:mod:`taskdoc.grammar.tables_flat` before they get here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from taskdoc.grammar.cells import number_cell
from taskdoc.grammar.fields import FieldValue
from taskdoc.grammar.tables_header import (
    TableHeader,
    detect_header,
    same_header,
    sub_header,
)
from taskdoc.model import Rule, SourceSpan, TableRow
from taskdoc.text.repair import Line, ends_sentence

__all__ = ["CellLine", "TableHeader", "detect_header", "join_texts", "sub_header", "table_lines"]

# 地区生产总值增长 + 7%左右: an indicator name and its value join without a separator
_VALUE_START_RE = re.compile(r"^[\d.+\-－～~≥≤><]")


@dataclass(frozen=True, slots=True)
class CellLine(Line):
    """A line rewritten from a table row, with what the table states for certain.

    ``fields``: the value under a field column (the structure reader takes them
    as they are, rule TABLE_COLUMN); ``flags``: marks on the row's number;
    ``section``: the line is a section heading (a merged row, a 类别 value);
    ``missing``: the field columns the row left empty (a row cut at the end of
    an excerpt has text and no units).
    """

    fields: tuple[FieldValue, ...] = ()
    flags: tuple[str, ...] = ()
    section: bool = False
    missing: tuple[str, ...] = ()


@dataclass(slots=True)
class _State:
    header: TableHeader | None = None
    table: int | None = None
    header_cells: tuple[str, ...] | None = None  # the header row just read
    held: TableRow | None = None  # a task row, held back in case the next row continues it
    previous: TableRow | None = None  # the last task row, for sub-rows
    category: str = ""


def table_lines(items: Iterable[Line | TableRow]) -> Iterator[Line]:
    """Replace table rows with equivalent prose lines; other lines pass through."""
    state = _State()
    for item in items:
        if isinstance(item, TableRow) and _continues_held(state, item):
            assert state.held is not None
            state.held = _merge_rows(state.held, item)
            continue
        yield from _release(state)
        if isinstance(item, Line):
            yield item
            continue
        yield from _row(state, item)
    yield from _release(state)


def _continues_held(state: _State, row: TableRow) -> bool:
    held, header = state.held, state.header
    return (
        held is not None
        and header is not None
        and row.location.table == state.table
        and _continues_row(row, header)
        and not _row_complete(held, header)
    )


def _release(state: _State) -> Iterator[Line]:
    if state.held is not None:
        row, state.held = state.held, None
        yield from _task_lines(row, state)


def _row(state: _State, item: TableRow) -> Iterator[Line]:
    if item.location.table != state.table:
        state.table, state.header, state.header_cells = item.location.table, None, None
        state.previous, state.category = None, ""
    if state.header is None:
        state.header = detect_header(item.cells)
        if state.header is not None:
            state.header_cells = item.cells
            return
    elif same_header(item.cells, state.header):
        return  # the header repeated after a page break
    if state.header_cells is not None:
        lower = sub_header(state.header_cells, item.cells)
        state.header_cells = None
        if lower is not None:
            state.header = lower
            return
    if state.header is not None and (_is_task_row(item) or _sub_row(item, state)):
        state.held = item
    else:
        yield from _plain_lines(item, state.header)


def _sub_row(row: TableRow, state: _State) -> bool:
    """Task text alone under an empty 序号, after a task: its other cells were merged down."""
    header = state.header
    return (
        header is not None
        and state.previous is not None
        and _continues_row(row, header)
        and _row_complete(row, header)
    )


def _is_task_row(row: TableRow) -> bool:
    return len([cell for cell in dict.fromkeys(row.cells) if cell.strip()]) > 1


def _continues_row(row: TableRow, header: TableHeader) -> bool:
    """A row with an empty 序号 and more task text: a continuation or a sub-row."""
    if header.number is None or _cell(row, header.number):
        return False
    return _is_task_row(row) or any(_cell(row, column) for column in header.texts)


def _row_complete(row: TableRow, header: TableHeader) -> bool:
    """A row whose last text cell ends a sentence: a numberless row after it is a sub-row."""
    texts = [_cell(row, column) for column in header.texts]
    last = next((text for text in reversed(texts) if text), "")
    return bool(last) and ends_sentence(last)


def _merge_rows(first: TableRow, rest: TableRow) -> TableRow:
    """Join a row with its continuation cell by cell (cells filled down are not doubled)."""
    cells = tuple(
        a if b in ("", a) else a + b
        for a, b in zip(
            first.cells, rest.cells + ("",) * (len(first.cells) - len(rest.cells)), strict=False
        )
    )
    return TableRow(cells, first.location)


def _cell_span(row: TableRow, column: int) -> SourceSpan:
    return SourceSpan.at(replace(row.location, column=column + 1))


def _plain_lines(row: TableRow, header: TableHeader | None) -> Iterator[Line]:
    """A row that is no task: a merged section row, or cells read as prose."""
    distinct = [cell.strip() for cell in dict.fromkeys(row.cells) if cell.strip()]
    if header is not None and len(distinct) == 1:
        yield CellLine(distinct[0], _cell_span(row, row.cells.index(distinct[0])), section=True)
        return
    seen: set[str] = set()  # a merged cell repeats its text: read it once, where it starts
    for column, cell in enumerate(row.cells):
        if cell.strip() and cell not in seen:
            seen.add(cell)
            yield Line(cell.strip(), _cell_span(row, column))


def join_texts(parts: Sequence[str]) -> str:
    """Join the text columns of a row: ``重点工作`` + ``具体任务`` → ``重点工作：具体任务``.

    A value column (``7%左右``) joins its indicator directly; a part that already
    ends a sentence or a clause joins the next without a separator.
    """
    text = ""
    for part in (p for p in parts if p):
        if not text or _VALUE_START_RE.match(part) or text[-1] in "。；;：:，,":
            text += part
        else:
            text += "：" + part
    return text


def _cell(row: TableRow, column: int | None) -> str:
    if column is None or column >= len(row.cells):
        return ""
    return row.cells[column].strip()


def _task_lines(row: TableRow, state: _State) -> Iterator[Line]:
    header = state.header
    assert header is not None
    yield from _category_line(row, state, header)
    raw_number = _cell(row, header.number)
    parsed = number_cell(raw_number)
    number, flags = parsed if parsed is not None else (raw_number, ())
    previous = state.previous
    if not number and header.number is not None and previous is not None:
        above = number_cell(_cell(previous, header.number))  # a sub-row: the number above
        number, flags = above if above is not None else ("", ())
    text = join_texts([_cell(row, column) for column in header.texts])
    span = _cell_span(row, header.texts[0])
    missing = tuple(label for column, label in header.fields if not _cell(row, column))
    if number.isdigit():
        yield CellLine(f"{number}. {text}", span, flags=flags, missing=missing)
    elif text:
        yield CellLine(f"{number}{text}" if number else text, span, flags=flags, missing=missing)
    own = any(_cell(row, column) for column, _ in header.fields)
    source = row if own or previous is None or _cell(row, header.number) else previous
    for column, label in header.fields:
        yield from _field_line(source, column, label, header)
    if own or _cell(row, header.number):
        state.previous = row


def _field_line(row: TableRow, column: int, label: str, header: TableHeader) -> Iterator[Line]:
    value = _cell(row, column)
    kind = header.field_kind(column)
    if not value or kind is None:
        return
    span = _cell_span(row, column)
    field = FieldValue(kind, label, value, Rule.TABLE_COLUMN, span)
    yield CellLine(f"{label}：{value}", span, fields=(field,))


def _category_line(row: TableRow, state: _State, header: TableHeader) -> Iterator[Line]:
    """A 类别 / 领域 column merged down: each new value opens a section."""
    value = _cell(row, header.category)
    if value and value != state.category:
        state.category = value
        assert header.category is not None
        yield CellLine(value, _cell_span(row, header.category), section=True)
