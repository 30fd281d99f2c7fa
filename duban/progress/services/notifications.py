"""In-app notifications: a user marks their own as read, one or all at once."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from duban.audit.services import audit_record
from duban.core import clock
from duban.core.exceptions import ApplicationError
from duban.progress.models import Notification

NOT_YOURS = "只能处理自己的通知。"


@transaction.atomic
def notification_mark_read(*, notification: Notification, actor: Any) -> Notification:
    """Mark one of ``actor``'s notifications read; already read ones keep their time."""
    if notification.recipient_id != getattr(actor, "pk", None):
        raise ApplicationError(NOT_YOURS)
    if notification.read_at is None:
        notification.read_at = clock.now()
        notification.save(update_fields=["read_at", "updated_at"])
        audit_record(
            actor=actor,
            action="notification.read",
            target=notification,
            summary=notification.title,
        )
    return notification


@transaction.atomic
def notification_mark_all_read(*, actor: Any) -> int:
    """Mark every unread notification of ``actor`` read; returns how many."""
    now = clock.now()
    count = Notification.objects.filter(recipient_id=actor.pk, read_at__isnull=True).update(
        read_at=now, updated_at=now
    )
    if count:
        audit_record(
            actor=actor,
            action="notification.read_all",
            summary=f"全部标为已读：{count} 条",
            data={"count": count},
        )
    return count
