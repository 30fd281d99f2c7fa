"""Chinese everywhere: no page a user can reach shows a status or enum code as an English word.

The codes are collected, not listed: every value of a Django field with choices in duban's
models, and every string value of an ``Enum`` defined in duban or taskdoc (the status
engine's, the workflow's, name matching's, the parser's). A page is crawled for each role
from its navigation, following same-site links (GET only) to a bounded depth, in a world
like the demo's: a year of reports (one returned, one 办结 approved, late and missing ones),
an import preview with every kind of name match, a revision preview, a 通报 draft, a 延期
request, 批示 and reminders. The visible text (outside tags, attributes, scripts and styles,
plus the attributes users read: title, placeholder, alt, aria-label) must hold no code as a
whole word. The xlsx and docx the pages link to are read back the same way. The 后台
(Django admin) is crawled on its own.

Usernames are user data, not codes: the fixture's users are created under other logins, so
that "office" (a role code) is not also somebody's name in the header.
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
import io
import pkgutil
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pprint import pformat
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.test import Client

import duban
import taskdoc
from duban.accounts.models import Role, User
from duban.accounts.services import user_create
from duban.exports.services import bulletin_draft_create
from duban.plans.services import import_batch_create
from duban.progress.models import RevisionKind
from duban.progress.selectors import primary_unit
from duban.progress.services import instruction_add, reminders_run, revision_request
from taskdoc.model import ParseResult
from tests.duban.conftest import Spec, make_result
from tests.duban.outputs_year import JULY, Year, build_year, on, parse_result

pytestmark = pytest.mark.django_db

WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*")
DEPTH = 3  # from the first page: the nav, the pages they list, the pages those link to
PER_PATTERN = 3  # pages per URL shape (digits and query values ignored): /tasks/N/ ×3
SKIP_PREFIXES = ("/logout/", "/static/", "/media/", "/api/", "/admin/")
BINARY = (".pdf", ".zip", ".png", ".jpg")
READ_BACK = (".xlsx", ".docx")
NAMES = {"office": "dcs01", "auditor": "sj01", "reporter": "tb01", "leader": "ld01"}


# --- the codes ---------------------------------------------------------------------------


def _enum_values(package: Any) -> Iterator[str]:
    for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        if ".migrations" in info.name or info.name.endswith(".__main__"):
            continue
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if (
                isinstance(obj, type)
                and issubclass(obj, enum.Enum)
                and obj.__module__ == module.__name__
            ):
                yield from (str(m.value) for m in obj if isinstance(m.value, str))


def status_codes() -> frozenset[str]:
    """Every choice value of duban's models and every string Enum value of duban and taskdoc
    that looks like a word (``approved``, ``on_track``, ``task.view``; not ``""`` or ``"1"``)."""
    values: set[str] = set()
    for model in apps.get_models():
        if not model.__module__.startswith("duban."):
            continue
        for f in model._meta.fields:
            if f.choices:
                values.update(str(value) for value, _ in f.flatchoices)
    for package in (duban, taskdoc):
        values.update(_enum_values(package))
    return frozenset(v.lower() for v in values if WORD.fullmatch(v))


def codes_in(text: str, codes: frozenset[str]) -> list[str]:
    """The codes standing as whole words in ``text`` (a file name like notice.txt is one word)."""
    return sorted({w for w in WORD.findall(text) if w.lower() in codes})


def leaks(texts: dict[str, str], codes: frozenset[str]) -> dict[str, list[str]]:
    """url → each code found, with the words around it (what the failure message shows)."""
    found: dict[str, list[str]] = {}
    for url, text in texts.items():
        flat = " ".join(text.split())
        for match in WORD.finditer(flat):
            if match.group().lower() in codes:
                around = flat[max(0, match.start() - 20) : match.end() + 20]
                found.setdefault(url, []).append(f"{match.group()}: …{around}…")
    return found


class Visible(HTMLParser):
    """The text a user reads on a page, and the page's links."""

    HIDDEN = frozenset({"script", "style", "template"})
    READ_ATTRS = ("title", "placeholder", "alt", "aria-label")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self._hidden += 1
        given = {k: v or "" for k, v in attrs}
        self.parts.extend(given[a] for a in self.READ_ATTRS if given.get(a))
        if tag == "input" and given.get("type") in {"submit", "button", "reset"}:
            self.parts.append(given.get("value", ""))
        if tag == "a" and given.get("href"):
            self.links.append(given["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return "\n".join(self.parts)


def file_text(name: str, content: bytes) -> str:
    """The strings of an xlsx (every cell of its visible sheets: a hidden 「_meta」 is for the
    upload, not for people) or a docx (every paragraph and table cell)."""
    if name.endswith(".xlsx"):
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(content))
        shown = [s for s in book.worksheets if s.sheet_state == "visible"]
        return "\n".join(
            str(v) for sheet in shown for row in sheet.iter_rows(values_only=True) for v in row if v
        )
    import docx

    document = docx.Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


# --- the crawl ---------------------------------------------------------------------------


@dataclass
class Crawl:
    pages: dict[str, str] = field(default_factory=dict)  # url → visible text
    files: dict[str, str] = field(default_factory=dict)  # url → strings of an xlsx / docx
    errors: dict[str, int] = field(default_factory=dict)  # url → status ≥ 500


def _shape(url: str) -> str:
    parts = urlsplit(url)
    keys = sorted(k.split("=")[0] for k in parts.query.split("&") if k)
    return re.sub(r"\d+", "N", parts.path) + "?" + "&".join(keys)


def _same_site(base: str, href: str, skip: tuple[str, ...]) -> str | None:
    url = urljoin(base, href.strip())
    parts = urlsplit(url)
    if parts.scheme not in {"", "http"} or parts.netloc not in {"", "testserver"}:
        return None
    path = parts.path
    if path.startswith(skip) or path.endswith(BINARY):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def crawl(
    client: Client,
    start: str = "/",
    *,
    skip: tuple[str, ...] = SKIP_PREFIXES,
    deepest: int = DEPTH,
    per_shape: int = PER_PATTERN,
) -> Crawl:
    """Breadth first from ``start``: GET only, same site, ``deepest`` links deep, at most
    ``per_shape`` pages of one URL shape, nothing under ``skip``."""
    found = Crawl()
    queue: list[tuple[str, int]] = [(start, 0)]
    seen: set[str] = {start}
    shapes: Counter[str] = Counter()
    while queue:
        url, depth = queue.pop(0)
        response = client.get(url)
        if response.status_code >= 500:
            found.errors[url] = response.status_code
            continue
        if response.status_code in {301, 302}:
            links, depth = [response["Location"]], depth - 1  # a redirect is no step
        elif urlsplit(url).path.endswith(READ_BACK):
            if response.status_code == 200:
                found.files[url] = file_text(urlsplit(url).path, response.content)
            continue
        elif "text/html" in response.get("Content-Type", ""):
            page = Visible()
            page.feed(response.content.decode())
            found.pages[url] = page.text
            links = page.links
        else:
            continue
        if depth >= deepest:
            continue
        for href in links:
            target = _same_site(url, href, skip)
            if target is None or target in seen or shapes[_shape(target)] >= per_shape:
                continue
            seen.add(target)
            shapes[_shape(target)] += 1
            queue.append((target, depth + 1))
    return found


# --- the world ---------------------------------------------------------------------------

PREVIEW_SPECS = [
    Spec(
        1,
        "推进政务服务一网通办。",
        [("lead", "市发展和改革委员会"), ("responsible", "人社局")],
        ("张三",),
    ),
    Spec(
        2,
        "各街道做好社区服务。",
        [("responsible", "各街道办事处"), ("supporting", "相关单位")],
        ("赵六",),
    ),
    Spec(
        3,
        "建设智慧城市。",
        [("responsible", "市大数据管理局"), ("responsible", "市新设局")],
        ("王五",),
    ),
]


def _previews(fake_parse: Callable[[ParseResult], None]) -> None:
    """A new notice waiting in preview (every match kind) and a revision of the year's."""
    fake_parse(
        make_result(
            PREVIEW_SPECS, title="关于印发数字政府建设任务的通知", doc_number="测政办〔2024〕9号"
        )
    )
    import_batch_create(data=b"preview", filename="数字政府.txt", actor=None)
    revised = parse_result()
    changed = dataclasses.replace(revised.tasks[5], text="加快推进数字政府建设。")
    fake_parse(dataclasses.replace(revised, tasks=(*revised.tasks[:5], changed, revised.tasks[6])))
    import_batch_create(data=b"revision", filename="修订稿.txt", actor=None)


def _activity(year: Year, mp: pytest.MonkeyPatch) -> None:
    """A 通报 draft, a 延期 request, a 批示 (its author since deleted) and the reminders of
    2024-07-31."""
    with on(JULY, mp):
        bulletin_draft_create(document=year.document, as_of=JULY, actor=None)
        task = year.tasks[5]
        revision_request(
            task=task,
            unit=primary_unit(task),  # type: ignore[arg-type]
            kind=RevisionKind.EXTEND,
            reason="选址调整，申请延期。",
            new_deadline=date(2024, 11, 30),
            actor=None,
        )
        instruction_add(task=year.tasks[3], text="请加快开工进度。", actor=None)
        reminders_run(as_of=JULY)


def _renamed(**kwargs: Any) -> User:
    return user_create(**{**kwargs, "username": NAMES[kwargs["username"]]})


def demo_world(
    fake_parse: Callable[[ParseResult], None], monkeypatch: pytest.MonkeyPatch
) -> tuple[Year, dict[str, User]]:
    """The demo-like world (also the browser check's): the year, and its users keyed by role,
    who log in as dcs01, sj01, tb01, ld01, gly01 (password ``pw-123456``)."""
    monkeypatch.setattr("tests.duban.outputs_year.user_create", _renamed)
    year = build_year(fake_parse, monkeypatch)
    _previews(fake_parse)
    _activity(year, monkeypatch)
    users = dict(year.users)
    users["admin"] = user_create(username="gly01", password="pw-123456", role=Role.ADMIN)
    return year, users


@pytest.fixture
def world(
    fake_parse: Callable[[ParseResult], None], monkeypatch: pytest.MonkeyPatch
) -> dict[str, User]:
    return demo_world(fake_parse, monkeypatch)[1]


@pytest.fixture(scope="module")
def codes() -> frozenset[str]:
    return status_codes()


def test_the_code_set_holds_every_enum(codes: frozenset[str]) -> None:
    """The set is collected from the code: a sample from each kind of source is in it."""
    for code in ("approved", "submitted", "on_track", "no_report", "red", "exact", "fuzzy"):
        assert code in codes
    for code in ("streets", "unresolved", "office", "lead", "urge", "label_line", "task.view"):
        assert code in codes
    assert "" not in codes and "0" not in codes


def test_codes_are_found_as_words_only(codes: frozenset[str]) -> None:
    page = Visible()
    page.feed(
        '<p title="approved">状态：submitted。<script>var a = "fuzzy";</script>'
        '<span class="red">红灯</span> notice.txt exactness</p>'
    )
    assert codes_in(page.text, codes) == ["approved", "submitted"]


@pytest.mark.parametrize("role", ["office", "auditor", "reporter", "leader", "admin"])
def test_no_page_shows_a_code(world: dict[str, User], codes: frozenset[str], role: str) -> None:
    client = Client()
    client.force_login(world[role])
    found = crawl(client)
    assert found.errors == {}
    assert len(found.pages) >= 8, sorted(found.pages)
    shown = leaks({**found.pages, **found.files}, codes)
    assert not shown, pformat(shown, width=110)


# third parties' own admin pages (django-axes' login records, django-q's queue) are left out
ADMIN_SKIP = (
    "/admin/logout/",
    "/admin/axes/",
    "/admin/django_q/",
    "/static/",
    "/media/",
    "/api/",
)


def test_no_admin_page_shows_a_code(world: dict[str, User], codes: frozenset[str]) -> None:
    """The 后台 as the 系统管理员 sees it: the index, every list and form, one of each shape.

    Every field of duban's models has a Chinese ``verbose_name``; the import's JSON
    (``ImportBatch.document_info``, ``Task.source_data``) is shown as a Chinese summary; the
    permission lists name models and actions in Chinese; Django's few untranslated strings
    are overridden (``duban/audit/admin_templates``)."""
    client = Client()
    client.force_login(world["admin"])
    found = crawl(client, "/admin/", skip=ADMIN_SKIP, deepest=2, per_shape=1)
    assert found.errors == {}
    assert len(found.pages) >= 40, sorted(found.pages)
    shown = leaks(found.pages, codes)
    assert not shown, pformat(shown, width=110)
