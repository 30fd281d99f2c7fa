"""The task's leader links as the read model stores them: one text per task, counted per day.

Why: the 看板 counts tasks per 责任领导 on a day. Joining the day's spans to the tasks and their
leader links is most of the page's cost at 100,000 tasks; a span instead carries its task's
links (``TaskStanding.leaders``), the day's spans are grouped by that text in the database
(a few hundred distinct values), and each group is added to every leader it names. Post ids
and the notice's names are stored, not the holders' names: those are looked up on reading, so
a successor who takes over a post takes over its counts without a refresh.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from django.db.models import Q

from duban.plans.models import TaskLeader

Link = tuple[int, str]  # (post id, 原文姓名)


def leader_keys(task_filter: Q) -> dict[int, str]:
    """task id → its links as stored in ``TaskStanding.leaders`` (one query)."""
    links: dict[int, list[Link]] = defaultdict(list)
    rows = TaskLeader.objects.filter(task_filter).order_by("task_id", "position", "pk")
    for task_id, post_id, raw in rows.values_list("task_id", "post_id", "raw_name"):
        links[task_id].append((post_id, raw))
    return {task_id: encode(found) for task_id, found in links.items()}


def encode(links: list[Link]) -> str:
    return json.dumps([list(link) for link in links], ensure_ascii=False, separators=(",", ":"))


def decode(key: str) -> list[Link]:
    if not key:
        return []
    parsed: list[Any] = json.loads(key)
    return [(int(post), str(raw)) for post, raw in parsed]
