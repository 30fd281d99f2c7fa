"""批量审核通过 in the review queue (issue 12, item 4): each report approved and audited; one
that is no longer waiting is skipped and said so; only the 督查室 may."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from duban.audit.models import AuditEvent
from duban.progress import services
from duban.progress.models import ProgressReport
from tests.duban.progress.conftest import World, report_data

pytestmark = pytest.mark.django_db


def _submitted(world: World, label: str) -> ProgressReport:
    return services.progress_report_save(
        task=world.task,
        period=world.period(label),
        unit=world.unit_a,
        expected_version=None,
        data=report_data(progress=f"{label}推进情况"),
        submit=True,
        actor=world.users["reporter"],
    )


def test_ticked_reports_are_approved_each_with_its_audit(world: World) -> None:
    first, second, third = (_submitted(world, f"2024年{m}月") for m in (3, 4, 5))
    services.progress_report_review(
        report=third, approve=False, note="请补充", actor=world.users["office"]
    )
    office = world.client("office")
    assert 'id="approve-selected"' in office.get("/progress/review/").content.decode()
    answer = office.post(
        "/progress/review/approve/",
        {"report": [first.pk, second.pk, third.pk], "page": "1"},
        follow=True,
    )
    page = answer.content.decode()
    assert "已审核通过 2 份进展报告；1 份已不在待审核状态，未处理。" in page
    states = dict(ProgressReport.objects.values_list("pk", "state"))
    assert (states[first.pk], states[second.pk], states[third.pk]) == (
        "approved",
        "approved",
        "returned",
    )
    assert AuditEvent.objects.filter(action="report.approve").count() == 2


def test_nothing_ticked_and_malformed_ids(world: World) -> None:
    office = world.client("office")
    answer = office.post("/progress/review/approve/", {}, follow=True)
    assert "请先勾选" in answer.content.decode()
    assert office.post("/progress/review/approve/", {"report": "abc"}).status_code == 400


def test_a_reporter_cannot_approve(world: World) -> None:
    report = _submitted(world, "2024年3月")
    answer = world.client("reporter").post("/progress/review/approve/", {"report": report.pk})
    assert answer.status_code == 403
    report.refresh_from_db()
    assert report.state == "submitted"
    assert world.client("office").get("/progress/review/approve/").status_code == 405


def test_queue_lists_submitted_reports_in_order_in_the_same_queries(world: World) -> None:
    """The page is chosen on its sort keys, then its reports read: in period order, the same
    number of queries for one report waiting as for three."""
    office = world.client("office")
    _submitted(world, "2024年4月")
    with CaptureQueriesContext(connection) as one:
        office.get("/progress/review/")
    for month in (5, 3):
        _submitted(world, f"2024年{month}月")
    with CaptureQueriesContext(connection) as three:
        page = office.get("/progress/review/").content.decode()
    assert len(three) == len(one)
    rows = [line for line in page.splitlines() if 'name="report"' in line]
    assert [m for line in rows for m in ("3", "4", "5") if f"2024年{m}月" in line] == [
        "3",
        "4",
        "5",
    ]
