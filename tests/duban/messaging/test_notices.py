"""退回, 批示 and the reminders go through ``notify``: in the app, then by e-mail and robots."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core import mail

from duban.messaging.models import Channel, DeliveryLog, DeliveryState
from duban.progress import services
from duban.progress.chasing import ChaseStage
from duban.progress.models import CHASE_KINDS, NoticeKind, Notification
from duban.progress.services.notifications import notify
from tests.duban.progress.conftest import World, report_data

pytestmark = pytest.mark.django_db


def _notices(kind: str) -> dict[str, Notification]:
    return {n.recipient.username: n for n in Notification.objects.filter(stage=kind)}


def test_the_chase_kinds_keep_the_chase_stages_values() -> None:
    assert [str(k) for k in CHASE_KINDS] == [str(s) for s in ChaseStage]
    assert {k.label for k in NoticeKind} == {"交办", "提醒", "催办", "督办", "退回", "批示"}


def test_a_returned_report_tells_the_units_reporters(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    period = world.period("2024年4月")
    report = services.progress_report_save(
        task=world.task,
        period=period,
        unit=world.unit_a,
        data=report_data(progress="初稿"),
        expected_version=None,
        submit=True,
        actor=world.users["reporter"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_report_review(
            report=report, approve=False, note="请补充佐证", actor=world.users["office"]
        )
    notes = _notices(NoticeKind.RETURN)
    assert sorted(notes) == ["reporter", "reporter2"]  # 市甲局's reporters, nobody else
    note = notes["reporter"]
    assert note.task == world.task and note.title == "退回：任务12024年4月进展"
    assert "退回理由：请补充佐证" in note.body
    (log,) = DeliveryLog.objects.all()  # reporter2 has no e-mail address
    assert (log.channel, log.state, log.notification) == (Channel.EMAIL, DeliveryState.SENT, note)
    assert mail.outbox[0].subject == "【督办】退回：任务12024年4月进展"


def test_an_approval_sends_nothing(world: World) -> None:
    report = services.progress_report_save(
        task=world.task,
        period=world.period("2024年4月"),
        unit=world.unit_a,
        data=report_data(progress="好"),
        expected_version=None,
        submit=True,
        actor=world.users["reporter"],
    )
    services.progress_report_review(
        report=report, approve=True, note="", actor=world.users["office"]
    )
    assert not Notification.objects.exists()


def test_a_returned_completion_request_tells_the_unit(world: World) -> None:
    request = services.completion_request_create(
        task=world.task, unit=world.unit_a, summary="已建成", actor=world.users["reporter"]
    )
    services.completion_review(
        request=request, approve=False, note="缺验收材料", actor=world.users["office"]
    )
    notes = _notices(NoticeKind.RETURN)
    assert sorted(notes) == ["reporter", "reporter2"]
    assert notes["reporter"].title == "退回：任务1办结申请"
    assert "缺验收材料" in notes["reporter"].body


def test_an_instruction_reaches_the_reporting_unit(world: World) -> None:
    services.instruction_add(task=world.task, text="抓紧推进选址", actor=world.users["leader"])
    notes = _notices(NoticeKind.INSTRUCTION)
    assert sorted(notes) == ["reporter", "reporter2"]  # the lead unit, not 市丙局 (supporting)
    assert notes["reporter"].task == world.task
    body = notes["reporter"].body
    assert body.startswith(f"{world.users['leader']}对任务1 ") and body.endswith("抓紧推进选址")


def test_reminders_go_through_notify_and_the_queue(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        outcome = services.reminders_run(as_of=date(2024, 4, 8))
    assert "reporter" in outcome.sent
    note = Notification.objects.get(recipient=world.users["reporter"])
    assert note.stage == NoticeKind.REMIND and note.channels == "站内,邮件"
    assert DeliveryLog.objects.get().notification == note
    assert mail.outbox[0].to == ["jia@example.gov.cn"]


def test_a_return_does_not_hold_back_the_next_chase(world: World) -> None:
    """The chase interval counts chases only: a 退回 the day before is no 催办."""
    notify(
        recipients=[world.users["reporter"]],
        kind=NoticeKind.RETURN,
        title="退回",
        body="请修改",
        as_of=date(2024, 4, 11),
    )
    outcome = services.reminders_run(as_of=date(2024, 4, 12))
    assert "reporter" in outcome.sent and "reporter" not in outcome.skipped
