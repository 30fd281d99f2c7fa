"""Editing a notice's reporting schedule regenerates its periods (service and admin)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from duban.accounts.models import Role
from duban.accounts.services import user_create
from duban.audit.models import AuditEvent
from duban.plans.models import ReportingSchedule
from duban.progress import services
from duban.progress.models import ProgressReport, ReportingPeriod
from tests.duban.progress.conftest import World

pytestmark = pytest.mark.django_db


def _monthly(world: World) -> dict[str, date]:
    periods = ReportingPeriod.objects.filter(document=world.document, kind="monthly")
    return {p.label: p.due_date for p in periods.order_by("due_date")}


def test_regenerate_follows_the_schedule_and_keeps_reported_periods(world: World) -> None:
    services.progress_report_save(
        task=world.task,
        period=world.period("2024年3月"),
        unit=world.unit_a,
        data=services.ReportInput(progress="三月进展"),
        expected_version=None,
        submit=True,
        actor=world.users["reporter"],
    )
    moved = world.period("2024年5月")
    services.period_update(
        period=moved, due_date=date(2024, 6, 20), label=moved.label, actor=world.users["office"]
    )
    schedule = ReportingSchedule.objects.get(document=world.document)
    schedule.monthly_day, schedule.monthly_start_month = 15, 6  # from June, by the 15th
    schedule.save()

    outcome = services.periods_regenerate(document=world.document, actor=world.users["office"])

    months = _monthly(world)
    assert months["2024年5月"] == date(2024, 6, 15)  # the hand-moved date follows the schedule
    assert months["2024年12月"] == date(2025, 1, 15)
    assert "2024年4月" not in months  # gone: no reports on it
    assert months["2024年3月"] == date(2024, 4, 10)  # kept: a report was made on it
    assert ProgressReport.objects.get().period.label == "2024年3月"
    assert (outcome.deleted, outcome.kept) == (1, 1) and outcome.created == 0
    assert AuditEvent.objects.filter(action="period.regenerate").count() == 1
    again = services.periods_regenerate(document=world.document)
    assert (again.created, again.changed, again.deleted) == (0, 0, 0)


def test_saving_the_schedule_in_the_admin_regenerates_the_periods(world: World) -> None:
    root = user_create(username="root", password="pw-123456", role=Role.OFFICE, superuser=True)
    admin = Client()
    admin.force_login(root)
    schedule = ReportingSchedule.objects.get(document=world.document)
    url = f"/admin/plans/reportingschedule/{schedule.pk}/change/"
    form = admin.get(url).context["adminform"].form
    data = {
        name: value
        for name in form.fields
        if (value := form[name].value()) is not None and value is not False
    }
    data["ledger_dates"] = '["2024-07-10"]'
    data["raw_sentences"] = "[]"
    data["monthly_day"] = 20
    response = admin.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _monthly(world)["2024年4月"] == date(2024, 5, 20)
