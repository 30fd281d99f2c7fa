"""The delivery log's life: plan rows for saved notices, try one, find those due again.

A row is tried by whoever *takes* it first: taking moves ``next_try_at`` forward by a lease in
one UPDATE, so a task queued twice (the first enqueue and the retry sweep) sends once. A
failure is tried again after ``DUBAN_DELIVERY_RETRY_SECONDS`` × 2ⁿ⁻¹ until
``DUBAN_DELIVERY_ATTEMPTS`` tries; a permanent one (refused address, unknown robot) stops
at once.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction

from duban.accounts.models import UnitMembership
from duban.core import clock
from duban.messaging import senders
from duban.messaging.models import Channel, DeliveryLog, DeliveryState, Robot
from duban.messaging.selectors import office_channels, preferences_of
from duban.progress.models import Notification

logger = logging.getLogger(__name__)
LEASE = timedelta(minutes=5)  # longer than any send may take (SMTP and webhook timeouts)


def attempts_allowed() -> int:
    return max(1, int(getattr(settings, "DUBAN_DELIVERY_ATTEMPTS", 5)))


def backoff(attempts: int) -> timedelta:
    """Wait before try ``attempts + 1``: the base delay doubled per failure, at most a day."""
    base = float(getattr(settings, "DUBAN_DELIVERY_RETRY_SECONDS", 60))
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 86400))


@transaction.atomic
def deliveries_plan(notification_ids: Iterable[int]) -> list[int]:
    """One pending row per e-mail and per robot message for these notices; their ids.

    E-mail: to each recipient with an address, unless they or the office switched it off.
    Robots: each enabled robot that takes the notice's kind (and, when it is a unit's group,
    whose recipients include a member of that unit) gets each distinct message once, naming
    everyone it went to.
    """
    notices = list(
        Notification.objects.filter(pk__in=list(notification_ids))
        .select_related("recipient")
        .order_by("pk")
    )
    if not notices:
        return []
    now = clock.now()
    robot_rows = _robot_rows(notices)
    rows = _email_rows(notices) + [row for row, _ in robot_rows]
    for row in rows:
        row.next_try_at = now
    created = DeliveryLog.objects.bulk_create(rows)
    covers = DeliveryLog.covers.through
    covers.objects.bulk_create(
        covers(deliverylog_id=row.pk, notification_id=n.pk)
        for row, group in robot_rows
        for n in group
    )
    return [row.pk for row in created]


def _email_rows(notices: list[Notification]) -> list[DeliveryLog]:
    if not office_channels().email_enabled:
        return []
    prefs = preferences_of([n.recipient_id for n in notices])
    return [
        DeliveryLog(
            notification=n,
            channel=Channel.EMAIL,
            target=n.recipient.email,
            title=n.title,
            body=n.body,
        )
        for n in notices
        if n.recipient.email and n.recipient.is_active and prefs.get(n.recipient_id, True)
    ]


def _robot_rows(notices: list[Notification]) -> list[tuple[DeliveryLog, list[Notification]]]:
    """One row per robot and distinct message, with the notices the message carries."""
    robots = list(Robot.objects.filter(enabled=True))
    if not robots:
        return []
    units: dict[int, set[int]] = defaultdict(set)
    for user_id, unit_id in UnitMembership.objects.filter(
        user_id__in={n.recipient_id for n in notices}
    ).values_list("user_id", "unit_id"):
        units[user_id].add(unit_id)
    rows = []
    for robot in robots:
        groups: dict[tuple[str, str], list[Notification]] = {}
        for n in notices:
            if robot.accepts(n.stage) and (
                robot.unit_id is None or robot.unit_id in units[n.recipient_id]
            ):
                groups.setdefault((n.title, n.body), []).append(n)
        for (title, body), group in groups.items():
            names = "、".join(str(n.recipient) for n in group)
            row = DeliveryLog(
                notification=group[0],
                channel=robot.kind,
                target=robot.name,
                robot=robot,
                title=title,
                body=f"{body}\n（通知对象：{names}）",
            )
            rows.append((row, group))
    return rows


def _take(log_id: int) -> DeliveryLog | None:
    """Take a due row for sending, or None when it is not due, done or taken by another."""
    now = clock.now()
    taken = DeliveryLog.objects.filter(
        pk=log_id, state=DeliveryState.PENDING, next_try_at__lte=now
    ).update(next_try_at=now + LEASE, updated_at=now)
    if not taken:
        return None
    return DeliveryLog.objects.select_related("robot", "notification").get(pk=log_id)


def delivery_attempt(log_id: int) -> str:
    """Try one row once (the queue task); returns its state's label for the task's result."""
    log = _take(log_id)
    if log is None:
        return "跳过：不是待发送或已在发送"
    try:
        _send(log)
    except senders.DeliveryError as err:
        _failed(log, err.message, permanent=err.permanent)
    except Exception as err:  # an unforeseen error: logged in full, retried like the others
        logger.exception("delivery %s failed", log.pk)
        _failed(log, f"发送时出现意外错误（{type(err).__name__}）", permanent=False)
    else:
        _sent(log)
    return log.get_state_display()


def _send(log: DeliveryLog) -> None:
    if log.channel == Channel.EMAIL:
        senders.send_email(address=log.target, title=log.title, body=log.body)
        return
    robot = log.robot
    if robot is None:
        raise senders.DeliveryError("群机器人已删除", permanent=True)
    if not robot.enabled:
        raise senders.DeliveryError("群机器人已停用", permanent=True)
    senders.send_robot(
        kind=robot.kind,
        url=robot.url,
        secret=robot.secret,
        style=robot.style,
        title=log.title,
        body=log.body,
        now_ms=int(clock.now().timestamp() * 1000),
    )


def _sent(log: DeliveryLog) -> None:
    now = clock.now()
    log.state, log.sent_at, log.next_try_at, log.last_error = DeliveryState.SENT, now, None, ""
    log.attempts += 1
    log.save(
        update_fields=["state", "sent_at", "next_try_at", "last_error", "attempts", "updated_at"]
    )
    _channel_shown(log)


def _channel_shown(log: DeliveryLog) -> None:
    """Add the channel to the 发送渠道 of each notice the sent message carried (an e-mail
    carries its own notice; a robot message every notice it names). The notices are locked
    while they are changed: two robots sending at once must not drop each other's label."""
    ids = [log.notification_id] if log.notification_id is not None else []
    if log.channel != Channel.EMAIL:
        ids = list(log.covers.values_list("pk", flat=True)) or ids
    label = Channel(log.channel).label
    with transaction.atomic():
        for notice in Notification.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
            if label not in notice.channels.split(","):
                notice.channels = ",".join(filter(None, [notice.channels, label]))[:100]
                notice.save(update_fields=["channels", "updated_at"])


def _failed(log: DeliveryLog, message: str, *, permanent: bool) -> None:
    log.attempts += 1
    log.last_error = f"第 {log.attempts} 次：{message}"[:500]
    if permanent or log.attempts >= attempts_allowed():
        log.state, log.next_try_at = DeliveryState.FAILED, None
    else:
        log.next_try_at = clock.now() + backoff(log.attempts)
    log.save(update_fields=["state", "next_try_at", "last_error", "attempts", "updated_at"])


def due_ids(limit: int = 500) -> list[int]:
    """Pending rows whose time has come (retries, and any whose enqueue was lost)."""
    return list(
        DeliveryLog.objects.filter(state=DeliveryState.PENDING, next_try_at__lte=clock.now())
        .order_by("next_try_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
