"""End to end in Chromium: a unit reporter submits a monthly report with evidence, the
督查室 returns it, the reporter resubmits, and the 督查室 approves it.

Screenshots go to ``test-artifacts/`` (gitignored). Chromium is Debian's
``/usr/bin/chromium`` (``scripts/test.sh`` installs it when missing); if it cannot be
started the test fails with a message saying so — it is never skipped silently.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from duban.progress.models import Evidence, ProgressReport
from tests.duban.progress.conftest import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture
def browser() -> Iterator[Any]:
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # live_server + Playwright's sync API
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"找不到 Chromium（{CHROMIUM}）：浏览器测试无法运行。"
            "请以 root 运行 scripts/test.sh（会安装 chromium），或 apt-get install chromium。"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        try:
            instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Exception as err:  # pragma: no cover - depends on the machine
            pytest.fail(f"Chromium 无法启动（{CHROMIUM}）：{err}")
        yield instance
        instance.close()


def _login(browser: Any, base: str, username: str) -> Any:
    page = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
    return page


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"report-flow-{name}.png"), full_page=True)


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
