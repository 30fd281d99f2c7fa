"""The real notice 004: its reporting schedule reaches the database and the periods."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone

from duban.plans.services import import_batch_create
from duban.progress.services import periods_ensure
from duban.workflows import import_confirm

pytestmark = pytest.mark.django_db


def test_seed_004_schedule_and_periods(corpus_file: Callable[[str], Path]) -> None:
    path = corpus_file("004")
    batch = import_batch_create(data=path.read_bytes(), filename=path.name, actor=None)
    doc = import_confirm(batch=batch, actor=None)
    schedule = doc.reporting_schedule
    assert schedule.plan_due is not None
    local = timezone.localtime(schedule.plan_due)
    assert (local.date(), local.hour, local.minute) == (date(2020, 6, 8), 17, 0)
    assert (schedule.monthly_day, schedule.monthly_start_month) == (10, 6)
    assert schedule.monthly_covers_previous and not schedule.is_default
    assert schedule.ledger_dates == ["2020-07-10", "2020-10-10", "2021-01-10"]
    periods = periods_ensure(document=doc)
    monthly = [(p.label, p.due_date) for p in periods if p.kind == "monthly"]
    assert monthly[0] == ("2020年5月", date(2020, 6, 10))
    assert monthly[-1] == ("2020年12月", date(2021, 1, 10))
    assert [p.due_date for p in periods if p.kind == "ledger"] == [
        date(2020, 7, 10),
        date(2020, 10, 10),
        date(2021, 1, 10),
    ]
