"""Issue 14 finding 6: malformed parameters answer 400 with a Chinese message, never a 500.

Each URL of ``CRASHES`` answered HTTP 500 before: ``str.isdigit`` accepts ``²``, an id past
the database's integer range overflowed SQLite, ``9999-12-31`` overflowed the date arithmetic
of the late list, ``?unit=abc`` reached the ORM as text. Deeply nested JSON escaped the API's
parser as a ``RecursionError``, and malformed JSON was answered in English.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.http import QueryDict
from django.test import Client

from duban.core import params
from duban.core.params import BadParameterError
from tests.duban.progress import conftest as progress_world
from tests.duban.progress.conftest import World

world = progress_world.world  # the progress pages' small world, as a fixture here too
HUGE = "99999999999999999999999"


def _q(**values: str) -> QueryDict:
    query = QueryDict(mutable=True)
    query.update(values)
    return query


# --- the parser -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("²", "不是有效的编号"),
        ("١٢", "不是有效的编号"),  # Arabic-Indic digits: int() would accept them
        ("-1", "不是有效的编号"),
        ("1.0", "不是有效的编号"),
        ("0", "超出编号的范围"),
        (HUGE, "超出编号的范围"),
        (str(2**63), "超出编号的范围"),
        ("9" * 5000, "超出编号的范围"),  # past int()'s digit limit: no ValueError either
    ],
)
def test_ids(value: str, problem: str) -> None:
    with pytest.raises(BadParameterError) as caught:
        params.get_id(_q(document=value), "document")
    assert caught.value.message.startswith("参数“document”的值“")
    assert problem in caught.value.message
    assert len(caught.value.message) < 120  # a 5000-digit value is quoted cut short


def test_ids_accept_what_they_should() -> None:
    assert params.get_id(_q(document=" 42 "), "document") == 42
    assert params.get_id(_q(document=str(2**63 - 1)), "document") == 2**63 - 1
    assert params.get_id(_q(document=""), "document") is None
    assert params.get_id(_q(), "document") is None


@pytest.mark.parametrize(
    "value",
    ["9999-12-31", "0001-01-01", "2024-02-30", "2024-7-31", "20240731", "昨天", "2024-W01-1"],
)
def test_dates(value: str) -> None:
    with pytest.raises(BadParameterError, match="参数“as_of”的值"):
        params.get_date(_q(as_of=value), "as_of")


def test_dates_accept_iso_days_in_range() -> None:
    assert params.get_date(_q(as_of="2024-07-31"), "as_of") == date(2024, 7, 31)
    assert params.get_date(_q(as_of=""), "as_of") is None


def test_choices_pages_and_text() -> None:
    assert params.get_choice(_q(state="new"), "state", ["new", "error"]) == "new"
    with pytest.raises(BadParameterError, match="可选：new、error"):
        params.get_choice(_q(state="zzz"), "state", ["new", "error"])
    assert params.get_page(_q()) == 1 and params.get_page(_q(page="3")) == 3
    for bad in ("0", "abc", "²", HUGE, "last"):
        with pytest.raises(BadParameterError, match="参数“page”"):
            params.get_page(_q(page=bad))
    assert params.get_text(_q(q=" 发改委 "), "q") == "发改委"
    for bad in ("a\x00b", "x" * 201):
        with pytest.raises(BadParameterError, match="参数“q”"):
            params.get_text(_q(q=bad), "q")


def test_the_message_shows_control_characters_as_marks() -> None:
    with pytest.raises(BadParameterError) as caught:
        params.get_id(_q(unit="a\x00\tb"), "unit")
    assert "\x00" not in caught.value.message and "“a��b”" in caught.value.message


# --- the pages and the API --------------------------------------------------------------

CRASHES = [
    "/supervision/?document=²",
    f"/supervision/?document={HUGE}",
    "/progress/late/?as_of=9999-12-31",
    "/progress/?unit=abc&period=xyz",
    f"/tasks/?document={HUGE}",
    f"/api/v1/tasks/?document={HUGE}",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", CRASHES)
def test_former_crashes_answer_400_in_chinese(world: World, url: str) -> None:
    user = "reporter" if url.startswith("/progress/?") else "office"
    client = Client(raise_request_exception=False)
    client.force_login(world.users[user])
    response = client.get(url)
    assert response.status_code == 400
    text = response.content.decode()
    message = json.loads(text)["message"] if url.startswith("/api/") else text
    assert "参数“" in message and "的值“" in message
    assert "Traceback" not in text


@pytest.mark.django_db
def test_the_400_page_names_the_parameter_and_the_problem(world: World) -> None:
    page = world.client("office").get("/progress/late/?as_of=9999-12-31").content.decode()
    assert "请求参数有误" in page
    assert "参数“as_of”的值“9999-12-31”超出可用的日期范围（1900-01-01 至 2199-12-31）" in page


@pytest.mark.django_db
def test_a_bad_filter_is_refused_not_dropped(world: World) -> None:
    """Before, a filter the form could not read was ignored and the ledger showed every task."""
    response = world.client("office").get("/tasks/?unit=abc")
    assert response.status_code == 400
    assert "参数“unit”" in response.content.decode()


def _api(world: World) -> Client:
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    client.force_login(world.users["office"])
    client.cookies["csrftoken"] = "a" * 32  # the CSRF check reads the body before any view
    return client


@pytest.mark.django_db
def test_deeply_nested_json_is_a_chinese_400(world: World) -> None:
    body = "[" * 100_000 + "]" * 100_000
    response = _api(world).post("/api/v1/tasks/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"message": "请求体的 JSON 嵌套过深（最多 32 层）。"}


@pytest.mark.django_db
def test_nesting_under_the_recursion_limit_is_still_bounded(world: World) -> None:
    body = "[" * 100 + "]" * 100
    response = _api(world).post("/api/v1/tasks/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert "嵌套过深" in response.json()["message"]


@pytest.mark.django_db
def test_malformed_json_is_answered_in_chinese(world: World) -> None:
    response = _api(world).post("/api/v1/tasks/", data="{bad", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "message": "请求体不是有效的 JSON（第 1 行第 2 列：属性名须用双引号）。"
    }


@pytest.mark.django_db
def test_api_pages_and_text_use_the_same_parser(world: World) -> None:
    client = world.client("office")
    assert client.get("/api/v1/tasks/?page=²").json()["message"].startswith("参数“page”")
    assert client.get("/api/v1/units/?q=%00").status_code == 400
    assert client.get(f"/api/v1/tasks/?document={world.document.pk}").status_code == 200
