"""Shared set-up for the real-browser tests: Debian's Chromium driven by Playwright.

Only offline flags: without the background-networking ones Chromium tries to reach
Google's hosts, which the machines' closed network refuses.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# The page's visible form controls and buttons whose box ends right of the viewport (in a
# table scrolled inside itself, out of a phone user's sight): ``page.evaluate`` gives a list.
OFF_SCREEN = """[...document.querySelectorAll('main input, main textarea, main select, main button')]
  .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .map(e => (e.name || e.id || e.tagName) + ' ' + (e.innerText || e.placeholder || ''))"""


@pytest.fixture
def browser() -> Iterator[Any]:
    """A headless Chromium; fails (never skips) with the fix when it cannot start."""
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


def new_page(browser: Any, *, width: int = 1280, height: int = 900) -> Any:
    """A page in a fresh Chinese-locale context."""
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height})
    return context.new_page()


def login(page: Any, base: str, username: str, password: str) -> Any:
    """Log ``page`` in as ``username`` through the login form; returns the page."""
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
    return page


def screenshot(page: Any, name: str) -> None:
    """Save a full-page PNG under test-artifacts/ (gitignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
