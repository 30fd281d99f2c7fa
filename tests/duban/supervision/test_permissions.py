"""Permission matrix for the supervision and export pages: role × page × own/other unit."""

from __future__ import annotations

import pytest
from django.test import Client

from duban.exports.models import Bulletin
from duban.exports.services import bulletin_draft_create, bulletin_issue
from duban.orgs.models import Leader
from duban.supervision.services import publication_set
from tests.duban.outputs_year import JULY, Year

pytestmark = pytest.mark.django_db
ROLES = ("office", "auditor", "leader", "reporter")


def _url(year: Year, page: str, draft: Bulletin, issued: Bulletin) -> str:
    doc = year.document.pk
    own, other = year.units["市发展和改革委员会"].pk, year.units["市人社局"].pk
    zhang, li = Leader.objects.get(name="张三").pk, Leader.objects.get(name="李四").pk
    return {
        "dashboard": f"/supervision/?document={doc}",
        "timeline_own": f"/supervision/tasks/{year.tasks[1].pk}/",
        "timeline_other": f"/supervision/tasks/{year.tasks[2].pk}/",
        "ranking": f"/supervision/ranking/?document={doc}",
        "year_end": f"/supervision/year-end/?document={doc}",
        "public": f"/public/{doc}/",
        "ledger": f"/exports/ledger.xlsx?document={doc}",
        "ledger_own_unit": f"/exports/ledger.xlsx?document={doc}&unit={own}",
        "ledger_other_unit": f"/exports/ledger.xlsx?document={doc}&unit={other}",
        "ledger_own_leader": f"/exports/ledger.xlsx?document={doc}&leader={zhang}",
        "ledger_other_leader": f"/exports/ledger.xlsx?document={doc}&leader={li}",
        "ranking_xlsx": f"/exports/ranking.xlsx?document={doc}",
        "bulletins": "/bulletins/",
        "bulletin_draft": f"/bulletins/{draft.pk}/",
        "bulletin_draft_docx": f"/bulletins/{draft.pk}.docx",
        "bulletin_issued": f"/bulletins/{issued.pk}/",
        "bulletin_issued_docx": f"/bulletins/{issued.pk}.docx",
    }[page]


# office / auditor / leader (张三: tasks 1, 3, 7; member of no unit) / reporter (市发改委, task 1)
MATRIX: dict[str, tuple[int, int, int, int]] = {
    "dashboard": (200, 200, 200, 200),
    "timeline_own": (200, 200, 200, 200),
    "timeline_other": (200, 200, 403, 403),
    "ranking": (200, 200, 200, 200),
    "year_end": (200, 200, 200, 200),
    "public": (200, 200, 200, 403),
    "ledger": (200, 200, 200, 200),
    "ledger_own_unit": (200, 200, 403, 200),
    "ledger_other_unit": (200, 200, 403, 403),
    "ledger_own_leader": (200, 200, 200, 403),
    "ledger_other_leader": (200, 200, 403, 403),
    "ranking_xlsx": (200, 200, 200, 200),
    "bulletins": (200, 200, 200, 200),
    "bulletin_draft": (200, 403, 403, 403),
    "bulletin_draft_docx": (200, 403, 403, 403),
    "bulletin_issued": (200, 200, 200, 200),
    "bulletin_issued_docx": (200, 200, 200, 200),
}

POSTS = (
    "/supervision/ranking/weights/",
    "/supervision/year-end/carry-over/",
    "/supervision/publication/",
)


@pytest.fixture
def bulletins(year: Year) -> tuple[Bulletin, Bulletin]:
    draft = bulletin_draft_create(document=year.document, as_of=JULY, actor=None)
    issued = bulletin_issue(
        bulletin=bulletin_draft_create(document=year.document, as_of=JULY, actor=None), actor=None
    )
    return draft, issued


def _client(year: Year, role: str) -> Client:
    client = Client()
    client.force_login(year.users[role])
    return client


@pytest.mark.parametrize("role", ROLES)
def test_matrix(year: Year, bulletins: tuple[Bulletin, Bulletin], role: str) -> None:
    client = _client(year, role)
    got = {page: client.get(_url(year, page, *bulletins)).status_code for page in MATRIX}
    assert got == {page: codes[ROLES.index(role)] for page, codes in MATRIX.items()}


@pytest.mark.parametrize("role", ["auditor", "leader", "reporter"])
def test_only_the_office_writes(
    year: Year, role: str, bulletins: tuple[Bulletin, Bulletin]
) -> None:
    client = _client(year, role)
    data = {"document": year.document.pk, "year": 2025, "published": "1"}
    for url in POSTS:
        assert client.post(url, data).status_code == 403
    draft = bulletins[0]
    assert client.post(f"/bulletins/{draft.pk}/issue/").status_code == 403
    assert client.post("/bulletins/", {"document": year.document.pk}).status_code == 403


def test_anonymous_is_sent_to_login_and_public_is_off_by_default(
    year: Year, bulletins: tuple[Bulletin, Bulletin]
) -> None:
    client = Client()
    for page in MATRIX:
        response = client.get(_url(year, page, *bulletins))
        if page == "public":
            assert response.status_code == 404
        else:
            assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_published_view_is_anonymous_and_has_no_unit_rows(year: Year) -> None:
    publication_set(document=year.document, published=True, actor=year.users["office"])
    page = Client().get(f"/public/{year.document.pk}/?as_of=2024-07-31")
    assert page.status_code == 200
    assert "重点任务 <strong>7</strong> 项" in page.text
    for unit in year.units:
        assert unit not in page.text
    assert _client(year, "reporter").get(f"/public/{year.document.pk}/").status_code == 200
    publication_set(document=year.document, published=False, actor=year.users["office"])
    assert Client().get(f"/public/{year.document.pk}/").status_code == 404


def test_office_posts_work(year: Year) -> None:
    client = _client(year, "office")
    doc = year.document.pk
    assert (
        client.post("/supervision/publication/", {"document": doc, "published": "1"}).status_code
        == 302
    )
    assert (
        client.post(
            "/supervision/ranking/weights/",
            {"document": doc, "on_time": 25, "targets_met": 25, "schedule_met": 25, "quality": 25},
        ).status_code
        == 302
    )
    carry = {"document": doc, "year": 2025, "as_of": "2025-01-10"}
    assert client.get("/supervision/year-end/carry-over/", carry).status_code == 200
    assert (
        client.post("/supervision/year-end/carry-over/", {**carry, "expected": 6}).status_code
        == 302
    )
    response = client.post("/bulletins/", {"document": doc, "as_of": "2024-07-31"})
    assert response.status_code == 302
