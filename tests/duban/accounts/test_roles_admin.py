"""The 系统管理员 is the superuser; the 督查室 is staff that may correct business data only."""

from __future__ import annotations

import pytest
from django.test import Client

from duban.accounts.models import Role, User
from duban.accounts.services import user_create

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_demo_office_is_no_superuser_and_the_sysadmin_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from duban.cli.demo import _users

    monkeypatch.setenv("DUBAN_DEMO_PASSWORD", "Demo-督办-2024")
    printed = {username: label for username, _pw, label in _users()}
    assert printed["sysadmin"] == "系统管理员：系统管理员"
    office, sysadmin = User.objects.get(username="office"), User.objects.get(username="sysadmin")
    assert (office.role, office.is_superuser, office.is_staff) == (Role.OFFICE, False, True)
    assert (sysadmin.role, sysadmin.is_superuser, sysadmin.is_staff) == (Role.ADMIN, True, True)
    city = User.objects.get(username="cityoffice")  # 郑州市督查室: an office, of the city
    assert (city.role, city.is_superuser, city.is_staff) == (Role.OFFICE, False, True)
    assert (
        str(city.government) == "郑州市人民政府" and str(office.government) == "管城回族区人民政府"
    )
    others = User.objects.exclude(username__in=["office", "cityoffice", "sysadmin"])
    assert not others.filter(is_superuser=True) and not others.filter(is_staff=True)


@pytest.mark.parametrize(
    ("path", "office_status"),
    [
        ("/admin/", 200),
        ("/admin/plans/task/", 200),
        ("/admin/progress/evidence/", 200),
        ("/admin/orgs/orgunit/add/", 200),
        ("/admin/audit/auditevent/", 200),  # read-only
        ("/admin/accounts/user/", 403),
        ("/admin/auth/group/", 403),
        ("/admin/authtoken/tokenproxy/", 403),
        ("/admin/axes/accessattempt/", 403),
    ],
)
def test_the_office_corrects_business_data_but_not_accounts(path: str, office_status: int) -> None:
    office = user_create(username="office", password="pw-123456", role=Role.OFFICE)
    sysadmin = user_create(username="sysadmin", password="pw-123456", role=Role.ADMIN)
    assert _client(office).get(path).status_code == office_status
    assert _client(sysadmin).get(path).status_code == 200


def test_the_office_may_not_make_itself_superuser() -> None:
    office = user_create(username="office", password="pw-123456", role=Role.OFFICE)
    client = _client(office)
    url = f"/admin/accounts/user/{office.pk}/change/"
    response = client.post(url, {"username": "office", "is_superuser": "on", "role": "admin"})
    assert response.status_code == 403
    office.refresh_from_db()
    assert not office.is_superuser and office.role == Role.OFFICE


def test_other_roles_have_no_admin() -> None:
    for role in (Role.AUDITOR, Role.LEADER, Role.REPORTER):
        user = user_create(username=role.value, password="pw-123456", role=role)
        assert not user.is_staff and not user.is_superuser
        assert _client(user).get("/admin/plans/task/").status_code == 302  # to the admin login
