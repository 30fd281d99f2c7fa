"""Targets and actuals in tables: progress tables and indicator tables, real or flattened.

Bulletins give their figures in tables whose header says what each column is:
``序号 | 内容与要求 | 进展情况 | 责任单位`` (the task's target, then what was done),
``指标名称 | 全年任务目标(个) | 实际完成(个) | 完成进度``, ``指标 | 年度目标(%) |
1-9月完成(%)``. Web pages flatten such a table one cell per line, and a cell of
numbers often carries no unit: it is in the header (``(个)``, ``（%）``).

Each column gets a role from its header (:data:`~taskdoc.lexicon.reports.TABLE_NAME_COLUMNS`
and the others): the row's name, a target, an actual, a completion share, or
something else (units, people). A cell of text is read as a one-paragraph report
(:func:`~taskdoc.figures.reports.read_report`: a target column as a plan, an
actual column as progress, so periods, plan shares and gaps are read as in
running text; figures without a metric take the row's name); a bare number becomes one figure with the header's unit and
the row's name as metric, a percentage after 增长/增速 a growth. A row's actual gets
the row's share column as ``plan_share`` and the row's target of the same unit as
``plan_value``. Each figure's ``sentence`` is the cell, prefixed with the row name
and column header when the cell is a bare number (``开工建设城镇老旧小区，实际完成(个)：15``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from taskdoc.docvalues import Period
from taskdoc.figures.matching import metric_similarity
from taskdoc.figures.metrics import clean_metric
from taskdoc.figures.periods import period_of
from taskdoc.figures.quantities import UnitClass, scan_quantities
from taskdoc.figures.reports import read_report
from taskdoc.figures.roles import Role
from taskdoc.figures.sections import SectionKind
from taskdoc.lexicon.figures import DECREASE_VERBS, GROWTH_VERBS, alternation
from taskdoc.lexicon.reports import (
    TABLE_ACTUAL_COLUMNS,
    TABLE_NAME_COLUMNS,
    TABLE_SHARE_COLUMNS,
    TABLE_TARGET_COLUMNS,
)
from taskdoc.model import Block, Location, Paragraph, TableRow
from taskdoc.values import Comparator, Target, TargetKind

_SPACE_RE = re.compile(r"[\s\u3000]+")
_BRACKET_RE = re.compile(r"[（(](?P<inner>[^（）()]{1,8})[）)]")
# A cell that is only a number, with at most a unit: 15, 100%, 6.2, 12.5亿元.
NUMBER_CELL_RE = re.compile(r"^(?P<num>-?\d+(?:\.\d+)?)[ \t]*(?P<unit>[^\d\s]{0,6})$")
# An empty cell of numbers: —, -, /.
_EMPTY_CELL_RE = re.compile(r"^[—\-－/／]*$")
_GROWTH_RE = re.compile(alternation(GROWTH_VERBS))
_DECREASE_RE = re.compile(alternation(DECREASE_VERBS))
_MAX_HEADER_CELL = 20  # a column name on a line of its own is short
_MIN_SHARE_SIMILARITY = 0.5
_MIN_COLUMNS = 2  # a name and at least one column of figures
_MIN_ROWS = 2  # a header and a row


class Column(StrEnum):
    NAME = "name"
    TARGET = "target"
    ACTUAL = "actual"
    SHARE = "share"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Header:
    """One column: its role, its name as written, the unit and period it states."""

    role: Column
    name: str
    unit: str = ""
    period: Period | None = None


@dataclass(slots=True)
class TableFigure:
    """One figure of a table; ``figure`` offsets are into ``sentence``."""

    figure: Target
    target: bool  # True for a target column, False for an actual
    sentence: str
    location: Location
    period: Period | None
    row: tuple[int | None, int | None]  # (table, row) of a real table row, for its task
    plan_share: Decimal | None = None
    plan_value: Target | None = None
    difference: Target | None = None
    year: int | None = None  # a year the cell states (截至2020年12月底)


@dataclass(frozen=True, slots=True)
class TableReading:
    """The figures of every table, and the paragraphs that were cells of a flattened one."""

    figures: tuple[TableFigure, ...]
    consumed: frozenset[int]  # indexes (into the blocks given) of flattened-table cells


def column(name: str) -> Header:
    """The role, unit and period a header cell states: ``实际完成(个)`` → actual, 个."""
    squashed = _SPACE_RE.sub("", name)
    bare = _BRACKET_RE.sub("", squashed)
    unit = next((m.group("inner") for m in _BRACKET_RE.finditer(squashed) if _is_unit(m)), "")
    period = period_of(bare)
    if bare in TABLE_NAME_COLUMNS:
        return Header(Column.NAME, name, unit, period)
    for role, words in (
        (Column.SHARE, TABLE_SHARE_COLUMNS),
        (Column.ACTUAL, TABLE_ACTUAL_COLUMNS),
        (Column.TARGET, TABLE_TARGET_COLUMNS),
    ):
        if any(_SPACE_RE.sub("", word) in bare for word in words):
            return Header(role, name, unit, period)
    return Header(Column.OTHER, name, unit, period)


def _is_unit(m: re.Match[str]) -> bool:
    inner = m.group("inner")
    return inner == "%" or bool(scan_quantities(f"1{inner}"))


def read_tables(blocks: Sequence[Block]) -> TableReading:
    """Figures of the real tables among *blocks* and of the tables flattened one cell per line."""
    figures: list[TableFigure] = []
    consumed: set[int] = set()
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if isinstance(block, TableRow):
            end = index
            while end < len(blocks) and _same_table(blocks[end], block):
                end += 1
            rows = [_Row(b.cells, b.location) for b in blocks[index:end] if isinstance(b, TableRow)]
            figures.extend(_table_figures(rows))
            index = end
            continue
        flat = _flattened_at(blocks, index)
        if flat is None:
            index += 1
            continue
        rows, end = flat
        figures.extend(_table_figures(rows))
        consumed.update(range(index, end))
        index = end
    return TableReading(tuple(figures), frozenset(consumed))


def _same_table(block: Block, first: TableRow) -> bool:
    return isinstance(block, TableRow) and block.location.table == first.location.table


def _flattened_at(blocks: Sequence[Block], index: int) -> tuple[list[_Row], int] | None:
    """An indicator table flattened one cell per line, starting at its name column."""
    texts = [_text(b) for b in blocks]
    if texts[index] is None or column(texts[index] or "").role is not Column.NAME:
        return None
    width = 1
    while index + width < len(texts):
        cell = texts[index + width]
        if cell is None or len(cell) > _MAX_HEADER_CELL or NUMBER_CELL_RE.match(cell):
            break
        if column(cell).role in (Column.NAME, Column.OTHER):
            break
        width += 1
    if width < _MIN_COLUMNS:
        return None
    rows = [_row(blocks[index : index + width], 1)]
    position = index + width
    while position + width <= len(texts):
        cells = [texts[position + i] or "" for i in range(width)]
        if any(texts[position + i] is None for i in range(width)) or not _numbers_row(cells):
            break
        rows.append(_row(blocks[position : position + width], len(rows) + 1))
        position += width
    return (rows, position) if len(rows) > 1 else None


def _text(block: Block) -> str | None:
    return block.text.strip() if isinstance(block, Paragraph) else None


def _numbers_row(cells: list[str]) -> bool:
    name, *values = cells
    return (
        not NUMBER_CELL_RE.match(name)
        and bool(values)
        and all(NUMBER_CELL_RE.match(v) or _EMPTY_CELL_RE.match(v) for v in values)
    )


@dataclass(frozen=True, slots=True)
class _Row:
    """A table row: its cells, where it stands, and (flattened) the line of each cell."""

    cells: tuple[str, ...]
    location: Location
    lines: tuple[int | None, ...] = ()

    def at(self, index: int) -> Location:
        line = self.lines[index] if index < len(self.lines) else self.location.line
        return replace(self.location, line=line, column=index + 1)


def _row(cells: Sequence[Block], number: int) -> _Row:
    """A row of a flattened table: its cells' texts, each cell keeping its own line."""
    texts = tuple(_text(cell) or "" for cell in cells)
    lines = tuple(cell.location.line for cell in cells)
    return _Row(texts, Location(line=lines[0], row=number), lines)


