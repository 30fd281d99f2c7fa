"""Re-importing a revised notice keeps what the 督查室 edited in the app (issue 12 leftover).

A task edited in the app (an ``edit`` revision) whose row the revised notice leaves as it
was keeps the app's edit. When the notice changed that row too, the preview shows a 修订冲突
with both texts and the office chooses: keep the app's edit (the default) or take the
notice's version. The choice is audited with the confirm.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from duban.audit.models import AuditEvent
from duban.plans.models import ImportBatch, Task, UnitRole
from duban.plans.services import import_batch_create
from duban.workflows import import_confirm
from duban.workflows.taskedit import UnitInput
from duban.workflows.tasks import task_edit
from taskdoc.model import ParseResult
from tests.duban.conftest import make_result
from tests.duban.progress import conftest as progress_world
from tests.duban.progress.conftest import SCHEDULE, SPECS, World
from tests.duban.workflows.test_task_manage import _edit_input

pytestmark = pytest.mark.django_db
world = progress_world.world
APP_TEXT = "新建5G基站1200个，6月底前完成选址（市政府常务会议调整）。"
NOTICE_TEXT = "新建5G基站1100个，6月底前完成选址。"


def _edit(world: World) -> None:
    task = world.task
    units = (UnitInput(world.unit_b, UnitRole.LEAD), UnitInput(world.unit_c, UnitRole.SUPPORTING))
    task_edit(
        task=task,
        data=_edit_input(world, task, text=APP_TEXT, units=units, deadline_text="2024年10月底前"),
        reason="按市政府常务会议纪要调整",
        actor=world.users["office"],
    )


def _revised(fake_parse: Callable[[ParseResult], None], *, first_text: str | None) -> ImportBatch:
    """A revised notice: task 2 changed; task 1 changed to ``first_text`` or left as it was."""
    first = SPECS[0] if first_text is None else dataclasses.replace(SPECS[0], text=first_text)
    specs = [first, dataclasses.replace(SPECS[1], text="乙单位的任务（修订）。")]
    fake_parse(dataclasses.replace(make_result(specs), schedule=SCHEDULE))
    return import_batch_create(data=b"progress, revised", filename="notice.txt", actor=None)


def _first_row(batch: ImportBatch) -> Any:
    return batch.rows.get(number=1)


def _lead(task: Task) -> str:
    return task.assignments.get(role=UnitRole.LEAD).unit.name


def test_an_unchanged_row_keeps_the_app_edit(
    world: World, fake_parse: Callable[[ParseResult], None]
) -> None:
    _edit(world)
    batch = _revised(fake_parse, first_text=None)
    assert _first_row(batch).change == "unchanged"
    import_confirm(batch=batch, actor=world.users["office"])
    task = Task.objects.get(pk=world.task.pk)
    assert task.text == APP_TEXT  # overwritten by the notice's text before the fix
    assert task.deadline_text == "2024年10月底前"
    assert _lead(task) == "市乙局"
    assert Task.objects.get(pk=world.other_task.pk).text == "乙单位的任务（修订）。"


def test_a_changed_row_is_a_conflict_in_the_preview_with_both_texts(
    world: World, fake_parse: Callable[[ParseResult], None]
) -> None:
    _edit(world)
    batch = _revised(fake_parse, first_text=NOTICE_TEXT)
    row = _first_row(batch)
    assert row.change == "changed"
    assert row.app_edit["text"] == APP_TEXT
    assert "任务内容" in row.app_edit["fields"] and "牵头单位" in row.app_edit["fields"]
    assert not batch.rows.get(number=2).app_edit  # never edited in the app: no conflict
    page = world.client("office").get(f"/imports/{batch.pk}/").content.decode()
    assert "修订冲突" in page and APP_TEXT in page and NOTICE_TEXT in page
    assert '<select name="take_notice">' in page and f'<option value="{row.pk}">采用修订稿' in page
    assert "保留系统中的修改" in page and "采用修订稿" in page


def test_by_default_a_conflict_keeps_the_app_edit(
    world: World, fake_parse: Callable[[ParseResult], None]
) -> None:
    _edit(world)
    batch = _revised(fake_parse, first_text=NOTICE_TEXT)
    response = world.client("office").post(f"/imports/{batch.pk}/confirm/", {})
    assert response.status_code == 302
    task = Task.objects.get(pk=world.task.pk)
    assert (task.text, task.deadline_text, _lead(task)) == (APP_TEXT, "2024年10月底前", "市乙局")
    event = AuditEvent.objects.get(action="import.confirm", data__batch=batch.pk)
    assert event.data["kept_edits"] == [task.pk] and event.data["overwritten_edits"] == []
    # the next revision compares with this notice, and still knows the edit is the app's
    again = _revised(fake_parse, first_text=NOTICE_TEXT + "")
    assert again.duplicate_of is not None  # nothing changed in the notice since


def test_the_office_may_take_the_notice_version(
    world: World, fake_parse: Callable[[ParseResult], None]
) -> None:
    _edit(world)
    batch = _revised(fake_parse, first_text=NOTICE_TEXT)
    row = _first_row(batch)
    response = world.client("office").post(
        f"/imports/{batch.pk}/confirm/", {"take_notice": [str(row.pk)]}
    )
    assert response.status_code == 302
    task = Task.objects.get(pk=world.task.pk)
    assert task.text == NOTICE_TEXT
    assert _lead(task) == "市甲局"
    event = AuditEvent.objects.get(action="import.confirm", data__batch=batch.pk)
    assert event.data["overwritten_edits"] == [task.pk] and event.data["kept_edits"] == []


def test_a_malformed_choice_is_no_500(
    world: World, fake_parse: Callable[[ParseResult], None]
) -> None:
    _edit(world)
    batch = _revised(fake_parse, first_text=NOTICE_TEXT)
    response = world.client("office").post(
        f"/imports/{batch.pk}/confirm/", {"take_notice": ["x'1"]}
    )
    assert response.status_code == 400
    assert Task.objects.get(pk=world.task.pk).text == APP_TEXT


def test_kept_edits_are_the_edited_fields_only(
    world: World, fake_parse: Callable[[ParseResult], None]
) -> None:
    """The app changed the text only; the notice changed the text and the units: by default
    the text stays the app's and the units follow the notice."""
    task = world.task
    task_edit(
        task=task,
        data=_edit_input(world, task, text=APP_TEXT),
        reason="更正文字",
        actor=world.users["office"],
    )
    units = [("lead", "市甲局"), ("responsible", "市乙局"), ("supporting", "市丙局")]
    first = dataclasses.replace(SPECS[0], text=NOTICE_TEXT, units=units)
    fake_parse(dataclasses.replace(make_result([first, SPECS[1]]), schedule=SCHEDULE))
    batch = import_batch_create(data=b"progress, units", filename="notice.txt", actor=None)
    assert _first_row(batch).app_edit["fields"] == ["任务内容"]
    import_confirm(batch=batch, actor=None)
    task.refresh_from_db()
    assert task.text == APP_TEXT
    assert task.assignments.get(role=UnitRole.RESPONSIBLE).unit.name == "市乙局"
    assert task.targets.count() == 1  # the task's target, kept with its text
