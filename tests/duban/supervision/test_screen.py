"""The 督查大屏 and its JSON: the dashboard's figures (same selector, same scope), a page
that obeys the Content-Security-Policy, and a refresh source that cannot show another
document. The fixture year is described in ``tests/duban/outputs_year.py``."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pytest
from django.test import Client

from duban.accounts.models import Role
from duban.accounts.services import user_create
from tests.duban.outputs_year import JULY, Year

pytestmark = pytest.mark.django_db


def _client(year: Year, name: str) -> Client:
    client = Client()
    client.force_login(year.users[name])
    return client


def _data(client: Client, query: str) -> dict[str, Any]:
    response = client.get(f"/supervision/screen/data/?{query}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    data: dict[str, Any] = json.loads(response.content)
    return data


def test_the_screen_shows_the_dashboards_figures(year: Year) -> None:
    doc = year.document.pk
    response = _client(year, "office").get(f"/supervision/screen/?document={doc}&as_of=2024-07-31")
    assert response.status_code == 200
    html = response.content.decode()
    figures = dict(re.findall(r'data-figure="(\w+)">([^<]*)<', html))
    assert figures == {
        "total": "7",
        "done": "1",
        "done_share": "14%",
        "on_track": "4",
        "on_track_share": "57%",
        "blue": "1",
        "green": "3",
        "yellow": "1",
        "red": "2",
        "unreported": "1",
        "attention": "2",
    }
    assert '状态截至 <strong data-text="as_of_label">2024年7月31日</strong>' in html
    # the lagging list: 逾期 first (task 3), then 滞后 (task 5)
    rows = re.findall(
        r'<tr><td class="num">(\d+)</td>.*?<span class="badge light-(\w+)">(\w+)</span>', html
    )
    assert rows == [("3", "red", "逾期"), ("5", "yellow", "滞后")]
    assert 'class="top"' not in html  # full screen: no site navigation


def test_the_json_agrees_with_the_dashboard_api(year: Year) -> None:
    client = _client(year, "office")
    query = f"document={year.document.pk}&as_of=2024-07-31"
    data = _data(client, query)
    api = json.loads(client.get(f"/api/v1/dashboard/?{query}").content)
    figures = data["figures"]
    assert (figures["total"], figures["done"], figures["on_track"]) == (
        api["total"],
        api["done"],
        api["on_track"],
    )
    assert {k: figures[k] for k in api["lights"]} == api["lights"]
    assert data["sections"]["labels"] == [b["label"] for b in api["by_section"]]
    for key, groups in (("units", api["by_unit"]), ("leaders", api["by_leader"])):
        assert data[key]["labels"] == [b["label"] for b in groups]
        red = next(s for s in data[key]["series"] if s["name"] == "红灯")
        assert red["data"] == [b["lights"]["red"] for b in groups]
    assert data["units"]["note"] == "共6个单位"
    assert data["trend"]["labels"][0] == "2024年3月"
    assert [r["number"] for r in data["attention"]["rows"]] == [3, 5]
    assert data["as_of"] == "2024-07-31" and data["as_of_label"] == "2024年7月31日"


def test_a_reporter_sees_their_units_figures_only(year: Year) -> None:
    """市发改委's reporter: task 1 only, on the page and in each refresh."""
    client = _client(year, "reporter")
    doc = year.document.pk
    data = _data(client, f"document={doc}&as_of=2024-07-31")
    assert data["figures"]["total"] == 1 and data["figures"]["green"] == 1
    assert data["units"]["labels"] == ["市发展和改革委员会"]
    assert data["attention"] == {"total": 0, "rows": []}
    html = client.get(f"/supervision/screen/?document={doc}&as_of=2024-07-31").content.decode()
    assert 'data-figure="total">1<' in html and "无逾期或滞后任务。" in html


def test_the_refresh_source_keeps_the_document_and_the_day(year: Year) -> None:
    doc = year.document.pk
    client = _client(year, "office")
    fixed = client.get(f"/supervision/screen/?document={doc}&as_of=2024-07-31").content.decode()
    assert f'data-source="/supervision/screen/data/?document={doc}&amp;as_of=2024-07-31"' in fixed
    assert 'data-refresh="300"' in fixed
    live = client.get(f"/supervision/screen/?document={doc}").content.decode()
    assert f'data-source="/supervision/screen/data/?document={doc}"' in live  # today, each time


def test_the_live_json_counts_as_of_today(year: Year, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("duban.core.clock.today", lambda: date(2024, 4, 30))
    data = _data(_client(year, "office"), f"document={year.document.pk}")
    assert data["as_of"] == "2024-04-30"
    assert data["trend"]["labels"] == ["2024年3月"]  # only the periods due by then


def test_a_document_out_of_sight_is_a_404_never_another(year: Year) -> None:
    client = _client(year, "reporter")
    response = client.get(f"/supervision/screen/data/?document={year.document.pk + 99}")
    assert response.status_code == 404
    assert json.loads(response.content) == {"message": "未找到该任务文件，或无权查看。"}
    assert client.get("/supervision/screen/data/?document=abc").status_code == 400
    nobody = user_create(username="tb-none", password="pw-123456", role=Role.REPORTER)
    lonely = Client()
    lonely.force_login(nobody)
    assert lonely.get("/supervision/screen/").status_code == 404
    assert lonely.get("/supervision/screen/data/").status_code == 404


def test_anonymous_users_are_sent_to_log_in(year: Year) -> None:
    for url in ("/supervision/screen/", "/supervision/screen/data/"):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_page_keeps_to_the_policy(year: Year) -> None:
    """No inline script (the data is JSON the browser does not run), no style attribute,
    every asset from this site."""
    html = (
        _client(year, "office")
        .get(f"/supervision/screen/?document={year.document.pk}")
        .content.decode()
    )
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts == [
        ' id="screen-data" type="application/json"',
        ' src="/static/supervision/echarts.min.js"',
        ' src="/static/supervision/screen.js"',
    ]
    assert "style=" not in html
    assert re.findall(r'(?:href|src)="(https?:)?//', html) == []


def test_the_dashboard_links_to_the_screen(year: Year) -> None:
    client = _client(year, "office")
    doc = year.document.pk
    html = client.get(f"/supervision/?document={doc}").content.decode()
    assert f'<a href="/supervision/screen/?document={doc}" id="screen-link">大屏</a>' in html
    dated = client.get(f"/supervision/?document={doc}&as_of={JULY.isoformat()}").content.decode()
    assert f'href="/supervision/screen/?document={doc}&as_of=2024-07-31" id="screen-link"' in dated
