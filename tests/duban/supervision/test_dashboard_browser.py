"""The 督查看板 in Chromium, offline: every request stays on the live server and the
vendored ECharts draws the charts. A screenshot goes to ``test-artifacts/`` (gitignored)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.duban.outputs_year import Year

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


@pytest.fixture
def browser() -> Iterator[Any]:
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # live_server + Playwright's sync API
    if not Path(CHROMIUM).exists():
        pytest.fail(f"找不到 Chromium（{CHROMIUM}）：浏览器测试无法运行。")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


def test_dashboard_renders_offline(live_server: Any, browser: Any, year: Year) -> None:
    page = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000}).new_page()
    hosts: list[str] = []
    page.on("request", lambda request: hosts.append(urlparse(request.url).hostname or ""))
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "office")
    page.fill("#id_password", "pw-123456")
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
    page.goto(f"{live_server.url}/supervision/?document={year.document.pk}&as_of=2024-07-31")
    page.wait_for_selector("#chart-colours canvas")
    assert page.inner_text("[data-figure=total]") == "7"
    assert page.inner_text("[data-colour=red]") == "2"
    for chart in ("chart-colours", "chart-sections", "chart-trend"):
        assert page.evaluate(
            "id => !!window.echarts.getInstanceByDom(document.getElementById(id))", chart
        )
        assert page.locator(f"#{chart} canvas").count() >= 1
    assert page.evaluate("window.dubanCharts.length") == 3
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "supervision-dashboard.png"), full_page=True)
    assert hosts and set(hosts) <= {"127.0.0.1", "localhost"}, set(hosts)
