"""Issue 14 item 5: malformed values of every parameter, to every URL, never answer 5xx.

The URLs come from the resolver (every pattern but Django's own admin), so a page added
later is swept without anyone listing it; its ``<int:…>`` segments are filled with ids that
exist, ids that do not, 0 and ids past the database's integer range. The parameter names are
every name a view reads. Each request is made as the 督查室, as a unit reporter and
anonymously, by GET and by POST. A server error raises in the test client (its traceback is
the failure) and any 5xx status fails too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duban.exports.registry import EXPORTERS
from duban.exports.services import bulletin_draft_create
from tests.duban.progress import conftest as progress_world
from tests.duban.progress.conftest import World

pytestmark = pytest.mark.django_db
world = progress_world.world  # the progress pages' small world, as a fixture here too

# Every parameter name a view or API reads (grep "GET\|POST\|query_params" duban), and a few
# that none reads (they must be ignored, not crash).
NAMES = (
    "document", "as_of", "unit", "period", "leader", "page", "page_size", "q", "kind", "state",
    "task_list", "section", "role", "year", "expected", "published", "action", "decision",
    "version", "fmt", "next", "o",
)  # fmt: skip
HUGE = "99999999999999999999999"
NASTY = (
    "²", "١٢", HUGE, str(2**63), str(2**63 - 1), "-1", "0", "1.5", "1e9", "0x10", " 7 ",
    "9999-12-31", "0001-01-01", "2024-02-30", "2024-7-31", "2024-07-31", "abc", "xyz", "",
    " ", "\x00", "a\x00b", "%00", "\u2028", "🙂", "null", "[]", "{}", "' OR '1'='1",
    "<script>alert(1)</script>", "9" * 5000, "last", "submit", "approve", "new",
)  # fmt: skip
VALUES = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=12),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
QUERIES = st.dictionaries(st.sampled_from(NAMES), VALUES, max_size=4)
USERS = st.sampled_from(("office", "reporter", "anonymous"))
METHODS = st.sampled_from(("GET", "GET", "POST"))
SEGMENT = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
FUZZ = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _routes(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if not route.startswith("admin/"):  # Django's own admin parses its own parameters
                yield from _routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield "/" + route


ROUTES = sorted(set(_routes(get_resolver().url_patterns)))


def _segments(world: World) -> dict[str, st.SearchStrategy[str]]:
    """What each converter's segment may be: real ids, unknown ids, zero, huge ids."""
    existing = {
        world.document.pk, world.task.pk, world.other_task.pk, world.unit_a.pk, world.unit_b.pk,
        world.periods[0].pk, world.target.pk, world.milestones[0].pk, world.users["office"].pk,
    }  # fmt: skip
    bulletin = bulletin_draft_create(
        document=world.document, as_of=date(2024, 7, 31), actor=world.users["office"]
    )
    existing.add(bulletin.pk)
    ids = [*sorted(existing), 0, 987_654, 2**31, 2**63 - 1, 2**63, int(HUGE)]
    return {
        "int": st.sampled_from(ids).map(str),
        "slug": st.sampled_from([*EXPORTERS, "nope"]),
        "str": st.sampled_from(["docx", "pdf", "x", "²"]),
        "path": st.sampled_from(["x", "a/b"]),
    }


def _path(route: str, draw: Any, segments: dict[str, st.SearchStrategy[str]]) -> str:
    def fill(match: re.Match[str]) -> str:
        return draw(segments[match["converter"] or "str"])

    return SEGMENT.sub(fill, route)


def _client(world: World, user: str) -> Client:
    client = Client()  # raise_request_exception: a server error fails with its traceback
    if user != "anonymous":
        client.force_login(world.users[user])
    return client


def _send(world: World, path: str, user: str, method: str, query: dict[str, str]) -> None:
    client = _client(world, user)
    response = client.get(path, query) if method == "GET" else client.post(path, query)
    assert response.status_code < 500, (method, path, query, user, response.status_code)


def test_every_route_is_swept() -> None:
    assert len(ROUTES) > 40
    assert "/supervision/" in ROUTES and "/api/v1/tasks/<int:pk>/" in ROUTES


@pytest.mark.parametrize("route", ROUTES)
def test_no_parameter_value_makes_a_server_error(world: World, route: str) -> None:
    segments = _segments(world)

    @FUZZ
    @given(data=st.data(), query=QUERIES, user=USERS, method=METHODS)
    def sweep(data: st.DataObject, query: dict[str, str], user: str, method: str) -> None:
        _send(world, _path(route, data.draw, segments), user, method, query)

    sweep()


WORST = ("²", HUGE, "9999-12-31", "0001-01-01", "abc", "a\x00b")


@contextmanager
def _reads() -> Iterator[set[str]]:
    """Record every query/form key read through ``QueryDict`` (pages, forms and the API)."""
    names: set[str] = set()
    original = QueryDict.get

    def get(self: QueryDict, key: str, default: Any = None) -> Any:
        names.add(key)
        return original(self, key, default)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QueryDict, "get", get)
        yield names


def test_each_parameter_a_page_reads_alone(world: World) -> None:
    """Exhaustive for the worst values: each parameter a page reads, one at a time.

    Random combinations can hide a crash behind another parameter's 400; here every name a
    route reads (recorded on a plain visit) gets each of ``WORST`` on its own.
    """
    segments = {"int": str(world.task.pk), "slug": "ledger", "str": "docx", "path": "x"}
    read: dict[str, set[str]] = {}
    for route in ROUTES:
        path = SEGMENT.sub(lambda m: segments[m["converter"] or "str"], route)
        with _reads() as names:
            for user in ("office", "reporter"):
                _send(world, path, user, "GET", {})
        read[path] = names & set(NAMES)
    assert {"document", "as_of"} <= read["/supervision/"]
    assert {"unit", "period"} <= read["/progress/"] and "as_of" in read["/progress/late/"]
    for path, names in read.items():
        for name in sorted(names):
            for value in WORST:
                for user in ("office", "reporter"):
                    _send(world, path, user, "GET", {name: value})
