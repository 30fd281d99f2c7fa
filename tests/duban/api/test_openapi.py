"""The OpenAPI schema: it validates with no warning, it tells the truth about the answers,
and its Swagger UI and the ``/api/v1/`` index are served from this site alone."""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import resolve
from jsonschema import Draft202012Validator

from duban.accounts.services import token_issue
from duban.api import urls as api_urls
from tests.duban.chromium import new_page
from tests.duban.progress.conftest import World

pytestmark = pytest.mark.django_db


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def _schema() -> dict[str, Any]:
    answer = Client().get("/api/v1/schema/?format=json")  # public, like the index
    assert answer.status_code == 200
    return json.loads(answer.content)


def test_the_schema_validates_with_no_warning(tmp_path: Path) -> None:
    out = tmp_path / "openapi.json"
    # --validate checks the document against the OpenAPI 3.1 JSON schema (jsonschema, offline);
    # --fail-on-warn turns any view drf-spectacular cannot describe into a failure
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--format",
        "openapi-json",
        "--file",
        str(out),
    )
    schema = json.loads(out.read_text(encoding="utf-8"))
    assert schema["openapi"].startswith("3.1")
    assert _has_chinese(schema["info"]["title"])
    operations = [(p, m, op) for p, ops in schema["paths"].items() for m, op in ops.items()]
    assert {(p, m) for p, m, _ in operations} >= {
        ("/api/v1/", "get"),
        ("/api/v1/tasks/", "get"),
        ("/api/v1/tasks/{id}/", "get"),
        ("/api/v1/tasks/{id}/reports/", "get"),
        ("/api/v1/tasks/{id}/reports/", "post"),
        ("/api/v1/units/", "get"),
        ("/api/v1/dashboard/", "get"),
        ("/api/v1/overview/", "get"),
    }
    for path, method, op in operations:
        assert _has_chinese(op["summary"]) and _has_chinese(op["description"]), (path, method)
        assert all(_has_chinese(tag) for tag in op["tags"]), (path, method)
    push = schema["paths"]["/api/v1/tasks/{id}/reports/"]["post"]
    assert {"200", "201", "400", "403", "404", "409"} <= set(push["responses"])
    assert "tokenAuth" in schema["components"]["securitySchemes"]
    assert _schema() == schema  # the served document is the generated one


@pytest.mark.parametrize("query", ["version=a%0Ab", "version=%0D", "lang=%00", "lang=xx"])
def test_odd_schema_parameters_are_no_500(query: str) -> None:
    """drf-spectacular copied ``?version=`` into a header, where a newline was a 500."""
    answer = Client(raise_request_exception=False).get(f"/api/v1/schema/?format=json&{query}")
    assert answer.status_code == 200
    assert json.loads(answer.content)["info"]["version"] == "v1"


