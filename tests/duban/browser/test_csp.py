"""Finding 9 in a real browser: the main pages, as the 督查室 and as a unit reporter, load
and work under the Content-Security-Policy with no violation (a blocked inline script or
style would show up both as a ``securitypolicyviolation`` event and a console error)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.duban.chromium import login, new_page
from tests.duban.progress.conftest import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Recorded in the page by an init script (DevTools-injected, so the policy does not apply to it).
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile);
});
"""


def _watched(browser: Any, base: str, username: str) -> tuple[Any, list[str]]:
    page = new_page(browser)
    page.add_init_script(WATCH)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return login(page, base, username, PASSWORD), errors


def _visit(page: Any, url: str, errors: list[str]) -> None:
    response = page.goto(url)
    assert response.status < 400, (url, response.status)
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__csp")
    assert "content-security-policy" in {k.lower() for k in response.headers}
    assert violations == [], (url, violations)
    assert [e for e in errors if "Content Security Policy" in e] == [], (url, errors)


def test_main_pages_pass_the_policy(live_server: Any, browser: Any, world: World) -> None:
    base = live_server.url
    doc, task = world.document.pk, world.task.pk
    period = world.period("2024年4月").pk
    office, office_errors = _watched(browser, base, "office")
    for path in (
        "/tasks/",
        f"/tasks/{task}/",
        f"/tasks/{task}/progress/",
        f"/tasks/{task}/reports/{period}/",
        f"/supervision/?document={doc}",
        "/progress/review/",
        "/progress/late/",
        "/notifications/",
        "/bulletins/",
        "/directory/",
        "/units/",
        "/leaders/",
        "/documents/",
        "/imports/",
    ):
        _visit(office, base + path, office_errors)
    # the charts drew (ECharts ran from its static file) and their tooltips show under the policy
    office.goto(f"{base}/supervision/?document={doc}")
    assert office.evaluate("window.dubanCharts.length") == 3
    box = office.locator("#chart-colours canvas").first.bounding_box()
    office.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.3)
    office.wait_for_timeout(300)
    assert office.evaluate("window.__csp") == []

    reporter, reporter_errors = _watched(browser, base, "reporter")
    for path in ("/tasks/mine/", "/progress/", f"/tasks/{task}/reports/{period}/"):
        _visit(reporter, base + path, reporter_errors)
    reporter.fill("#id_progress", "完成选址。")
    reporter.click("#submit-report")
    reporter.wait_for_selector("#report-readonly")
    assert reporter.evaluate("window.__csp") == []
    assert [e for e in reporter_errors if "Content Security Policy" in e] == []


def test_login_and_error_pages_pass_the_policy(
    live_server: Any, browser: Any, world: World
) -> None:
    page = new_page(browser)
    page.add_init_script(WATCH)
    page.goto(f"{live_server.url}/login/")
    assert page.evaluate("window.__csp") == []
    page.goto(f"{live_server.url}/no-such-page/")
    assert page.evaluate("window.__csp") == []
