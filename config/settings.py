"""Django settings for duban.

This module is the only place that reads the environment:

* ``DATABASE_URL`` — PostgreSQL (or any dj-database-url URL) when set and non-empty;
  otherwise SQLite in ``data/duban.sqlite3`` (WAL journal mode, see ``duban.core.db``).
* ``DUBAN_DATA_DIR`` — where the SQLite file and uploaded originals live (default ``data/``).
* ``DUBAN_SECRET_KEY`` — required outside DEBUG; a fixed development key otherwise.
* ``DUBAN_DEBUG`` — ``1`` for debug pages (default on for local runs).
* ``DUBAN_ALLOWED_HOSTS`` — comma-separated host names.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("DUBAN_DATA_DIR") or BASE_DIR / "data")

DEBUG = os.environ.get("DUBAN_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("DUBAN_SECRET_KEY") or (
    "dev-only-insecure-key-duban-0000000000000000000000000000" if DEBUG else ""
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
STATIC_ROOT = DATA_DIR / "static"
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
X_FRAME_OPTIONS = "DENY"
