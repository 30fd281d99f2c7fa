"""What the django-q2 worker runs, and the one function that puts work on its queue.

``enqueue`` is ``DUBAN_NOTIFICATION_DISPATCH``: ``notify`` calls it after the notices'
transaction commits, in the web request. It only writes the delivery log and queues a task
per row; it never raises (a failure to queue leaves the rows 待发送, and the every-minute
``retry_due`` sweep queues them later), so a mail server or a broker problem can never
turn a user's saved 退回 into an error page.
"""

from __future__ import annotations

import logging

from django_q.tasks import async_task

from duban.core import clock
from duban.messaging import outbox
from duban.progress.services import reminders_run

logger = logging.getLogger(__name__)
GROUP = "消息推送"


def push(log_id: int) -> None:
    """Queue one delivery row (a lost push is picked up by ``retry_due``)."""
    try:
        async_task("duban.messaging.tasks.deliver", log_id, group=GROUP)
    except Exception:
        logger.exception("could not queue delivery %s; the retry sweep will", log_id)


def enqueue(notification_ids: list[int]) -> None:
    """Plan the deliveries of saved notices and queue them (``DUBAN_NOTIFICATION_DISPATCH``)."""
    try:
        log_ids = outbox.deliveries_plan(notification_ids)
    except Exception:
        logger.exception("could not plan the deliveries of notices %s", notification_ids)
        return
    for log_id in log_ids:
        push(log_id)


def deliver(log_id: int) -> str:
    """The queue task: try one delivery row once."""
    return outbox.delivery_attempt(log_id)


def retry_due() -> int:
    """Scheduled every minute: queue the rows whose retry time has come; how many."""
    ids = outbox.due_ids()
    for log_id in ids:
        push(log_id)
    return len(ids)


def reminders_daily() -> str:
    """Scheduled daily: the reminders run for today (the chase interval keeps it idempotent)."""
    as_of = clock.today()
    outcome = reminders_run(as_of=as_of)
    return f"{as_of}：未报送 {len(outcome.items)} 项，通知 {len(outcome.sent)} 人"
