"""End to end in Chromium: the 督查室 uploads a 政府工作报告, gets the draft decomposition,
edits one row (saved on change, no button), downloads the Word notice and confirms the draft
as the year's tasks through the import preview; at phone size the draft page fits 390 px.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from duban.drafts.models import DraftRow, ReportDraft
from duban.plans.models import Task
from taskdoc import parse_bytes
from tests.duban.chromium import login, new_page, screenshot
from tests.duban.drafts.conftest import REPORT
from tests.duban.progress.conftest import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_draft_edit_export_confirm(
    live_server: Any, browser: Any, world: World, tmp_path: Path, monkeypatch: Any
) -> None:
    # the world was imported through a hand-made parse; this upload is read for real
    monkeypatch.setattr(
        "duban.plans.parsing.parse_result",
        lambda data, *, filename: parse_bytes(data, filename=filename),
    )
    report = tmp_path / "2025年政府工作报告.txt"
    report.write_text(REPORT, encoding="utf-8")
    page = login(new_page(browser, width=1440, height=900), live_server.url, "office", PASSWORD)
    page.goto(f"{live_server.url}/imports/")
    page.set_input_files("#id_file", str(report))
    page.click("form[enctype] button[type=submit]")
    page.wait_for_load_state()
    assert "/drafts/" in page.url, (page.url, page.inner_text("main")[:500])
    draft = ReportDraft.objects.get()
    row = DraftRow.objects.filter(draft=draft).order_by("position").first()
    assert row is not None
    screenshot(page, "draft-flow-1-draft")

    field = f"#id_r{row.pk}-leaders"
    page.fill(field, "王五")
    page.dispatch_event(field, "change")  # htmx saves the row on change
    page.wait_for_selector(f"#row-{row.pk} .saved")
    row.refresh_from_db()
    assert row.leaders == "王五"

    with page.expect_download() as info:
        page.click("#draft-docx")
    table = Document(io.BytesIO(Path(info.value.path()).read_bytes())).tables[0]
    assert [c.text for c in table.rows[2].cells][:3] == ["1", row.text, "王五"]

    page.click("#draft-confirm")
    page.wait_for_url("**/imports/*/")
    screenshot(page, "draft-flow-2-preview")
    page.click("button:has-text('确认导入')")
    page.wait_for_url("**/tasks/?document=*")
    tasks = Task.objects.filter(task_list__document__year=2025)
    assert tasks.count() == DraftRow.objects.filter(draft=draft).count()
    assert [link.raw_name for link in tasks.get(number=1).leader_links.all()] == ["王五"]

    phone = login(new_page(browser, width=390, height=844), live_server.url, "office", PASSWORD)
    phone.goto(f"{live_server.url}/drafts/{draft.pk}/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "draft-flow-3-phone")
