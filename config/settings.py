"""Django settings for duban.

This module is the only place that reads the environment. Every variable is optional;
``.env.example`` lists them with their defaults.

* ``DATABASE_URL`` — PostgreSQL (or any dj-database-url URL) when set and non-empty;
  otherwise SQLite in ``data/duban.sqlite3`` (WAL journal mode, see ``duban.core.db``).
* ``DUBAN_TEST_DB_NAME`` — the test database name on PostgreSQL (``scripts/test.sh`` sets a
  per-run name so that concurrent runs on one server never collide).
* ``DUBAN_DATA_DIR`` — where the SQLite file, uploaded originals and the generated secret key
  live (default ``data/``).
* ``DUBAN_DEBUG`` — ``1`` turns on Django's debug pages (tracebacks in the browser). Off by
  default: users get the Chinese error pages (``duban/core/templates/4xx.html``, ``500.html``).
* ``DUBAN_SECRET_KEY`` — the signing key. When unset: with DEBUG on, a fixed development key;
  with DEBUG off, a random key generated once and kept in ``<data dir>/secret_key`` (mode 0600).
* ``DUBAN_ALLOWED_HOSTS`` — comma-separated host names (default ``127.0.0.1,localhost``).
* ``DUBAN_HTTPS`` — ``1`` when the site is served over HTTPS: session and CSRF cookies are then
  sent only over HTTPS. Off by default because intranets often run plain HTTP.
* ``DUBAN_UPLOAD_MAX_BYTES`` — largest notice accepted for import (default 20 MB).
* ``DUBAN_EVIDENCE_MAX_BYTES`` — largest evidence file (佐证材料, default 10 MB).
* ``DUBAN_REMIND_DAYS_BEFORE`` / ``DUBAN_ESCALATE_DAYS_LATE`` / ``DUBAN_CHASE_INTERVAL_DAYS`` —
  chasing: remind N days before a due date (3), escalate to 督办 N days late (5), chase one
  person at most once per N days (3).
* ``DUBAN_EMAIL_BACKEND`` — Django e-mail backend dotted path (default: print to the console).
* ``DUBAN_FROM_EMAIL`` — sender address of notification e-mails (default ``duban@localhost``).

Static files are served by WhiteNoise straight from the apps' ``static/`` folders (no
``collectstatic`` step), so ``duban serve`` works with DEBUG off. Commands outside this module
(``duban demo``, ``make run``) read ``DUBAN_CORPUS``, ``DUBAN_DEMO_PASSWORD``, ``DUBAN_PORT`` and
``DUBAN_NO_SERVE``; see ``.env.example``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("DUBAN_DATA_DIR") or BASE_DIR / "data")

DEBUG = os.environ.get("DUBAN_DEBUG", "") == "1"
HTTPS = os.environ.get("DUBAN_HTTPS", "") == "1"
DEV_SECRET_KEY = "dev-only-insecure-key-duban-0000000000000000000000000000"


def _stored_secret_key(data_dir: Path) -> str:
    """The key in ``data_dir/secret_key``, generated (mode 0600) on first use."""
    path = data_dir / "secret_key"
    try:
        key = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        key = ""
    if key:
        return key
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race: use its key
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(key + "\n")
    return key


SECRET_KEY = os.environ.get("DUBAN_SECRET_KEY") or (
    DEV_SECRET_KEY if DEBUG else _stored_secret_key(DATA_DIR)
)
ALLOWED_HOSTS = [
    h for h in os.environ.get("DUBAN_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_htmx",
    "duban.core",
    "duban.audit",
    "duban.orgs",
    "duban.accounts",
    "duban.plans",
    "duban.progress",
    "duban.supervision",
    "duban.exports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "duban.progress.context_processors.notifications",
            ],
        },
    },
]


def _database() -> dict[str, object]:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        config = dict(dj_database_url.parse(url, conn_max_age=60))
        # A per-run test database name keeps concurrent test runs on one server apart.
        if os.environ.get("DUBAN_TEST_DB_NAME"):
            config["TEST"] = {"NAME": os.environ["DUBAN_TEST_DB_NAME"]}
        return config
    DATA_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite file is created on demand
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "duban.sqlite3",
        "OPTIONS": {"timeout": 20},
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "plans:task-list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# WhiteNoise serves the files the finders see (the apps' static/ folders), with DEBUG on or off
# and without collectstatic (so there is no STATIC_ROOT); the plain storage keeps {% static %}
# free of a manifest.
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "files"
MEDIA_URL = "files/"

# Uploads: the largest notice seen is well under 1 MB; 20 MB leaves room for scanned PDFs.
DUBAN_UPLOAD_MAX_BYTES = int(os.environ.get("DUBAN_UPLOAD_MAX_BYTES") or 20 * 1024 * 1024)
DUBAN_UPLOAD_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".doc", ".wps")
DATA_UPLOAD_MAX_MEMORY_SIZE = DUBAN_UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = DUBAN_UPLOAD_MAX_BYTES + 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "duban.api.exception_handlers.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

# Evidence files (佐证材料): images, PDF and Office documents, checked by content.
DUBAN_EVIDENCE_MAX_BYTES = int(os.environ.get("DUBAN_EVIDENCE_MAX_BYTES") or 10 * 1024 * 1024)
# Chasing: remind this many days before a due date, escalate to 督办 after this many days
# late, and chase one person at most once per interval.
DUBAN_REMIND_DAYS_BEFORE = int(os.environ.get("DUBAN_REMIND_DAYS_BEFORE") or 3)
DUBAN_ESCALATE_DAYS_LATE = int(os.environ.get("DUBAN_ESCALATE_DAYS_LATE") or 5)
DUBAN_CHASE_INTERVAL_DAYS = int(os.environ.get("DUBAN_CHASE_INTERVAL_DAYS") or 3)
# Where notifications go besides the in-app list; SMS/IM backends plug in here.
DUBAN_NOTIFICATION_BACKENDS = ["duban.progress.delivery.EmailBackend"]
EMAIL_BACKEND = os.environ.get(
    "DUBAN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DUBAN_FROM_EMAIL", "duban@localhost")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# Security headers (SecurityMiddleware, XFrameOptionsMiddleware). Cookies are marked Secure only
# with DUBAN_HTTPS=1: on a plain-HTTP intranet a Secure cookie would make login impossible.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = HTTPS and not DEBUG
CSRF_COOKIE_SECURE = HTTPS and not DEBUG

# Server errors go to stderr whatever DEBUG says (Django's default logs them only in DEBUG or
# by e-mail to ADMINS); users see the Chinese 500 page.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
    },
}
