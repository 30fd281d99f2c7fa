"""Header rows of task tables: which column holds the number, the task, each field.

A header is recognised by its column names (:mod:`taskdoc.lexicon.columns`),
whatever the layout: the cells of a Word or PDF table, the cells of a
flattened row, or a header whose names ran together with no separator
(``序号项目名称主要内容区政府分管领导牵头单位配合单位``), which is cut into names
here by the same vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from taskdoc.grammar.fields import FieldKind, kind_of_label
from taskdoc.lexicon import labels
from taskdoc.lexicon.columns import (
    CATEGORY_NAME,
    IGNORED_NAME,
    NUMBER_NAME,
    TEXT_NAME,
    ColumnKind,
)

# 责任单位（列第一位的为牵头单位）: notes in brackets do not change what a column holds
_BRACKETED_RE = re.compile(r"[（(][^（）()]*[）)]")
_NUMBER_RE = re.compile(rf"^{NUMBER_NAME}$")
_CATEGORY_RE = re.compile(rf"^{CATEGORY_NAME}$")
_IGNORED_RE = re.compile(rf"^{IGNORED_NAME}$")
_TEXT_FULL_RE = re.compile(rf"^{TEXT_NAME}$")
_TEXT_WORD_RE = re.compile(r"(?:任务|内容|事项|工作|目标|措施|举措|指标|项目|实事|名称|要求)")
_LABEL_RE = re.compile(rf"^{labels.ANY_LABEL}$")
# the longest column name that may run together with the next one
_NAME_MAX = 14


def column_label(cell: str) -> str:
    """A header cell compared as a name: no padding, no bracketed note."""
    return _BRACKETED_RE.sub("", "".join(cell.split()))


@lru_cache(maxsize=2048)
def column_kind(cell: str) -> ColumnKind | None:
    """What the column named ``cell`` holds; None when it is no column name.

    The field labels come first (``完成时限`` is a field, not text), then the
    columns read but not kept (``工作举措及实施计划``), then 类别 and the task text.
    """
    label = column_label(cell)
    if not label:
        return None
    if _NUMBER_RE.match(label):
        return ColumnKind.NUMBER
    if kind_of_label(label) is not None:
        return ColumnKind.FIELD
    for kind, pattern in ((ColumnKind.IGNORED, _IGNORED_RE), (ColumnKind.CATEGORY, _CATEGORY_RE)):
        if pattern.match(label):
            return kind
    if len(label) <= _NAME_MAX and _TEXT_WORD_RE.search(label):
        return ColumnKind.TEXT
    return None


@dataclass(frozen=True, slots=True)
class TableHeader:
    """Which column holds what; ``fields`` maps a column to its label (责任领导…)."""

    number: int | None
    texts: tuple[int, ...]
    fields: tuple[tuple[int, str], ...]
    category: int | None = None
    names: tuple[str, ...] = ()  # the header cells as written

    def field_kind(self, column: int) -> FieldKind | None:
        label = dict(self.fields).get(column)
        return kind_of_label(label) if label else None

    @property
    def width(self) -> int:
        return len(self.names)


def detect_header(cells: Sequence[str]) -> TableHeader | None:
    """Recognise a header row; needs a text column and at least one field column."""
    number: int | None = None
    category: int | None = None
    texts: list[int] = []
    fields: list[tuple[int, str]] = []
    for index, cell in enumerate(cells):
        kind = column_kind(cell)
        if kind is ColumnKind.NUMBER and number is None:
            number = index
        elif kind is ColumnKind.FIELD:
            fields.append((index, column_label(cell)))
        elif kind is ColumnKind.CATEGORY and category is None:
            category = index
        elif kind is ColumnKind.TEXT:
            texts.append(index)
    if not texts or not fields:
        return None
    names = tuple(cell.strip() for cell in cells)
    return TableHeader(number, tuple(texts), tuple(fields), category, names)


def same_header(cells: Sequence[str], header: TableHeader) -> bool:
    """A header row repeated after a page break: the same names, column by column."""
    return len(cells) == header.width and all(
        column_label(a) == column_label(b) for a, b in zip(cells, header.names, strict=True)
    )


def sub_header(upper: Sequence[str], lower: Sequence[str]) -> TableHeader | None:
    """The header of a table whose header has two rows, read from the second row.

    ``责任单位`` spanning ``牵头单位 | 配合单位``: the lower row names the columns the
    task rows use. Cells merged down from the upper row repeat its labels (Word) or
    are empty (Markdown, PDF), when they take the upper row's label. A row qualifies
    only if all its cells are labels and it adds a field label of its own.
    """
    upper_labels = [column_label(cell) for cell in upper]
    cells = [column_label(cell) for cell in lower]
    if not any(kind_of_label(cell) is not None and cell not in upper_labels for cell in cells):
        return None
    for cell in cells:
        if cell and not (cell in upper_labels or column_kind(cell) is not None):
            return None
    if len(lower) == len(upper):
        cells = [cell or above for cell, above in zip(cells, upper_labels, strict=True)]
    return detect_header(cells)


def _name_ends(text: str, start: int) -> list[int]:
    """Where a column name starting at ``start`` may end, in the order to try them.

    Task-text names first, longest first (``项目名称``, not ``项目`` + ``名称``;
    ``工作任务``, not the label ``工作任务分管县领导``); then field labels shortest
    first (``牵头单位`` + ``配合单位``, not one label); then the other names.
    """
    window = range(start + 1, min(len(text), start + _NAME_MAX) + 1)
    labels_found = [end for end in window if _LABEL_RE.match(text[start:end])]
    others = [
        end for end in reversed(window) if end not in labels_found and _strict_name(text[start:end])
    ]
    texts = [end for end in others if column_kind(text[start:end]) is ColumnKind.TEXT]
    return texts + labels_found + [end for end in others if end not in texts]


def _strict_name(name: str) -> bool:
    """A whole column name (not a name with more run on): 项目名称, not 序号项目名称."""
    kind = column_kind(name)
    if kind is ColumnKind.TEXT:
        return _TEXT_FULL_RE.match(name) is not None
    return kind is not None and kind is not ColumnKind.FIELD


def is_column_name(cell: str) -> bool:
    """A cell that is a whole column name, as a header line of a flattened table must be."""
    label = column_label(cell)
    return column_kind(label) is ColumnKind.FIELD or _strict_name(label)


def split_run_together(text: str) -> tuple[tuple[str, ...], int] | None:
    """Cut names written with no separator into columns: the names and where they end.

    The names must cover ``text`` from its start up to its end or to the first
    row (a digit or a flagged number). Backtracks over the possible cuts.
    """

    def walk(start: int, names: tuple[str, ...]) -> tuple[tuple[str, ...], int] | None:
        if len(names) > 1 and (start == len(text) or text[start].isdigit()):
            return names, start
        for end in _name_ends(text, start):
            found = walk(end, (*names, text[start:end]))
            if found is not None:
                return found
        return None

    return walk(0, ())
