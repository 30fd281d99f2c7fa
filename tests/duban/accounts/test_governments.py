"""Issue 10 item 4: each government's office sees and changes only its own ledger.

Every URL pattern the resolver knows is swept as the district's 督查室 and 审计 with the city's
objects: by id in the URL (``ID_ROUTES`` names which city object each segment gets) the
answer is 403/404 (405 for a method the view refuses), for GET and POST, and no audit record
is written; without ids (``LIST_ROUTES``) the city's ids go as query parameters and form
fields, and the page, export or API answer never carries the city's secret task or unit. A
route added later fails ``test_every_route_is_classified`` until it is put in one of them.
The granted read — the city task assigned to 管城回族区人民政府 — is readable, never writable.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from duban.accounts.permissions import Perm, can, task_scope
from duban.audit.models import AuditEvent
from duban.exports.registry import EXPORTERS
from duban.plans.selectors import visible_tasks
from tests.duban.accounts.governments import (
    DISTRICT_TEXT,
    GRANTED_TEXT,
    SECRET_TEXT,
    SECRET_UNIT,
    TwoGovernments,
    two,
)
from tests.duban.core.test_param_fuzz import ROUTES, SEGMENT

pytestmark = pytest.mark.django_db
__all__ = ["two"]

T = ("task",)
# route → the city object each <int:…> segment gets, in order
ID_ROUTES: dict[str, tuple[str, ...]] = {
    "/accounts/users/<int:pk>/": ("user",),
    "/accounts/users/<int:pk>/activate/": ("user",),
    "/accounts/users/<int:pk>/deactivate/": ("user",),
    "/accounts/users/<int:pk>/password/": ("user",),
    "/api/v1/tasks/<int:pk>/": T,
    "/api/v1/tasks/<int:pk>/reports/": T,
    "/bulletins/<int:pk>.<str:fmt>": ("bulletin",),
    "/bulletins/<int:pk>/": ("bulletin",),
    "/bulletins/<int:pk>/issue/": ("bulletin",),
    "/documents/<int:pk>/lower/": ("document",),
    "/documents/<int:pk>/periods/": ("document",),
    "/documents/<int:pk>/tasks/new/": ("document",),
    "/documents/<int:pk>/withdraw/": ("document",),
    "/drafts/<int:pk>/": ("draft",),
    "/drafts/<int:pk>/confirm/": ("draft",),
    "/drafts/<int:pk>/discard/": ("draft",),
    "/drafts/<int:pk>/notice.docx": ("draft",),
    "/drafts/<int:pk>/rows/<int:row_pk>/": ("draft", "draft_row"),
    "/drafts/<int:pk>/rows/<int:row_pk>/delete/": ("draft", "draft_row"),
    "/drafts/<int:pk>/rows/new/": ("draft",),
    "/evidence/<int:pk>/": ("missing",),
    "/imports/<int:pk>/": ("batch",),
    "/imports/<int:pk>/confirm/": ("batch",),
    "/imports/<int:pk>/discard/": ("batch",),
    "/imports/<int:pk>/names/<int:name_pk>/": ("batch", "name"),
    "/imports/actuals/<int:pk>/": ("actual",),
    "/imports/actuals/<int:pk>/confirm/": ("actual",),
    "/imports/actuals/<int:pk>/discard/": ("actual",),
    "/imports/actuals/<int:pk>/rows/<int:row_pk>/": ("actual", "actual_row"),
    "/leaders/<int:pk>/": ("leader",),
    "/messaging/log/<int:pk>/resend/": ("missing",),
    "/messaging/robots/<int:pk>/": ("robot",),
    "/messaging/robots/<int:pk>/delete/": ("robot",),
    "/messaging/robots/<int:pk>/test/": ("robot",),
    "/notifications/<int:pk>/read/": ("missing",),
    "/posts/<int:pk>/": ("post",),
    "/progress/orders/<int:pk>.docx": ("missing",),
    "/public/<int:pk>/": ("document",),
    "/supervision/tasks/<int:pk>/": T,
    "/tasks/<int:pk>/": T,
    "/tasks/<int:pk>/collectives/<int:collective_pk>/": ("task", "collective"),
    "/tasks/<int:pk>/edit/": T,
    "/tasks/<int:pk>/parts/<int:period_pk>/": ("task", "period"),
    "/tasks/<int:pk>/plan/": T,
    "/tasks/<int:pk>/progress/": T,
    "/tasks/<int:pk>/progress/acknowledge/": T,
    "/tasks/<int:pk>/progress/completion/": T,
    "/tasks/<int:pk>/progress/completion/<int:request_pk>/review/": ("task", "missing"),
    "/tasks/<int:pk>/progress/instruction/": T,
    "/tasks/<int:pk>/progress/revision/": T,
    "/tasks/<int:pk>/progress/revision/<int:revision_pk>/decide/": ("task", "missing"),
    "/tasks/<int:pk>/reports/<int:period_pk>/": ("task", "period"),
    "/units/<int:pk>/": ("unit",),
    "/units/<int:pk>/aliases/": ("unit",),
    "/units/<int:pk>/assignment.docx": ("unit",),
    "/units/<int:pk>/edit/": ("unit",),
}
LIST_ROUTES = frozenset(
    {
        "/", "/accounts/password/", "/accounts/users/", "/accounts/users/new/", "/api/v1/",
        "/api/v1/dashboard/", "/api/v1/docs/", "/api/v1/overview/", "/api/v1/schema/",
        "/api/v1/tasks/", "/api/v1/units/", "/bulletins/", "/directory/",
        "/directory/units.xlsx", "/documents/", "/drafts/", "/exports/<slug:identifier>.docx",
        "/exports/<slug:identifier>.xlsx", "/favicon.ico", "/imports/", "/imports/actuals/",
        "/leaders/", "/levels/", "/levels/decide/", "/levels/propose/", "/login/", "/logout/", "/messaging/", "/messaging/log/",
        "/messaging/mine/", "/messaging/robots/new/", "/notifications/",
        "/notifications/read-all/", "/posts/", "/progress/", "/progress/chase/",
        "/progress/late/", "/progress/orders/", "/progress/review/", "/progress/review/approve/",
        "/progress/sheet.xlsx", "/progress/upload/", "/supervision/", "/supervision/overview/",
        "/supervision/publication/", "/supervision/ranking/", "/supervision/ranking/weights/",
        "/supervision/screen/", "/supervision/screen/data/", "/supervision/year-end/",
        "/supervision/year-end/carry-over/", "/tasks/", "/tasks/mine/", "/units/",
    }
)  # fmt: skip
REFUSED = {403, 404, 405}
# writes that are not another government's: the user's own 通知设置, and the installation-wide
# e-mail switch (one ``OfficeChannels`` row; see docs/architecture.md, "Not scoped")
OWN_OR_SHARED_WRITES = frozenset({"/messaging/mine/", "/messaging/"})
DISTRICT = ("district_office", "district_auditor")


def _fill(route: str, keys: tuple[str, ...], ids: dict[str, int]) -> str:
    values = iter(str(ids[k]) for k in keys)
    filled = SEGMENT.sub(lambda m: next(values) if m["converter"] == "int" else "x", route)
    return filled.replace("<str:fmt>", "docx")


def _forged(two: TwoGovernments) -> dict[str, str]:
    """The city's ids under every name a page, form or API reads an object by."""
    ids = two.ids
    return {
        "document": str(ids["document"]), "unit": str(ids["unit"]), "units": str(ids["unit"]),
        "leader": str(ids["leader"]), "period": str(ids["period"]), "task": str(ids["task"]),
        "report": str(ids["report"]), "item": f"{ids['task']}-{ids['unit']}",
        "target": str(ids["task"]), "q": "", "action": "approve",
        "lower": str(ids["document"]), "upper": str(ids["document"]), "accept": "1",
    }  # fmt: skip


