"""The 台账 and other xlsx exports, reopened with openpyxl and checked against the database."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.test import Client

from duban.orgs.models import Leader
from duban.plans.models import Task
from tests.duban.outputs_year import JULY, Year

pytestmark = pytest.mark.django_db

HEADER = [
    "序号",
    "清单",
    "任务内容",
    "责任领导",
    "牵头单位",
    "责任单位",
    "完成时限",
    "目标值",
    "当前值",
    "序时进度",
    "完成率",
    "本期进展",
    "存在问题",
    "下步打算",
    "状态",
]


def _get(year: Year, url: str, role: str = "office") -> Any:
    client = Client()
    client.force_login(year.users[role])
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def _rows(ws: Any) -> list[list[Any]]:
    return [[c.value for c in row] for row in ws.iter_rows(min_row=3)]


def test_ledger_layout_and_rows(year: Year) -> None:
    ws = _get(year, f"/exports/ledger.xlsx?document={year.document.pk}&as_of={JULY}")
    assert "重点任务推进台账" in ws["A1"].value and "2024年07月31日" in ws["A1"].value
    assert [c.value for c in ws[2]] == HEADER
    assert ws.freeze_panes == "A3"
    assert ws.print_title_rows == "$2:$2"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["C"].width == 48
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:O1"]  # the title across the sheet
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A3)
    rows = _rows(ws)
    tasks = Task.objects.filter(task_list__document=year.document).order_by("number")
    assert [r[2] for r in rows] == [t.text for t in tasks]
    assert {r[1] for r in rows} == {t.task_list.title for t in tasks}
    fills = {int(r[0].value): r[-1].fill.fgColor.rgb for r in ws.iter_rows(min_row=3)}
    assert fills[3].endswith("F8D7D3") and fills[7].endswith("DCE6F8")  # red, blue
    assert fills[1].endswith("DFF0E3") and fills[5].endswith("FFF2CC")  # green, yellow
    by_number = {int(r[0]): dict(zip(HEADER, r, strict=True)) for r in rows}
    first = by_number[1]
    assert (first["责任领导"], first["牵头单位"], first["责任单位"]) == (
        "张三",
        "市发展和改革委员会",
        None,
    )
    assert first["目标值"] == "地区生产总值增长7%"
    assert first["当前值"] == "地区生产总值增长7.2%"  # the June report, not December's
    assert first["完成率"] == "102.9%"
    assert first["状态"] == "正常推进（绿灯）"
    assert by_number[3]["状态"] == "逾期（红灯）"
    assert by_number[3]["存在问题"] == "部分小区居民意见不统一，开工滞后。"
    assert by_number[5]["状态"] == "滞后（黄灯）"
    assert by_number[6]["状态"] == "未报送（红灯）" and by_number[6]["本期进展"] is None
    assert by_number[7]["状态"] == "已完成（蓝灯）"
    assert by_number[2]["序时进度"] == "49%"


def test_ledger_per_unit_and_per_leader(year: Year) -> None:
    unit = year.units["市人社局"]
    ws = _get(year, f"/exports/ledger.xlsx?document={year.document.pk}&as_of={JULY}&unit={unit.pk}")
    assert [r[2] for r in _rows(ws)] == ["新增城镇就业5万人。", "城镇登记失业率控制在4.5%以内。"]
    leader = Leader.objects.get(name="张三")
    ws = _get(
        year, f"/exports/ledger.xlsx?document={year.document.pk}&as_of={JULY}&leader={leader.pk}"
    )
    assert [int(r[0]) for r in _rows(ws)] == [1, 3, 7]  # the notice's own numbers
    assert {r[3] for r in _rows(ws)} == {"张三"}


def test_reporter_ledger_holds_only_own_tasks(year: Year) -> None:
    ws = _get(year, f"/exports/ledger.xlsx?document={year.document.pk}&as_of={JULY}", "reporter")
    assert [r[2] for r in _rows(ws)] == ["地区生产总值增长7%以上。"]


def test_ranking_export_carries_the_formula(year: Year) -> None:
    ws = _get(year, f"/exports/ranking.xlsx?document={year.document.pk}&as_of={JULY}")
    header = [c.value for c in ws[2]]
    assert header[:3] == ["名次", "单位", "任务数"] and header[-2:] == ["得分", "计分公式"]
    rows = _rows(ws)
    assert len(rows) == 6
    assert all(r[-1].startswith("得分 = 30×按时完成率") for r in rows)
    scores = {r[1]: r[-2] for r in rows}
    assert scores["市人社局"] == pytest.approx(78.6)
    assert not any("登录" in str(c) or "点击" in str(c) for c in header)


def test_year_end_export(year: Year) -> None:
    ws = _get(year, f"/exports/yearend.xlsx?document={year.document.pk}")
    rows = {r[3]: r for r in _rows(ws)}
    assert rows["地区生产总值增长"][5:8] == ["7.61%", "完成年度目标的108.7%", "是"]
    assert rows["便民服务中心"][5:8] == ["2个", "完成年度目标的20%", "否"]


def test_unknown_exporter_is_404(year: Year) -> None:
    client = Client()
    client.force_login(year.users["office"])
    assert client.get("/exports/nothing.xlsx").status_code == 404
