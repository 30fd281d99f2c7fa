"""In Chromium: the import preview's field sources read on a 390 px phone and on a desktop.

Screenshots go to ``test-artifacts/import-preview-*.png`` (gitignored).
"""

from __future__ import annotations

from typing import Any

import pytest

from duban.accounts.models import Role
from duban.accounts.services import user_create
from duban.plans.services import import_batch_create
from tests.duban.chromium import login, new_page, screenshot
from tests.duban.plans.test_preview_sources import NOTICE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_preview_sources_fit_the_screen(live_server: Any, browser: Any, width: int) -> None:
    user_create(username="office", password="pw-123456", role=Role.OFFICE)
    batch = import_batch_create(data=NOTICE, filename="分解方案.txt", actor=None)
    page = login(new_page(browser, width=width), live_server.url, "office", "pw-123456")
    page.goto(f"{live_server.url}/imports/{batch.pk}/")
    why = page.locator("table.preview-rows small.why")
    assert why.count() >= 8
    assert why.first.is_visible()
    assert "据分组标题" in page.inner_text("table.preview-rows")
    box = page.locator("table.preview-rows").bounding_box()
    assert box is not None and box["x"] + box["width"] <= width + 1
    screenshot(page, f"import-preview-{width}")
