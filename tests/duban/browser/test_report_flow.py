"""End to end in Chromium: a unit reporter submits a monthly report with evidence, the
督查室 returns it, the reporter resubmits, and the 督查室 approves it.

Screenshots go to ``test-artifacts/`` (gitignored). Chromium is Debian's
``/usr/bin/chromium`` (``scripts/test.sh`` installs it when missing); if it cannot be
started the test fails with a message saying so — it is never skipped silently.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from duban.progress.models import Evidence, ProgressReport
from tests.duban.chromium import ARTIFACTS, login, new_page, screenshot
from tests.duban.progress.conftest import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def _login(browser: Any, base: str, username: str) -> Any:
    return login(new_page(browser), base, username, PASSWORD)


def _shot(page: Any, name: str) -> None:
    screenshot(page, f"report-flow-{name}")


def test_report_flow(live_server: Any, browser: Any, world: World, tmp_path: Path) -> None:
    period = world.period("2024年4月")
    url = f"{live_server.url}/tasks/{world.task.pk}/reports/{period.pk}/"
    photo = tmp_path / "现场照片.png"
    photo.write_bytes(PNG)

    reporter = _login(browser, live_server.url, "reporter")
    reporter.goto(url)
    reporter.fill("#id_progress", "已完成选址30处，正在办理用地手续。")
    reporter.fill(f"#id_actual_{world.target.pk}", "300")
    reporter.fill("#id_problems", "用地审批周期长")
    reporter.set_input_files("#id_evidence", str(photo))
    _shot(reporter, "1-filled")
    reporter.click("#submit-report")
    reporter.wait_for_selector("#report-readonly")
    assert reporter.inner_text("#report-state") == "已报送"
    assert "现场照片.png" in reporter.inner_text("#evidence-list")
    _shot(reporter, "2-submitted")

    office = _login(browser, live_server.url, "office")
    office.goto(url)
    office.fill("#id_note", "请补充现场照片的拍摄位置说明")
    office.click("#return")
    office.wait_for_selector("#report-state:has-text('已退回')")
    _shot(office, "3-returned")

    reporter.goto(url)
    assert "请补充现场照片的拍摄位置说明" in reporter.inner_text(".review-note")
    reporter.fill("#id_progress", "已完成选址30处（位于高新区、航空港区），正在办理用地手续。")
    reporter.click("#submit-report")
    reporter.wait_for_selector("#report-readonly")
    _shot(reporter, "4-resubmitted")

    office.goto(url)
    office.click("#approve")
    office.wait_for_selector("#report-state:has-text('审核通过')")
    _shot(office, "5-approved")

    report = ProgressReport.objects.get(task=world.task, period=period)
    assert report.state == "approved" and "航空港区" in report.progress
    assert Evidence.objects.filter(report=report).count() == 1
    assert (ARTIFACTS / "report-flow-5-approved.png").stat().st_size > 0
