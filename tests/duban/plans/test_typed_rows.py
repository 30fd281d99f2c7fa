"""Import rows are typed: decoded through the parser schema, never by guessing key names.

Also the two import bugs of issue 11, item 5: a collective 责任领导 (区政府班子成员) is no
person, and a name mapped to a unit that does not exist (or is inactive) is an error.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from duban.accounts.models import Role
from duban.accounts.services import user_create
from duban.core.exceptions import ApplicationError
from duban.orgs.models import Leader, OrgUnit, Post
from duban.orgs.services import unit_create
from duban.plans.models import ImportName, NameAction, NameKind, RowState, Task, TaskLeader
from duban.plans.records import VERSION, RecordError, TaskRecord
from duban.plans.services import import_batch_confirm, import_name_update
from tests.duban.conftest import BASIC, Spec

pytestmark = pytest.mark.django_db


def _first_row(batch: Any) -> Any:
    return batch.rows.order_by("position").first()


@pytest.mark.parametrize("key", ["text", "deadline", "leaders", "source", "milestones"])
def test_row_missing_a_key_refuses_the_confirm(import_basic: Callable[..., Any], key: str) -> None:
    """Before, confirm read ``data.get(...)`` with fallbacks; now a missing key is an error."""
    batch = import_basic(confirm=False)
    row = _first_row(batch)
    del row.data[key]
    row.save()
    with pytest.raises(ApplicationError) as err:
        import_batch_confirm(batch=batch, actor=None)
    assert f"缺少“{key}”" in err.value.message
    assert Task.objects.count() == 0


def test_old_key_names_are_not_guessed(import_basic: Callable[..., Any]) -> None:
    """A milestone written with the old ``due_date`` key is refused, not read as ``due``."""
    batch = import_basic(confirm=False)
    row = _first_row(batch)
    row.data["milestones"] = [{"text": "完成", "raw_phrase": "6月底前", "due_date": "2024-06-30"}]
    row.save()
    with pytest.raises(ApplicationError, match="缺少"):
        import_batch_confirm(batch=batch, actor=None)
    assert Task.objects.count() == 0


@pytest.mark.parametrize("schema", [None, "taskdoc.parse/0"])
def test_row_of_another_schema_version_is_refused(
    import_basic: Callable[..., Any], schema: str | None
) -> None:
    batch = import_basic(confirm=False)
    row = _first_row(batch)
    if schema is None:
        del row.data["schema"]
    else:
        row.data["schema"] = schema
    row.save()
    with pytest.raises(ApplicationError, match="版本"):
        import_batch_confirm(batch=batch, actor=None)
    assert Task.objects.count() == 0


def test_task_keeps_one_small_record(import_basic: Callable[..., Any]) -> None:
    """``source_data`` is the record revision diffs and provenance read, not the parse again."""
    import_basic()
    task = Task.objects.get(number=1)
    record = TaskRecord.from_dict(task.source_data)
    assert task.source_data["record"] == VERSION
    assert record.text == "地区生产总值增长7%以上。"
    assert [(u.role, u.name) for u in record.units] == [
        ("lead", "市发展和改革委员会"),
        ("responsible", "市财政局"),
    ]
    assert set(task.source_data) == {
        "record",
        "list",
        "section_path",
        "number",
        "text",
        "units",
        "leaders",
        "deadline",
        "sources",
    }


def test_reimport_after_typed_rows_still_diffs(import_basic: Callable[..., Any]) -> None:
    import_basic()
    revised = [
        BASIC[0],
        Spec(2, "新增城镇就业6万人。", BASIC[1].units, BASIC[1].leaders),
        BASIC[2],
        Spec(4, "建设口袋公园20个。", [("responsible", "市城管局")]),
    ]
    again = import_basic(confirm=False, specs=revised, data=b"basic v2")
    changes = dict(again.rows.values_list("number", "change"))
    assert changes == {1: "unchanged", 2: "changed", 3: "unchanged", 4: "added"}


def test_record_of_another_version_is_refused() -> None:
    with pytest.raises(RecordError, match="版本"):
        TaskRecord.from_dict({"record": "duban.task-record/0", "text": "x"})
    with pytest.raises(RecordError, match="缺少“units”"):
        TaskRecord.from_dict(
            {"record": VERSION, "list": "", "section_path": [], "number": 1, "text": "x"}
        )


def test_migration_converts_a_legacy_row_to_a_record() -> None:
    """Tasks imported before stored the whole row; the data migration makes it a record."""
    migration = importlib.import_module("duban.plans.migrations.0007_source_data_records")
    legacy = {
        "list": "清单",
        "section_path": ["一、经济发展"],
        "number": 3,
        "text": "任务。",
        "leaders": ["张三", "区政府班子成员"],
        "leader_label": "责任领导",
        "units": [
            {
                "role": "lead",
                "name": "甲局",
                "raw": "甲局",
                "collective": False,
                "label": "牵头单位",
            }
        ],
        "deadline": "",
        "span": "第3行",
        "issues": [],
        "targets": [{"metric": "x", "raw": "x"}],
        "milestones": [],
        "sources": [{"field": "leaders", "rule": "label_line", "description": "据栏目"}],
        "flags": [],
    }
    record = TaskRecord.from_dict(migration._record(legacy))
    assert [(x.name, x.collective) for x in record.leaders] == [
        ("张三", False),
        ("区政府班子成员", True),
    ]
    assert record.units[0].name == "甲局" and record.sources[0].description == "据栏目"


# ---------------------------------------------------------------- collective leaders


COLLECTIVE = [
    Spec(1, "落实从严治党主体责任。", [("responsible", "市财政局")], ("区政府班子成员",)),
    Spec(2, "推进政务公开。", [("responsible", "市财政局")], ("张三", "各副区长")),
]


def test_collective_leader_is_not_imported_as_a_person(import_basic: Callable[..., Any]) -> None:
    batch = import_basic(confirm=False, specs=COLLECTIVE)
    leader_names = set(batch.names.filter(kind=NameKind.LEADER).values_list("name", flat=True))
    assert leader_names == {"张三"}
    import_batch_confirm(batch=batch, actor=None)
    assert not Leader.objects.filter(name__in=["区政府班子成员", "各副区长"]).exists()
    assert not Post.objects.filter(title__contains="班子").exists()
    first, second = Task.objects.get(number=1), Task.objects.get(number=2)
    assert first.collective_leaders == ["区政府班子成员"]
    assert not TaskLeader.objects.filter(task=first).exists()
    assert second.collective_leaders == ["各副区长"]
    assert list(TaskLeader.objects.filter(task=second).values_list("raw_name", flat=True)) == [
        "张三"
    ]


def test_collective_leader_is_shown_as_written(
    import_basic: Callable[..., Any], office: Client
) -> None:
    import_basic(specs=COLLECTIVE)
    task = Task.objects.get(number=1)
    page = office.get(f"/tasks/{task.pk}/").content.decode()
    assert "区政府班子成员" in page and "集体" in page


# ---------------------------------------------------------------- name mapping


@pytest.fixture
def office() -> Client:
    client = Client()
    client.force_login(user_create(username="office1", password="pw-123456", role=Role.OFFICE))
    return client


def test_mapping_to_an_inactive_unit_is_refused(import_basic: Callable[..., Any]) -> None:
    retired = unit_create(name="市财政局（旧）")
    OrgUnit.objects.filter(pk=retired.pk).update(is_active=False)
    retired.refresh_from_db()
    batch = import_basic(confirm=False)
    name = batch.names.get(name="市财政局")
    with pytest.raises(ApplicationError, match="不存在或已停用"):
        import_name_update(name=name, action=NameAction.USE, unit=retired, actor=None)
    name.refresh_from_db()
    assert name.action == NameAction.CREATE and name.unit is None


def test_mapping_to_a_unit_that_does_not_exist_is_refused(
    import_basic: Callable[..., Any],
) -> None:
    batch = import_basic(confirm=False)
    name = batch.names.get(name="市财政局")
    ghost = OrgUnit(pk=987654, name="不存在的单位")
    with pytest.raises(ApplicationError, match="不存在或已停用"):
        import_name_update(name=name, action=NameAction.USE, unit=ghost, actor=None)
    name.refresh_from_db()
    assert name.action == NameAction.CREATE and name.unit_id is None


def test_confirm_refuses_a_mapping_whose_unit_was_retired(
    import_basic: Callable[..., Any],
) -> None:
    target = unit_create(name="市财政局（合署）")
    batch = import_basic(confirm=False)
    name = batch.names.get(name="市财政局")
    import_name_update(name=name, action=NameAction.USE, unit=target, actor=None)
    OrgUnit.objects.filter(pk=target.pk).update(is_active=False)
    with pytest.raises(ApplicationError, match="市财政局"):
        import_batch_confirm(batch=batch, actor=None)
    assert Task.objects.count() == 0


@pytest.mark.parametrize("unit", ["不存在的单位", "987654", "市财政局（旧）"])
def test_form_shows_the_refusal_in_the_row(
    import_basic: Callable[..., Any], office: Client, unit: str
) -> None:
    """The htmx row comes back with the Chinese error (a 4xx would not be swapped in)."""
    retired = unit_create(name="市财政局（旧）")
    OrgUnit.objects.filter(pk=retired.pk).update(is_active=False)
    batch = import_basic(confirm=False)
    name = batch.names.get(name="市财政局")
    response = office.post(
        f"/imports/{batch.pk}/names/{name.pk}/",
        {"action": "use", "unit": unit},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "对应未保存" in response.content.decode()
    stored = ImportName.objects.get(pk=name.pk)
    assert stored.action == NameAction.CREATE and stored.unit_id is None
    assert set(batch.rows.values_list("state", flat=True)) <= {RowState.NEW, RowState.WARNING}
