"""Issue 12 item 1: the printable 交办单 of a unit, read back with python-docx."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from duban.plans.models import Task
from duban.progress.models import TaskTracking
from taskdoc.figures.schedule import CHINA_TZ
from tests.duban.docx_checks import check_page, east_asian_font, open_docx
from tests.duban.outputs_year import on
from tests.duban.progress import conftest as progress_world
from tests.duban.progress.conftest import World

pytestmark = pytest.mark.django_db
world = progress_world.world  # the progress pages' small world, as a fixture here too


def _rows(data: bytes) -> list[list[str]]:
    document = open_docx(data)
    return [[c.text for c in row.cells] for table in document.tables for row in table.rows]


def test_the_units_handover_lists_its_tasks_roles_leaders_and_signing(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    moment = datetime.combine(date(2024, 4, 1), time(10), tzinfo=CHINA_TZ)
    Task.objects.update(created_at=moment)  # handed over on Monday 4月1日
    TaskTracking.objects.update(created_at=moment)  # (the tracking row is made at 交办)
    with on(date(2024, 4, 2), monkeypatch):
        response = world.client("reporter").get(f"/units/{world.unit_a.pk}/assignment.docx")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    document = open_docx(response.content)
    check_page(document)
    texts = [p.text for p in document.paragraphs]
    assert "任务交办单" in texts and "市甲局：" in texts
    assert any("1项任务交办如下" in t and "1项由你单位签收" in t for t in texts)
    assert "测试市人民政府督查室" in texts and "2024年4月2日" in texts
    header, row = _rows(response.content)
    assert header == ["序号", "任务", "本单位角色", "责任领导", "完成时限", "签收期限"]
    assert row[0] == "1" and row[1].startswith("新建5G基站1000个")
    assert row[2] == "牵头" and row[3] == "张三" and row[5] == "4月4日前"
    cell_run = document.tables[0].rows[1].cells[1].paragraphs[0].runs[0]
    assert east_asian_font(cell_run) == "仿宋_GB2312"


def test_a_supporting_unit_signs_its_own(world: World) -> None:
    """签收 is per unit: the 配合 unit has its own deadline, not "由市甲局签收"."""
    response = world.client("office").get(f"/units/{world.unit_c.pk}/assignment.docx")
    _, row = _rows(response.content)
    assert row[2] == "配合" and row[5].endswith("日前") and "由" not in row[5]


def test_only_the_office_and_the_unit_may_print_it(world: World) -> None:
    url = f"/units/{world.unit_a.pk}/assignment.docx"
    assert world.client("office").get(url).status_code == 200
    assert world.client("reporter_b").get(url).status_code == 403
    assert world.client("office").get("/units/987654/assignment.docx").status_code == 404
    bad = world.client("office").get(f"{url}?document=abc")
    assert bad.status_code == 400 and "参数“document”" in bad.content.decode()


def test_the_unit_page_links_it(world: World) -> None:
    page = world.client("reporter").get(f"/units/{world.unit_a.pk}/").content.decode()
    assert f"/units/{world.unit_a.pk}/assignment.docx" in page
