"""The answer to a login while locked out (``AXES_LOCKOUT_CALLABLE``): Chinese, never English.

A page (``accounts/lockout.html``) for people, ``{"message": …}`` for API and XHR callers, both
with status 429 and the remaining rule spelled out: how many failures lock, for how long.

``client_address`` (``AXES_CLIENT_IP_CALLABLE``) is the address a lock is kept for: the peer's,
or — behind ``DUBAN_PROXY_COUNT`` reverse proxies — the one the nearest proxy saw. The rest of
``X-Forwarded-For`` is the client's own to write, so it is never believed: otherwise each guess
could claim a new address and never be locked. DRF's rate limits use the same rule
(``NUM_PROXIES``).
"""

from __future__ import annotations

from typing import Any

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

STATUS = 429


def client_address(request: HttpRequest) -> str:
    """The peer's address, or the one ``DUBAN_PROXY_COUNT`` trusted proxies report for it."""
    peer = str(request.META.get("REMOTE_ADDR") or "")
    proxies = int(getattr(settings, "DUBAN_PROXY_COUNT", 0) or 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies <= 0 or not forwarded:
        return peer
    hops = [hop.strip() for hop in str(forwarded).split(",")]
    return hops[-min(proxies, len(hops))] or peer


def lockout_message(request: HttpRequest, credentials: Any = None) -> str:
    """``登录失败次数过多…`` with the configured limit and cool-off period."""
    limit = get_failure_limit(request, credentials)
    cool_off = get_cool_off(request)
    if cool_off is None:
        return f"连续登录失败 {limit} 次，账号已锁定，请联系系统管理员解锁。"
    minutes = max(1, round(cool_off.total_seconds() / 60))
    return (
        f"连续登录失败 {limit} 次，账号已暂时锁定，请 {minutes} 分钟后再试，或联系系统管理员解锁。"
    )


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or (
        request.headers.get("x-requested-with") == "XMLHttpRequest"
    )


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    message = lockout_message(request, credentials)
    if _wants_json(request):
        return JsonResponse({"message": message}, status=STATUS)
    context = {"message": message, "login_url": settings.LOGIN_URL}
    return render(request, "accounts/lockout.html", context, status=STATUS)