def _get(client: Client, path: str, query: dict[str, str] | None = None) -> tuple[int, str]:
    response = client.get(path, query or {})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body.decode("utf-8", "replace")


def test_every_route_is_classified() -> None:
    """A new URL fails here until it is put in ID_ROUTES or LIST_ROUTES (and so swept)."""
    assert set(ROUTES) == set(ID_ROUTES) | LIST_ROUTES
    assert not set(ID_ROUTES) & LIST_ROUTES


@pytest.mark.parametrize("route", sorted(ID_ROUTES))
def test_the_city_objects_are_refused_by_id(two: TwoGovernments, route: str) -> None:
    path = _fill(route, ID_ROUTES[route], two.ids)
    before = AuditEvent.objects.count()
    for name in DISTRICT:
        client = two.client(name)
        status, body = _get(client, path)
        assert status in REFUSED, (name, "GET", path, status)
        assert SECRET_TEXT not in body
        response = client.post(path, _forged(two))
        assert response.status_code in REFUSED, (name, "POST", path, response.status_code)
    assert AuditEvent.objects.count() == before, path


@pytest.mark.parametrize("route", sorted(LIST_ROUTES))
def test_lists_never_carry_the_city_secret(two: TwoGovernments, route: str) -> None:
    slugs = EXPORTERS if "<slug:identifier>" in route else ["x"]
    for slug in slugs:
        path = route.replace("<slug:identifier>", slug)
        for name in DISTRICT:
            client = two.client(name)
            for query in ({}, _forged(two)):
                status, body = _get(client, path, query)
                assert status < 500, (name, path, query)
                assert SECRET_TEXT not in body and SECRET_UNIT not in body, (name, path, query)


@pytest.mark.parametrize("route", sorted(LIST_ROUTES))
def test_forged_posts_change_nothing(two: TwoGovernments, route: str) -> None:
    if route in ("/login/", "/logout/") or route in OWN_OR_SHARED_WRITES:
        return
    path = route.replace("<slug:identifier>", next(iter(EXPORTERS)))
    before = AuditEvent.objects.count()
    for name in DISTRICT:
        response = two.client(name).post(path, _forged(two))
        assert response.status_code < 500, (name, path)
    assert AuditEvent.objects.count() == before, (path, AuditEvent.objects.first())


