"""签收 per unit (issue 12 leftover): every unit a task is handed to signs its own 交办.

One rule decides who must sign — the reporting unit and every unit that owes a part
(``parts.queries.signers``, and ``signing_rows`` as a query) —; the unsigned items of the
late list and the reminders are per unit; the office sees on the task page who signed; a
unit's first 报送 counts as its 签收; the old per-task 签收 is carried to the reporting unit.
"""

from __future__ import annotations

import importlib
from datetime import date, datetime, time

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from duban.audit.models import AuditEvent
from duban.core.exceptions import ApplicationError
from duban.orgs.models import OrgUnit
from duban.plans.models import Task
from duban.progress import services
from duban.progress.models import TaskTracking
from duban.progress.parts import queries
from duban.progress.parts.models import UnitSignature
from duban.progress.services.unsigned import unsigned_items
from taskdoc.figures.schedule import CHINA_TZ
from tests.duban.progress import test_parts
from tests.duban.progress.conftest import report_data
from tests.duban.progress.test_parts import Parts, _file

pytestmark = pytest.mark.django_db
parts = test_parts.parts  # the fixture: two tasks, a collective's streets, a 配合 unit
MONDAY = date(2024, 4, 1)
LATE = date(2024, 4, 5)  # the day after the 签收 deadline (Thursday 4月4日)


