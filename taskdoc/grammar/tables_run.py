"""Rows of a table flattened with no separator at all, cut by the header and the genre.

``序号项目名称主要内容区政府分管领导牵头单位配合单位1增加教育资源供给…。何海平教育局
经开区各街道2促进就业…``: the header tells the columns and their order; the
cells are cut by what they look like (:mod:`taskdoc.grammar.cells`): the
number is the next in sequence, the task text ends a sentence, a leader is a
short personal name, units are names ending in 局 / 委 / 街道 … touching one
another where the cell had one per line. Where fields end and a text begins
again with a verb, the row was split into sub-rows (merged cells): the
sub-row is returned with an empty number. A header repeated after a page
break is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from taskdoc.grammar.cells import name_lengths, starts_task, unit_groups
from taskdoc.grammar.fields import FieldKind
from taskdoc.grammar.tables_header import TableHeader, column_label
from taskdoc.lexicon.columns import NUMBER_FLAGS, UNIT_LEVEL_PREFIXES

_SENTENCE_ENDS = "。！？；;!?"
_NUMBER_RE = re.compile(rf"[{NUMBER_FLAGS}]*(\d{{1,4}})(?!\d)[{NUMBER_FLAGS}]*")
_UNIT_KINDS = (FieldKind.LEAD_UNITS, FieldKind.RESPONSIBLE_UNITS, FieldKind.SUPPORTING_UNITS)
# 6月底前 / 2024年12月 / 年内: a deadline cell, as far as it goes
_DEADLINE_RE = re.compile(r"[\d０-９年月日底前中旬内季度上下半全长期持续常态化]+")


@dataclass(frozen=True, slots=True)
class _Layout:
    header: TableHeader
    fields: tuple[tuple[int, FieldKind], ...]  # the field columns, in order
    repeat: str  # the header as it is written again after a page break


def cut_rows(stream: str, header: TableHeader) -> list[tuple[str, ...]]:
    """The rows of ``stream`` (the text after the header) as cells, one per column."""
    fields = tuple(
        (column, kind)
        for column, _ in header.fields
        if (kind := header.field_kind(column)) is not None
    )
    layout = _Layout(header, fields, "".join(column_label(name) for name in header.names))
    rows: list[tuple[str, ...]] = []
    position = 0
    expected: int | None = None
    while position < len(stream):
        if layout.repeat and stream.startswith(layout.repeat, position):
            position += len(layout.repeat)
            continue
        number = _number_at(stream, position, expected)
        if number is None and not rows:
            break
        if number is not None:
            position = number[1]
            expected = int(_NUMBER_RE.match(number[0]).group(1)) + 1  # type: ignore[union-attr]
        cells, position = _row_from(stream, position, layout, expected)
        rows.append(_with_number(cells, layout, number[0] if number else ""))
    return rows


def _number_at(stream: str, position: int, expected: int | None) -> tuple[str, int] | None:
    """The row number at ``position`` (the next in sequence), and where it ends."""
    match = _NUMBER_RE.match(stream, position)
    if match is None or (expected is not None and int(match.group(1)) != expected):
        return None
    return match.group(), match.end()


def _with_number(cells: list[str], layout: _Layout, number: str) -> tuple[str, ...]:
    if layout.header.number is not None:
        cells[layout.header.number] = number
    return tuple(cells)


def _row_from(
    stream: str, start: int, layout: _Layout, expected: int | None
) -> tuple[list[str], int]:
    """The text and field cells of the row starting at ``start``, and where it ends."""
    cells = [""] * layout.header.width
    text_column = layout.header.texts[0]
    for end in range(start + 1, len(stream) + 1):
        if stream[end - 1] not in _SENTENCE_ENDS:
            continue
        if _row_ends(stream, end, layout, expected):
            cells[text_column] = stream[start:end]
            return cells, end
        found = _fields_at(stream, end, layout.fields)
        if found is not None and _next_ok(stream, found[1], layout, expected):
            cells[text_column] = stream[start:end]
            for column, value in found[0]:
                cells[column] = value
            return cells, found[1]
    cells[text_column] = stream[start:]
    return cells, len(stream)


def _row_ends(stream: str, position: int, layout: _Layout, expected: int | None) -> bool:
    """A row without fields ends here: the header again, or the next number."""
    return stream.startswith(layout.repeat, position) or (
        expected is not None and _number_at(stream, position, expected) is not None
    )


def _next_ok(stream: str, position: int, layout: _Layout, expected: int | None) -> bool:
    """After a row's fields: the end, the header again, the next number or a sub-row's text."""
    return (
        position >= len(stream)
        or _row_ends(stream, position, layout, expected)
        or starts_task(stream[position:])
    )


_Found = tuple[list[tuple[int, str]], int]


def _fields_at(
    stream: str, position: int, fields: Sequence[tuple[int, FieldKind]]
) -> _Found | None:
    """Read the field columns from ``position`` in order; None when they are not there."""
    if not fields:
        return [], position
    column, kind = fields[0]
    if kind is FieldKind.LEADERS:
        return _leaders_at(stream, position, fields)
    if kind in _UNIT_KINDS:
        return _units_at(stream, position, fields)
    match = _DEADLINE_RE.match(stream, position)
    end = match.end() if match else position
    rest = _fields_at(stream, end, fields[1:])
    if rest is None:
        return None
    return [(column, stream[position:end]), *rest[0]], rest[1]


def _leaders_at(
    stream: str, position: int, fields: Sequence[tuple[int, FieldKind]]
) -> _Found | None:
    """A personal name (or several joined by 、), then the other fields.

    Where the name may have two or three characters (``康宁石门乡…``), the cut
    that starts the unit with a place name the table repeats (石门) is taken.
    """
    for length in _likely_lengths(stream, position):
        end = position + length
        while end < len(stream) and stream[end] == "、" and name_lengths(stream, end + 1):
            end += 1 + _likely_lengths(stream, end + 1)[0]
        rest = _fields_at(stream, end, fields[1:])
        if rest is not None:
            return [(fields[0][0], stream[position:end]), *rest[0]], rest[1]
    return None


def _likely_lengths(stream: str, position: int) -> list[int]:
    """The name lengths at ``position``, likeliest first.

    A cut whose unit starts with a level word (``县财政局``, ``区民政局``: units of a
    table are written with their level) comes first; then the one followed by a
    place name the table repeats.
    """
    return sorted(
        name_lengths(stream, position),
        key=lambda size: (
            not stream.startswith(UNIT_LEVEL_PREFIXES, position + size),
            -stream.count(stream[position + size : position + size + 2]),
        ),
    )


def _units_at(stream: str, position: int, fields: Sequence[tuple[int, FieldKind]]) -> _Found | None:
    """The unit columns side by side: one group of names for each but the last, which takes the rest."""
    count = 0
    while count < len(fields) and fields[count][1] in _UNIT_KINDS:
        count += 1
    groups, end = unit_groups(stream, position)
    if not groups:
        return None
    values: list[tuple[int, str]] = []
    for index, (column, _) in enumerate(fields[:count]):
        taken = groups[index:] if index == count - 1 else groups[index : index + 1]
        values.append((column, "、".join(name for group in taken for name in group)))
    rest = _fields_at(stream, end, fields[count:])
    if rest is None:
        return None
    return [*values, *rest[0]], rest[1]
