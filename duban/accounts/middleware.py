"""须修改密码: an account whose password the 督查室 set must replace it before anything else.

Why a middleware: the one-time password was seen by the 督查室 (and shown on its screen),
so until its holder chooses their own, every page they open would be done under a password
someone else knows. Every request of such a signed-in user is sent to 修改密码, except the
ones needed to get there or out: the password page itself, 退出, static files, and the API
(systems call it with tokens, not with a person's one-time password).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from duban.accounts.seats import keep_units_for_request

MUST_CHANGE = "你的密码是督查室设置的一次性密码，请先修改为只有你本人知道的新密码，再使用本系统。"
API_PREFIX = "/api/"


def _exempt(path: str) -> bool:
    static = "/" + settings.STATIC_URL.lstrip("/")
    return path.startswith((static, API_PREFIX, "/favicon.ico")) or path in (
        reverse("accounts:own-password"),
        reverse("logout"),
    )


class PasswordChangeRequiredMiddleware:
    """Redirect a user with ``must_change_password`` to /accounts/password/."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and not _exempt(request.path)
        ):
            target = reverse("accounts:own-password")
            if request.headers.get("HX-Request") == "true":  # htmx swaps, it does not follow
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            return HttpResponseRedirect(target)
        return self.get_response(request)


class RequestUnitsMiddleware:
    """One read of the signed-in user's units per request (``seats.member_unit_ids``).

    Why: every ``can`` on a task or unit, the menu and the selectors asked for the same
    memberships again; ``request.user`` lives for one request, so it can keep them.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        keep_units_for_request(getattr(request, "user", None))
        return self.get_response(request)
