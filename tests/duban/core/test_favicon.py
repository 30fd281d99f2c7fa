"""The product's icon: a local file (no CDN), linked from every page's head, and
``/favicon.ico`` answering for the pages that link none (the 后台) instead of a 404."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from PIL import Image

from duban.accounts.models import Role
from duban.accounts.services import user_create

pytestmark = pytest.mark.django_db

ICON = re.compile(r'<link rel="icon" href="([^"]+)">')


def _served(client: Client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_favicon_ico_leads_to_the_local_icon(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/duban/favicon.ico"
    icon = Image.open(io.BytesIO(_served(client, response["Location"])))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32)} <= set(icon.info["sizes"])
    assert finders.find("duban/favicon.ico")


@pytest.mark.parametrize("path", ["/login/", "/tasks/", "/api/v1/docs/"])
def test_pages_link_the_local_icon(client: Client, path: str) -> None:
    user = user_create(username="dcs01", password="pw-123456", role=Role.OFFICE)
    client.force_login(user)
    page = client.get(path)
    assert page.status_code == 200, path
    found = ICON.search(page.content.decode())
    assert found, path
    assert found.group(1) == "/static/duban/favicon.ico"
