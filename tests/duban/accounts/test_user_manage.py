"""Issue 12 item 6: the 督查室 manages accounts in the app (用户), never a 系统管理员.

Creating (with a one-time password shown once, or one the validators accept), roles and
units, 停用/启用 and password resets are audited; a 系统管理员 or superuser is out of the
督查室's reach; nobody stops or demotes themselves; reporters get 403; CSRF is needed;
malformed input is a Chinese form error.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from duban.accounts.models import Role, UnitMembership, User
from duban.accounts.services import (
    AccountInput,
    account_create,
    account_password_reset,
    account_set_active,
    account_update,
    user_create,
)
from duban.audit.models import AuditEvent
from duban.core.exceptions import ApplicationError
from duban.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db
PASSWORD = "Ruo-督办-2024"
ERRORS = re.compile(r'<ul class="(?:errorlist[^"]*|messages)"[^>]*>(.*?)</ul>', re.S)
SHOWN = re.compile(r'<code id="one-time-password">([^<]+)</code>')


@pytest.fixture
def unit() -> OrgUnit:
    return OrgUnit.objects.create(name="区发展和改革局")


@pytest.fixture
def office() -> User:
    return user_create(username="dcs01", password=PASSWORD, role=Role.OFFICE)


@pytest.fixture
def admin() -> User:
    return user_create(username="root01", password=PASSWORD, role=Role.ADMIN)


def _client(user: User, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def _logs_in(username: str, password: str) -> bool:
    response = Client().post("/login/", {"username": username, "password": password})
    return response.status_code == 302


def _reporter(office: User, unit: OrgUnit, name: str = "tb01") -> User:
    user, _ = account_create(
        username=name,
        data=AccountInput(display_name="填报员", role=Role.REPORTER, units=(unit,)),
        actor=office,
    )
    User.objects.filter(pk=user.pk).update(must_change_password=False)  # as after 修改密码
    user.must_change_password = False
    return user


# --- services -------------------------------------------------------------------------------


def test_a_new_account_gets_a_one_time_password_and_is_audited(office: User, unit: OrgUnit) -> None:
    user, password = account_create(
        username="tb01",
        data=AccountInput(display_name="甲局填报员", role=Role.REPORTER, units=(unit,)),
        actor=office,
    )
    assert len(password) >= 12 and _logs_in("tb01", password)
    assert (user.is_staff, user.is_superuser) == (False, False)
    assert list(UnitMembership.objects.filter(user=user).values_list("unit", flat=True)) == [
        unit.pk
    ]
    event = AuditEvent.objects.get(action="user.create", object_id=str(user.pk))
    assert event.actor == office
    assert password not in str(event.data) and event.data["generated"] is True
    assert {"field": "单位", "before": "", "after": "区发展和改革局"} in event.data["changes"]


def test_the_office_never_makes_or_touches_a_system_administrator(
    office: User, admin: User, unit: OrgUnit
) -> None:
    with pytest.raises(ApplicationError, match="系统管理员"):
        account_create(username="x1", data=AccountInput("", Role.ADMIN), actor=office)
    reporter = _reporter(office, unit)
    with pytest.raises(ApplicationError, match="系统管理员"):
        account_update(user=reporter, data=AccountInput("", Role.ADMIN), actor=office)
    for attempt in (
        lambda: account_password_reset(user=admin, actor=office),
        lambda: account_set_active(user=admin, active=False, actor=office),
        lambda: account_update(user=admin, data=AccountInput("", Role.OFFICE), actor=office),
    ):
        with pytest.raises(ApplicationError, match="系统管理员"):
            attempt()
    admin.refresh_from_db()
    assert admin.is_active and admin.is_superuser and admin.check_password(PASSWORD)
    reporter.refresh_from_db()
    assert reporter.role == Role.REPORTER and not reporter.is_superuser
    assert not User.objects.filter(username="x1").exists()


def test_nobody_stops_or_demotes_themselves(office: User) -> None:
    with pytest.raises(ApplicationError, match="停用自己"):
        account_set_active(user=office, active=False, actor=office)
    with pytest.raises(ApplicationError, match="修改密码"):
        account_password_reset(user=office, actor=office)
    with pytest.raises(ApplicationError, match="自己的角色"):
        account_update(user=office, data=AccountInput("王五", Role.REPORTER), actor=office)
    office.refresh_from_db()
    assert office.is_active and office.role == Role.OFFICE and office.check_password(PASSWORD)
    account_update(user=office, data=AccountInput("王五", Role.OFFICE), actor=office)
    office.refresh_from_db()
    assert office.display_name == "王五"


def test_roles_and_units_change_with_staff_rights_and_an_audit(office: User, unit: OrgUnit) -> None:
    reporter = _reporter(office, unit)
    account_update(user=reporter, data=AccountInput("新督查员", Role.OFFICE), actor=office)
    reporter.refresh_from_db()
    assert reporter.role == Role.OFFICE and reporter.is_staff and not reporter.is_superuser
    assert not reporter.memberships.exists()
    event = AuditEvent.objects.get(action="user.update")
    fields = {c["field"]: (c["before"], c["after"]) for c in event.data["changes"]}
    assert fields["角色"] == ("单位填报员", "督查室") and fields["单位"] == ("区发展和改革局", "")


def test_a_stopped_account_cannot_log_in_until_started_again(office: User, unit: OrgUnit) -> None:
    reporter = _reporter(office, unit)
    password = account_password_reset(user=reporter, actor=office)
    account_set_active(user=reporter, active=False, actor=office)
    assert not _logs_in("tb01", password)
    account_set_active(user=reporter, active=True, actor=office)
    assert _logs_in("tb01", password)
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="user.").order_by("pk")][
        -2:
    ] == ["user.deactivate", "user.activate"]


def test_a_reset_replaces_the_password_and_honours_the_validators(
    office: User, unit: OrgUnit
) -> None:
    reporter = _reporter(office, unit)
    with pytest.raises(ApplicationError, match=r"全是数字|太常见"):
        account_password_reset(user=reporter, password="12345678", actor=office)
    account_password_reset(user=reporter, password="Qing-2024-督办", actor=office)
    assert _logs_in("tb01", "Qing-2024-督办")
    generated = account_password_reset(user=reporter, actor=office)
    assert not _logs_in("tb01", "Qing-2024-督办") and _logs_in("tb01", generated)
    events = AuditEvent.objects.filter(action="user.password_reset")
    assert events.count() == 2 and all(generated not in str(e.data) for e in events)


def test_a_reset_lifts_the_login_lockout(office: User, unit: OrgUnit) -> None:
    reporter = _reporter(office, unit)
    client = Client()
    for _ in range(5):
        client.post("/login/", {"username": "tb01", "password": "wrong"})
    assert client.post("/login/", {"username": "tb01", "password": "x"}).status_code == 429
    password = account_password_reset(user=reporter, actor=office)
    assert client.post("/login/", {"username": "tb01", "password": password}).status_code == 302
    assert AuditEvent.objects.get(action="user.password_reset").data["unlocked"] >= 1


def test_only_the_office_manages_accounts(office: User, unit: OrgUnit) -> None:
    reporter = _reporter(office, unit)
    with pytest.raises(PermissionDenied):
        account_create(username="x2", data=AccountInput("", Role.OFFICE), actor=reporter)
    with pytest.raises(PermissionDenied):
        account_password_reset(user=office, actor=reporter)


# --- pages ----------------------------------------------------------------------------------


def test_the_office_creates_an_account_and_sees_its_password_once(
    office: User, unit: OrgUnit
) -> None:
    client = _client(office)
    assert client.get("/accounts/users/new/").status_code == 200
    response = client.post(
        "/accounts/users/new/",
        {"username": "tb02", "display_name": "乙局", "role": "reporter", "units": [str(unit.pk)]},
    )
    assert response.status_code == 200 and "no-store" in response.get("Cache-Control", "")
    found = SHOWN.search(response.content.decode())
    assert found is not None and _logs_in("tb02", found[1])
    page = client.get(f"/accounts/users/{User.objects.get(username='tb02').pk}/")
    assert found[1] not in page.content.decode()  # shown once, never again
    listing = client.get("/accounts/users/", {"q": "乙局"}).content.decode()
    listing = listing.split('id="users"', 1)[1]
    assert "tb02" in listing and "dcs01" not in listing


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"username": "tb03", "role": "admin"}, "选择一个有效的选项"),
        ({"username": "tb03", "role": "reporter"}, "至少选择一个单位"),
        ({"username": "tb03", "role": "leader"}, "请选择对应领导"),
        ({"username": "dcs01", "role": "office"}, "已被使用"),
        ({"username": "a b!", "role": "office"}, "用户名"),
        ({"username": "tb03", "role": "office", "units": "²"}, "目录中没有这个单位"),
        (
            {"username": "tb03", "role": "office", "password": "12345678", "password2": "12345678"},
            "密码",
        ),
        ({"username": "tb03", "role": "office", "password": "Qing-2024-x"}, "不一致"),
    ],
)
def test_malformed_input_is_a_chinese_form_error(
    office: User, unit: OrgUnit, data: dict[str, Any], message: str
) -> None:
    response = _client(office).post("/accounts/users/new/", data)
    assert response.status_code == 400
    body = response.content.decode()
    errors = re.sub(r"<[^>]+>", "", " ".join(ERRORS.findall(body)))
    assert message in errors
    for value in data.values():  # the values typed are quoted back; the rest is Chinese
        errors = errors.replace(value, "")
    assert not re.search(r"[A-Za-z]{3,}", errors)
    assert not User.objects.filter(username="tb03").exists()


def test_the_edit_page_keeps_an_administrator_out_of_reach(office: User, admin: User) -> None:
    client = _client(office)
    page = client.get(f"/accounts/users/{admin.pk}/").content.decode()
    assert 'id="locked"' in page and "重置密码" not in page
    response = client.post(f"/accounts/users/{admin.pk}/password/", {})
    assert response.status_code == 400 and "系统管理员" in response.content.decode()
    client.post(f"/accounts/users/{admin.pk}/deactivate/")
    admin.refresh_from_db()
    assert admin.is_active and admin.check_password(PASSWORD)


def test_the_office_resets_a_password_and_stops_an_account_on_its_page(
    office: User, unit: OrgUnit
) -> None:
    reporter = _reporter(office, unit)
    client = _client(office)
    response = client.post(f"/accounts/users/{reporter.pk}/password/", {})
    found = SHOWN.search(response.content.decode())
    assert found is not None and _logs_in("tb01", found[1])
    assert client.post(f"/accounts/users/{reporter.pk}/deactivate/").status_code == 302
    reporter.refresh_from_db()
    assert not reporter.is_active
    # and not itself: the button is not offered, the POST is refused with a message
    own = client.get(f"/accounts/users/{office.pk}/").content.decode()
    assert '<button class="danger">停用账号' not in own
    response = client.post(f"/accounts/users/{office.pk}/deactivate/", follow=True)
    assert "不能停用自己的账号" in response.content.decode()
    office.refresh_from_db()
    assert office.is_active


def test_reporters_get_403_and_posts_need_csrf(office: User, unit: OrgUnit) -> None:
    reporter = _reporter(office, unit)
    client = _client(reporter)
    for url in ("/accounts/users/", "/accounts/users/new/", f"/accounts/users/{office.pk}/"):
        assert client.get(url).status_code == 403
    for url in (
        f"/accounts/users/{office.pk}/password/",
        f"/accounts/users/{office.pk}/deactivate/",
    ):
        assert client.post(url).status_code == 403
    guarded = _client(office, csrf=True)
    assert guarded.post(f"/accounts/users/{reporter.pk}/deactivate/").status_code == 403
    reporter.refresh_from_db()
    assert reporter.is_active
    assert Client().get("/accounts/users/").status_code == 302  # to the login


def test_everyone_changes_their_own_password(office: User, unit: OrgUnit) -> None:
    reporter = _reporter(office, unit)
    password = account_password_reset(user=reporter, actor=office)
    reporter.refresh_from_db()
    client = _client(reporter)
    bad = client.post(
        "/accounts/password/",
        {"old_password": "wrong", "new_password1": "Qing-2024-x", "new_password2": "Qing-2024-x"},
    )
    assert bad.status_code == 400 and "旧密码" in bad.content.decode()
    good = client.post(
        "/accounts/password/",
        {"old_password": password, "new_password1": "Qing-2024-x", "new_password2": "Qing-2024-x"},
    )
    assert good.status_code == 302 and _logs_in("tb01", "Qing-2024-x")
    assert AuditEvent.objects.filter(action="user.password_change", actor=reporter).exists()
