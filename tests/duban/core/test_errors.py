"""No traceback ever reaches a user: Chinese error pages, security headers, static files."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from duban.accounts.models import Role
from duban.accounts.services import user_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production(settings: Any) -> None:
    settings.DEBUG = False


@pytest.mark.urls("tests.duban.core.urls_boom")
def test_server_error_shows_chinese_page_without_traceback() -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "系统错误" in text
    for leak in ("Traceback", "RuntimeError", "secret-detail", "postgres://", "boom_view"):
        assert leak not in text


def test_not_found_page_is_chinese() -> None:
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert "未找到" in response.content.decode()
    assert "Page not found" not in response.content.decode()


def test_forbidden_page_is_chinese() -> None:
    client = Client()
    client.force_login(user_create(username="r", password="pw-123456", role=Role.REPORTER))
    response = client.get("/directory/")
    assert response.status_code == 403
    assert "没有权限" in response.content.decode()


def test_bad_request_page_is_chinese() -> None:
    response = Client().get("/login/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    text = response.content.decode()
    assert "请求有误" in text
    assert "DisallowedHost" not in text and "ALLOWED_HOSTS" not in text


def test_csrf_failure_page_is_chinese() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()


def test_security_headers() -> None:
    response = Client().get("/login/")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_static_files_are_served_without_debug() -> None:
    response = Client().get("/static/duban/htmx.min.js")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert b"htmx" in body
