"""Excel round-trip: download the unit's sheet, fill it with openpyxl, upload it back."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from duban.audit.models import AuditEvent
from duban.progress import services
from duban.progress.models import ProgressReport, ReportActual
from tests.duban.progress.conftest import World

pytestmark = pytest.mark.django_db


def _fill(data: bytes, **cells: object) -> bytes:
    """Set cells given as ``进展__D2=…`` (sheet, cell)."""
    wb = load_workbook(io.BytesIO(data))
    for key, value in cells.items():
        sheet, cell = key.split("__")
        wb[sheet][cell] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _export(w: World, client_name: str = "reporter") -> bytes:
    period = w.period("2024年4月")
    response = w.client(client_name).get(
        f"/progress/sheet.xlsx?unit={w.unit_a.pk}&period={period.pk}"
    )
    assert response.status_code == 200
    return response.content


def _upload(w: World, data: bytes) -> object:
    period = w.period("2024年4月")
    upload = io.BytesIO(data)
    upload.name = "填报表.xlsx"
    return w.client("reporter").post(
        "/progress/upload/", {"unit": w.unit_a.pk, "period": period.pk, "file": upload}
    )


def test_export_lists_the_units_tasks_with_stable_ids(world: World) -> None:
    wb = load_workbook(io.BytesIO(_export(world)))
    rows = list(wb["进展"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [world.task.pk]  # 市乙局's task is not in 市甲局's sheet
    targets = list(wb["指标"].iter_rows(min_row=2, values_only=True))
    assert targets[0][:5] == (world.task.pk, world.target.pk, "新建5G基站", "不低于 1000", "个")
    assert wb["_meta"].sheet_state == "hidden"


def test_round_trip_stores_values_and_is_idempotent(world: World) -> None:
    filled = _fill(_export(world), 进展__D2="完成选址40处", 进展__F2="用地审批慢", 指标__F2=400)
    response = _upload(world, filled)
    assert response.status_code == 302
    report = ProgressReport.objects.get(task=world.task)
    assert (report.progress, report.problems, report.state, report.version) == (
        "完成选址40处",
        "用地审批慢",
        "draft",
        1,
    )
    assert ReportActual.objects.get(report=report).value == Decimal(400)
    events = AuditEvent.objects.count()
    _upload(world, filled)  # the same file again: nothing changes
    report.refresh_from_db()
    assert report.version == 1 and AuditEvent.objects.count() == events
    again = _fill(_export(world), 指标__F2=450)  # a fresh download carries version 1
    _upload(world, again)
    assert ReportActual.objects.get(report=report).value == Decimal(450)


def test_prefilled_from_previous_period(world: World) -> None:
    services.progress_report_save(
        task=world.task,
        period=world.period("2024年3月"),
        unit=world.unit_a,
        data=services.ReportInput(progress="三月进展", actuals={world.target.pk: Decimal(100)}),
        expected_version=None,
        submit=True,
        actor=world.users["reporter"],
    )
    wb = load_workbook(io.BytesIO(_export(world)))
    assert wb["进展"]["D2"].value == "三月进展"
    assert wb["指标"]["F2"].value == 100


def test_malformed_sheet_gets_row_errors_and_stores_nothing(world: World) -> None:
    bad = _fill(
        _export(world), 进展__D2="好的一行", 进展__A3=999999, 进展__D3="别人的任务", 指标__F2="四百"
    )
    response = _upload(world, bad)
    assert response.status_code == 400
    text = response.content.decode()
    assert "「指标」第 2 行：累计完成“四百”不是数字" in text
    assert "「进展」第 3 行：任务ID 999999 不是本单位本期应报的任务" in text
    assert not ProgressReport.objects.exists()


def test_header_tampering_and_foreign_files(world: World) -> None:
    response = _upload(world, _fill(_export(world), 进展__D1="随便"))
    assert "表头已被改动" in response.content.decode()
    response = _upload(world, b"not a workbook")
    assert "无法读取该文件" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_stale_sheet_is_refused_when_values_differ(world: World) -> None:
    sheet = _export(world)
    _upload(world, _fill(sheet, 进展__D2="第一次"))
    response = _upload(world, _fill(sheet, 进展__D2="旧表另改"))
    assert response.status_code == 400
    assert "在下载后已被修改" in response.content.decode()
    assert ProgressReport.objects.get().progress == "第一次"


def test_another_units_sheet_is_forbidden(world: World) -> None:
    period = world.period("2024年4月")
    response = world.client("reporter").get(
        f"/progress/sheet.xlsx?unit={world.unit_b.pk}&period={period.pk}"
    )
    assert response.status_code == 403
    response = world.client("reporter_b").post(
        "/progress/upload/",
        {"unit": world.unit_a.pk, "period": period.pk, "file": io.BytesIO(b"x")},
    )
    assert response.status_code == 403
