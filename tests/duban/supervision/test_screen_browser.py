"""The 督查大屏 and a few pages in Chromium at 1920×1080, offline: the figures drawn, the
refresh every five minutes (on Playwright's clock), no English code in the text a user
reads, no Content-Security-Policy violation. The screenshot goes to /tmp and test-artifacts/."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest

from duban.accounts.models import Role
from duban.accounts.services import user_create
from duban.plans.models import ImportBatch
from tests.duban.chromium import login, new_page, screenshot
from tests.duban.core.test_chinese_only import codes_in, status_codes
from tests.duban.outputs_year import Year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOT = "/tmp/duban-screen-1920x1080.png"
CHARTS = ("screen-colours", "screen-sections", "screen-trend", "screen-units", "screen-leaders")
# Recorded by an init script (DevTools-injected, so the policy does not apply to it).
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile);
});
"""


def _office(browser: Any, base: str) -> tuple[Any, list[str], list[str]]:
    """A 1920×1080 page logged in as a 督查室 user whose login is no code ("office" is one)."""
    user_create(username="dcs01", password="pw-123456", role=Role.OFFICE, display_name="督查室张")
    page = new_page(browser, width=1920, height=1080)
    page.add_init_script(WATCH)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    hosts: list[str] = []
    page.on("request", lambda r: hosts.append(urlparse(r.url).hostname or ""))
    return login(page, base, "dcs01", "pw-123456"), errors, hosts


def _figure(page: Any, key: str) -> str:
    return str(page.inner_text(f"[data-figure={key}]"))


def _csp_errors(page: Any, errors: list[str]) -> list[str]:
    blocked = [e for e in errors if "Content Security Policy" in e]
    return list(page.evaluate("window.__csp")) + blocked


def test_the_screen_draws_and_refreshes(live_server: Any, browser: Any, year: Year) -> None:
    page, errors, hosts = _office(browser, live_server.url)
    page.clock.install()
    url = f"{live_server.url}/supervision/screen/?document={year.document.pk}&as_of=2024-07-31"
    page.goto(url)
    for chart in CHARTS:
        page.wait_for_selector(f"#{chart} canvas")
        assert page.evaluate(
            "id => !!window.echarts.getInstanceByDom(document.getElementById(id))", chart
        )
    assert [_figure(page, k) for k in ("total", "done", "blue", "green", "yellow", "red")] == [
        "7", "1", "1", "3", "1", "2",
    ]  # fmt: skip
    assert page.locator("#screen-attention tr").count() == 2
    # one screen, nothing to scroll; dark
    size = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    assert size == [1920, 1080]
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(11, 21, 38)"
    text = page.evaluate("document.body.innerText")
    assert codes_in(text, status_codes()) == [], text
    page.screenshot(path=SHOT)
    screenshot(page, "supervision-screen")

    # five minutes on: the screen refetches its JSON and redraws (here: the day moved to 4月底)
    page.evaluate(
        "document.getElementById('screen').dataset.source = "
        f"'/supervision/screen/data/?document={year.document.pk}&as_of=2024-04-30'"
    )
    with page.expect_response(lambda r: "/supervision/screen/data/" in r.url) as answer:
        page.clock.fast_forward("05:00")
    assert answer.value.status == 200
    page.wait_for_function(
        "() => document.querySelector('[data-text=as_of_label]').textContent === '2024年4月30日'"
    )
    assert _figure(page, "done") == "0"
    assert page.inner_text("#screen-status") == ""

    # a failed refresh keeps the last figures and says so in Chinese
    page.route("**/supervision/screen/data/**", lambda route: route.fulfill(status=500, body="x"))
    page.clock.fast_forward("05:00")
    page.wait_for_function("() => document.getElementById('screen-status').textContent !== ''")
    assert "刷新失败：服务器暂时无法响应" in page.inner_text("#screen-status")
    assert _figure(page, "total") == "7"
    assert _csp_errors(page, errors) == []
    assert [e for e in errors if e.startswith("pageerror")] == []  # no script failed
    assert set(hosts) <= {"127.0.0.1", "localhost"}, set(hosts)


def test_pages_read_chinese_in_the_browser(live_server: Any, browser: Any, year: Year) -> None:
    """What Chromium renders (after the scripts ran) holds no code either."""
    page, errors, _ = _office(browser, live_server.url)
    doc, task = year.document.pk, year.tasks[3].pk
    codes = status_codes()
    for path in (
        f"/supervision/?document={doc}&as_of=2024-07-31",
        f"/supervision/tasks/{task}/?as_of=2024-07-31",
        f"/tasks/{task}/progress/",
        f"/tasks/?document={doc}",
        "/imports/",
        f"/imports/{ImportBatch.objects.get(document=year.document).pk}/",
        f"/supervision/screen/?document={doc}",
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        text = page.evaluate("document.body.innerText")
        assert codes_in(text, codes) == [], (path, text)
        assert _csp_errors(page, errors) == [], path
    page.goto(f"{live_server.url}/supervision/?document={doc}")
    page.click("#screen-link")
    page.wait_for_selector("#screen-colours canvas")
    assert page.url.endswith(f"/supervision/screen/?document={doc}")
