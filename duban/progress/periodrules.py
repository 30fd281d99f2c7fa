"""Reporting periods from a notice's schedule (pure: no Django).

Seed 004 says: from June, report by the 10th of each month the progress up to the end of
the previous month; ledgers on 7月10日、10月10日 and 2021年1月10日. That yields monthly
periods due 06-10 (covering May) … 01-10 of the next year (covering December), and three
ledger periods, each covering the quarter that ended before its date.

Without a stated schedule the default is monthly, due the 10th, covering the previous
month, from the month after the notice was issued. Periods are generated once and then
belong to the 督查室, who may move a due date (``ReportingPeriod`` rows are editable).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class ScheduleSpec:
    monthly_day: int | None = 10
    monthly_start_month: int | None = None
    monthly_covers_previous: bool = True
    quarterly_day: int | None = None
    quarterly_covers_previous: bool = True
    ledger_dates: tuple[date, ...] = ()


@dataclass(frozen=True, slots=True)
class PeriodSpec:
    kind: str  # "monthly" | "quarterly" | "ledger"
    label: str
    start: date
    end: date
    due: date


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _due(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def monthly_periods(spec: ScheduleSpec, *, year: int, issued_on: date | None) -> list[PeriodSpec]:
    """One period per due month, from the start month to the report on December's work."""
    if not spec.monthly_day:
        return []
    first = spec.monthly_start_month
    if first is None:
        first = issued_on.month + 1 if issued_on and issued_on.year == year else 1
    previous = spec.monthly_covers_previous
    last_due = (year + 1, 1) if previous else (year, 12)
    periods = []
    y, m = year, first
    while (y, m) <= last_due:
        cy, cm = _shift(y, m, -1) if previous else (y, m)
        if cy == year:
            periods.append(
                PeriodSpec(
                    kind="monthly",
                    label=f"{cy}年{cm}月",
                    start=date(cy, cm, 1),
                    end=_month_end(cy, cm),
                    due=_due(y, m, spec.monthly_day),
                )
            )
        y, m = _shift(y, m, 1)
    return periods


def quarterly_periods(spec: ScheduleSpec, *, year: int) -> list[PeriodSpec]:
    """Due on ``quarterly_day`` of the month after each quarter (or of its last month)."""
    if not spec.quarterly_day:
        return []
    periods = []
    for q in range(1, 5):
        start, end = date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
        dy, dm = _shift(year, 3 * q, 1) if spec.quarterly_covers_previous else (year, 3 * q)
        periods.append(
            PeriodSpec(
                "quarterly", f"{year}年第{q}季度", start, end, _due(dy, dm, spec.quarterly_day)
            )
        )
    return periods


def ledger_periods(spec: ScheduleSpec) -> list[PeriodSpec]:
    """A ledger date covers the quarter that ended before it (07-10 → Q2)."""
    periods = []
    for due in sorted(spec.ledger_dates):
        y, m = _shift(due.year, due.month, -1)
        q_end_month = m - m % 3  # the last quarter end on or before the previous month
        if q_end_month == 0:
            y, q_end_month = y - 1, 12
        q = q_end_month // 3
        periods.append(
            PeriodSpec(
                kind="ledger",
                label=f"{y}年第{q}季度台账",
                start=date(y, q_end_month - 2, 1),
                end=_month_end(y, q_end_month),
                due=due,
            )
        )
    return periods


def build_periods(spec: ScheduleSpec, *, year: int, issued_on: date | None) -> list[PeriodSpec]:
    """All periods of a document, by due date."""
    periods = (
        monthly_periods(spec, year=year, issued_on=issued_on)
        + quarterly_periods(spec, year=year)
        + ledger_periods(spec)
    )
    return sorted(periods, key=lambda p: (p.due, p.kind))