def _names(unit_ids: list[int]) -> list[str]:
    names = dict(OrgUnit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
    return [names[u] for u in unit_ids]


def _handed_over(p: Parts, day: date = MONDAY) -> None:
    moment = datetime.combine(day, time(10), tzinfo=CHINA_TZ)
    Task.objects.filter(pk__in=[p.task.pk, p.other.pk]).update(created_at=moment)
    TaskTracking.objects.filter(task__in=[p.task, p.other]).update(created_at=moment)


def _unsigned(p: Parts) -> set[tuple[int, str]]:
    return {(i.task.pk, i.unit.name) for i in unsigned_items(as_of=LATE)}


def test_who_must_sign_is_the_reporting_unit_and_every_part_owner(parts: Parts) -> None:
    must = queries.signers([parts.task.pk, parts.other.pk])
    assert _names(must[parts.task.pk])[0] == "市甲局"  # the reporting unit first
    owed = queries.part_units([parts.task.pk])[parts.task.pk]
    assert must[parts.task.pk][1:] == owed  # then exactly the units that owe a part
    assert set(_names(owed)) == {"东街道办事处", "西街道办事处", "南街道办事处", "市丙局"}
    assert _names(must[parts.other.pk]) == ["市乙局"]  # 相关街道办事处 not chosen yet
    rows = queries.signing_rows().values_list("task_id", "unit_id").distinct()
    assert set(rows) == {(t, u) for t, units in must.items() for u in units}  # one rule


def test_a_retired_unit_and_a_withdrawn_task_sign_nothing(parts: Parts) -> None:
    OrgUnit.objects.filter(name="南街道办事处").update(is_active=False)
    Task.objects.filter(pk=parts.other.pk).update(is_withdrawn=True)
    assert "南街道办事处" not in _names(queries.signers([parts.task.pk])[parts.task.pk])
    pairs = set(queries.signing_rows().values_list("task_id", "unit_id"))
    assert all(task != parts.other.pk for task, _ in pairs)
    assert parts.units["南街道办事处"].pk not in {unit for _, unit in pairs}


def test_every_unit_is_chased_for_its_own_signature(parts: Parts) -> None:
    _handed_over(parts)
    assert unsigned_items(as_of=date(2024, 4, 4)) == []
    assert _unsigned(parts) == {
        (parts.task.pk, name)
        for name in ("市甲局", "市丙局", "东街道办事处", "西街道办事处", "南街道办事处")
    } | {(parts.other.pk, "市乙局")}
    outcome = services.reminders_run(as_of=LATE)
    assert {"east", "west", "south", "bing", "jia", "yi"} <= set(outcome.sent)
    assert "东街道办事处" in "\n".join(outcome.sent["east"])


def test_a_street_signs_its_own_and_the_task_stays_assigned(parts: Parts) -> None:
    _handed_over(parts)
    response = parts.client("east").post(
        f"/tasks/{parts.task.pk}/progress/acknowledge/",
        {"unit": parts.units["东街道办事处"].pk},
    )
    assert response.status_code == 302
    signature = UnitSignature.objects.get(task=parts.task)
    assert signature.unit.name == "东街道办事处" and signature.via == "sign"
    assert signature.signed_by == parts.users["east"]
    assert (parts.task.pk, "东街道办事处") not in _unsigned(parts)
    assert (parts.task.pk, "市甲局") in _unsigned(parts)
    assert TaskTracking.objects.get(task=parts.task).state == "assigned"  # only the lead moves it
    event = AuditEvent.objects.get(action="task.sign")
    assert event.data["unit"] == parts.units["东街道办事处"].pk and "签收" in event.summary
    with pytest.raises(ApplicationError, match="已签收"):
        services.task_acknowledge(
            task=parts.task, unit=parts.units["东街道办事处"], actor=parts.users["east"]
        )


def test_the_lead_signing_moves_the_task_on(parts: Parts) -> None:
    services.task_acknowledge(task=parts.task, unit=parts.units["市甲局"], actor=parts.users["jia"])
    assert TaskTracking.objects.get(task=parts.task).state == "acknowledged"


def test_a_unit_not_on_the_task_may_not_sign(parts: Parts) -> None:
    response = parts.client("yi").post(f"/tasks/{parts.task.pk}/progress/acknowledge/", {})
    assert response.status_code == 403
    bad = parts.client("east").post(f"/tasks/{parts.task.pk}/progress/acknowledge/", {"unit": "东"})
    assert bad.status_code == 400
    assert not UnitSignature.objects.exists()


def test_a_first_part_and_a_first_report_count_as_signing(parts: Parts) -> None:
    assert _file(parts, "west", "西街道已完成选址").status_code == 302
    west = UnitSignature.objects.get(task=parts.task, unit=parts.units["西街道办事处"])
    assert west.via == "report"
    services.progress_report_save(
        task=parts.task,
        period=parts.march,
        unit=parts.units["市甲局"],
        data=report_data(progress="汇总"),
        expected_version=None,
        submit=True,
        actor=parts.users["jia"],
    )
    lead = UnitSignature.objects.get(task=parts.task, unit=parts.units["市甲局"])
    assert lead.via == "report"


def test_the_office_sees_who_signed_on_the_task_page(parts: Parts) -> None:
    services.task_acknowledge(
        task=parts.task, unit=parts.units["市丙局"], actor=parts.users["bing"]
    )
    page = parts.client("office").get(f"/tasks/{parts.task.pk}/progress/").content.decode()
    table = page.split('id="signing"', 1)[1].split("</table>", 1)[0]
    rows = {r.split("</td>", 1)[0]: r for r in table.split("<tr")[2:]}
    bing = next(r for k, r in rows.items() if "市丙局" in k)
    east = next(r for k, r in rows.items() if "东街道办事处" in k)
    assert "已签收" in bing and "未签收" in east
    assert "报送单位" in next(r for k, r in rows.items() if "市甲局" in k)
    assert "尚有单位未签收" in page
    mine = parts.client("east").get(f"/tasks/{parts.task.pk}/progress/").content.decode()
    assert f'name="unit" value="{parts.units["东街道办事处"].pk}"' in mine  # its 签收 button
    signed = parts.client("bing").get(f"/tasks/{parts.task.pk}/progress/").content.decode()
    assert "sign-form" not in signed  # 市丙局 signed already


# --- the migration ------------------------------------------------------------------------

MIGRATION = "0012_unit_signatures"


def _before() -> list[tuple[str, str]]:
    module = importlib.import_module(f"duban.progress.migrations.{MIGRATION}")
    # plans before its governments too: the old rows are written without one, and the
    # forward run then assigns them (plans 0013), as on an installation being upgraded
    progress = [dep for dep in module.Migration.dependencies if dep[0] == "progress"]
    return [*progress, ("plans", "0011_actual_imports")]


@pytest.mark.django_db(transaction=True)
def test_the_old_task_signature_goes_to_the_reporting_unit() -> None:
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(_before())
    old = MigrationExecutor(connection).loader.project_state(_before()).apps
    unit_model = old.get_model("orgs", "OrgUnit")
    lead, helper, responsible = (unit_model.objects.create(name=n) for n in ("甲", "乙", "丙"))
    document = old.get_model("plans", "SourceDocument").objects.create(
        title="通知", file="x.txt", filename="x.txt", sha256="0"
    )
    task_list = old.get_model("plans", "TaskList").objects.create(document=document, title="清单")
    task_model = old.get_model("plans", "Task")
    signed, unsigned, untouched = (
        task_model.objects.create(task_list=task_list, number=n, text="任务", baseline_text="任务")
        for n in (1, 2, 3)
    )
    link = old.get_model("plans", "TaskUnit").objects
    for task in (signed, unsigned, untouched):
        link.create(task=task, unit=helper, role="supporting", position=0)
        link.create(task=task, unit=responsible, role="responsible", position=1)
        link.create(task=task, unit=lead, role="lead", position=2)
    at = datetime(2024, 4, 2, 9, tzinfo=CHINA_TZ)
    tracking = old.get_model("progress", "TaskTracking").objects
    tracking.create(task=signed, state="acknowledged", acknowledged_at=at)
    tracking.create(task=unsigned, state="assigned")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(leaves)

    signature = UnitSignature.objects.get()
    assert (signature.task_id, signature.unit_id, signature.signed_at) == (signed.pk, lead.pk, at)
    assert TaskTracking.objects.filter(task_id=untouched.pk).exists()  # dated at 交办
