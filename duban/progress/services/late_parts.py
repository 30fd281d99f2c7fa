"""缺报的分项: owed parts not filed for the period each document is being chased on.

The late list's own section and the reminders (``reminders.late_items``) read this, on the
same rounds (``reminders.late_groups``: each document's latest period in the remind window,
its 提醒/催办/督办 stage) and the one rule of ``parts.queries.missing``. A missing part is
its own late item, the unit's; it never changes the task's light or its lead's item.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from django.db.models import Count, QuerySet

from duban.orgs.models import OrgUnit
from duban.plans.models import Task
from duban.progress.chasing import ChaseStage
from duban.progress.models import ReportingPeriod
from duban.progress.parts import queries
from duban.progress.services.unit_pages import unit_window, units_in_order


class Round(Protocol):
    """A document's period being chased (``reminders.LateGroup`` is one)."""

    @property
    def period(self) -> ReportingPeriod: ...
    @property
    def stage(self) -> ChaseStage: ...
    @property
    def days_late(self) -> int: ...


@dataclass(frozen=True)
class PartGap:
    """One unit's part of one task not filed for the round's period."""

    task: Task
    unit: OrgUnit
    period: ReportingPeriod
    stage: ChaseStage
    days_late: int


@dataclass(frozen=True)
class PartPage:
    gaps: list[PartGap]
    total: int
    number: int
    pages: int


def _pairs(round_: Round, as_of: date) -> QuerySet[Any]:
    period = round_.period
    return queries.missing_pairs(queries.missing(period.document, period, as_of))


def _gaps(round_: Round, pairs: list[tuple[int, int]]) -> list[PartGap]:
    tasks = Task.objects.in_bulk({t for t, _ in pairs})
    units = OrgUnit.objects.in_bulk({u for _, u in pairs})
    return [
        PartGap(tasks[t], units[u], round_.period, round_.stage, round_.days_late) for t, u in pairs
    ]


def part_gaps(rounds: Sequence[Round], *, as_of: date) -> list[PartGap]:
    """Every missing part of every round (the reminders run over all of them)."""
    return [gap for r in rounds for gap in _gaps(r, list(_pairs(r, as_of)))]


def _by_unit(round_: Round, as_of: date) -> list[tuple[int, int]]:
    """(unit, its missing parts) in the list's order: one ``GROUP BY`` (and the names)."""
    period = round_.period
    rows = queries.missing(period.document, period, as_of).values_list("unit_id")
    return units_in_order(rows.annotate(n=Count("task_id", distinct=True)).order_by())


def part_page(rounds: Sequence[Round], *, as_of: date, page: int = 1, size: int = 50) -> PartPage:
    """One page of missing parts over every round: counts per unit and round, then the rows
    of the page's units only (``unit_pages``: no sort of every missing part)."""
    counted = [(r, _by_unit(r, as_of)) for r in rounds]
    counts = [sum(n for _, n in units) for _, units in counted]
    total = sum(counts)
    pages = max(1, -(-total // size))
    number = min(max(page, 1), pages)
    offset = (number - 1) * size
    gaps: list[PartGap] = []
    for (round_, units), count in zip(counted, counts, strict=True):
        if offset >= count:
            offset -= count
            continue
        limit = size - len(gaps)
        chosen, start = unit_window(units, offset, limit)
        pairs = _pairs(round_, as_of).filter(unit_id__in=chosen)
        gaps += _gaps(round_, list(pairs[start : start + limit]))
        offset = 0
        if len(gaps) >= size:
            break
    return PartPage(gaps=gaps, total=total, number=number, pages=pages)
