"""Reminders and escalation: 提醒 → 催办 → 督办, one message per person per interval."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail

from duban.cli import main
from duban.progress import services
from duban.progress.chasing import ChaseStage
from duban.progress.models import Notification
from tests.duban.outputs_year import on
from tests.duban.progress.conftest import World

pytestmark = pytest.mark.django_db
# The first monthly period (2024年3月) is due 2024-04-10.


def test_remind_before_the_due_date(world: World) -> None:
    outcome = services.reminders_run(as_of=date(2024, 4, 8))
    assert {i.stage for i in outcome.items} == {ChaseStage.REMIND}
    assert sorted(outcome.sent) == ["reporter", "reporter2", "reporter_b"]
    note = Notification.objects.get(recipient=world.users["reporter"])
    assert note.title == "提醒：1 项进展待报送" and "市甲局" in note.body
    assert note.channels == "站内,email"
    assert mail.outbox[0].to == ["jia@example.gov.cn"] and "【督办】" in mail.outbox[0].subject


def test_too_early_nothing(world: World) -> None:
    assert services.reminders_run(as_of=date(2024, 4, 1)).items == []


def test_urge_then_supervise_reaches_the_leader(world: World) -> None:
    outcome = services.reminders_run(as_of=date(2024, 4, 12))
    assert {i.stage for i in outcome.items} == {ChaseStage.URGE}
    assert "leader" not in outcome.sent
    outcome = services.reminders_run(as_of=date(2024, 4, 16))
    assert {i.stage for i in outcome.items} == {ChaseStage.SUPERVISE}
    assert "leader" in outcome.sent and "督办" in outcome.sent["leader"][0]


def test_one_person_is_not_chased_twice_within_the_interval(world: World, settings: object) -> None:
    services.reminders_run(as_of=date(2024, 4, 11))
    outcome = services.reminders_run(as_of=date(2024, 4, 12))
    assert outcome.sent == {} and "reporter" in outcome.skipped
    assert Notification.objects.filter(recipient=world.users["reporter"]).count() == 1
    outcome = services.reminders_run(as_of=date(2024, 4, 14))  # 3 days later
    assert "reporter" in outcome.sent


def test_submitted_reports_are_not_chased(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    with on(date(2024, 4, 9), monkeypatch):
        services.progress_report_save(
            task=world.task,
            period=world.period("2024年3月"),
            unit=world.unit_a,
            data=services.ReportInput(progress="已报"),
            expected_version=None,
            submit=True,
            actor=world.users["reporter"],
        )
    outcome = services.reminders_run(as_of=date(2024, 4, 12), dry_run=True)
    assert [i.unit.name for i in outcome.items] == ["市乙局"]
    assert not Notification.objects.exists()  # dry run


def test_a_report_submitted_after_the_day_asked_about_was_late_then(world: World) -> None:
    """As known on 4月12日: a report submitted later (here: today) was still missing."""
    services.progress_report_save(
        task=world.task,
        period=world.period("2024年3月"),
        unit=world.unit_a,
        data=services.ReportInput(progress="已报"),
        expected_version=None,
        submit=True,
        actor=world.users["reporter"],
    )
    outcome = services.reminders_run(as_of=date(2024, 4, 12), dry_run=True)
    assert sorted(i.unit.name for i in outcome.items) == ["市乙局", "市甲局"]


def test_cli_dry_run(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["remind", "--as-of", "2024-04-12", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "2024-04-12：未报送 2 项，将通知 3 人。" in out
    assert "【催办】市甲局" in out
    assert not Notification.objects.exists()


def test_late_page(world: World) -> None:
    page = world.client("office").get("/progress/late/?as_of=2024-04-16")
    assert page.status_code == 200
    assert "市乙局" in page.content.decode() and "督办" in page.content.decode()
