"""The 督查看板 in Chromium, offline: every request stays on the live server and the
vendored ECharts draws the charts. A screenshot goes to ``test-artifacts/`` (gitignored)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest

from tests.duban.chromium import login, new_page, screenshot
from tests.duban.outputs_year import Year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dashboard_renders_offline(live_server: Any, browser: Any, year: Year) -> None:
    page = new_page(browser, width=1400, height=1000)
    hosts: list[str] = []
    page.on("request", lambda request: hosts.append(urlparse(request.url).hostname or ""))
    login(page, live_server.url, "office", "pw-123456")
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
    screenshot(page, "supervision-dashboard")
    assert hosts and set(hosts) <= {"127.0.0.1", "localhost"}, set(hosts)
