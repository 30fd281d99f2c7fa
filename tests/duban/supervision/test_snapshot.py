"""The bulk snapshot agrees with the progress engine and gives the fixture year's picture."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from duban.plans.models import Task
from duban.progress.selectors import task_status
from duban.progress.standing.queries import live_status
from duban.supervision.snapshot import Dataset, late_units
from tests.duban.outputs_year import JULY, Year

pytestmark = pytest.mark.django_db


def test_statuses_as_of_july(year: Year) -> None:
    data = Dataset(year.document, Task.objects.all())
    got = {
        r.task.number: (str(r.status.schedule), str(r.status.colour)) for r in data.evaluate(JULY)
    }
    assert got == {
        1: ("on_track", "green"),
        2: ("ahead", "green"),
        3: ("overdue", "red"),
        4: ("on_track", "green"),
        5: ("lagging", "yellow"),
        6: ("no_report", "red"),
        7: ("done", "blue"),
    }


def test_stored_spans_equal_the_engine_on_the_facts_every_day(year: Year) -> None:
    """The read model's spans give, on every day of the year, what the engine gives on the
    facts as known that day (``live_status``), and the task page shows the same."""
    data = Dataset(year.document, Task.objects.all())
    day = date(2024, 1, 1)
    while day <= date(2025, 2, 1):
        stored = {r.task.id: r.status for r in data.evaluate(day)}
        for number, task in year.tasks.items():
            live = live_status(task, day)
            assert stored[task.pk] == live, (number, day)
            assert task_status(task, as_of=day) == live
        day += timedelta(days=1)


def test_late_units_for_the_june_period(year: Year) -> None:
    data = Dataset(year.document, Task.objects.all())
    late = {name: n for (_, name), n in late_units(data, year.periods["2024年6月"]).items()}
    assert late == {"市民政局": 1, "市大数据局": 1}
