"""总览: each document's line is that document's dashboard headline, and the sum adds up."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from duban.supervision import selectors
from duban.supervision.overview import overview
from tests.duban.outputs_year import JULY, Year

pytestmark = pytest.mark.django_db

DAYS = (date(2024, 1, 1), date(2024, 4, 11), JULY, date(2024, 12, 31), date(2025, 3, 1))


@pytest.mark.parametrize("role", ["office", "reporter", "leader"])
def test_each_line_equals_the_dashboard_headline(year: Year, role: str) -> None:
    user = year.users[role]
    tasks = selectors.scoped_tasks(user=user)
    documents = list(selectors.document_list(user=user))
    for day in DAYS:
        board = overview(documents=documents, as_of=day, tasks=tasks)
        (line,) = board.lines
        dashboard = selectors.dashboard(document=year.document, as_of=day, tasks=tasks)
        assert (line.total, line.done, line.on_track) == (
            dashboard.total,
            dashboard.done,
            dashboard.on_track,
        )
        assert +line.colours == +dashboard.colours
        assert board.total.colours == line.colours


def test_page_and_api_show_the_same_figures(year: Year) -> None:
    client = Client()
    client.force_login(year.users["office"])
    page = client.get("/supervision/overview/?as_of=2024-07-31")
    assert page.status_code == 200
    api = client.get("/api/v1/overview/?as_of=2024-07-31").json()
    assert api["total"]["total"] == 7
    assert api["total"]["lights"] == {"blue": 1, "green": 3, "yellow": 1, "red": 2}
    assert [d["document"]["id"] for d in api["documents"]] == [year.document.pk]
    assert page.text.count('data-figure="total">7<') == 2  # the document's line and the sum
    assert 'data-colour="red">2<' in page.text


def test_malformed_date_is_a_chinese_400(year: Year) -> None:
    client = Client()
    client.force_login(year.users["office"])
    assert client.get("/supervision/overview/?as_of=2024-13-40").status_code == 400
    answer = client.get("/api/v1/overview/?as_of=yesterday")
    assert answer.status_code == 400


def test_no_documents_is_an_empty_overview(db: None) -> None:
    board = overview(documents=[], as_of=JULY)
    assert board.lines == [] and board.total.total == 0
