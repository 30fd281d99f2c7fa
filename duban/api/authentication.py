"""API token authentication with a lockout, so guessing keys is as limited as guessing passwords.

Systems call the API with ``Authorization: Token <key>`` (``duban token USER``). DRF checks
credentials before its throttles run, so a wrong key is answered 401 however often it is
sent. Here wrong keys are counted per client address (the address DRF's throttles use, see
``DUBAN_PROXY_COUNT``) in the shared cache: after ``AXES_FAILURE_LIMIT`` wrong keys the address
is refused with 429 and a Chinese message for ``AXES_COOLOFF_TIME`` after the last one — for
any key, the right one included, or the lock would still tell a guesser when it hit. A right
key clears the count, as a right password does for the web login (``AXES_RESET_ON_SUCCESS``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from rest_framework import authentication, exceptions
from rest_framework.throttling import BaseThrottle

KEY_PREFIX = "api-token-failures:"


class TokenLockedError(exceptions.Throttled):  # type: ignore[misc]
    """429 with the lockout in Chinese (DRF's own would append an English sentence)."""

    def __init__(self, limit: int, seconds: int) -> None:
        minutes = max(1, round(seconds / 60))
        exceptions.APIException.__init__(
            self,
            f"连续 {limit} 次使用无效的 API 令牌，本地址已暂时被拒绝，"
            f"请 {minutes} 分钟后再试，或联系系统管理员核对令牌。",
        )
        self.wait = seconds


def _limits() -> tuple[int, int]:
    """(wrong keys before the lock, lock seconds): the web login's axes settings."""
    return int(settings.AXES_FAILURE_LIMIT), int(settings.AXES_COOLOFF_TIME.total_seconds())


class TokenAuthentication(authentication.TokenAuthentication):  # type: ignore[misc]
    def authenticate(self, request: Any) -> Any:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None  # no token offered: the next authentication class decides
        key = KEY_PREFIX + str(BaseThrottle().get_ident(request))
        limit, seconds = _limits()
        failures = int(cache.get(key) or 0)
        if failures >= limit:
            raise TokenLockedError(limit, seconds)
        try:
            result = super().authenticate(request)
        except exceptions.AuthenticationFailed:
            cache.set(key, failures + 1, timeout=seconds)
            raise
        if failures:
            cache.delete(key)
        return result
