"""Issue 12 items 3 and 6: the 督查室 adds and edits tasks in the app, not in the admin.

A hand-added task follows the imported ones' road (tracking row, the document's periods,
the read model, the 交办 notice, the unit's task list, the dashboard); an edit is a dated
``edit`` revision with its changes, an audit event, 人工修改 provenance and a refreshed read
model. Pages refuse reporters, need CSRF and answer malformed input with Chinese form errors.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from duban.audit.models import AuditEvent
from duban.core.exceptions import ApplicationError
from duban.orgs.models import Leader, Post
from duban.plans.models import Task, TaskList, TaskSource, UnitRole
from duban.plans.records import stored_record
from duban.plans.selectors import TaskFilters, task_list
from duban.plans.services import import_batch_create
from duban.progress.models import (
    Notification,
    ProgressReport,
    ReportActual,
    ReviewState,
    Revision,
    RevisionKind,
    TaskTracking,
)
from duban.progress.standing.models import TaskStanding
from duban.progress.standing.refresh import rebuild_document
from duban.supervision.selectors import dashboard
from duban.workflows import import_confirm
from duban.workflows.taskedit import MilestoneInput, TargetInput, TaskInput, UnitInput
from duban.workflows.tasks import Placement, task_add, task_edit
from taskdoc.model import ParseResult
from tests.duban.conftest import make_result
from tests.duban.progress import conftest as progress_world
from tests.duban.progress.conftest import SCHEDULE, SPECS, World

pytestmark = pytest.mark.django_db
world = progress_world.world
JULY = date(2024, 7, 31)


def _zhang() -> Post:
    return Post.objects.get(holder=Leader.objects.get(name="张三"))


def _input(world: World, **kw: Any) -> TaskInput:
    values: dict[str, Any] = {
        "text": "落实市长批示，建成应急物资储备库。",
        "deadline_text": "2024年9月底前",
        "source": TaskSource.INSTRUCTION,
        "leaders": (_zhang(),),
        "units": (
            UnitInput(world.unit_b, UnitRole.LEAD),
            UnitInput(world.unit_c, UnitRole.SUPPORTING),
        ),
        "milestones": (MilestoneInput(None, date(2024, 9, 30), False, "", "建成储备库"),),
        "targets": (
            TargetInput(None, "储备库", "count", "at_least", Decimal(1), None, "个", "", ""),
        ),
    }
    values.update(kw)
    return TaskInput(**values)


def _add(world: World, **kw: Any) -> Task:
    task_list_ = TaskList.objects.get(document=world.document)
    return task_add(
        placement=Placement(task_list_, None, 99),
        data=_input(world, **kw),
        actor=world.users["office"],
    )


def _spans(task: Task) -> list[tuple[Any, ...]]:
    rows = TaskStanding.objects.filter(task=task).order_by("valid_from")
    return list(rows.values_list("valid_from", "valid_to", "colour", "schedule", "deadline"))


# --- adding ---------------------------------------------------------------------------------


def test_an_added_task_follows_the_imported_ones_road(world: World) -> None:
    before = dashboard(document=world.document, as_of=JULY).total
    task = _add(world)
    assert (task.source, task.number, task.task_list.document) == (
        TaskSource.INSTRUCTION,
        99,
        world.document,
    )
    assert TaskTracking.objects.get(task=task).state == "assigned"
    assert [(a.unit, a.role) for a in task.assignments.order_by("position")] == [
        (world.unit_b, UnitRole.LEAD),
        (world.unit_c, UnitRole.SUPPORTING),
    ]
    assert [link.post for link in task.leader_links.all()] == [_zhang()]
    assert task.milestones.get().due_date == date(2024, 9, 30)
    assert task.targets.get().value == Decimal(1)
    assert world.document.periods.exists()
    # the read model knows it (the dashboard counts it) and the 交办 notice went out
    assert dashboard(document=world.document, as_of=JULY).total == before + 1
    assert TaskStanding.objects.filter(task=task).exists()
    assert Notification.objects.filter(
        recipient=world.users["reporter_b"], title__startswith="交办"
    ).exists()
    event = AuditEvent.objects.get(action="task.add")
    assert event.data["task"] == task.pk and event.actor == world.users["office"]
    assert {c["field"] for c in event.data["changes"]} >= {"任务内容", "牵头单位", "任务来源"}
    # and it is on the unit's task list, as the unit's reporter sees it
    assert task in task_list(
        user=world.users["reporter_b"], filters=TaskFilters(unit=world.unit_b.pk)
    )
    page = world.client("reporter_b").get(f"/units/{world.unit_b.pk}/")
    assert "应急物资储备库" in page.content.decode()


def test_adding_is_refused_to_a_withdrawn_document_and_to_reporters(world: World) -> None:
    with pytest.raises(PermissionDenied):
        task_add(
            placement=Placement(TaskList.objects.get(document=world.document), None, 5),
            data=_input(world),
            actor=world.users["reporter"],
        )
    world.document.withdrawn_at = world.document.created_at
    world.document.save()
    with pytest.raises(ApplicationError, match="已撤回"):
        _add(world)
    assert not Task.objects.filter(number=99).exists()


def test_a_task_needs_a_unit_and_the_same_unit_only_once(world: World) -> None:
    with pytest.raises(ApplicationError, match="至少选择一个单位"):
        _add(world, units=())
    twice = (UnitInput(world.unit_b, UnitRole.LEAD), UnitInput(world.unit_b, UnitRole.SUPPORTING))
    with pytest.raises(ApplicationError, match="不止一次"):
        _add(world, units=twice)
    assert not Task.objects.filter(number=99).exists()


def test_a_revised_notice_does_not_withdraw_a_hand_added_task(
    world: World, fake_parse: Callable[[ParseResult], None]
) -> None:
    task = _add(world)
    revised = [*SPECS[:1], dataclasses.replace(SPECS[1], text="乙单位的任务（修订）。")]
    fake_parse(dataclasses.replace(make_result(revised), schedule=SCHEDULE))
    batch = import_batch_create(data=b"progress, revised", filename="notice.txt", actor=None)
    assert batch.revision_of == world.document
    assert not batch.rows.filter(previous_task=task).exists()
    revision = import_confirm(batch=batch, actor=None)
    task.refresh_from_db()
    assert not task.is_withdrawn
    assert task.task_list.document == revision  # it moved along with its list


# --- editing --------------------------------------------------------------------------------


def _edit_input(world: World, task: Task, **kw: Any) -> TaskInput:
    """The task as it stands (what the edit page starts from), with ``kw`` changed."""
    milestones = tuple(
        MilestoneInput(m.pk, m.due_date, m.ongoing, m.raw_phrase, m.text)
        for m in task.milestones.order_by("due_date")
    )
    targets = tuple(
        TargetInput(
            t.pk, t.metric, t.kind, t.comparator, t.value, t.value_max, t.unit, t.phrase, t.raw_text
        )
        for t in task.targets.all()
    )
    units = tuple(
        UnitInput(a.unit, a.role) for a in task.assignments.filter(via_collective__isnull=True)
    )
    values: dict[str, Any] = {
        "text": task.text,
        "deadline_text": task.deadline_text,
        "source": task.source,
        "leaders": tuple(link.post for link in task.leader_links.all()),
        "units": units,
        "milestones": milestones,
        "targets": targets,
    }
    values.update(kw)
    return TaskInput(**values)


def test_an_edit_is_a_dated_revision_audited_and_the_read_model_follows(world: World) -> None:
    task = world.task
    rebuild_document(world.document.pk)
    spans_before = _spans(task)
    first, last = task.milestones.order_by("due_date")
    moved = (
        MilestoneInput(first.pk, date(2024, 8, 31), False, "8月底前", "完成选址"),
        MilestoneInput(last.pk, last.due_date, False, last.raw_phrase, last.text),
    )
    units = (UnitInput(world.unit_b, UnitRole.LEAD), UnitInput(world.unit_c, UnitRole.SUPPORTING))
    revision = task_edit(
        task=task,
        data=_edit_input(world, task, text="新建5G基站1200个。", units=units, milestones=moved),
        reason="按市政府常务会议纪要更正",
        actor=world.users["office"],
    )
    task.refresh_from_db()
    assert task.text == "新建5G基站1200个。"
    assert task.baseline_text != task.text  # the baseline stays as imported
    assert task.assignments.get(role=UnitRole.LEAD).unit == world.unit_b
    assert (revision.kind, revision.state, revision.decided_by) == (
        RevisionKind.EDIT,
        ReviewState.APPROVED,
        world.users["office"],
    )
    assert revision.decided_at is not None and revision.reason == "按市政府常务会议纪要更正"
    fields = {c["field"]: c for c in revision.changes}
    assert set(fields) == {"任务内容", "牵头单位", "时间节点"}
    assert fields["牵头单位"] == {"field": "牵头单位", "before": "市甲局", "after": "市乙局"}
    event = AuditEvent.objects.get(action="task.edit")
    assert event.data["changes"] == revision.changes and event.data["task"] == task.pk
    # the import's provenance says the lead unit was changed by hand
    record = stored_record(task.source_data)
    assert record is not None
    assert any(s.field == "lead_units" and s.rule == "manual" for s in record.sources)
    # the read model was refreshed in the same transaction: equal to a rebuild from the facts
    spans_after = _spans(task)
    assert spans_after != spans_before
    rebuild_document(world.document.pk)
    assert _spans(task) == spans_after
    # the task page lists the edit among its dated revisions, and its history
    page = world.client("office").get(f"/tasks/{task.pk}/progress/").content.decode()
    assert "修改任务" in page and "按市政府常务会议纪要更正" in page


def test_an_edit_needs_a_change_and_a_reason(world: World) -> None:
    task = world.task
    office = world.users["office"]
    with pytest.raises(ApplicationError, match="没有修改"):
        task_edit(task=task, data=_edit_input(world, task), reason="无", actor=office)
    with pytest.raises(ApplicationError, match="修改说明"):
        task_edit(task=task, data=_edit_input(world, task, text="改"), reason=" ", actor=office)
    with pytest.raises(PermissionDenied):
        task_edit(
            task=task,
            data=_edit_input(world, task, text="改"),
            reason="x",
            actor=world.users["reporter"],
        )
    assert not Revision.objects.filter(kind=RevisionKind.EDIT).exists()


def test_what_reports_point_at_is_not_deleted(world: World) -> None:
    task, office = world.task, world.users["office"]
    report = ProgressReport.objects.create(
        task=task, period=world.periods[0], unit=world.unit_a, stage=world.milestones[0]
    )
    ReportActual.objects.create(report=report, target=world.target, value=Decimal(10))
    target = world.target
    gone = TargetInput(target.pk, target.metric, target.kind, "", None, None, "", "", "", True)
    with pytest.raises(ApplicationError, match="不能删除"):
        task_edit(
            task=task, data=_edit_input(world, task, targets=(gone,)), reason="x", actor=office
        )
    first = world.milestones[0]
    dropped = (MilestoneInput(first.pk, first.due_date, False, "", "", delete=True),)
    with pytest.raises(ApplicationError, match="不能删除"):
        task_edit(
            task=task, data=_edit_input(world, task, milestones=dropped), reason="x", actor=office
        )
    assert task.targets.count() == 1 and task.milestones.count() == 2
    # a target is changed in place, so the reported value still belongs to it
    changed = TargetInput(
        target.pk, target.metric, "count", "at_least", Decimal(1200), None, "个", "", ""
    )
    task_edit(
        task=task, data=_edit_input(world, task, targets=(changed,)), reason="更正", actor=office
    )
    target.refresh_from_db()
    assert target.value == Decimal(1200) and ReportActual.objects.get().target == target


def test_ids_of_another_task_are_refused(world: World) -> None:
    other = world.other_task
    foreign = (MilestoneInput(world.milestones[0].pk, date(2024, 5, 1), False, "", "x"),)
    with pytest.raises(ApplicationError, match="不属于该任务"):
        task_edit(
            task=other,
            data=_edit_input(world, other, milestones=foreign),
            reason="x",
            actor=world.users["office"],
        )


# --- pages ----------------------------------------------------------------------------------


def _post(task: Task, **extra: str) -> dict[str, str]:
    """The edit form as the page sends it, for ``world.task`` (two milestones, one target)."""
    first, last = task.milestones.order_by("due_date")
    target = task.targets.get()
    data = {
        "text": task.text,
        "source": task.source,
        "deadline_text": "",
        "leaders": str(_zhang().pk),
        "unit-TOTAL_FORMS": "2", "unit-INITIAL_FORMS": "2",
        "unit-0-unit": str(task.assignments.get(role="lead").unit_id), "unit-0-role": "lead",
        "unit-1-unit": str(task.assignments.get(role="supporting").unit_id),
        "unit-1-role": "supporting",
        "milestone-TOTAL_FORMS": "2", "milestone-INITIAL_FORMS": "2",
        "milestone-0-id": str(first.pk), "milestone-0-due_date": "2024-06-30",
        "milestone-0-text": first.text, "milestone-0-raw_phrase": first.raw_phrase,
        "milestone-1-id": str(last.pk), "milestone-1-due_date": "2024-12-31",
        "milestone-1-text": last.text, "milestone-1-raw_phrase": last.raw_phrase,
        "target-TOTAL_FORMS": "1", "target-INITIAL_FORMS": "1",
        "target-0-id": str(target.pk), "target-0-metric": target.metric,
        "target-0-kind": "count", "target-0-comparator": "at_least", "target-0-value": "1000",
        "target-0-unit": "个", "target-0-raw_text": target.raw_text,
        "reason": "更正任务内容",
    }  # fmt: skip
    data.update(extra)
    return data


def test_the_edit_page_saves_a_revision(world: World) -> None:
    task = world.task
    client = world.client("office")
    page = client.get(f"/tasks/{task.pk}/edit/")
    assert page.status_code == 200 and "修改说明" in page.content.decode()
    assert f"/tasks/{task.pk}/edit/" in client.get(f"/tasks/{task.pk}/").content.decode()
    response = client.post(f"/tasks/{task.pk}/edit/", _post(task, **{"target-0-value": "1200个"}))
    assert response.status_code == 400  # "1200个" is no number: the page says so in Chinese
    assert "目标值" in response.content.decode()
    response = client.post(f"/tasks/{task.pk}/edit/", _post(task, **{"target-0-value": "1200"}))
    assert response.status_code == 302
    revision = Revision.objects.get(task=task, kind=RevisionKind.EDIT)
    assert [c["field"] for c in revision.changes] == ["量化指标"]


@pytest.mark.parametrize(
    "bad",
    [
        {"unit-0-unit": "987654"},  # no such unit
        {"leaders": "abc"},
        {"milestone-0-due_date": "9999-12-31"},
        {"milestone-0-id": "²"},
        {"unit-TOTAL_FORMS": "abc"},
        {"target-0-kind": "nope"},
        {"text": ""},
        {"reason": ""},
        {"milestone-0-id": str(2**63)},
    ],
)
def test_malformed_input_is_a_chinese_form_error(world: World, bad: dict[str, str]) -> None:
    response = world.client("office").post(
        f"/tasks/{world.task.pk}/edit/", _post(world.task, **bad)
    )
    assert response.status_code == 400
    body = response.content.decode()
    errors = body.split('id="form-errors"', 1)[1].split("</ul>", 1)[0]
    assert "<li" in errors
    assert not any(
        word in errors for word in ("Enter", "Select", "valid", "required", "ManagementForm")
    )
    assert not Revision.objects.filter(kind=RevisionKind.EDIT).exists()


def test_reporters_may_not_open_or_post_the_task_pages(world: World) -> None:
    client = world.client("reporter")
    document = world.document.pk
    for url in (f"/tasks/{world.task.pk}/edit/", f"/documents/{document}/tasks/new/"):
        assert client.get(url).status_code == 403
        assert client.post(url, _post(world.task)).status_code == 403
    assert "添加任务" not in client.get("/documents/").content.decode()
    assert Client().get(f"/tasks/{world.task.pk}/edit/").status_code == 302  # to the login


def test_the_pages_need_the_csrf_token(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["office"])
    response = client.post(f"/tasks/{world.task.pk}/edit/", _post(world.task, text="改"))
    assert response.status_code == 403
    world.task.refresh_from_db()
    assert world.task.text != "改"


def test_the_add_page_adds_a_task_the_unit_then_sees(world: World) -> None:
    client = world.client("office")
    url = f"/documents/{world.document.pk}/tasks/new/"
    page = client.get(url)
    assert page.status_code == 200 and "任务来源" in page.content.decode()
    data = {
        "task_list": str(TaskList.objects.get(document=world.document).pk),
        "number": "3",
        "text": "落实会议议定事项：建设城市书房10家。",
        "source": TaskSource.MEETING,
        "unit-TOTAL_FORMS": "1", "unit-INITIAL_FORMS": "0",
        "unit-0-unit": str(world.unit_b.pk), "unit-0-role": "responsible",
        "milestone-TOTAL_FORMS": "1", "milestone-INITIAL_FORMS": "0",
        "milestone-0-due_date": "2024-10-31", "milestone-0-text": "建成",
        "target-TOTAL_FORMS": "0", "target-INITIAL_FORMS": "0",
    }  # fmt: skip
    assert client.post(url, {**data, "unit-0-unit": ""}).status_code == 400  # no unit
    response = client.post(url, data)
    task = Task.objects.get(text__startswith="落实会议议定事项")
    assert response.status_code == 302 and response["Location"] == task.get_absolute_url()
    assert task.get_source_display() == "会议议定"
    listing = world.client("reporter_b").get("/tasks/mine/").content.decode()
    assert "建设城市书房10家" in listing
