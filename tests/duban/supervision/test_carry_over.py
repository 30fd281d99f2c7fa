"""Year-end carry-over (结转): the page's cut-off, 销号 and withdrawn tasks, the confirmation.

Regression for issue 11 item 2: the form sent no ``as_of`` (the server used its default
cut-off), the button said 58 and the result said 59, a task already 销号 was carried over,
and nothing asked for confirmation.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from duban.core.exceptions import ApplicationError
from duban.plans.models import Task
from duban.progress.selectors import primary_unit
from duban.progress.services import completion_request_create, completion_review
from duban.supervision.models import CarriedTask
from duban.supervision.services import tasks_carry_over
from tests.duban.outputs_year import Year, on

pytestmark = pytest.mark.django_db
URL = "/supervision/year-end/carry-over/"


def _office(year: Year) -> Client:
    client = Client()
    client.force_login(year.users["office"])
    return client


def _close(year: Year, number: int, day: date, monkeypatch: pytest.MonkeyPatch) -> None:
    """销号 task ``number`` on ``day`` (办结申请, then approved the same day)."""
    task = year.tasks[number]
    with on(day, monkeypatch):
        request = completion_request_create(
            task=task,
            unit=primary_unit(task),  # type: ignore[arg-type]
            summary="已完成。",
            actor=None,
        )
        completion_review(request=request, approve=True, note="", actor=None)


def _carried(year: Year) -> list[int]:
    links = CarriedTask.objects.filter(origin__task_list__document=year.document)
    return sorted(link.origin.number for link in links)


def _button_count(html: str) -> int:
    match = re.search(r"结转(\d+)项未完成任务", html)
    assert match, html
    return int(match.group(1))


def test_form_carries_the_pages_cut_off(year: Year) -> None:
    page = _office(year).get(f"/supervision/year-end/?document={year.document.pk}&as_of=2024-07-31")
    assert page.status_code == 200
    assert 'name="as_of" value="2024-07-31"' in page.text
    # without ?as_of the page uses the default cut-off, and the form pins that one too
    page = _office(year).get(f"/supervision/year-end/?document={year.document.pk}")
    assert 'name="as_of" value="2025-01-10"' in page.text


def test_carry_over_uses_the_pages_cut_off_and_matches_the_button(
    year: Year, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Task 1 is 销号 on 2025-02-01, after the default cut-off (the December report, 01-10)."""
    _close(year, 1, date(2025, 2, 1), monkeypatch)
    client = _office(year)
    doc = year.document.pk
    page = client.get(f"/supervision/year-end/?document={doc}&as_of=2025-03-01")
    count = _button_count(page.text)
    assert count == 5  # tasks 2-6; 7 was 销号 in June, 1 in February
    confirm = client.get(URL, {"document": doc, "as_of": "2025-03-01", "year": 2025})
    assert confirm.status_code == 200
    assert "确认结转5项" in confirm.text
    response = client.post(
        URL, {"document": doc, "as_of": "2025-03-01", "year": 2025, "expected": count}
    )
    assert response.status_code == 302
    assert _carried(year) == [2, 3, 4, 5, 6]


def test_a_task_closed_after_the_cut_off_is_not_carried(
    year: Year, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unfinished on the cut-off but 销号 since: shown apart, never carried."""
    _close(year, 1, date(2025, 2, 1), monkeypatch)
    page = _office(year).get(f"/supervision/year-end/?document={year.document.pk}")
    assert _button_count(page.text) == 5
    assert "另有1项截止日后已销号，不再结转" in page.text
    result = tasks_carry_over(document=year.document, year=2025, actor=year.users["office"])
    assert len(result.created) == 5
    assert 1 not in _carried(year)


def test_withdrawn_tasks_are_not_carried(year: Year) -> None:
    Task.objects.filter(pk=year.tasks[6].pk).update(is_withdrawn=True)
    result = tasks_carry_over(
        document=year.document, year=2025, as_of=date(2025, 1, 10), actor=year.users["office"]
    )
    assert len(result.created) == 5
    assert _carried(year) == [1, 2, 3, 4, 5]


def test_confirmation_page_shows_the_exact_count_and_writes_nothing(year: Year) -> None:
    client = _office(year)
    doc = year.document.pk
    confirm = client.get(URL, {"document": doc, "as_of": "2024-07-31", "year": 2025})
    assert confirm.status_code == 200
    assert "确认结转6项" in confirm.text
    assert 'name="expected" value="6"' in confirm.text
    assert 'name="as_of" value="2024-07-31"' in confirm.text
    assert "2024年7月31日" in confirm.text
    assert CarriedTask.objects.count() == 0


def test_a_stale_confirmation_is_refused(year: Year, monkeypatch: pytest.MonkeyPatch) -> None:
    """The count confirmed is the count carried: if it changed meanwhile, nothing is written."""
    _close(year, 2, date(2025, 2, 1), monkeypatch)
    with pytest.raises(ApplicationError, match="5项"):
        tasks_carry_over(
            document=year.document,
            year=2025,
            as_of=date(2025, 1, 10),
            expected=6,
            actor=year.users["office"],
        )
    assert CarriedTask.objects.count() == 0
    response = _office(year).post(
        URL, {"document": year.document.pk, "as_of": "2025-01-10", "year": 2025, "expected": 6}
    )
    assert response.status_code == 302
    assert CarriedTask.objects.count() == 0


def test_post_without_confirmation_writes_nothing(year: Year) -> None:
    response = _office(year).post(URL, {"document": year.document.pk, "year": 2025})
    assert response.status_code == 302
    assert CarriedTask.objects.count() == 0


def test_confirmation_refuses_a_year_that_is_not_later(year: Year) -> None:
    response = _office(year).get(
        URL, {"document": year.document.pk, "as_of": "2024-07-31", "year": 2024}, follow=True
    )
    assert "结转年度须晚于原任务年度。" in response.text
    assert "确认结转" not in response.text
