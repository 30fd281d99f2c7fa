"""The parser's memo tables, in one place.

Notices repeat the same lines task after task (``责任领导：王新伟``,
``责任单位：市政府各部门，各县（市、区）政府…``), so the pure per-line
functions are memoised with bounded ``lru_cache`` tables. Results are
immutable, so sharing them is safe; :func:`clear_caches` empties the tables,
for benchmarks that want a cold parse and for long-running processes.
"""

from __future__ import annotations

from taskdoc.grammar.fields import kind_of_label, parse_field_line
from taskdoc.grammar.leaders import split_leaders
from taskdoc.grammar.markers import is_list_title, normalize_field_start, number_mark
from taskdoc.grammar.units import parse_units

MEMOISED = (
    number_mark,
    normalize_field_start,
    is_list_title,
    kind_of_label,
    parse_field_line,
    parse_units,
    split_leaders,
)


def clear_caches() -> None:
    """Empty every memo table of the parser."""
    for function in MEMOISED:
        function.cache_clear()
