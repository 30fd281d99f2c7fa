"""Finding 7 (deployment settings): HTTPS hardening, a shared cache and sessions (Redis or the
database), shared media — each read in a fresh interpreter from the environment; and the
Redis path used for real against the machine's Redis (database 15, emptied first)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
REDIS_TEST_URL = "redis://127.0.0.1:6379/15"


def probe(data_dir: Path, *names: str, **env: str) -> dict[str, Any]:
    """The named settings as the environment ``env`` makes them (JSON round trip)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DUBAN_", "REDIS_"))}
    clean.update(DATABASE_URL="", DUBAN_DATA_DIR=str(data_dir), **env)
    code = (
        "import json, config.settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}, default=str))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    result: dict[str, Any] = json.loads(run.stdout)
    return result


HTTPS_NAMES = ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER")


def test_plain_http_by_default(tmp_path: Path) -> None:
    got = probe(tmp_path, *HTTPS_NAMES, "SESSION_COOKIE_SECURE")
    assert got == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_PROXY_SSL_HEADER": None,
        "SESSION_COOKIE_SECURE": False,
    }


def test_https_turns_on_redirect_hsts_secure_cookies_and_the_proxy_header(tmp_path: Path) -> None:
    got = probe(
        tmp_path, *HTTPS_NAMES, "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", DUBAN_HTTPS="1"
    )
    assert got == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
    }


def test_without_redis_cache_and_sessions_live_in_the_database(tmp_path: Path) -> None:
    got = probe(tmp_path, "CACHES", "SESSION_ENGINE")
    assert got["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert got["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


def test_redis_url_selects_redis_cache_and_cached_db_sessions(tmp_path: Path) -> None:
    got = probe(tmp_path, "CACHES", "SESSION_ENGINE", REDIS_URL=REDIS_TEST_URL)
    default = got["CACHES"]["default"]
    assert default["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert default["LOCATION"] == REDIS_TEST_URL
    assert got["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


def test_media_root_follows_duban_media_root(tmp_path: Path) -> None:
    shared = tmp_path / "nfs" / "duban-files"
    assert probe(tmp_path, "MEDIA_ROOT", DUBAN_MEDIA_ROOT=str(shared)) == {
        "MEDIA_ROOT": str(shared)
    }
    assert probe(tmp_path, "MEDIA_ROOT") == {"MEDIA_ROOT": str(tmp_path / "files")}


@pytest.mark.django_db
def test_the_database_cache_table_exists_and_is_shared(django_db_blocker: Any) -> None:
    """The configured fallback really works: the table is there and a value set through one
    cache connection is read through a fresh one (as another worker process would)."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    cache = caches["default"]
    assert isinstance(cache, DatabaseCache)
    cache.set("duban-test", {"n": 1}, 30)
    fresh = DatabaseCache("duban_cache", {})
    assert fresh.get("duban-test") == {"n": 1}


@pytest.mark.django_db
def test_sessions_and_cache_work_on_redis(settings: Any, client: Any) -> None:
    """Log in with the Redis cache and cached_db sessions: the session is found in Redis."""
    import redis
    from django.core.cache import caches

    from duban.accounts.models import Role
    from duban.accounts.services import user_create

    server = redis.Redis.from_url(REDIS_TEST_URL)
    server.flushdb()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": "duban",
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    try:
        caches["default"].set("probe", "值", 30)
        assert caches["default"].get("probe") == "值"
        client.force_login(user_create(username="u1", password="x" * 12, role=Role.OFFICE))
        session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
        keys = [k.decode() for k in server.keys("duban:*")]
        assert any(session_key in k for k in keys), keys
        assert client.get("/tasks/").status_code == 200  # the session read back from Redis
    finally:
        server.flushdb()
