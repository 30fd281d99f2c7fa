"""A password the 督查室 set in the app (new account, reset) must be changed at first login.

Until then every page sends the user to 修改密码 with a Chinese message — except 退出, the
password page itself, static files and the API (tokens) —; changing it clears the flag and
is audited. Accounts made by the CLI (``user_create``: demo, set-up) are not flagged.
"""

from __future__ import annotations

import pytest
from django.test import Client

from duban.accounts.middleware import MUST_CHANGE
from duban.accounts.models import Role, User
from duban.accounts.services import (
    AccountInput,
    account_create,
    account_password_reset,
    token_issue,
    user_create,
)
from duban.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "Ruo-督办-2024"
NEW = "Xin-mima-2025-ok"
PAGE = "/accounts/password/"


@pytest.fixture
def office() -> User:
    return user_create(username="dcs01", password=PASSWORD, role=Role.OFFICE)


def _signed_in(username: str, password: str) -> Client:
    """A browser that logged in through the login page (the way a person does)."""
    client = Client()
    response = client.post("/login/", {"username": username, "password": password})
    assert response.status_code == 302
    return client


def _new_reporter(office: User) -> tuple[User, str]:
    data = AccountInput(display_name="王填报", role=Role.REPORTER)
    return account_create(username="wang01", data=data, actor=office)


def _change(client: Client, old: str, new: str) -> object:
    return client.post(PAGE, {"old_password": old, "new_password1": new, "new_password2": new})


def test_cli_accounts_are_not_flagged(office: User) -> None:
    assert office.must_change_password is False
    assert _signed_in("dcs01", PASSWORD).get("/tasks/").status_code == 200


def test_a_new_account_is_sent_to_the_password_page_from_every_page(office: User) -> None:
    user, secret = _new_reporter(office)
    assert User.objects.get(pk=user.pk).must_change_password is True
    client = _signed_in("wang01", secret)
    for path in ("/", "/tasks/", "/progress/", "/messaging/mine/", "/accounts/users/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == PAGE, path
    assert client.post("/tasks/", {}).status_code == 302  # writes too
    page = client.get(PAGE)
    assert page.status_code == 200
    assert MUST_CHANGE in page.content.decode()


def test_htmx_requests_are_told_where_to_go(office: User) -> None:
    _, secret = _new_reporter(office)
    client = _signed_in("wang01", secret)
    response = client.get("/tasks/", headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == PAGE


def test_static_files_and_logout_still_work(office: User) -> None:
    _, secret = _new_reporter(office)
    client = _signed_in("wang01", secret)
    assert client.get("/static/duban/duban.css").status_code == 200
    response = client.post("/logout/")
    assert response.status_code == 302 and response["Location"] != PAGE
    assert client.get("/tasks/")["Location"].startswith("/login/")


def test_the_api_with_a_token_is_not_redirected(office: User) -> None:
    user, _ = _new_reporter(office)
    key = token_issue(username=user.username)
    system = Client(headers={"authorization": f"Token {key}"})
    answer = system.get("/api/v1/tasks/")
    assert answer.status_code == 200
    assert "results" in answer.json()


def test_changing_the_password_clears_the_flag_and_is_audited(office: User) -> None:
    user, secret = _new_reporter(office)
    client = _signed_in("wang01", secret)
    response = _change(client, secret, NEW)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.must_change_password is False and user.check_password(NEW)
    assert client.get("/tasks/").status_code == 200  # still signed in, free to work
    event = AuditEvent.objects.filter(action="user.password_change").get()
    assert event.data["was_one_time"] is True and "一次性密码" in event.summary
    created = AuditEvent.objects.filter(action="user.create").latest("pk")
    assert created.data["must_change_password"] is True


def test_the_one_time_password_cannot_be_kept(office: User) -> None:
    user, secret = _new_reporter(office)
    client = _signed_in("wang01", secret)
    response = _change(client, secret, secret)
    assert response.status_code == 400
    assert "不能与督查室设置的一次性密码相同" in response.content.decode()
    user.refresh_from_db()
    assert user.must_change_password is True
    assert client.get("/tasks/").status_code == 302


def test_a_reset_flags_the_account_again(office: User) -> None:
    user, secret = _new_reporter(office)
    _change(_signed_in("wang01", secret), secret, NEW)
    reset = account_password_reset(user=user, actor=office)
    user.refresh_from_db()
    assert user.must_change_password is True
    event = AuditEvent.objects.get(action="user.password_reset")
    assert event.data["must_change_password"] is True
    client = _signed_in("wang01", reset)
    assert client.get("/progress/")["Location"] == PAGE


def test_a_reset_through_the_page_flags_the_account(office: User) -> None:
    user, _ = _new_reporter(office)
    User.objects.filter(pk=user.pk).update(must_change_password=False)
    client = Client()
    client.force_login(office)
    response = client.post(f"/accounts/users/{user.pk}/password/", {"password": ""})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.must_change_password is True
