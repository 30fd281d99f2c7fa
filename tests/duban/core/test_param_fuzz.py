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

# Every parameter name a view, form or API reads — checked against what the views really read
# (test_the_swept_names_are_every_name_a_view_reads) — and a few that none reads.
NAMES = (
    # query parameters of pages and the API
    "document", "as_of", "unit", "period", "leader", "page", "page_size", "q", "kind", "state",
    "task_list", "section", "role", "year", "expected", "published", "action", "decision",
    "version", "format", "next", "lang", "script",
    # form fields of the POST views (test_the_swept_names_… keeps this list complete)
    "username", "password", "title", "doc_number", "heading", "body", "content",
    "overall_target", "responsible_person", "stage-TOTAL_FORMS", "stage-INITIAL_FORMS",
    "stage-MIN_NUM_FORMS", "stage-MAX_NUM_FORMS", "stage-0-text", "stage-0-due_date",
    "summary", "file-clear", "target", "new_value", "new_deadline", "reason", "text", "note",
    "name", "level", "parent", "is_active", "successor", "new_leader_name", "effective_on",
    "progress", "problems", "next_steps", "stage", "stage_text", "actual_0", "label",
    "due_date", "on_time", "targets_met", "schedule_met", "quality", "report", "cc",
    "recipients",  # the 通报 draft's 主送机关
    # 催办 / 督办单 (the ticked "<task>-<unit>" pairs and the 督办要求)
    "item", "requirement",
    # the bulk report page's rows, one prefix a task ("t<pk>-"; numbers read as 0 here)
    "t0-progress", "t0-problems", "t0-next_steps", "t0-stage", "t0-stage_text",
    "t0-actual_0", "t0-version", "t0-evidence-clear",
    # each unit's own part (its page and the bulk page's part rows, "p<pk>-"); the 汇总 drawn
    # from the parts (?prefill=parts), the part rows' page, the collective's chosen units
    "evidence-clear", "prefill", "ppage", "p0-progress", "p0-problems", "p0-next_steps",
    "p0-actual_0", "p0-version", "p0-evidence-clear",
    # 消息推送: the robot form, the e-mail switches, the delivery log's filter
    "url", "secret", "clear_secret", "style", "kinds", "enabled", "email", "email_enabled",
    "channel",
    # the import's confirm: the 修订冲突 rows settled for the notice's version
    "take_notice",
    # 添加任务 / 修改任务: the task, its unit, milestone and target rows ("<row>-0-…")
    "source", "deadline_text", "leaders", "number",
    "unit-TOTAL_FORMS", "unit-INITIAL_FORMS", "unit-MIN_NUM_FORMS", "unit-MAX_NUM_FORMS",
    "unit-0-unit", "unit-0-role",
    "milestone-TOTAL_FORMS", "milestone-INITIAL_FORMS", "milestone-MIN_NUM_FORMS",
    "milestone-MAX_NUM_FORMS", "milestone-0-id", "milestone-0-due_date", "milestone-0-ongoing",
    "milestone-0-text", "milestone-0-raw_phrase", "milestone-0-DELETE",
    "target-TOTAL_FORMS", "target-INITIAL_FORMS", "target-MIN_NUM_FORMS",
    "target-MAX_NUM_FORMS", "target-0-id", "target-0-metric", "target-0-kind",
    "target-0-comparator", "target-0-value", "target-0-value_max", "target-0-unit",
    "target-0-phrase", "target-0-raw_text", "target-0-DELETE",
    # 上下级关联: the chosen lower / upper documents, the status filter, the decisions
    "lower", "upper", "status", "link", "accept", "confirm_one", "reject_one",
    # 用户 (accounts of the 督查室) and 修改密码
    "display_name", "units", "password2", "old_password", "new_password1", "new_password2",
    "password0", "new_password0",  # the same two names as the check reads them (digits → 0)
    # 任务分解草稿 (a work report's draft): its header, a row ("r<pk>-…"), 在下方添加
    "government", "after", "r0-text", "r0-leaders", "r0-lead_units", "r0-responsible_units",
    "r0-deadline", "r0-version",
    # names no view reads: they must be ignored, not crash
    "fmt", "o",
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
    """Random values of random names, half of them names this route is known to read."""
    segments = _segments(world)
    read = sorted(
        {n for (_, r, _), names in _read_by_route(world).items() if r == route for n in names}
    )
    keys = st.sampled_from(NAMES) | st.sampled_from(read) if read else st.sampled_from(NAMES)
    queries = st.dictionaries(keys, VALUES, max_size=4)

    @FUZZ
    @given(data=st.data(), query=queries, user=USERS, method=METHODS)
    def sweep(data: st.DataObject, query: dict[str, str], user: str, method: str) -> None:
        _send(world, _path(route, data.draw, segments), user, method, query)

    sweep()


WORST = ("²", HUGE, "9999-12-31", "0001-01-01", "abc", "a\x00b")
# What the probes send so that every form binds, including those behind a branch on a key
# (``"create" in request.POST``, ``action == "review"``).
PROBES = {
    "GET": ({}, {"_probe": "1"}),
    "POST": (
        {"action": "save", "create": "1", "upload": "1", "handover": "1", "rename": "1"},
        {"action": "review"},
    ),
}
NOT_PARAMETERS = frozenset({"_probe", "create", "upload", "handover", "rename"})
_NUMBER = re.compile(r"[0-9]+")
_READ: dict[tuple[str, str, str], set[str]] = {}  # (method, route, user) → names, per run


@contextmanager
def _reads() -> Iterator[set[str]]:
    """Record every query/form key read through ``QueryDict`` (pages, forms and the API)."""
    names: set[str] = set()

    def recording(method: Any) -> Any:
        def read(self: QueryDict, key: str, *args: Any) -> Any:
            names.add(key)
            return method(self, key, *args)

        return read

    with pytest.MonkeyPatch.context() as patch:
        for method in ("get", "getlist", "__getitem__", "__contains__"):
            patch.setattr(QueryDict, method, recording(getattr(QueryDict, method)))
        yield names


def _fill(world: World, route: str) -> str:
    segments = {"int": str(world.task.pk), "slug": "ledger", "str": "docx", "path": "x"}
    return SEGMENT.sub(lambda m: segments[m["converter"] or "str"], route)


def _read_by_route(world: World) -> dict[tuple[str, str, str], set[str]]:
    """Every name each route reads, by method and user (recorded once per test run)."""
    if not _READ:
        for route in ROUTES:
            for method, queries in PROBES.items():
                for user in ("office", "reporter"):
                    with _reads() as names:
                        for query in queries:
                            _send(world, _fill(world, route), user, method, query)
                    _READ[(method, route, user)] = names - NOT_PARAMETERS
    return _READ


def test_the_swept_names_are_every_name_a_view_reads(world: World) -> None:
    """A page that reads a parameter the sweep does not know fails here until it is listed."""
    read = _read_by_route(world)
    assert {"document", "as_of"} <= read[("GET", "/supervision/", "office")]
    assert {"unit", "period"} <= read[("GET", "/progress/", "reporter")]
    assert "as_of" in read[("GET", "/progress/late/", "office")]
    assert {"content", "stage-TOTAL_FORMS"} <= read[("POST", "/tasks/<int:pk>/plan/", "reporter")]
    every = {_NUMBER.sub("0", name) for names in read.values() for name in names}
    unknown = sorted(every - set(NAMES))
    assert unknown == [], f"parameters read but not swept (add them to NAMES): {unknown}"


def test_each_parameter_a_page_reads_alone(world: World) -> None:
    """Exhaustive for the worst values: each parameter a page reads, one at a time.

    Random combinations can hide a crash behind another parameter's 400; here every name a
    route reads (recorded by the probes above, by GET and by POST, per user) gets each of
    ``WORST`` on its own, from the user who reads it.
    """
    for (method, route, user), names in sorted(_read_by_route(world).items()):
        path = _fill(world, route)
        for name in sorted(names):
            for value in WORST:
                _send(world, path, user, method, {name: value})
