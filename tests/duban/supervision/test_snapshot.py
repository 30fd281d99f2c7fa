"""The bulk snapshot agrees with the progress engine and gives the fixture year's picture."""

from __future__ import annotations

from datetime import date

import pytest

from duban.plans.models import Task
from duban.progress.selectors import task_status
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


def test_bulk_facts_equal_the_progress_selector_once_everything_is_known(year: Year) -> None:
    """After the last submission, the snapshot and ``progress.selectors.task_status`` agree."""
    data = Dataset(year.document, Task.objects.all())
    day = date(2025, 2, 1)
    for info in data.tasks:
        assert data.evaluate_one(info, day) == task_status(year.tasks[info.number], as_of=day)


def test_late_units_for_the_june_period(year: Year) -> None:
    data = Dataset(year.document, Task.objects.all())
    late = {name: n for (_, name), n in late_units(data, year.periods["2024年6月"]).items()}
    assert late == {"市民政局": 1, "市大数据局": 1}
