"""Reminders and escalation: 提醒 → 催办 → 督办, one message per person per interval."""

from __future__ import annotations

from datetime import date
from typing import Any

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


def test_remind_before_the_due_date(world: World, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # e-mail goes out after commit
        outcome = services.reminders_run(as_of=date(2024, 4, 8))
    assert {i.stage for i in outcome.items} == {ChaseStage.REMIND}
    # 市丙局 (配合) is reminded of its own part of task 1, beside the two reporting units
    assert sorted(outcome.sent) == ["reporter", "reporter2", "reporter_b", "reporter_c"]
    assert [(i.unit.name, i.part) for i in outcome.items if i.part] == [("市丙局", True)]
    assert "本单位分项" in outcome.sent["reporter_c"][0]
    note = Notification.objects.get(recipient=world.users["reporter"])
    assert note.title == "提醒：1 项进展待报送" and "市甲局" in note.body
    assert note.channels == "站内,邮件"
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
    # the lead's 汇总 is in; 市丙局's own part is still owed (its own item, after the 汇总s)
    assert [(i.unit.name, i.part) for i in outcome.items] == [("市乙局", False), ("市丙局", True)]
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
    assert sorted(i.unit.name for i in outcome.items if not i.part) == ["市乙局", "市甲局"]


def test_cli_dry_run(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["remind", "--as-of", "2024-04-12", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "2024-04-12：未报送 3 项，将通知 4 人。" in out  # 2 汇总s and 市丙局's own part
    assert "【催办】市甲局" in out
    assert (
        "【催办】市丙局 · 任务1 新建5G基站1000个，6月底前完成选址。（本单位分项，2024年3月" in out
    )
    assert not Notification.objects.exists()


def test_late_page(world: World) -> None:
    page = world.client("office").get("/progress/late/?as_of=2024-04-16")
    assert page.status_code == 200
    assert "市乙局" in page.content.decode() and "督办" in page.content.decode()
