"""How notifications leave the system besides the in-app list.

``DUBAN_NOTIFICATION_BACKENDS`` lists dotted paths of ``NotificationBackend`` classes.
Email uses Django's configured email backend; SMS or IM gateways plug in by subclassing
``NotificationBackend`` (none is shipped: each government has its own gateway).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string


class NotificationBackend:
    """Deliver one notification; return True if it was sent through this channel."""

    name = "base"

    def send(self, *, recipient: Any, title: str, body: str) -> bool:
        raise NotImplementedError


class EmailBackend(NotificationBackend):
    name = "邮件"

    def send(self, *, recipient: Any, title: str, body: str) -> bool:
        if not getattr(recipient, "email", ""):
            return False
        send_mail(f"【督办】{title}", body, None, [recipient.email], fail_silently=True)
        return True


def backends() -> list[NotificationBackend]:
    paths = getattr(settings, "DUBAN_NOTIFICATION_BACKENDS", [])
    return [import_string(path)() for path in paths]


def dispatch(notification_ids: list[int]) -> None:
    """Deliver saved notifications by the channels besides the app (called after commit).

    ``DUBAN_NOTIFICATION_DISPATCH`` names the function that does it (a task queue's enqueue);
    unset, the configured backends send them here and now, and each notice records the
    channels it went out by.
    """
    path = getattr(settings, "DUBAN_NOTIFICATION_DISPATCH", "")
    if path:
        import_string(path)(notification_ids)
        return
    from duban.progress.models import Notification  # delivery is imported by the models' users

    for notice in Notification.objects.filter(pk__in=notification_ids).select_related("recipient"):
        sent = [
            b.name
            for b in backends()
            if b.send(recipient=notice.recipient, title=notice.title, body=notice.body)
        ]
        if sent:
            notice.channels = ",".join(["站内", *sent])
            notice.save(update_fields=["channels", "updated_at"])
