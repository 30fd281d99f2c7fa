"""The "no English codes" check in a real browser: what Chromium shows once the pages' own
scripts have run (the big screen fills itself from its JSON, the charts draw their labels).

The 督查室 and a unit reporter log in through the form on the demo-like world of
``tests/duban/core/test_chinese_only.py`` and visit every page their navigation links to and
the main pages (dashboard, big screen, task list, a task's pages, the report form, the late
list, the review queue, the year-end and ranking pages, the 通报 list and a 通报). Each page's
``document.body.innerText``, the attributes people read (title, placeholder, alt,
aria-label, button values) and, where ECharts drew, every name and category label of its
charts (on the canvas, so not in the text) are held to the crawl's rule (``leaks`` over the
same code set). The API docs page is Swagger UI's English chrome around our text: only our
parts (the description and each operation's summary) are held to it.
"""

from __future__ import annotations

from collections.abc import Callable
from pprint import pformat
from typing import Any

import pytest

from duban.accounts.models import User
from taskdoc.model import ParseResult
from tests.duban.chromium import login, new_page, screenshot
from tests.duban.core.test_chinese_only import demo_world, leaks, status_codes
from tests.duban.outputs_year import Year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-123456"

# What a person reads on the page besides its text: the crawl's READ_ATTRS and button values.
SHOWN = """() => {
  const parts = [document.title, document.body.innerText];
  for (const el of document.querySelectorAll('[title], [placeholder], [alt], [aria-label]')) {
    for (const name of ['title', 'placeholder', 'alt', 'aria-label']) {
      if (el.getAttribute(name)) parts.push(el.getAttribute(name));
    }
  }
  for (const el of document.querySelectorAll('input[type=submit], input[type=button]')) {
    parts.push(el.value);
  }
  return parts.join('\\n');
}"""

# Every name and label an ECharts instance draws (legend, series, data points, categories).
CHART_TEXT = """(charts) => {
  const out = [];
  const push = (v) => { if (typeof v === 'string') out.push(v); };
  for (const chart of charts) {
    const option = chart.getOption();
    for (const series of option.series || []) {
      push(series.name);
      for (const point of series.data || []) if (point && point.name) push(point.name);
    }
    for (const axis of [...(option.xAxis || []), ...(option.yAxis || [])]) {
      push(axis.name);
      for (const label of axis.data || []) push(typeof label === 'object' ? label.value : label);
    }
    for (const legend of option.legend || []) for (const item of legend.data || []) push(item);
  }
  return out.join('\\n');
}"""


@pytest.fixture
def demo(
    fake_parse: Callable[[ParseResult], None], monkeypatch: pytest.MonkeyPatch
) -> tuple[Year, dict[str, User]]:
    return demo_world(fake_parse, monkeypatch)


def _shown(page: Any, url: str) -> str:
    response = page.goto(url)
    assert response is not None and response.status < 400, (url, response and response.status)
    page.wait_for_load_state("networkidle")
    text: str = page.evaluate(SHOWN)
    if page.evaluate("Array.isArray(window.dubanCharts)"):  # the dashboard's charts
        text += "\n" + page.evaluate(f"({CHART_TEXT})(window.dubanCharts)")
    return text


def _screen(page: Any, url: str) -> str:
    """The big screen after its script drew the embedded data and then fetched it again."""
    page.goto(url)
    page.wait_for_function("window.dubanScreen && Object.keys(window.dubanScreen.charts).length")
    page.evaluate("window.dubanScreen.refresh()")  # a promise: awaited
    assert page.inner_text("#screen-status") == ""  # the refresh worked
    charts = "Object.values(window.dubanScreen.charts)"
    drawn: str = page.evaluate(f"({CHART_TEXT})({charts})")
    assert "灯" in drawn  # the charts are there and named
    screenshot(page, "chinese-screen")
    return str(page.evaluate(SHOWN)) + "\n" + drawn


def _api_docs(page: Any, url: str) -> str:
    """Our text on the API docs page (Swagger UI's own labels are English by design)."""
    page.goto(url)
    page.wait_for_selector(".opblock-summary-description")
    return str(
        page.evaluate(
            """() => [...document.querySelectorAll(
                '.information-container .info, .opblock-summary-description'
            )].map(e => e.innerText).join('\\n')"""
        )
    )


def _nav(page: Any, base: str) -> list[str]:
    page.goto(f"{base}/tasks/")
    hrefs: list[str] = page.eval_on_selector_all("#site-nav a", "els => els.map(e => e.href)")
    return [h for h in hrefs if h.startswith(base) and "/admin/" not in h]


def _visit_all(page: Any, base: str, paths: list[str]) -> dict[str, str]:
    seen: dict[str, str] = {}
    for url in [*_nav(page, base), *(base + p for p in paths)]:
        if url in seen:
            continue
        seen[url] = _shown(page, url)
    return seen


def test_the_pages_show_no_code_in_chromium(
    live_server: Any, browser: Any, demo: tuple[Year, dict[str, User]]
) -> None:
    year, _ = demo
    base = live_server.url
    doc = year.document.pk
    task = year.tasks[1].pk  # 市发展和改革委员会's: the reporter's unit
    late = year.tasks[5].pk  # lagging, with a 延期 request and reports
    july = year.periods["2024年7月"].pk
    bulletin = year.document.bulletins.first()
    assert bulletin is not None
    codes = status_codes()
    office = login(new_page(browser), base, "dcs01", PASSWORD)
    shown = _visit_all(
        office,
        base,
        [
            f"/supervision/?document={doc}",
            f"/supervision/overview/?document={doc}",
            f"/supervision/ranking/?document={doc}",
            f"/supervision/year-end/?document={doc}",
            f"/supervision/tasks/{late}/",
            "/tasks/",
            f"/tasks/{late}/",
            f"/tasks/{late}/progress/",
            f"/tasks/{task}/reports/{july}/",
            "/progress/late/",
            "/progress/review/",
            "/bulletins/",
            f"/bulletins/{bulletin.pk}/",
        ],
    )
    shown[f"{base}/supervision/screen/"] = _screen(
        office, f"{base}/supervision/screen/?document={doc}"
    )
    shown[f"{base}/api/v1/docs/"] = _api_docs(office, f"{base}/api/v1/docs/")
    assert len(shown) >= 15, sorted(shown)

    reporter = login(new_page(browser), base, "tb01", PASSWORD)
    reporter_shown = _visit_all(
        reporter,
        base,
        [
            "/tasks/mine/",
            "/progress/",
            f"/tasks/{task}/",
            f"/tasks/{task}/progress/",
            f"/tasks/{task}/reports/{july}/",
            "/bulletins/",
        ],
    )
    assert len(reporter_shown) >= 6, sorted(reporter_shown)
    pages = {f"督查室 {url}": text for url, text in shown.items()}
    pages.update({f"填报员 {url}": text for url, text in reporter_shown.items()})
    found = leaks(pages, codes)
    assert not found, pformat(found, width=110)
