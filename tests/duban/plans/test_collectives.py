"""Collective re-expansion: units that join a group after the import get its tasks."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from openpyxl import Workbook

from duban.accounts.models import Role
from duban.accounts.permissions import Perm, can
from duban.accounts.services import user_create
from duban.audit.models import AuditEvent
from duban.orgs.directory import HEADERS, directory_import_xlsx
from duban.orgs.models import CollectiveGroup, CollectiveRule, OrgUnit, UnitKind, UnitLevel
from duban.orgs.services import collective_group_set_members, unit_create, unit_update
from duban.plans.models import Task, TaskCollective, TaskUnit, UnitRole
from duban.plans.services import collective_tasks_expand

pytestmark = pytest.mark.django_db


def street(name: str, **kw: Any) -> OrgUnit:
    return unit_create(name=name, level=UnitLevel.STREET, kind=UnitKind.STREET_OFFICE, **kw)


@pytest.fixture
def task(import_basic: Callable[..., Any]) -> Task:
    """Task 2 of BASIC: 责任单位 市人社局 and 各街道办事处 (one street office known)."""
    street("甲街道办事处")
    import_basic()
    return Task.objects.get(number=2)


def units_of(task: Task) -> dict[str, tuple[str, str | None]]:
    return {
        a.unit.name: (a.role, a.via_collective.name if a.via_collective else None)
        for a in task.assignments.select_related("unit", "via_collective")
    }


def test_a_new_street_office_gets_the_collective_task(task: Task) -> None:
    assert units_of(task)["甲街道办事处"] == ("responsible", "各街道办事处")
    street("乙街道办事处")
    assert units_of(task)["乙街道办事处"] == ("responsible", "各街道办事处")
    assert TaskCollective.objects.get(task=task).expanded_count == 2
    event = AuditEvent.objects.get(action="collective.expand")
    assert event.data["tasks"] == [task.pk] and event.data["units"] == ["乙街道办事处"]
    new_rows = TaskUnit.objects.filter(task=task, unit__name="乙街道办事处")
    first = TaskUnit.objects.get(task=task, unit__name="甲街道办事处")
    assert new_rows.get().position == first.position
    reporter = user_create(
        username="yi",
        password="pw-123456",
        role=Role.REPORTER,
        units=[OrgUnit.objects.get(name="乙街道办事处")],
    )
    assert can(reporter, Perm.TASK_VIEW, task=task)


def test_expansion_is_idempotent(task: Task) -> None:
    street("乙街道办事处")
    group = CollectiveGroup.objects.get(name="各街道办事处")
    before = TaskUnit.objects.count()
    assert collective_tasks_expand(group=group) == 0
    assert TaskUnit.objects.count() == before
    assert AuditEvent.objects.filter(action="collective.expand").count() == 1


def test_other_tasks_and_inactive_units_are_left_alone(task: Task) -> None:
    street("丁街道办事处", is_active=False)
    assert "丁街道办事处" not in units_of(task)
    unit_create(name="市新建局", level=UnitLevel.CITY, kind=UnitKind.DEPARTMENT)
    assert not TaskUnit.objects.filter(unit__name="市新建局").exists()
    assert TaskUnit.objects.filter(unit__name="甲街道办事处").count() == 1  # only task 2


def test_a_hand_assigned_unit_is_never_changed(task: Task) -> None:
    unit = unit_create(name="丙街道办事处", level=UnitLevel.STREET)
    TaskUnit.objects.create(task=task, unit=unit, role=UnitRole.LEAD, position=0)
    unit_update(unit=unit, kind=UnitKind.STREET_OFFICE)  # now it matches the rule
    assert units_of(task)["丙街道办事处"] == ("lead", None)
    assert TaskUnit.objects.filter(task=task, unit=unit).count() == 1


def test_a_unit_edited_into_the_rule_gets_the_task(task: Task) -> None:
    unit = unit_create(name="丙街道办事处", level=UnitLevel.STREET)
    assert "丙街道办事处" not in units_of(task)
    unit_update(unit=unit, kind=UnitKind.STREET_OFFICE)
    assert units_of(task)["丙街道办事处"] == ("responsible", "各街道办事处")


def test_withdrawn_tasks_are_not_expanded(task: Task) -> None:
    Task.objects.filter(pk=task.pk).update(is_withdrawn=True)
    street("乙街道办事处")
    assert "乙街道办事处" not in units_of(task)


def test_directory_workbook_import_expands_for_new_units(task: Task) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADERS)
    ws.append(("戊街道办事处", "街道（乡镇）级", "街道办事处", "", "", "是"))
    out = io.BytesIO()
    wb.save(out)
    assert directory_import_xlsx(data=out.getvalue()).ok
    assert units_of(task)["戊街道办事处"] == ("responsible", "各街道办事处")


def test_explicit_group_members_added_later_get_the_tasks(task: Task) -> None:
    group = CollectiveGroup.objects.create(name="重点项目单位", rule=CollectiveRule.EXPLICIT)
    TaskCollective.objects.create(
        task=task, group=group, role=UnitRole.SUPPORTING, raw_name="重点项目单位"
    )
    finance = OrgUnit.objects.get(name="市财政局")
    labour = OrgUnit.objects.get(name="市人社局")  # already responsible for task 2 by name
    collective_group_set_members(group=group, units=[finance, labour])
    assert units_of(task)["市财政局"] == ("supporting", "重点项目单位")
    assert units_of(task)["市人社局"] == ("responsible", None)
    assert AuditEvent.objects.filter(action="collective.members").exists()
    collective_group_set_members(group=group, units=[])  # removal keeps the assignment
    assert units_of(task)["市财政局"] == ("supporting", "重点项目单位")
    assert TaskCollective.objects.get(group=group).expanded_count == 1


def test_task_page_shows_units_that_came_via_the_collective(task: Task) -> None:
    street("乙街道办事处")
    client = Client()
    client.force_login(user_create(username="office", password="pw-123456", role=Role.OFFICE))
    page = client.get(task.get_absolute_url()).content.decode()
    assert "经集合分配" in page
    via = page[page.index("经集合分配") :]
    assert "甲街道办事处" in via and "乙街道办事处" in via
    assert "展开 2 个" in page


def test_a_street_created_by_a_later_import_gets_earlier_collective_tasks(
    task: Task, import_basic: Callable[..., Any]
) -> None:
    from tests.duban.conftest import Spec

    import_basic(
        specs=[Spec(1, "新通知的任务。", [("responsible", "庚街道办事处")])],
        data=b"second",
        title="另一份通知",
        doc_number="测政办〔2024〕9号",
    )
    assert units_of(task)["庚街道办事处"] == ("responsible", "各街道办事处")
