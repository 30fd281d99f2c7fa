"""Task tables: rows under a header such as 序号 | 任务 | 责任领导 | 牵头单位 | 责任单位 | 完成时限.

A table is rewritten into the same lines a prose notice has (``3. 任务…``,
``责任领导：…``), each pointing at its cell, so one grammar serves both
layouts. A row whose cells are all the same text (merged across the row) is
a section heading. A table with no recognisable header is read as prose,
cell by cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from taskdoc.grammar.fields import kind_of_label
from taskdoc.model import SourceSpan, TableRow
from taskdoc.text.repair import Line

# 序号 / 编号 / 序
_NUMBER_HEADER_RE = re.compile(r"^(?:序号|编号|序|号)$")
# 任务 / 重点任务 / 任务内容 / 工作任务 / 目标任务 / 具体内容 / 工作事项 / 指标名称 / 目标值 /
# 项目名称 / 民生实事
_TEXT_HEADER_RE = re.compile(r"(?:任务|内容|事项|工作|目标|措施|举措|指标|项目|实事)")
# 责任单位（列第一位的为牵头单位）: notes in brackets do not change what a column holds
_BRACKETED_RE = re.compile(r"[（(][^（）()]*[）)]")
# 地区生产总值增长 + 7%左右: an indicator name and its value join without a separator
_VALUE_START_RE = re.compile(r"^[\d.+\-－～~≥≤><]")
_DIGITS_RE = re.compile(r"^\d{1,4}$")


@dataclass(frozen=True, slots=True)
class TableHeader:
    """Which column holds what; ``fields`` maps a column to its label (责任领导…)."""

    number: int | None
    texts: tuple[int, ...]
    fields: tuple[tuple[int, str], ...]


def detect_header(cells: Sequence[str]) -> TableHeader | None:
    """Recognise a header row; needs a text column and at least one field column."""
    number: int | None = None
    texts: list[int] = []
    fields: list[tuple[int, str]] = []
    for index, cell in enumerate(cells):
        label = _BRACKETED_RE.sub("", re.sub(r"\s+", "", cell))
        if _NUMBER_HEADER_RE.match(label) and number is None:
            number = index
        elif kind_of_label(label) is not None:
            fields.append((index, label))
        elif _TEXT_HEADER_RE.search(label):
            texts.append(index)
    if not texts or not fields:
        return None
    return TableHeader(number, tuple(texts), tuple(fields))


def _label(cell: str) -> str:
    return _BRACKETED_RE.sub("", re.sub(r"\s+", "", cell))


def sub_header(upper: Sequence[str], lower: Sequence[str]) -> TableHeader | None:
    """The header of a table whose header has two rows, read from the second row.

    ``责任单位`` spanning ``牵头单位 | 配合单位``: the lower row names the columns the
    task rows use. Cells merged down from the upper row repeat its labels (Word) or
    are empty (Markdown, PDF), when they take the upper row's label. A row qualifies
    only if all its cells are labels and it adds a field label of its own.
    """
    cells = [_label(cell) for cell in lower]
    if not any(kind_of_label(cell) is not None and cell not in upper for cell in cells):
        return None
    for cell in cells:
        if cell and not (
            cell in upper
            or kind_of_label(cell) is not None
            or _NUMBER_HEADER_RE.match(cell)
            or _TEXT_HEADER_RE.search(cell)
        ):
            return None
    if len(lower) == len(upper):
        cells = [cell or _label(above) for cell, above in zip(cells, upper, strict=True)]
    return detect_header(cells)


def table_lines(items: Iterable[Line | TableRow]) -> Iterator[Line]:
    """Replace table rows with equivalent prose lines; other lines pass through."""
    header: TableHeader | None = None
    table: int | None = None
    held: TableRow | None = None  # a task row, held back in case the next row continues it
    header_cells: tuple[str, ...] | None = None  # the header row just read, if the last row
    for item in items:
        if (
            held is not None
            and header is not None
            and isinstance(item, TableRow)
            and item.location.table == table
            and _continues_row(item, header)
        ):
            held = _merge_rows(held, item)
            continue
        if held is not None:
            yield from _row_lines(held, header)
            held = None
        if isinstance(item, Line):
            yield item
            continue
        if item.location.table != table:
            table, header, header_cells = item.location.table, None, None
        if header is None:
            header = detect_header(item.cells)
            if header is not None:
                header_cells = item.cells
                continue
        if header_cells is not None:
            lower = sub_header(header_cells, item.cells)
            header_cells = None
            if lower is not None:
                header = lower
                continue
        if header is not None and _is_task_row(item):
            held = item
        else:
            yield from _row_lines(item, header)
    if held is not None:
        yield from _row_lines(held, header)


def _is_task_row(row: TableRow) -> bool:
    return len([cell for cell in dict.fromkeys(row.cells) if cell.strip()]) > 1


def _continues_row(row: TableRow, header: TableHeader) -> bool:
    """A row split by a page break goes on with an empty 序号 and more task text."""
    if header.number is None or _cell(row, header.number):
        return False
    return _is_task_row(row) or any(_cell(row, column) for column in header.texts)


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


def _row_lines(row: TableRow, header: TableHeader | None) -> Iterator[Line]:
    distinct = {cell for cell in row.cells if cell.strip()}
    if header is None or len(distinct) <= 1:
        seen: set[str] = set()  # a merged cell repeats its text: read it once, where it starts
        for column, cell in enumerate(row.cells):
            if cell.strip() and cell not in seen:
                seen.add(cell)
                yield Line(cell.strip(), _cell_span(row, column))
        return
    yield from _task_lines(row, header)


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


def _task_lines(row: TableRow, header: TableHeader) -> Iterator[Line]:
    number = _cell(row, header.number)
    text = join_texts([_cell(row, column) for column in header.texts])
    first_text = header.texts[0]
    if _DIGITS_RE.match(number):
        yield Line(f"{number}. {text}", _cell_span(row, first_text))
    elif text:
        yield Line(f"{number}{text}" if number else text, _cell_span(row, first_text))
    for column, label in header.fields:
        value = _cell(row, column)
        if value:
            yield Line(f"{label}：{value}", _cell_span(row, column))
