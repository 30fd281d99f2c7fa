"""The pages a unit and the 督查室 use, in Chromium at phone size (390×844) and desktop size
(1440×900): the page is never wider than the screen, the closed phone header is one line
(≤ 64 px) and its 菜单 button opens the navigation; on the desktop the navigation is open.

Screenshots of every page at both sizes go to ``test-artifacts/phone-*.png`` and
``desktop-*.png``; the test checks their pixel width equals the viewport.
"""

from __future__ import annotations

import struct
from typing import Any

import pytest

from tests.duban.chromium import ARTIFACTS, OFF_SCREEN, login, new_page, screenshot
from tests.duban.progress.conftest import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"phone": (390, 844), "desktop": (1440, 900)}


def _pages(world: World) -> dict[str, list[tuple[str, str]]]:
    period = world.period("2024年4月")
    task = world.task.pk
    document = world.task.task_list.document_id
    return {
        "reporter": [
            ("tasks", "/tasks/"),
            ("mine", "/tasks/mine/"),
            ("task", f"/tasks/{task}/"),
            ("progress", f"/tasks/{task}/progress/"),
            ("report", f"/tasks/{task}/reports/{period.pk}/"),
            ("bulk", "/progress/"),
            ("notifications", "/notifications/"),
        ],
        # 市丙局 (配合 on task 1) files its own part from its phone
        "reporter_c": [
            ("part", f"/tasks/{task}/parts/{period.pk}/"),
            ("bulk-parts", "/progress/"),
        ],
        "office": [
            ("overview", "/supervision/overview/"),
            ("dashboard", "/supervision/"),
            ("review", "/progress/review/"),
            ("late", "/progress/late/"),
            ("ranking", "/supervision/ranking/"),
            ("imports", "/imports/"),
            ("levels", f"/levels/?lower={document}"),
            ("lower", f"/documents/{document}/lower/"),
        ],
    }


def _png_width(name: str) -> int:
    head = (ARTIFACTS / f"{name}.png").read_bytes()[:24]
    return int(struct.unpack(">I", head[16:20])[0])


@pytest.mark.parametrize("size", list(SIZES))
def test_pages_fit_the_screen(live_server: Any, browser: Any, world: World, size: str) -> None:
    width, height = SIZES[size]
    for role, pages in _pages(world).items():
        page = login(new_page(browser, width=width, height=height), live_server.url, role, PASSWORD)
        for name, path in pages:
            answer = page.goto(f"{live_server.url}{path}")
            assert answer is not None and answer.status == 200, (role, path)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (role, path)
            assert page.evaluate(OFF_SCREEN) == [], (role, path)  # no control out of sight
            nav_open = page.is_visible("#site-nav")
            if size == "phone":
                assert not nav_open, path
                assert page.evaluate("document.querySelector('header.top').offsetHeight") <= 64
            else:
                assert nav_open, path
            if name in ("report", "part"):  # a phone offers its camera for the evidence
                assert "image/jpeg" in (page.get_attribute("#id_evidence", "accept") or "")
            shot = f"{size}-{role}-{name}"
            screenshot(page, shot)
            assert _png_width(shot) == width, shot
        if size == "phone":
            page.click("label.nav-button")
            assert page.is_visible("#site-nav")
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            screenshot(page, f"phone-{role}-menu")
