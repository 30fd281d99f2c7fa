"""Issue 12 item 1: 交办 notices, the 签收 deadline, and 未签收 tasks chased like late reports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from django.core import mail

from duban.accounts.models import Role
from duban.accounts.services import user_create
from duban.audit.models import AuditEvent
from duban.orgs.models import OrgUnit
from duban.plans.models import Task, TaskUnit, UnitRole
from duban.progress import services
from duban.progress.acknowledging import (
    acknowledge_due,
    add_working_days,
    last_overdue_assignment,
)
from duban.progress.chasing import ChaseStage
from duban.progress.models import NoticeKind, Notification
from duban.progress.services.assignment import assignment_send
from duban.progress.services.unsigned import UnsignedItem, unsigned_items
from taskdoc.figures.schedule import CHINA_TZ
from taskdoc.model import ParseResult
from tests.duban.progress.conftest import World, schedule_result

pytestmark = pytest.mark.django_db
MONDAY = date(2024, 4, 1)  # handed over on a Monday: 签收 by Thursday 4月4日


def _handed_over(day: date, *tasks: Task) -> None:
    """As if the tasks had been imported on ``day`` (the 交办 day: their tracking row, made
    at the confirm, else their creation)."""
    from duban.progress.models import TaskTracking

    moment = datetime.combine(day, time(10), tzinfo=CHINA_TZ)
    Task.objects.filter(pk__in=[t.pk for t in tasks]).update(created_at=moment)
    TaskTracking.objects.filter(task__in=tasks).update(created_at=moment)


# --- the working-day rule ----------------------------------------------------------------


def test_working_days_skip_the_weekend() -> None:
    assert add_working_days(MONDAY, 3) == date(2024, 4, 4)
    assert add_working_days(date(2024, 4, 5), 3) == date(2024, 4, 10)  # Friday → Wednesday
    assert add_working_days(date(2024, 4, 6), 1) == date(2024, 4, 8)  # Saturday → Monday
    assert add_working_days(MONDAY, 0) == MONDAY


@pytest.mark.parametrize("days", [0, 1, 3, 7])
def test_the_last_overdue_day_splits_the_days_exactly(days: int) -> None:
    """A task is overdue on ``as_of`` exactly when handed over on or before that day."""
    for as_of in (MONDAY + timedelta(days=n) for n in range(14)):
        last = last_overdue_assignment(as_of, days)
        for back in range(20):
            day = as_of - timedelta(days=back)
            assert (acknowledge_due(day, days) < as_of) == (day <= last), (as_of, day)


# --- the notice ------------------------------------------------------------------------------


def test_each_unit_gets_one_notice_listing_its_tasks_and_roles(world: World) -> None:
    TaskUnit.objects.create(task=world.other_task, unit=world.unit_a, role=UnitRole.SUPPORTING)
    sent = assignment_send(
        tasks=[world.task, world.other_task], as_of=MONDAY, actor=world.users["office"]
    )
    notes = Notification.objects.filter(stage=NoticeKind.ASSIGN)
    # 市甲局: reporter, reporter2; 市乙局: reporter_b; 市丙局: reporter_c
    assert sent == notes.count() == 4
    assert sorted(n.recipient.username for n in notes) == [
        "reporter",
        "reporter2",
        "reporter_b",
        "reporter_c",
    ]
    jia = notes.get(recipient=world.users["reporter"])
    assert jia.title == "交办：2 项任务（市甲局）"
    lines = jia.body.splitlines()
    first = next(line for line in lines if "第1项" in line)
    second = next(line for line in lines if "第2项" in line)
    assert "本单位：牵头" in first and "责任领导：张三" in first
    deadline = add_working_days(jia.created_at.astimezone(CHINA_TZ).date(), 3)
    assert f"请于{deadline:%Y年%m月%d日}前签收" in first
    assert "本单位：配合" in second and f"请于{deadline:%Y年%m月%d日}前签收" in second  # its own
    bing = notes.get(recipient=world.users["reporter_c"])
    assert "本单位：配合" in bing.body and "前签收" in bing.body and "由市甲局签收" not in bing.body
    assert "第2项" not in bing.body  # only its own tasks
    event = AuditEvent.objects.get(action="task.assign", actor=world.users["office"])
    assert event.data["notices"] == 4 and event.data["tasks"] == sorted(
        [world.task.pk, world.other_task.pk]
    )


def test_a_unit_without_accounts_gets_no_notice_and_withdrawn_tasks_are_left_out(
    world: World,
) -> None:
    world.users["reporter_c"].is_active = False
    world.users["reporter_c"].save()
    Task.objects.filter(pk=world.other_task.pk).update(is_withdrawn=True)
    world.other_task.refresh_from_db()
    sent = assignment_send(tasks=[world.task, world.other_task], as_of=MONDAY, actor=None)
    assert sent == 2  # 市甲局's two reporters; 市丙局 has no active one; task 2 is withdrawn
    assert not Notification.objects.filter(recipient=world.users["reporter_b"]).exists()


@pytest.fixture
def users_first(fake_parse: Callable[[ParseResult], None]) -> dict[str, Any]:
    """The units and their reporters exist before the notice is imported."""
    jia, yi = OrgUnit.objects.create(name="市甲局"), OrgUnit.objects.create(name="市乙局")
    office = user_create(username="office", password="pw-123456", role=Role.OFFICE)
    reporter = user_create(
        username="reporter", password="pw-123456", role=Role.REPORTER, units=[jia]
    )
    reporter.email = "jia@example.gov.cn"
    reporter.save()
    user_create(username="reporter_b", password="pw-123456", role=Role.REPORTER, units=[yi])
    fake_parse(schedule_result())
    from duban.plans.services import import_batch_create

    batch = import_batch_create(data=b"assign", filename="notice.txt", actor=office)
    return {"office": office, "batch": batch}


def test_confirming_an_import_hands_the_tasks_over(
    users_first: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from duban.workflows import import_confirm

    with django_capture_on_commit_callbacks(execute=True):
        import_confirm(batch=users_first["batch"], actor=users_first["office"])
    notes = Notification.objects.filter(stage=NoticeKind.ASSIGN)
    assert sorted(n.recipient.username for n in notes) == ["reporter", "reporter_b"]
    assert mail.outbox and "交办" in mail.outbox[0].subject  # delivered after the commit


def test_a_rolled_back_confirm_sends_nothing(
    users_first: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from duban.workflows import import_confirm

    def broken(_: int) -> None:
        raise RuntimeError("read model failed")

    monkeypatch.setattr("duban.workflows.imports.rebuild_document", broken)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        import_confirm(batch=users_first["batch"], actor=users_first["office"])
    assert not Notification.objects.exists() and not Task.objects.exists()
    assert callbacks == [] and mail.outbox == []


# --- 未签收 on the late list, chased -----------------------------------------------------------


def test_unsigned_appears_after_the_deadline_and_not_before(world: World) -> None:
    _handed_over(MONDAY, world.task, world.other_task)
    assert unsigned_items(as_of=date(2024, 4, 4)) == []  # the deadline day itself
    items = unsigned_items(as_of=date(2024, 4, 5))
    assert sorted((i.task.pk, i.unit.name, i.days_late) for i in items) == [
        (world.task.pk, "市丙局", 1),  # the supporting unit signs its own 交办 too
        (world.task.pk, "市甲局", 1),
        (world.other_task.pk, "市乙局", 1),
    ]
    assert {i.stage for i in items} == {ChaseStage.URGE}
    late = unsigned_items(as_of=date(2024, 4, 9))
    assert {i.stage for i in late} == {ChaseStage.SUPERVISE}  # 5 days late


def test_signing_takes_the_task_off_the_list(world: World) -> None:
    _handed_over(MONDAY, world.task, world.other_task)
    services.task_acknowledge(task=world.task, unit=world.unit_a, actor=world.users["reporter"])
    left = unsigned_items(as_of=date(2024, 4, 8))
    assert sorted((i.task.pk, i.unit.name) for i in left) == [
        (world.task.pk, "市丙局"),
        (world.other_task.pk, "市乙局"),
    ]


def test_the_tracking_row_dates_the_handover(world: World) -> None:
    """A task handed over again later (its tracking row made then) counts from that day."""
    from duban.progress.models import TaskTracking

    _handed_over(MONDAY, world.task, world.other_task)
    TaskTracking.objects.filter(task=world.other_task).update(
        created_at=datetime.combine(date(2024, 4, 8), time(9), tzinfo=CHINA_TZ)
    )
    assert {i.task.pk for i in unsigned_items(as_of=date(2024, 4, 9))} == {world.task.pk}
    assert world.other_task.pk in [i.task.pk for i in unsigned_items(as_of=date(2024, 4, 12))]


def test_the_late_list_shows_unsigned_tasks(world: World) -> None:
    _handed_over(MONDAY, world.task, world.other_task)
    before = world.client("office").get("/progress/late/?as_of=2024-04-04").content.decode()
    assert "未签收" not in before.split('id="late-items"', 1)[1]
    page = world.client("office").get("/progress/late/?as_of=2024-04-05").content.decode()
    rows = page.split('id="late-items"', 1)[1]
    assert rows.count("<td>未签收</td>") == 3 and "2024-04-04" in rows  # one per unit


def test_reminders_chase_unsigned_tasks(world: World) -> None:
    _handed_over(MONDAY, world.task, world.other_task)
    outcome = services.reminders_run(as_of=date(2024, 4, 5))  # no report is due yet
    assert outcome.items and all(isinstance(i, UnsignedItem) for i in outcome.items)
    assert sorted(outcome.sent) == ["reporter", "reporter2", "reporter_b", "reporter_c"]
    note = Notification.objects.get(recipient=world.users["reporter"])
    assert note.stage == "urge" and note.title == "催办：1 项任务待签收"
    assert "未签收" in note.body and "签收期限04月04日" in note.body


def test_a_revised_notice_hands_over_only_new_and_changed_tasks(
    world: World, fake_parse: Callable[[ParseResult], None]
) -> None:
    import dataclasses

    from duban.plans.services import import_batch_create
    from duban.workflows import import_confirm
    from tests.duban.conftest import Spec, make_result
    from tests.duban.progress.conftest import SCHEDULE, SPECS

    revised = [
        SPECS[0],  # unchanged: 市甲局 and 市丙局 were told already
        dataclasses.replace(SPECS[1], text="乙单位的任务（修订）。"),
        Spec(3, "丙单位的新任务。", [("lead", "市丙局")]),
    ]
    fake_parse(dataclasses.replace(make_result(revised), schedule=SCHEDULE))
    batch = import_batch_create(data=b"progress, revised", filename="notice.txt", actor=None)
    assert batch.revision_of == world.document
    import_confirm(batch=batch, actor=world.users["office"])
    notes = Notification.objects.filter(stage=NoticeKind.ASSIGN)
    assert sorted(n.recipient.username for n in notes) == ["reporter_b", "reporter_c"]
    bing = notes.get(recipient=world.users["reporter_c"])
    assert "第3项" in bing.body and "第1项" not in bing.body
    assert "第2项" in notes.get(recipient=world.users["reporter_b"]).body
