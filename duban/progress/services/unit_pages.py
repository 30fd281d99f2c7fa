"""Paging a list ordered by unit name without sorting the whole list in the database.

Why: the late list (the unreported 汇总s, the missing parts) is ordered by unit, then the
notice's order. At 100,000 tasks a page of 50 sorted out of every late row costs most of a
second; counting the rows per unit is one ``GROUP BY`` over the same rows, and from those
counts the units of one page — usually one or two — are known, so only their rows are sorted.
"""

from __future__ import annotations

from collections.abc import Iterable

from duban.orgs.models import OrgUnit


def units_in_order(counts: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """(unit id, rows) by unit name, as ``ORDER BY unit__name, unit_id`` puts them (one
    query); a unit that no longer exists last, where PostgreSQL sorts its missing name."""
    counted = [(unit, n) for unit, n in counts if n]
    names = dict(OrgUnit.objects.filter(pk__in=[u for u, _ in counted]).values_list("pk", "name"))
    return sorted(counted, key=lambda c: (c[0] not in names, names.get(c[0], ""), c[0]))


def unit_window(units: list[tuple[int, int]], offset: int, limit: int) -> tuple[list[int], int]:
    """The units whose rows fall in ``[offset, offset + limit)`` of the whole ordered list, and
    where that window starts within their own rows."""
    chosen: list[int] = []
    start = seen = 0
    for unit, n in units:
        if seen + n > offset and seen < offset + limit:
            if not chosen:
                start = offset - seen
            chosen.append(unit)
        seen += n
    return chosen, start
