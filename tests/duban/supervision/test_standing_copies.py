"""The spans' copies of the notice's order and the leader links agree with the tasks.

The lists and the counts per leader read ``TaskStanding.list_position`` / ``number`` /
``leaders`` instead of joining the tasks; these tests compare them with the joins they replace
and check that the refresh keeps them in step (and that a new post holder is named at once).
"""

from __future__ import annotations

from collections import Counter

import pytest

from duban.orgs.models import Leader
from duban.plans.models import TaskLeader
from duban.progress.standing import leaders as leader_codec
from duban.progress.standing import queries as standing
from duban.progress.standing.models import TaskStanding
from duban.progress.standing.refresh import refresh_tasks
from tests.duban.outputs_year import JULY, Year

pytestmark = pytest.mark.django_db


def _joined_leader_counts(year: Year) -> dict[str, int]:
    """The former query: the day's spans joined to the tasks' leader links and holders."""
    spans = standing.on_day(year.document, JULY)
    totals: Counter[str] = Counter()
    rows = spans.values_list(
        "task__leader_links__post__holder__name", "task__leader_links__raw_name"
    )
    for holder, raw in rows:
        if holder or raw:
            totals[holder or raw] += 1
    return dict(totals)


def test_spans_carry_the_notice_order_of_their_task(year: Year) -> None:
    spans = standing.on_day(year.document, JULY)
    copied = list(standing.in_notice_order(spans).values_list("task_id", flat=True))
    joined = list(
        spans.order_by("task__task_list__position", "task__number", "task_id").values_list(
            "task_id", flat=True
        )
    )
    assert copied == joined and len(copied) == 7
    for row in TaskStanding.objects.select_related("task__task_list"):
        assert (row.list_position, row.number) == (row.task.task_list.position, row.task.number)


def test_leader_counts_from_the_copied_links_equal_the_join(year: Year) -> None:
    counted = {t.label: t.total for t in standing.by_leader(standing.on_day(year.document, JULY))}
    assert counted == _joined_leader_counts(year)
    assert counted == {"张三": 3, "李四": 2, "王五": 2}


def test_a_refresh_rewrites_the_links_and_a_new_holder_is_named_at_once(year: Year) -> None:
    link = TaskLeader.objects.filter(post__holder__name="李四").order_by("task_id").first()
    assert link is not None
    link.raw_name = "李\\四\t（原文）"  # COPY's special characters survive the copy
    link.save()
    refresh_tasks([link.task_id])
    stored = TaskStanding.objects.filter(task_id=link.task_id).values_list("leaders", flat=True)
    assert {leader_codec.decode(key)[0][1] for key in stored} == {"李\\四\t（原文）"}
    post = link.post
    post.holder = Leader.objects.create(name="赵六")
    post.save()
    counted = {t.label: t.total for t in standing.by_leader(standing.on_day(year.document, JULY))}
    assert counted == _joined_leader_counts(year)
    assert counted["赵六"] == 2 and "李四" not in counted
    post.holder = None
    post.save()
    counted = {t.label: t.total for t in standing.by_leader(standing.on_day(year.document, JULY))}
    assert counted == _joined_leader_counts(year)
    assert counted["李\\四\t（原文）"] == 1
