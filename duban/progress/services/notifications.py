"""Notifications: ``notify`` sends one (every notice goes through it); a user marks theirs read."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction

from duban.audit.services import audit_record
from duban.core import clock
from duban.core.exceptions import ApplicationError
from duban.progress import delivery
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


def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    title: str,
    body: str,
    as_of: date,
    task: Any = None,
) -> list[Notification]:
    """Send one notice to each of ``recipients``: in the app now, by the other channels after commit.

    The one door every notice goes through (交办, 提醒, 催办, 督办, 退回, 批示…): ``kind`` is the
    notice's category (a ``NoticeKind`` value), ``task`` the task it is about, if any.
    The rows are written in the caller's transaction; delivery outside the app (e-mail,
    group robots) starts only once that transaction commits, so a rolled-back write sends
    nothing. Each recipient gets the notice once, however often it is listed.
    """
    seen: dict[int, Any] = {}
    for user in recipients:
        if user is not None and user.pk not in seen:
            seen[user.pk] = user
    notices = [
        Notification.objects.create(
            recipient=user,
            stage=kind,
            task=task,
            title=title[:200],
            body=body,
            as_of=as_of,
            channels="站内",
        )
        for user in seen.values()
    ]
    ids = [n.pk for n in notices]
    if ids:
        transaction.on_commit(lambda: delivery.dispatch(ids))
    return notices
