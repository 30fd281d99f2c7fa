"""The late list pages by unit in the database: the same items, in the same order, as sorting
every late row (the former implementation, kept here as the reference) — on generated data.

The data is the scale benchmark's generator (``bench/scalegen``, ``bench/scalereports``) at a
small size: many units, tasks with several units (so parts are owed), reports on time, late
and never, 签收 and not. Pages are small so that a page spans several units.
"""

from __future__ import annotations

import random
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from duban.plans.models import SourceDocument
from duban.progress.models import ReportingPeriod
from duban.progress.services import late_parts, reminders
from duban.progress.services.unsigned import unsigned_groups
from duban.progress.standing.refresh import rebuild_document

pytestmark = pytest.mark.django_db
YEAR = 2024
PAGE = 7


@pytest.fixture
def generated() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
    from scalegen import build_directory, build_tasks, build_users, create_document
    from scalereports import Period, build_reports, build_workflow

    from duban.accounts.models import UnitMembership

    rng = random.Random(38)
    now = datetime(YEAR, 10, 20, 12, tzinfo=ZoneInfo("Asia/Shanghai"))
    directory = build_directory(24, rng)
    office = build_users(directory)
    users = dict(UnitMembership.objects.values_list("unit_id", "user_id"))
    doc_id = create_document(year=YEAR, periods=6, tag="late", number=3, title="迟报测试")
    facts = build_tasks(document_id=doc_id, count=90, year=YEAR, periods=6, d=directory, rng=rng)
    rows = ReportingPeriod.objects.filter(document_id=doc_id, kind="monthly").order_by("due_date")
    plan = [Period(p.pk, p.label, p.end, p.due_date) for p in rows]
    kw: dict[str, Any] = {"facts": facts, "periods": plan, "users": users, "office": office}
    reported = build_reports(**kw, now=now, with_steps=True, rng=rng)
    build_workflow(**kw, reported=reported, now=now, rng=rng)
    rebuild_document(doc_id)
    sys.path.pop(0)
    return doc_id


def _old_items(group: reminders.LateGroup, offset: int, limit: int) -> list[Any]:
    rows = group.spans.select_related("task", "reporting_unit").order_by(
        "reporting_unit__name", "task__task_list__position", "task__number", "task_id"
    )
    return [(r.task_id, r.reporting_unit_id) for r in rows[offset : offset + limit]]


def _old_late_page(as_of: date, page: int) -> tuple[list[Any], int]:
    groups: list[Any] = [*unsigned_groups(as_of=as_of), *reminders.late_groups(as_of=as_of)]
    counts = [g.spans.count() for g in groups]
    offset, items = (page - 1) * PAGE, []
    for group, count in zip(groups, counts, strict=True):
        if offset >= count:
            offset -= count
            continue
        if isinstance(group, reminders.LateGroup):
            items += _old_items(group, offset, PAGE - len(items))
        else:
            items += [(i.task.pk, i.unit.pk) for i in group.items(offset, PAGE - len(items))]
        offset = 0
        if len(items) >= PAGE:
            break
    return items, sum(counts)


def _old_part_page(as_of: date, page: int) -> tuple[list[tuple[int, int]], int]:
    pairs = []
    for round_ in reminders.late_groups(as_of=as_of):
        found = late_parts.queries.missing(round_.period.document, round_.period, as_of)
        pairs += list(
            found.values_list("task_id", "unit_id")
            .order_by(
                "unit__name", "unit_id", "task__task_list__position", "task__number", "task_id"
            )
            .distinct()
        )
    return pairs[(page - 1) * PAGE : page * PAGE], len(pairs)


@pytest.mark.parametrize("as_of", [date(YEAR, 8, 12), date(YEAR, 9, 8), date(YEAR, 10, 30)])
def test_late_pages_equal_the_sorted_list(generated: int, as_of: date) -> None:
    assert SourceDocument.objects.filter(pk=generated).exists()
    first = reminders.late_page(as_of=as_of, size=PAGE)
    assert first.total > 2 * PAGE  # several pages, each spanning units
    seen = []
    for number in range(1, first.pages + 1):
        page = reminders.late_page(as_of=as_of, page=number, size=PAGE)
        expected, total = _old_late_page(as_of, number)
        assert page.total == total
        assert [(i.task.pk, i.unit.pk) for i in page.items] == expected
        seen += expected
    assert len(seen) == first.total


@pytest.mark.parametrize("as_of", [date(YEAR, 8, 12), date(YEAR, 10, 30)])
def test_part_pages_equal_the_sorted_list(generated: int, as_of: date) -> None:
    rounds = reminders.late_groups(as_of=as_of)
    first = late_parts.part_page(rounds, as_of=as_of, size=PAGE)
    assert first.total > 2 * PAGE
    for number in range(1, first.pages + 1):
        page = late_parts.part_page(rounds, as_of=as_of, page=number, size=PAGE)
        expected, total = _old_part_page(as_of, number)
        assert page.total == total
        assert [(g.task.pk, g.unit.pk) for g in page.gaps] == expected