def _table_figures(rows: list[_Row]) -> list[TableFigure]:
    if len(rows) < _MIN_ROWS:
        return []
    headers = [column(cell) for cell in rows[0].cells]
    if not any(h.role in (Column.TARGET, Column.ACTUAL) for h in headers):
        return []
    out: list[TableFigure] = []
    for row in rows[1:]:
        out.extend(_row_figures(row, headers))
    return out


def _row_figures(row: _Row, headers: list[Header]) -> list[TableFigure]:
    cells = list(row.cells) + [""] * (len(headers) - len(row.cells))
    name = _row_name(cells, headers)
    targets: list[TableFigure] = []
    actuals: list[TableFigure] = []
    share: Decimal | None = None
    for index, (cell, header) in enumerate(zip(cells, headers, strict=False)):
        where = row.at(index)
        if header.role is Column.SHARE:
            share = _share(cell) if share is None else share
        elif header.role in (Column.TARGET, Column.ACTUAL):
            found = _cell_figures(cell, header, name, where, row)
            (targets if header.role is Column.TARGET else actuals).extend(found)
    for actual in actuals:
        if actual is actuals[0] and share is not None:
            actual.plan_share = share
        actual.plan_value = actual.plan_value or _plan_of(actual.figure, targets)
    return [*targets, *actuals]