def _closed(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy whose objects allow no undocumented key (a view adding a field must say so)."""
    schema = copy.deepcopy(schema)
    stack: list[Any] = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "properties" in node and "additionalProperties" not in node:
                node["additionalProperties"] = False
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return schema


def _check(schema: dict[str, Any], path: str, method: str, answer: Any) -> None:
    """``answer`` (status and JSON) is what the schema says ``path``/``method`` answers."""
    responses = schema["paths"][path][method]["responses"]
    assert str(answer.status_code) in responses, (path, answer.status_code)
    body = responses[str(answer.status_code)]["content"]["application/json"]["schema"]
    root = _closed({**body, "components": schema["components"]})
    validator = Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(answer.json())]
    assert errors == [], (path, method, answer.status_code, errors[:5])


def test_the_answers_are_what_the_schema_says(world: World) -> None:
    schema = _schema()
    office = world.client("office")
    doc, task = world.document.pk, world.task.pk
    reads = [
        ("/api/v1/", "/api/v1/"),
        ("/api/v1/tasks/", f"/api/v1/tasks/?document={doc}&as_of=2024-07-15"),
        ("/api/v1/tasks/", f"/api/v1/tasks/?document={doc}&page_size=1"),
        ("/api/v1/tasks/{id}/", f"/api/v1/tasks/{task}/"),
        ("/api/v1/tasks/{id}/reports/", f"/api/v1/tasks/{task}/reports/"),
        ("/api/v1/units/", "/api/v1/units/?q=局"),
        ("/api/v1/dashboard/", f"/api/v1/dashboard/?document={doc}&as_of=2024-07-31"),
        ("/api/v1/overview/", "/api/v1/overview/?as_of=2024-07-31"),
        # errors are documented too
        ("/api/v1/tasks/", "/api/v1/tasks/?document=abc"),
        ("/api/v1/tasks/{id}/", "/api/v1/tasks/999999/"),
        ("/api/v1/dashboard/", "/api/v1/dashboard/?document=999999"),
    ]
    for path, url in reads:
        _check(schema, path, "get", office.get(url))
    _check(schema, "/api/v1/tasks/", "get", Client().get("/api/v1/tasks/"))  # 401

    key = token_issue(username="reporter")
    system = Client(headers={"authorization": f"Token {key}"})
    reports = f"/api/v1/tasks/{task}/reports/"
    body = {
        "period": "2024-06",
        "progress": "完成选址。",
        "submit": False,
        "actuals": [{"target": world.target.pk, "value": "650.5"}],
    }
    for expected, then in ((201, body), (409, {"period": "2023-01"}), (400, body)):
        answer = system.post(reports, body, content_type="application/json")  # 2nd: stale
        assert answer.status_code == expected
        _check(schema, "/api/v1/tasks/{id}/reports/", "post", answer)
        body = then
    # the sheet with a report in it
    _check(schema, "/api/v1/tasks/{id}/reports/", "get", system.get(reports))
    other = world.client("reporter_c").post(reports, body, content_type="application/json")
    _check(schema, "/api/v1/tasks/{id}/reports/", "post", other)  # 403


def test_the_index_lists_every_endpoint_with_a_chinese_description() -> None:
    answer = Client().get("/api/v1/")  # no login needed to find out what exists
    assert answer.status_code == 200
    index = answer.json()
    assert _has_chinese(index["authentication"]) and "Token" in index["authentication"]
    routed = {p.name for p in api_urls.urlpatterns} - {"api-index"}
    assert {e["name"] for e in index["endpoints"]} == routed
    for entry in index["endpoints"]:
        assert _has_chinese(entry["description"]), entry
        assert resolve(entry["url"].replace("{id}", "1")).url_name == entry["name"]
        assert entry["methods"] and "OPTIONS" not in entry["methods"]
    reports = next(e for e in index["endpoints"] if e["name"] == "api-task-reports")
    assert reports["methods"] == ["GET", "POST"]
    assert (index["schema"], index["docs"]) == ("/api/v1/schema/", "/api/v1/docs/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts = 0
        self.inline_styles = 0
        self._open = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.urls += [v for k, v in found.items() if k in ("src", "href") and v]
        self.inline_styles += "style" in found
        self._open = tag if tag in ("script", "style") and "src" not in found else ""

    def handle_data(self, data: str) -> None:
        if self._open and data.strip():
            self.inline_scripts += self._open == "script"
            self.inline_styles += self._open == "style"


def test_the_docs_page_uses_local_files_only() -> None:
    client = Client()
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    links = _Links()
    links.feed(html)
    assert (links.inline_scripts, links.inline_styles) == (0, 0)  # the CSP allows neither
    assert "//" not in re.sub(r"<!--.*?-->", "", html).replace("<!DOCTYPE html>", "")
    script = [u for u in links.urls if u.startswith("/api/v1/docs/")]
    assert script == ["/api/v1/docs/?script="]
    for url in set(links.urls) - set(script):
        assert url.startswith("/static/"), url
        assert client.get(url).status_code == 200, url  # the sidecar's files are really there
    assert {u.rsplit("/", 1)[-1] for u in links.urls} >= {
        "swagger-ui.css",
        "swagger-ui-bundle.js",
        "swagger-ui-standalone-preset.js",
    }
    start = client.get(script[0])
    assert start.status_code == 200 and start["Content-Type"].startswith("application/javascript")
    code = start.content.decode()
    assert '"/api/v1/schema/"' in code
    assert re.search(r'"validatorUrl":\s*null', code)  # no badge from the public validator
    assert not re.search(r"https?://", code)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_docs_page_renders_offline_under_the_policy(live_server: Any, browser: Any) -> None:
    page = new_page(browser)
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".opblock-summary", timeout=20_000)
    assert page.locator(".opblock").count() >= 8
    assert "任务列表及其状态灯" in page.content()
    assert page.evaluate("window.__csp") == []
    assert errors == []
    foreign = [u for u in requested if not u.startswith((live_server.url, "data:"))]
    assert foreign == []
