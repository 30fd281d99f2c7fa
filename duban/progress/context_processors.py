"""Template context for every page: the unread notification count in the navigation bar."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.http import HttpRequest

from duban.progress.selectors import unread_notification_count


def notifications(request: HttpRequest) -> dict[str, Any]:
    """``unread_notifications``: a callable, so only pages that show the nav run the COUNT."""
    user = getattr(request, "user", None)

    @cache
    def count() -> int:
        return unread_notification_count(user=user)

    return {"unread_notifications": count}