def _row_name(cells: list[str], headers: list[Header]) -> str:
    for role in (Column.NAME, Column.TARGET):
        for cell, header in zip(cells, headers, strict=False):
            if header.role is role and cell.strip() and not NUMBER_CELL_RE.match(cell.strip()):
                return cell.strip()
    return ""


def _share(cell: str) -> Decimal | None:
    m = NUMBER_CELL_RE.match(cell.strip())
    return Decimal(m.group("num")) if m and m.group("unit") in ("%", "") else None


def _cell_figures(
    cell: str, header: Header, name: str, where: Location, row: _Row
) -> list[TableFigure]:
    text = cell.strip()
    target = header.role is Column.TARGET
    key = (row.location.table, row.location.row)
    bare = NUMBER_CELL_RE.match(text)
    if bare:
        prefix = f"{name}，{header.name}："
        figure = _bare_figure(bare, header, name, len(prefix))
        if figure is None:
            return []
        return [TableFigure(figure, target, prefix + text, where, header.period, key)]
    lead = SectionKind.PLAN if target else SectionKind.PROGRESS
    out = []
    for found in read_report(text, lead=lead).found:
        figure = found.figure
        if not figure.metric and name:
            figure = replace(figure, metric=clean_metric(name, percent=False))
        out.append(
            TableFigure(
                figure,
                found.role is Role.TARGET,
                found.paragraph.text,
                where,
                found.period or header.period,
                key,
                plan_share=found.plan_share,
                plan_value=found.plan_value,
                difference=found.difference,
                year=found.year,
            )
        )
    return out


def _bare_figure(m: re.Match[str], header: Header, name: str, offset: int) -> Target | None:
    """A number cell as a figure: the unit from the cell or its header, the metric the row's."""
    unit = m.group("unit") or header.unit
    raw = m.group(0)
    quantities = scan_quantities(f"{m.group('num')}{unit}") if unit else []
    if unit and not quantities:
        return None
    value = Decimal(m.group("num"))
    if quantities:
        q = quantities[0]
        normalized, base, unit_class = q.normalized_value, q.normalized_unit, q.unit_class
    else:
        normalized, base, unit_class = value, "", UnitClass.CLASSIFIER
    percent = unit_class is UnitClass.PERCENT
    words = f"{name}{header.name}"
    return Target(
        metric=clean_metric(name, percent=percent),
        kind=_kind(unit_class, words),
        comparator=Comparator.EXACTLY,
        value=value,
        unit=unit,
        normalized_value=normalized,
        normalized_unit=base,
        start=offset,
        end=offset + len(raw),
        raw=raw,
    )


def _kind(unit_class: UnitClass, words: str) -> TargetKind:
    if unit_class is UnitClass.PERCENT:
        if _DECREASE_RE.search(words):
            return TargetKind.DECREASE
        return TargetKind.GROWTH if _GROWTH_RE.search(words) else TargetKind.SHARE
    if unit_class is UnitClass.MULTIPLE:
        return TargetKind.SHARE
    return TargetKind.LEVEL if unit_class is UnitClass.MEASURE else TargetKind.COUNT


def _plan_of(actual: Target, targets: list[TableFigure]) -> Target | None:
    """The row's target of the same unit: the only one, else the one of the most similar metric."""
    same = [t.figure for t in targets if t.figure.normalized_unit == actual.normalized_unit]
    if len(same) == 1:
        return same[0]
    scored = [(metric_similarity(t.metric, actual.metric), t) for t in same]
    best = max(scored, key=lambda pair: pair[0], default=None)
    return best[1] if best and best[0] >= _MIN_SHARE_SIMILARITY else None
