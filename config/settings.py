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
* ``DUBAN_HSTS_SECONDS`` — with ``DUBAN_HTTPS=1``, how long browsers keep to HTTPS (one year).
  ``DUBAN_HTTPS=1`` also redirects plain HTTP and trusts the proxy's ``X-Forwarded-Proto``.
* ``REDIS_URL`` — e.g. ``redis://127.0.0.1:6379/0``: cache and sessions in Redis, shared by all
  app servers; unset: the database holds both.
* ``DUBAN_MEDIA_ROOT`` — uploaded files (default ``<data dir>/files``); one shared directory
  when several app servers run.
* ``DUBAN_UPLOAD_MAX_BYTES`` — largest notice accepted for import (default 20 MB).
* ``DUBAN_EVIDENCE_MAX_BYTES`` — largest evidence file (佐证材料, default 10 MB).
* ``DUBAN_BULLETIN_NUMBER`` — the 督查通报's 发文字号, numbered per year when issued (default
  ``督查通报〔{year}〕{number}号``).
* ``DUBAN_BULLETIN_RECIPIENTS`` — the 督查通报's 主送机关 line (e.g. ``各区人民政府，市政府各部门：``);
  unset: the notice's own 主送, else one derived from the issuing government's level.
* ``DUBAN_REMIND_DAYS_BEFORE`` / ``DUBAN_ESCALATE_DAYS_LATE`` / ``DUBAN_CHASE_INTERVAL_DAYS`` —
  chasing: remind N days before a due date (3), escalate to 督办 N days late (5), chase one
  person at most once per N days (3).
* ``DUBAN_ACKNOWLEDGE_DAYS`` — working days (Monday to Friday) a unit has to 签收 a task after
  it is handed over (交办, 3); an unsigned task is chased like a late report after that.
* ``DUBAN_EMAIL_BACKEND`` — Django e-mail backend dotted path (default: SMTP when
  ``DUBAN_SMTP_HOST`` is set, else print to the console).
* ``DUBAN_FROM_EMAIL`` — sender address of notification e-mails (default ``duban@localhost``).
* ``DUBAN_SMTP_HOST`` / ``DUBAN_SMTP_PORT`` (25) / ``DUBAN_SMTP_USER`` / ``DUBAN_SMTP_PASSWORD``
  / ``DUBAN_SMTP_STARTTLS`` (``1``) / ``DUBAN_SMTP_SSL`` (``1``) / ``DUBAN_SMTP_TIMEOUT`` (20 s)
  — the mail server notices are sent through.
* ``DUBAN_DELIVERY_ATTEMPTS`` (5) / ``DUBAN_DELIVERY_RETRY_SECONDS`` (60) — tries of one
  e-mail or robot message, and the wait before the 2nd (doubling after each failure).
* ``DUBAN_WEBHOOK_TIMEOUT`` — seconds to wait for a group robot's answer (10).
* ``DUBAN_REMIND_AT`` — local time (HH:MM) of the worker's daily reminders run (08:30).
* ``DUBAN_WORKER_PROCESSES`` — processes of the background worker ``duban worker`` (2).
* ``DUBAN_QUEUE_SYNC`` — ``1`` runs queued tasks at once in the caller (always under pytest).
* ``DUBAN_LOGIN_FAILURE_LIMIT`` / ``DUBAN_LOGIN_COOLOFF_MINUTES`` — failed logins of one user
  name from one address before it is locked (5), and for how long (15 minutes).
* ``DUBAN_SESSION_HOURS`` — how long a login lasts (8 hours, one working day).
* ``DUBAN_PROXY_COUNT`` — reverse proxies in front of the app servers whose
  ``X-Forwarded-For`` is believed (0: the peer's address is the client's; 1 behind nginx).
  Login lockouts and API limits are kept per client address found this way.
* ``DUBAN_API_ANON_RATE`` / ``DUBAN_API_USER_RATE`` — API rate limits per address for anonymous
  calls (``30/minute``) and per user or token (``600/minute``).

