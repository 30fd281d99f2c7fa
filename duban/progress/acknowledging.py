"""签收 deadlines: a task handed over (交办) on day d must be signed for within N working days.

Pure rules with explicit dates. A working day is Monday to Friday: the product keeps no
holiday calendar (法定节假日 and 调休 differ by year and are announced late), so a deadline
across a holiday falls earlier than the office may count it; ``DUBAN_ACKNOWLEDGE_DAYS``
is set with that margin in mind.
"""

from __future__ import annotations

from datetime import date, timedelta

SATURDAY = 5  # date.weekday(): Monday 0 … Sunday 6


def is_working_day(day: date) -> bool:
    return day.weekday() < SATURDAY


def add_working_days(day: date, days: int) -> date:
    """The ``days``-th working day after ``day`` (``day`` itself when ``days`` is 0)."""
    current = day
    left = max(days, 0)
    while left:
        current += timedelta(days=1)
        if is_working_day(current):
            left -= 1
    return current


def acknowledge_due(assigned_on: date, days: int) -> date:
    """The last day to 签收 a task handed over on ``assigned_on``."""
    return add_working_days(assigned_on, days)


def last_overdue_assignment(as_of: date, days: int) -> date:
    """The latest 交办 day whose 签收 deadline is before ``as_of``.

    ``acknowledge_due`` never decreases with the 交办 day, so the tasks overdue on
    ``as_of`` are exactly those handed over on or before this day: one date comparison a
    query can make, instead of a deadline computed for every task.
    """
    day = as_of - timedelta(days=1)
    while acknowledge_due(day, days) >= as_of:
        day -= timedelta(days=1)
    return day
