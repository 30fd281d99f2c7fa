"""Issue 12 item 4: 催办 and 督办单 from the late list and the task page, rate-limited."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from duban.audit.models import AuditEvent
from duban.core.exceptions import ApplicationError
from duban.orgs.models import OrgUnit
from duban.plans.models import TaskUnit
from duban.progress import services
from duban.progress.chase_models import ChaseKind, ChaseRecord
from duban.progress.models import Notification
from duban.progress.services.chase import ChaseTarget, chase_send
from tests.duban.docx_checks import check_page, open_docx
from tests.duban.outputs_year import on
from tests.duban.progress.conftest import World

pytestmark = pytest.mark.django_db
LATE = date(2024, 4, 16)  # the 2024年3月 reports (due 4月10日) are 6 days late


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with on(LATE, monkeypatch):
        yield


def _send(world: World, *pairs: tuple[object, OrgUnit], kind: ChaseKind, **kw: object) -> object:
    targets = [ChaseTarget(task, unit) for task, unit in pairs]  # type: ignore[arg-type]
    return chase_send(
        targets=targets, kind=kind, as_of=kw.pop("as_of", LATE), actor=world.users["office"], **kw
    )


# --- the service -------------------------------------------------------------------------


def test_urge_tells_the_units_reporters_what_is_late(world: World) -> None:
    outcome = _send(world, (world.task, world.unit_a), kind=ChaseKind.URGE)
    notes = Notification.objects.filter(stage="urge")
    assert sorted(n.recipient.username for n in notes) == ["reporter", "reporter2"]
    assert outcome.units == ["市甲局"] and outcome.notices == 2  # type: ignore[attr-defined]
    body = notes.first().body  # type: ignore[union-attr]
    assert "2024年3月进展未报送（截止2024年4月10日，已逾期 6 天）" in body
    assert "督办要求：" in body
    record = ChaseRecord.objects.get()
    assert record.kind == "urge" and record.number == "" and record.notified == 2
    assert AuditEvent.objects.filter(action="chase.urge", data__task=world.task.pk).exists()


def test_supervision_orders_are_numbered_and_reach_the_leader(world: World) -> None:
    outcome = _send(
        world,
        (world.task, world.unit_a),
        (world.other_task, world.unit_b),
        kind=ChaseKind.SUPERVISE,
        requirement="请于4月20日前补报。",
    )
    numbers = sorted(r.number for r in outcome.records)  # type: ignore[attr-defined]
    assert numbers == ["督办〔2024〕1号", "督办〔2024〕2号"]
    assert Notification.objects.filter(recipient=world.users["leader"], stage="supervise").exists()
    assert ChaseRecord.objects.get(unit=world.unit_b).requirement == "请于4月20日前补报。"


def test_one_notice_per_unit_for_all_its_tasks(world: World) -> None:
    TaskUnit.objects.create(task=world.other_task, unit=world.unit_a, role="supporting")
    _send(world, (world.task, world.unit_a), (world.other_task, world.unit_a), kind=ChaseKind.URGE)
    note = Notification.objects.get(recipient=world.users["reporter"])
    assert note.title == "催办：2 项任务（市甲局）"
    assert f"任务{world.task.number}" in note.body and f"任务{world.other_task.number}" in note.body
    assert ChaseRecord.objects.count() == 2


def test_a_unit_chased_within_the_interval_is_skipped(world: World) -> None:
    _send(world, (world.task, world.unit_a), kind=ChaseKind.URGE)
    again = _send(
        world, (world.task, world.unit_a), kind=ChaseKind.SUPERVISE, as_of=date(2024, 4, 18)
    )
    assert again.units == [] and again.records == []  # type: ignore[attr-defined]
    assert again.skipped == [  # type: ignore[attr-defined]
        "市甲局已于2024年4月16日被催办，3 天内不再重复催办"
    ]
    later = _send(world, (world.task, world.unit_a), kind=ChaseKind.URGE, as_of=date(2024, 4, 19))
    assert later.units == ["市甲局"]  # type: ignore[attr-defined]


def test_duban_remind_counts_for_the_interval(world: World) -> None:
    services.reminders_run(as_of=date(2024, 4, 15))
    outcome = _send(world, (world.other_task, world.unit_b), kind=ChaseKind.URGE)
    assert outcome.units == [] and "市乙局已于2024年4月15日被催办" in outcome.skipped[0]  # type: ignore[attr-defined]


def test_a_unit_without_accounts_gets_a_paper_order_but_no_urge(world: World) -> None:
    world.users["reporter_b"].is_active = False
    world.users["reporter_b"].save()
    urged = _send(world, (world.other_task, world.unit_b), kind=ChaseKind.URGE)
    assert urged.records == [] and "没有可接收通知的填报员账号" in urged.skipped[0]  # type: ignore[attr-defined]
    ordered = _send(world, (world.other_task, world.unit_b), kind=ChaseKind.SUPERVISE)
    assert [r.number for r in ordered.records] == ["督办〔2024〕1号"]  # type: ignore[attr-defined]


def test_only_assigned_units_and_only_the_office(world: World) -> None:
    with pytest.raises(ApplicationError, match="未承担任务"):
        _send(world, (world.other_task, world.unit_a), kind=ChaseKind.URGE)
    with pytest.raises(ApplicationError, match="请先勾选"):
        chase_send(targets=[], kind=ChaseKind.URGE, as_of=LATE, actor=world.users["office"])
    with pytest.raises(PermissionDenied):
        chase_send(
            targets=[ChaseTarget(world.task, world.unit_a)],
            kind=ChaseKind.URGE,
            as_of=LATE,
            actor=world.users["reporter"],
        )
    assert not ChaseRecord.objects.exists() and not Notification.objects.exists()


# --- the pages ---------------------------------------------------------------------------


def _item(world: World, task: object, unit: OrgUnit) -> str:
    return f"{task.pk}-{unit.pk}"  # type: ignore[attr-defined]


def test_the_late_list_offers_single_and_batch_buttons_to_the_office(
    world: World, today: None
) -> None:
    page = world.client("office").get("/progress/late/?as_of=2024-04-16").content.decode()
    assert 'id="chase-batch"' in page and 'form="chase-batch"' in page
    assert f'value="{_item(world, world.task, world.unit_a)}"' in page
    assert "督办单" in page


def test_batch_from_the_late_list(world: World, today: None) -> None:
    client = world.client("office")
    response = client.post(
        "/progress/chase/",
        {
            "item": [
                _item(world, world.task, world.unit_a),
                _item(world, world.other_task, world.unit_b),
            ],
            "action": "supervise",
            "next": "/progress/late/?as_of=2024-04-16",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/progress/late/?as_of=2024-04-16"
    text = response.content.decode()
    assert "督办〔2024〕1号" in text and "督办〔2024〕2号" in text
    again = client.post(
        "/progress/chase/",
        {"item": _item(world, world.task, world.unit_a), "action": "urge"},
        follow=True,
    ).content.decode()
    assert "3 天内不再重复催办" in again
    assert ChaseRecord.objects.count() == 2


def test_a_reporter_cannot_chase(world: World, today: None) -> None:
    response = world.client("reporter").post(
        "/progress/chase/", {"item": _item(world, world.task, world.unit_a), "action": "urge"}
    )
    assert response.status_code == 403
    assert not ChaseRecord.objects.exists()
    page = world.client("reporter").get(f"/tasks/{world.task.pk}/progress/").content.decode()
    assert 'id="chase-form"' not in page


def test_chasing_needs_the_csrf_token(world: World, today: None) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["office"])
    response = client.post(
        "/progress/chase/", {"item": _item(world, world.task, world.unit_a), "action": "urge"}
    )
    assert response.status_code == 403 and not ChaseRecord.objects.exists()


@pytest.mark.parametrize("value", ["abc", "1-2-3", "1", "-5", "²-1", "1-99999999999999999999999"])
def test_malformed_items_are_a_chinese_400(world: World, today: None, value: str) -> None:
    response = world.client("office").post("/progress/chase/", {"item": value, "action": "urge"})
    assert response.status_code == 400 and "参数“item”" in response.content.decode()


def test_unknown_ids_are_a_404(world: World, today: None) -> None:
    client = world.client("office")
    unknown_task = client.post("/progress/chase/", {"item": f"987654-{world.unit_a.pk}"})
    unknown_unit = client.post("/progress/chase/", {"item": f"{world.task.pk}-987654"})
    assert unknown_task.status_code == unknown_unit.status_code == 404
    assert "不存在" in unknown_task.content.decode()


def test_the_task_page_chases_and_lists_the_orders(world: World, today: None) -> None:
    client = world.client("office")
    url = f"/tasks/{world.task.pk}/progress/"
    page = client.get(url).content.decode()
    assert 'id="chase-form"' in page and "市丙局（配合）" in page
    client.post(
        "/progress/chase/",
        {"item": _item(world, world.task, world.unit_a), "action": "supervise", "next": url},
    )
    page = client.get(url).content.decode()
    record = ChaseRecord.objects.get()
    assert f"/progress/orders/{record.pk}.docx" in page and "督办〔2024〕1号" in page
    mine = world.client("reporter").get(url).content.decode()
    assert f"/progress/orders/{record.pk}.docx" in mine  # the unit sees its own order
    other = world.client("reporter_c").get(url).content.decode()
    assert f"/progress/orders/{record.pk}.docx" not in other  # another unit's is not listed


def test_the_supervision_order_reads_back(world: World, today: None) -> None:
    outcome = _send(
        world, (world.task, world.unit_a), kind=ChaseKind.SUPERVISE, requirement="立即补报。"
    )
    record = outcome.records[0]  # type: ignore[attr-defined]
    response = world.client("office").get(f"/progress/orders/{record.pk}.docx")
    assert response.status_code == 200
    document = open_docx(response.content)
    check_page(document)
    paragraphs = [p.text for p in document.paragraphs]
    assert "督办〔2024〕1号" in paragraphs and "督办单" in paragraphs and "市甲局：" in paragraphs
    cells = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert cells["督办单位"] == "市甲局" and cells["督办要求"] == "立即补报。"
    assert "2024年3月进展未报送" in cells["逾期情况"] and cells["责任领导"] == "张三"
    assert "测试市人民政府督查室" in paragraphs and "2024年4月16日" in paragraphs
    assert world.client("reporter").get(f"/progress/orders/{record.pk}.docx").status_code == 200
    assert world.client("reporter_b").get(f"/progress/orders/{record.pk}.docx").status_code == 403
    assert world.client("office").get("/progress/orders/987654.docx").status_code == 404


def test_the_records_page_is_the_offices(world: World, today: None) -> None:
    _send(world, (world.task, world.unit_a), kind=ChaseKind.URGE)
    page = world.client("office").get("/progress/orders/").content.decode()
    assert "市甲局" in page and "催办" in page
    assert world.client("reporter").get("/progress/orders/").status_code == 403