Static files are served by WhiteNoise straight from the apps' ``static/`` folders (no
``collectstatic`` step), so ``duban serve`` works with DEBUG off. Commands outside this module
(``duban demo``, ``make run``) read ``DUBAN_CORPUS``, ``DUBAN_DEMO_PASSWORD``, ``DUBAN_PORT`` and
``DUBAN_NO_SERVE``; see ``.env.example``.
"""

from __future__ import annotations

import os
import secrets
import sys
from datetime import timedelta
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
    "duban.audit.apps.AuditedAdminConfig",  # django.contrib.admin, every admin write audited
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",  # API tokens for systems (duban token USER)
    "drf_spectacular",  # the OpenAPI schema of /api/v1 (duban.api.schema documents the views)
    "drf_spectacular_sidecar",  # Swagger UI's files, served from here (no CDN)
    "axes",  # login throttling and lockout
    "django_htmx",
    "django_q",  # the background worker's queue (ORM broker) and schedules: duban worker
    "duban.core",
    "duban.audit",
    "duban.orgs",
    "duban.accounts",
    "duban.plans",
    "duban.progress",
    "duban.supervision",
    "duban.exports",
    "duban.messaging",  # e-mail and group-robot delivery of the notices, the delivery log
    "duban.levels",  # 上下级关联: district tasks and targets linked to the city's
    "duban.drafts",  # the work report's draft decomposition (registers its upload handler)
    "duban.api",  # its templates and static files (the API docs page)
]

MIDDLEWARE = [
    "duban.core.headers.ServerHeaderMiddleware",  # outermost: static files too
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "duban.accounts.middleware.PasswordChangeRequiredMiddleware",  # one-time passwords first
    "duban.accounts.middleware.RequestUnitsMiddleware",  # the user's units: one read a request
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a lockout into the Chinese lockout page
    "duban.core.param_errors.BadParameterMiddleware",  # malformed ?params → 400, not 500
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Django admin templates whose English strings have no Chinese translation.
        "DIRS": [BASE_DIR / "duban" / "audit" / "admin_templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "duban.progress.context_processors.notifications",
                "duban.accounts.context_processors.permissions",
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
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Django's rule, with the Chinese message its zh-hans catalogue lacks for Django 5.2's wording
    {"NAME": "duban.accounts.passwords.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "plans:task-list"
LOGOUT_REDIRECT_URL = "login"

# Authentication (issue 14): axes checks every login (web, admin) first and locks a username at
# one address after DUBAN_LOGIN_FAILURE_LIMIT failures for DUBAN_LOGIN_COOLOFF_MINUTES; the
# role backend gives the 督查室 its admin rights on business data (duban.accounts.backends).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "duban.accounts.backends.RolePermissionBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DUBAN_LOGIN_FAILURE_LIMIT") or 5)
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DUBAN_LOGIN_COOLOFF_MINUTES") or 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # a shared NAT address locks no one else
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "duban.accounts.lockout.lockout_response"
# The client's address: the peer's, or the nearest trusted proxy's X-Forwarded-For entry (a
# client-written header is never believed, or each guess could claim a new address).
DUBAN_PROXY_COUNT = int(os.environ.get("DUBAN_PROXY_COUNT") or 0)
AXES_CLIENT_IP_CALLABLE = "duban.accounts.lockout.client_address"
AXES_COOLOFF_MESSAGE = "登录失败次数过多，账号已暂时锁定，请稍后再试。"
AXES_PERMALOCK_MESSAGE = "登录失败次数过多，账号已锁定，请联系系统管理员解锁。"
# Sessions end after one working day (DUBAN_SESSION_HOURS, default 8 hours).
SESSION_COOKIE_AGE = int(float(os.environ.get("DUBAN_SESSION_HOURS") or 8) * 3600)

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
# Uploaded originals and evidence; several app servers must share one directory (NFS or
# similar, docs/deploy.md), named by DUBAN_MEDIA_ROOT.
MEDIA_ROOT = Path(os.environ.get("DUBAN_MEDIA_ROOT") or DATA_DIR / "files")
MEDIA_URL = "files/"

# Uploads: the largest notice seen is well under 1 MB; 20 MB leaves room for scanned PDFs.
DUBAN_UPLOAD_MAX_BYTES = int(os.environ.get("DUBAN_UPLOAD_MAX_BYTES") or 20 * 1024 * 1024)
DUBAN_UPLOAD_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".doc", ".wps")
DATA_UPLOAD_MAX_MEMORY_SIZE = DUBAN_UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = DUBAN_UPLOAD_MAX_BYTES + 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # systems send "Authorization: Token …" (duban token USER); first, so a refusal is a 401;
        # wrong keys lock the address out like wrong passwords do (duban.api.authentication)
        "duban.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "duban.api.exception_handlers.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PARSER_CLASSES": [
        "duban.api.parsers.JSONParser",  # Chinese messages; deep nesting is a 400
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    # the client address of the rate limits: X-Forwarded-For only from trusted proxies
    "NUM_PROXIES": DUBAN_PROXY_COUNT,
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("DUBAN_API_ANON_RATE") or "30/minute",
        "user": os.environ.get("DUBAN_API_USER_RATE") or "600/minute",
    },
}

# The OpenAPI schema (/api/v1/schema/) and its Swagger UI (/api/v1/docs/), from local files only.
SPECTACULAR_SETTINGS = {
    "TITLE": "督办系统 API",
    "DESCRIPTION": (
        "督办系统的数据接口：任务及其状态灯、单位、看板统计的查询，以及责任单位自有系统报送进展。"
        "系统账号在请求头中携带 `Authorization: Token <令牌>`（令牌由 `duban token 用户名` 签发）；"
        '错误一律返回 `{"message": "中文说明"}`。'
    ),
    "VERSION": "v1",
    "OAS_VERSION": "3.1.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "/static/duban/favicon.ico",  # the product's own icon
    "REDOC_DIST": "SIDECAR",
    # no badge fetched from the public validator: the page reaches no other host
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "deepLinking": True},
}

# 督查通报: the 发文字号 given at 印发, ``{number}`` counting up within ``{year}``.
DUBAN_BULLETIN_NUMBER = os.environ.get("DUBAN_BULLETIN_NUMBER") or "督查通报〔{year}〕{number}号"
# 主送机关 of a new 通报 draft ("" → derived from the notice; the office edits it on the draft)
DUBAN_BULLETIN_RECIPIENTS = os.environ.get("DUBAN_BULLETIN_RECIPIENTS", "").strip()
# Evidence files (佐证材料): images, PDF and Office documents, checked by content.
DUBAN_EVIDENCE_MAX_BYTES = int(os.environ.get("DUBAN_EVIDENCE_MAX_BYTES") or 10 * 1024 * 1024)
# Chasing: remind this many days before a due date, escalate to 督办 after this many days
# late, and chase one person at most once per interval.
DUBAN_REMIND_DAYS_BEFORE = int(os.environ.get("DUBAN_REMIND_DAYS_BEFORE") or 3)
DUBAN_ESCALATE_DAYS_LATE = int(os.environ.get("DUBAN_ESCALATE_DAYS_LATE") or 5)
DUBAN_CHASE_INTERVAL_DAYS = int(os.environ.get("DUBAN_CHASE_INTERVAL_DAYS") or 3)
# 签收: working days after 交办 before an unsigned task is late (``duban.progress.acknowledging``).
DUBAN_ACKNOWLEDGE_DAYS = int(os.environ.get("DUBAN_ACKNOWLEDGE_DAYS") or 3)
# Used only when DUBAN_NOTIFICATION_DISPATCH (below) is empty: notices sent at once, in the
# request, by these backends (duban.progress.delivery).
DUBAN_NOTIFICATION_BACKENDS = ["duban.progress.delivery.EmailBackend"]
EMAIL_BACKEND = os.environ.get("DUBAN_EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("DUBAN_SMTP_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DUBAN_FROM_EMAIL", "duban@localhost")
EMAIL_HOST = os.environ.get("DUBAN_SMTP_HOST", "") or "localhost"
EMAIL_PORT = int(os.environ.get("DUBAN_SMTP_PORT") or 25)
EMAIL_HOST_USER = os.environ.get("DUBAN_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DUBAN_SMTP_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("DUBAN_SMTP_STARTTLS", "") == "1"
EMAIL_USE_SSL = os.environ.get("DUBAN_SMTP_SSL", "") == "1"
EMAIL_TIMEOUT = int(os.environ.get("DUBAN_SMTP_TIMEOUT") or 20)

# Notices leave the app through the background worker (duban.messaging): notify() hands the
# saved notices to this function after commit; it logs one delivery per channel and target
# and queues them. Tries per message, the first retry's wait (doubling), the robots' timeout.
DUBAN_NOTIFICATION_DISPATCH = "duban.messaging.tasks.enqueue"
DUBAN_DELIVERY_ATTEMPTS = int(os.environ.get("DUBAN_DELIVERY_ATTEMPTS") or 5)
DUBAN_DELIVERY_RETRY_SECONDS = int(os.environ.get("DUBAN_DELIVERY_RETRY_SECONDS") or 60)
DUBAN_WEBHOOK_TIMEOUT = int(os.environ.get("DUBAN_WEBHOOK_TIMEOUT") or 10)
DUBAN_REMIND_AT = os.environ.get("DUBAN_REMIND_AT") or "08:30"
# django-q2 with its ORM broker: the queue is a table of the same database (SQLite or
# PostgreSQL), so the worker needs nothing else. A task taking longer than ``timeout`` is
# killed; one not acknowledged within ``retry`` is handed out again (retry > timeout).
# Failures are acknowledged: a delivery records its own failure and retries on its own
# schedule (duban.messaging.outbox). Under pytest every task runs at once, in the caller.
Q_CLUSTER = {
    "name": "duban",
    "orm": "default",
    "workers": int(os.environ.get("DUBAN_WORKER_PROCESSES") or 2),
    "timeout": 120,
    "retry": 180,
    "max_attempts": 3,
    "ack_failures": True,
    "save_limit": 200,
    "poll": 1,
    "catch_up": False,
    "label": "后台任务",
    "cache": "worker",  # its statistics, per process: no cache writes to the database
    "sync": os.environ.get("DUBAN_QUEUE_SYNC", "") == "1" or "pytest" in sys.modules,
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# Security headers (SecurityMiddleware, XFrameOptionsMiddleware). Cookies are marked Secure only
# with DUBAN_HTTPS=1: on a plain-HTTP intranet a Secure cookie would make login impossible.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = HTTPS and not DEBUG
CSRF_COOKIE_SECURE = HTTPS and not DEBUG
# Behind an HTTPS reverse proxy (DUBAN_HTTPS=1): plain-HTTP requests are redirected, browsers
# are told to use HTTPS only (HSTS), and the proxy's X-Forwarded-Proto says the request was
# secure — the proxy must set that header itself, overwriting any the client sent.
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("DUBAN_HSTS_SECONDS") or 31536000) if HTTPS else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None

# Shared cache and sessions, so that every worker process and every app server sees the same
# sessions and counters (login throttling, API rate limits): Redis when REDIS_URL is set
# (sessions then read from Redis and are kept in the database too), else the database (the
# cache table is created by ``duban serve`` / ``duban demo``: ``manage.py createcachetable``).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "duban",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "duban_cache",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# The background worker's own statistics (django-q2 refreshes them every half second).
CACHES["worker"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "q"}

# Content-Security-Policy (django-csp): scripts, styles, images and fonts only from this site,
# no inline script or style, no framing, forms post only here. Templates keep their scripts in
# static files and pass data as JSON (json_script).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # The one inline <style> allowed: the error pages' (400/403_csrf/500), which render
        # with no context and so cannot link a static file; tests check the hash still fits.
        "style-src": ["'self'", "'sha256-WhwhEl5A0dhbD7n+Us1Ip/+JvXZMp7kzOBNyzVJ8Axw='"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

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
