"""Messages that reach people: notices by e-mail and to group robots, from a background worker.

``duban.progress.services.notify`` writes every notice (交办, 提醒, 催办, 督办, 退回, 批示) to
the in-app list; after commit it hands their ids to ``DUBAN_NOTIFICATION_DISPATCH``, which
is :func:`duban.messaging.tasks.enqueue`. That plans one :class:`DeliveryLog` row per
channel and target (the user's e-mail when they and the office allow it; each enabled
企业微信 / 钉钉 group robot that takes the notice's kind) and queues one django-q2 task per
row. The worker (``duban worker``) sends them, retries failures with backoff, and runs the
daily reminders.
"""
