"""Login lockout (django-axes), password rules, session lifetime, API tokens and rate limits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from axes.utils import reset
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.throttling import SimpleRateThrottle

from duban.accounts.models import Role, User
from duban.accounts.services import token_issue, user_create
from duban.audit.models import AuditEvent
from duban.cli import main
from duban.core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "Ruo-督办-2024"
LOCKED = "连续登录失败 5 次，账号已暂时锁定，请 15 分钟后再试"


@pytest.fixture
def office() -> User:
    return user_create(username="office", password=PASSWORD, role=Role.OFFICE)


def _login(client: Client, password: str, path: str = "/login/", **extra: Any) -> Any:
    return client.post(path, {"username": "office", "password": password}, **extra)


def _logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_right_password_logs_in(office: User) -> None:
    client = Client()
    response = _login(client, PASSWORD)
    assert response.status_code == 302 and _logged_in(client)


def test_six_wrong_passwords_lock_the_account_and_the_right_one_is_refused(
    office: User,
) -> None:
    client = Client()
    for _ in range(4):
        page = _login(client, "wrong")
        assert page.status_code == 200 and "用户名或密码不正确" in page.content.decode()
    for _ in range(2):  # the 5th failure locks, the 6th is refused as locked
        assert _login(client, "wrong").status_code == 429
    response = _login(client, PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not _logged_in(client)
    assert "账号已暂时锁定" in response.content.decode()
    # another address is not locked out (username + address), nor is the admin login spared
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert _login(other, PASSWORD).status_code == 302 and _logged_in(other)
    admin = _login(Client(), PASSWORD, path="/admin/login/?next=/admin/")
    assert admin.status_code == 429 and LOCKED in admin.content.decode()
    # the 系统管理员 (or ``axes_reset``) unlocks: the right password works again
    assert reset(username="office") >= 1
    assert _login(client, PASSWORD).status_code == 302 and _logged_in(client)


def test_a_lockout_answers_json_callers_in_chinese(office: User) -> None:
    client = Client()
    for _ in range(5):
        _login(client, "wrong")
    response = _login(client, PASSWORD, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 429
    assert LOCKED in response.json()["message"]


def test_a_success_clears_earlier_failures(office: User) -> None:
    client = Client()
    for _ in range(4):
        _login(client, "wrong")
    assert _login(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        _login(client, "wrong")
    assert _login(client, PASSWORD).status_code == 302


def test_lockout_settings() -> None:
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_the_four_password_validators_answer_in_chinese() -> None:
    names = [v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert names == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",  # Django's, subclassed for its Chinese message
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
    assert settings.LANGUAGE_CODE == "zh-hans"
    with pytest.raises(ValidationError) as err:
        validate_password("1234")
    messages = err.value.messages
    assert len(messages) == 3  # too short, too common, all digits
    assert all(any("\u4e00" <= c <= "\u9fff" for c in m) for m in messages), messages
    with pytest.raises(ValidationError):
        validate_password("zhangwei2024", User(username="zhangwei2024"))
    validate_password(PASSWORD)


def test_the_admin_refuses_a_weak_password_in_chinese() -> None:
    client = Client()
    client.force_login(user_create(username="sysadmin", password=PASSWORD, role=Role.ADMIN))
    response = client.post(
        "/admin/accounts/user/add/",
        {"username": "newbie", "password1": "12345678", "password2": "12345678"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "这个密码太常见了" in html and "密码只包含数字" in html
    assert not User.objects.filter(username="newbie").exists()


def test_a_login_lasts_one_working_day(office: User) -> None:
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    response = _login(Client(), PASSWORD)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 8 * 3600


def test_the_session_lifetime_comes_from_the_environment(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DUBAN_")}
    env.update(DATABASE_URL="", DUBAN_DATA_DIR=str(tmp_path), DUBAN_SESSION_HOURS="4")
    probe = "import json, config.settings as s; print(json.dumps(s.SESSION_COOKIE_AGE))"
    out = subprocess.run(
        [sys.executable, "-c", probe],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == 4 * 3600


def test_the_api_takes_tokens_not_basic_auth(office: User) -> None:
    import base64

    basic = base64.b64encode(f"office:{PASSWORD}".encode()).decode()
    refused = Client().get("/api/v1/tasks/", headers={"authorization": f"Basic {basic}"})
    assert refused.status_code in (401, 403)
    assert refused.json() == {"message": "请先登录。"}
    key = token_issue(username="office")
    ok = Client().get("/api/v1/tasks/", headers={"authorization": f"Token {key}"})
    assert ok.status_code == 200 and "results" in ok.json()
    bad = Client().get("/api/v1/tasks/", headers={"authorization": "Token " + "0" * 40})
    assert bad.status_code == 401 and bad.json() == {"message": "请先登录。"}
    # a new token replaces the old one, and the issue is audited without the key
    second = token_issue(username="office")
    assert second != key and list(Token.objects.values_list("key", flat=True)) == [second]
    old = Client().get("/api/v1/tasks/", headers={"authorization": f"Token {key}"})
    assert old.status_code == 401
    events = AuditEvent.objects.filter(action="token.issue", object_id=str(office.pk))
    assert events.count() == 2 and key not in str(list(events.values("data", "summary")))


def test_no_token_for_an_unknown_or_inactive_user(office: User) -> None:
    with pytest.raises(ApplicationError, match="不存在"):
        token_issue(username="nobody")
    office.is_active = False
    office.save()
    with pytest.raises(ApplicationError, match="已停用"):
        token_issue(username="office")


def test_duban_token_command(office: User, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["token", "office"]) == 0
    out = capsys.readouterr().out
    key = Token.objects.get(user=office).key
    assert key in out and "Authorization: Token" in out
    assert main(["token", "nobody"]) == 1
    assert "用户“nobody”不存在" in capsys.readouterr().err


def test_api_rate_limits(office: User, monkeypatch: pytest.MonkeyPatch) -> None:
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    assert rates == {"anon": "30/minute", "user": "600/minute"}
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "3/minute"}
    )
    client = Client()
    client.force_login(office)
    codes = [client.get("/api/v1/units/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    message = client.get("/api/v1/units/").json()["message"]
    assert any("\u4e00" <= c <= "\u9fff" for c in message), message
    key = token_issue(username="office")  # a system's token has the same per-user limit
    system = Client(headers={"authorization": f"Token {key}"})
    assert system.get("/api/v1/units/").status_code == 429


UNITS = "/api/v1/units/"
WRONG = {"authorization": "Token " + "0" * 40}
API_LOCKED = "连续 5 次使用无效的 API 令牌，本地址已暂时被拒绝，请 15 分钟后再试"


def test_wrong_api_tokens_lock_the_address_out_in_chinese(office: User) -> None:
    """DRF checks a token before its throttles: without the lockout, guesses are unlimited."""
    key = token_issue(username="office")
    right = {"authorization": f"Token {key}"}
    for _ in range(5):
        refused = Client().get(UNITS, headers=WRONG)
        assert refused.status_code == 401 and refused.json() == {"message": "请先登录。"}
    locked = Client().get(UNITS, headers=right)  # the right key too: the lock tells nothing
    assert locked.status_code == 429
    assert API_LOCKED in locked.json()["message"]
    assert locked.headers["Retry-After"] == str(15 * 60)
    # a client-written X-Forwarded-For is no other address (no trusted proxy configured) …
    forged = Client(headers={**right, "x-forwarded-for": "10.9.9.9"}).get(UNITS)
    assert forged.status_code == 429
    # … a real one is, and the lock ends with its cool-off (the cache entry's lifetime)
    assert Client(REMOTE_ADDR="10.0.0.9").get(UNITS, headers=right).status_code == 200
    cache.clear()
    assert Client().get(UNITS, headers=right).status_code == 200


def test_a_right_token_clears_earlier_wrong_ones(office: User) -> None:
    right = {"authorization": f"Token {token_issue(username='office')}"}
    for _ in range(2):
        for _ in range(4):
            assert Client().get(UNITS, headers=WRONG).status_code == 401
        assert Client().get(UNITS, headers=right).status_code == 200
    # sessions (the browser's API calls) are not touched by the token count
    for _ in range(5):
        Client().get(UNITS, headers=WRONG)
    browser = Client()
    browser.force_login(office)
    assert browser.get(UNITS).status_code == 200


def test_login_lockouts_believe_only_trusted_proxies(office: User, settings: Any) -> None:
    """Each guess could otherwise claim a new address in X-Forwarded-For and never lock."""
    for n in range(5):
        _login(Client(headers={"x-forwarded-for": f"10.1.1.{n}"}), "wrong")
    assert _login(Client(headers={"x-forwarded-for": "10.1.1.99"}), PASSWORD).status_code == 429
    assert reset(username="office") >= 1
    settings.DUBAN_PROXY_COUNT = 1  # behind one nginx: the entry nginx appended is the client
    for n in range(5):
        _login(Client(headers={"x-forwarded-for": f"6.6.6.{n}, 10.1.1.1"}), "wrong")
    blocked = _login(Client(headers={"x-forwarded-for": "7.7.7.7, 10.1.1.1"}), PASSWORD)
    assert blocked.status_code == 429
    elsewhere = _login(Client(headers={"x-forwarded-for": "10.1.1.2"}), PASSWORD)
    assert elsewhere.status_code == 302