def test_the_city_sees_its_own_and_the_district_its_own(two: TwoGovernments) -> None:
    status, body = _get(two.client("city_office"), "/tasks/")
    assert status == 200 and SECRET_TEXT in body and GRANTED_TEXT in body
    assert DISTRICT_TEXT not in body
    status, body = _get(two.client("district_office"), "/tasks/")
    assert status == 200 and DISTRICT_TEXT in body and GRANTED_TEXT in body
    assert SECRET_TEXT not in body


GRANTED_READS = (
    "/tasks/{pk}/", "/tasks/{pk}/progress/", "/api/v1/tasks/{pk}/", "/supervision/tasks/{pk}/",
)  # fmt: skip
GRANTED_WRITES = (
    "/tasks/{pk}/edit/", "/tasks/{pk}/progress/acknowledge/", "/tasks/{pk}/progress/completion/",
    "/tasks/{pk}/progress/instruction/", "/tasks/{pk}/progress/revision/", "/tasks/{pk}/plan/",
)  # fmt: skip


@pytest.mark.parametrize("name", DISTRICT)
def test_the_city_task_given_to_the_district_is_read_only(two: TwoGovernments, name: str) -> None:
    user = two.users[name]
    assert visible_tasks(user=user).filter(pk=two.granted.pk).exists()
    assert can(user, Perm.TASK_VIEW, task=two.granted)
    for perm in (Perm.TASK_MANAGE, Perm.PROGRESS_REVIEW, Perm.PROGRESS_CHASE):
        assert not can(user, perm, task=two.granted)
    client = two.client(name)
    for template in GRANTED_READS:
        status, body = _get(client, template.format(pk=two.granted.pk))
        assert status == 200 and GRANTED_TEXT in body, template
    before = AuditEvent.objects.count()
    for template in GRANTED_WRITES:
        response = client.post(template.format(pk=two.granted.pk), {"text": "改", "reason": "x"})
        assert response.status_code in REFUSED, (template, response.status_code)
    assert AuditEvent.objects.count() == before


def test_one_government_keeps_the_office_global(two: TwoGovernments) -> None:
    """With several governments the scope is real; an office without one sees nothing."""
    assert task_scope(two.users["city_office"]) is not None
    stray = two.users["district_office"]
    stray.government = None
    stray.save()
    stray._duban_seat = None  # type: ignore[attr-defined]
    assert not visible_tasks(user=stray).exists()


def _link(two: TwoGovernments, status: str) -> Any:
    """The district's own task linked to the city's secret task (as the 上下级关联 page
    would after 建议关联 and the district office's decision)."""
    from duban.levels.models import Basis, LevelLink

    return LevelLink.objects.create(
        upper_document=two.city_doc, lower_document=two.district_doc,
        upper_task=two.secret, lower_task=two.own, basis=Basis.TEXT, score=0.5,
        reason="内容相近", status=status,
    )  # fmt: skip


def test_a_confirmed_link_lets_the_city_read_the_district_task(two: TwoGovernments) -> None:
    """The city office reads the district task that implements its own, and only once the
    link is confirmed; it may not change it, and the district still never reads the city's
    task through the link."""
    from duban.levels.models import LinkStatus

    city = two.users["city_office"]
    link = _link(two, LinkStatus.PENDING)
    assert not visible_tasks(user=city).filter(pk=two.own.pk).exists()
    link.status = LinkStatus.CONFIRMED
    link.save()
    city._duban_seat = None  # type: ignore[attr-defined]
    assert visible_tasks(user=city).filter(pk=two.own.pk).exists()
    assert can(city, Perm.TASK_VIEW, task=two.own)
    assert not can(city, Perm.TASK_MANAGE, task=two.own)
    assert not can(city, Perm.PROGRESS_REVIEW, task=two.own)
    status, body = _get(two.client("city_office"), f"/tasks/{two.own.pk}/")
    assert status == 200 and DISTRICT_TEXT in body
    status, body = _get(two.client("city_office"), f"/documents/{two.city_doc.pk}/lower/")
    assert status == 200 and DISTRICT_TEXT in body
    district = two.users["district_office"]
    assert not visible_tasks(user=district).filter(pk=two.secret.pk).exists()


def test_the_district_decides_only_its_own_links(two: TwoGovernments) -> None:
    """A link whose lower document is the city's cannot be decided by the district, and the
    district's 上下级关联 page offers only the district's documents as the lower one."""
    from duban.levels.models import LinkStatus

    link = _link(two, LinkStatus.PENDING)
    client = two.client("city_office")
    response = client.post("/levels/decide/", {"confirm_one": str(link.pk)})
    assert response.status_code == 404
    link.refresh_from_db()
    assert link.status == LinkStatus.PENDING
    status, body = _get(client, "/levels/")
    assert status == 200 and two.district_doc.title not in body
    response = two.client("district_office").post("/levels/decide/", {"confirm_one": str(link.pk)})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.status == LinkStatus.CONFIRMED
