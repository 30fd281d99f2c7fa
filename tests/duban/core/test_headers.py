"""Finding 9 (headers): a Content-Security-Policy on every page, no inline script or style
left in the templates, and no server version in ``Server``."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from duban.core.headers import ServerHeaderMiddleware

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = sorted((ROOT / "duban").rglob("templates/**/*.html"))
VERSION = re.compile(r"\d+\.\d+|cpython|python|wsgiserver", re.IGNORECASE)


def _directives(header: str) -> dict[str, list[str]]:
    parts = (p.strip().split() for p in header.split(";") if p.strip())
    return {p[0]: p[1:] for p in parts}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/login/", "/tasks/", "/static/duban/duban.css"])
def test_pages_carry_the_policy_and_no_server_version(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (200, 302)
    server = response.headers.get("Server", "")
    assert not VERSION.search(server), server
    if path.startswith("/static/"):
        return
    policy = _directives(response.headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]


def test_the_development_servers_banner_is_replaced_and_gunicorns_left_alone() -> None:
    from django.http import HttpResponse
    from django.test import RequestFactory

    middleware = ServerHeaderMiddleware(lambda request: HttpResponse("ok"))
    dev = RequestFactory().get("/", SERVER_SOFTWARE="WSGIServer/0.2 CPython/3.11.7")
    assert middleware(dev)["Server"] == "duban"
    # gunicorn writes its own bare "Server: gunicorn"; a second header would be a duplicate
    prod = RequestFactory().get("/", SERVER_SOFTWARE="gunicorn/27.0.1")
    assert "Server" not in middleware(prod)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_has_inline_script_event_handler_or_style_attribute(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    for tag in re.findall(r"<script\b[^>]*>", text):
        # external files and JSON data blocks (json_script renders type=application/json)
        assert "src=" in tag or "application/json" in tag, tag
    assert not re.search(r"\son[a-z]+\s*=", text), "inline event handler"
    assert not re.search(r"\sstyle\s*=", text), "inline style attribute"
    assert "javascript:" not in text


def test_every_inline_style_block_is_allowed_by_its_hash() -> None:
    allowed = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    blocks = [
        body
        for t in TEMPLATES
        for body in re.findall(r"<style>(.*?)</style>", t.read_text(encoding="utf-8"), re.S)
    ]
    assert blocks, "the error pages keep a self-contained <style>"
    for body in blocks:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed, body[:60]


def test_json_script_renders_a_data_block_not_a_script() -> None:
    from django.template import Context, Template

    html = Template('{{ data|json_script:"x" }}').render(Context({"data": {"a": "</script>"}}))
    assert html.startswith('<script id="x" type="application/json">')
    assert "</script>" not in html[len('<script id="x" type="application/json">') : -9]
