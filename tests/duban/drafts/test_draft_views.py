"""The draft pages: the upload page routes a work report to its draft; a row saves (htmx or
its button), a refused save keeps the input in Chinese; the Word download; 确认为任务."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document

from duban.drafts.models import DraftRow, ReportDraft
from duban.plans.models import ImportBatch
from tests.duban.drafts.conftest import REPORT

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(office_user: Any) -> Client:
    c = Client()
    c.force_login(office_user)
    return c


def _upload(client: Client) -> ReportDraft:
    upload = SimpleUploadedFile("2025年政府工作报告.txt", REPORT.encode())
    answer = client.post("/imports/", {"file": upload, "kind": "decomposition"})
    draft = ReportDraft.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/drafts/{draft.pk}/"
    return draft


def test_upload_routes_a_work_report_to_its_draft(client: Client) -> None:
    draft = _upload(client)
    page = client.get(f"/drafts/{draft.pk}/")
    assert page.status_code == 200
    assert "地区生产总值增长6%左右" in page.text and "确认为任务" in page.text
    assert not ImportBatch.objects.exists()  # nothing imported until confirmed
    assert client.get("/drafts/").status_code == 200


def test_a_row_saves_by_htmx_and_a_stale_one_keeps_the_input(client: Client) -> None:
    draft = _upload(client)
    row = draft.rows.order_by("position").first()
    assert row is not None
    url = f"/drafts/{draft.pk}/rows/{row.pk}/"
    data = {f"r{row.pk}-{k}": v for k, v in {
        "text": row.text, "leaders": "王五", "lead_units": "市发展改革委",
        "responsible_units": "", "deadline": "2025年11月底", "version": row.version,
    }.items()}  # fmt: skip
    answer = client.post(url, data, headers={"HX-Request": "true"})
    assert answer.status_code == 200 and "已保存" in answer.text
    assert DraftRow.objects.get(pk=row.pk).leaders == "王五"
    stale = client.post(url, {**data, f"r{row.pk}-leaders": "钱七"}, headers={"HX-Request": "true"})
    assert "已被他人修改" in stale.text and 'value="钱七"' in stale.text
    bad = client.post(url, {**data, f"r{row.pk}-version": "x"})
    assert bad.status_code == 302
    assert "未保存" in client.get(f"/drafts/{draft.pk}/").text


def test_word_download_and_confirm(client: Client) -> None:
    draft = _upload(client)
    answer = client.get(f"/drafts/{draft.pk}/notice.docx")
    assert answer.status_code == 200 and "attachment" in answer["Content-Disposition"]
    table = Document(io.BytesIO(answer.content)).tables[0]
    assert table.rows[0].cells[1].text == "任务"
    confirm = client.post(f"/drafts/{draft.pk}/confirm/")
    batch = ImportBatch.objects.get()
    assert confirm["Location"] == f"/imports/{batch.pk}/"
    locked = client.get(f"/drafts/{draft.pk}/")
    assert "确认为任务</button>" not in locked.text and "导入预览" in locked.text


def test_rows_are_paginated(client: Client) -> None:
    draft = _upload(client)
    for n in range(25):
        DraftRow.objects.create(draft=draft, position=100 + n, text=f"新增任务{n}")
    first = client.get(f"/drafts/{draft.pk}/")
    assert "第 1 / 2 页" in first.text and "新增任务24" not in first.text
    assert "新增任务24" in client.get(f"/drafts/{draft.pk}/?page=2").text
    assert client.get(f"/drafts/{draft.pk}/?page=abc").status_code == 400


def test_a_bad_upload_and_a_bad_header_are_chinese_errors(client: Client) -> None:
    draft = _upload(client)
    answer = client.post(f"/drafts/{draft.pk}/", {"title": "", "year": "1800"})
    assert answer.status_code == 400 and "年度应在2000至2100之间" in answer.text
    assert client.get("/drafts/987654/").status_code == 404
