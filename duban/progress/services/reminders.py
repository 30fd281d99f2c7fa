"""Reminders and escalation (``duban remind``): who is late, and one message per person.

For every reporting period due soon or already due, each task without a submitted report
is put in a chase stage (``chasing.chase_stage``): 提醒 and 催办 go to the reporting unit's
reporters, 督办 also to the task's responsible leader(s). A person's items are gathered into
one notification, and nobody is chased again within ``DUBAN_CHASE_INTERVAL_DAYS``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, QuerySet

from duban.accounts.models import Role, User
from duban.audit.services import audit_record
from duban.orgs.models import OrgUnit
from duban.plans.models import SourceDocument, Task, TaskLeader
from duban.progress.chasing import STAGE_LABELS, ChaseStage, chase_stage, may_chase
from duban.progress.models import CHASE_KINDS, Notification, PeriodKind, ReportingPeriod
from duban.progress.selectors import unit_reporters
from duban.progress.services.late_parts import part_gaps
from duban.progress.services.notifications import notify
from duban.progress.services.unit_pages import unit_window, units_in_order
from duban.progress.services.unsigned import (
    UnsignedGroup,
    UnsignedItem,
    unsigned_groups,
    unsigned_items,
)
from duban.progress.standing import queries as standing
from duban.progress.standing.models import TaskStanding


@dataclass(frozen=True)
class LateItem:
    task: Task
    unit: OrgUnit
    period: ReportingPeriod
    stage: ChaseStage
    days_late: int
    part: bool = False  # the unit's own 分项 (``late_parts``), not the lead's 汇总


@dataclass(frozen=True)
class LateGroup:
    """One document's most recent period to chase, and its unreported tasks (a queryset)."""

    period: ReportingPeriod
    stage: ChaseStage
    days_late: int
    spans: QuerySet[TaskStanding]

    @cached_property
    def by_unit(self) -> list[tuple[int, int]]:
        """(reporting unit, late tasks) in the list's order: one ``GROUP BY`` (and the names)."""
        counts = self.spans.values_list("reporting_unit").annotate(n=Count("*")).order_by()
        return units_in_order(counts)

    def count(self) -> int:
        return sum(n for _, n in self.by_unit)

    def items(self, offset: int = 0, limit: int | None = None) -> list[LateItem]:
        """The late tasks by unit name, then the notice's order; a page (``limit``) sorts only
        the rows of its own units (``unit_pages``): their task ids from the day index, then
        those spans with their tasks."""
        order = ("reporting_unit__name", "list_position", "number", "task_id")
        if limit is None:
            rows = list(self.spans.select_related("task", "reporting_unit").order_by(*order))
            page = rows[offset:]
        else:
            units, start = unit_window(self.by_unit, offset, limit)
            ids = list(
                self.spans.filter(reporting_unit__in=units)
                .order_by(*order)
                .values_list("task_id", flat=True)[start : start + limit]
            )
            found = self.spans.filter(task_id__in=ids).select_related("task", "reporting_unit")
            by_task = {row.task_id: row for row in found}
            page = [by_task[t] for t in ids if t in by_task]
        return [
            LateItem(row.task, row.reporting_unit, self.period, self.stage, self.days_late)
            for row in page
            if row.reporting_unit is not None
        ]


@dataclass
class Outcome:
    items: list[LateItem | UnsignedItem] = field(default_factory=list)
    sent: dict[str, list[str]] = field(default_factory=dict)  # username → item lines
    skipped: list[str] = field(default_factory=list)  # usernames chased too recently


def late_groups(*, as_of: date, documents: Q | None = None) -> list[LateGroup]:
    """For each document, its latest monthly period due within the remind window, with the
    tasks not reported for it by ``as_of`` (the read model's ``unreported``), most late first."""
    remind = settings.DUBAN_REMIND_DAYS_BEFORE
    periods = ReportingPeriod.objects.filter(
        kind=PeriodKind.MONTHLY,
        due_date__lte=as_of + timedelta(days=remind),
        document__withdrawn_at__isnull=True,
    ).select_related("document")
    if documents is not None:  # the office's government's documents only (its late list)
        periods = periods.filter(document__in=SourceDocument.objects.filter(documents).values("pk"))
    latest: dict[int, ReportingPeriod] = {}
    for p in periods.order_by("due_date", "pk"):
        latest[p.document_id] = p  # chase the most recent period of each document
    groups = []
    for period in latest.values():
        stage = chase_stage(
            period.due_date,
            as_of,
            remind_days=remind,
            escalate_days=settings.DUBAN_ESCALATE_DAYS_LATE,
        )
        if stage is None:
            continue
        spans = standing.unreported(period.document, period, as_of)
        days = max((as_of - period.due_date).days, 0)
        groups.append(LateGroup(period, stage, days, spans))
    return sorted(groups, key=lambda g: (-g.days_late, g.period.document_id))


@dataclass(frozen=True)
class LatePage:
    items: list[LateItem | UnsignedItem]
    total: int
    number: int
    pages: int


def late_page(
    *, as_of: date, page: int = 1, size: int = 50, documents: Q | None = None
) -> LatePage:
    """One page of the late list over every document: a COUNT per document, then only the
    rows of the page (queries fixed by the number of documents, not of tasks). Unsigned
    tasks (``unsigned``: 未签收 after the 签收 deadline) come first, as one more group."""
    groups: list[LateGroup | UnsignedGroup] = [
        *unsigned_groups(as_of=as_of, documents=documents),
        *late_groups(as_of=as_of, documents=documents),
    ]
    counts = [g.count() if isinstance(g, LateGroup) else g.spans.count() for g in groups]
    total = sum(counts)
    pages = max(1, -(-total // size))
    number = min(max(page, 1), pages)
    offset = (number - 1) * size
    items: list[LateItem | UnsignedItem] = []
    for group, count in zip(groups, counts, strict=True):
        if offset >= count:
            offset -= count
            continue
        items += group.items(offset, size - len(items))
        offset = 0
        if len(items) >= size:
            break
    return LatePage(items=items, total=total, number=number, pages=pages)


def late_items(*, as_of: date) -> list[LateItem]:
    """Every late item of every document (the reminders run over all of them): the 汇总s
    not reported, then the units' parts not filed (``late_parts``, the same rounds)."""
    groups = late_groups(as_of=as_of)
    items = [item for group in groups for item in group.items()]
    gaps = part_gaps(groups, as_of=as_of)
    return items + [
        LateItem(g.task, g.unit, g.period, g.stage, g.days_late, part=True) for g in gaps
    ]


def _recipients(item: LateItem | UnsignedItem) -> list[User]:
    reporters = list(unit_reporters(item.unit))
    if item.stage is ChaseStage.SUPERVISE:
        holders = TaskLeader.objects.filter(task=item.task).values("post__holder_id")
        reporters += list(
            User.objects.filter(role=Role.LEADER, is_active=True, leader_id__in=holders)
        )
    return reporters


def _line(item: LateItem | UnsignedItem) -> str:
    if isinstance(item, UnsignedItem):
        return item.line(STAGE_LABELS[item.stage])
    when = (
        f"已逾期 {item.days_late} 天"
        if item.days_late
        else f"{item.period.due_date:%m月%d日}前报送"
    )
    what = "本单位分项，" if item.part else ""
    return f"【{STAGE_LABELS[item.stage]}】{item.unit.name} · 任务{item.task.number} {item.task.text[:30]}（{what}{item.period.label}，{when}）"


def _what(items: list[LateItem | UnsignedItem]) -> str:
    unsigned = sum(isinstance(i, UnsignedItem) for i in items)
    parts = [f"{len(items) - unsigned} 项进展待报送"] if len(items) > unsigned else []
    return "，".join([*parts, *([f"{unsigned} 项任务待签收"] if unsigned else [])])


@transaction.atomic
def reminders_run(*, as_of: date, dry_run: bool = False, actor: Any = None) -> Outcome:
    """Chase everyone with missing reports on ``as_of``; ``dry_run`` only computes.

    Both runs work from the same ``late_items`` and the same interval rule, so a dry run
    lists exactly what the real run sends; it writes nothing (periods exist from import on).
    """
    outcome = Outcome(items=[*late_items(as_of=as_of), *unsigned_items(as_of=as_of)])
    by_person: dict[int, tuple[User, list[LateItem | UnsignedItem]]] = {}
    for item in outcome.items:
        for user in _recipients(item):
            by_person.setdefault(user.pk, (user, []))[1].append(item)
    interval = settings.DUBAN_CHASE_INTERVAL_DAYS
    for user, items in by_person.values():
        last = (
            Notification.objects.filter(recipient=user, stage__in=CHASE_KINDS)
            .order_by("-as_of")
            .values_list("as_of", flat=True)
            .first()
        )
        if not may_chase(last, as_of, interval_days=interval):
            outcome.skipped.append(user.username)
            continue
        lines = [_line(i) for i in items]
        outcome.sent[user.username] = lines
        if dry_run:
            continue
        top = max((i.stage for i in items), key=list(ChaseStage).index)
        notify(
            recipients=[user],
            kind=str(top),
            title=f"{STAGE_LABELS[top]}：{_what(items)}",
            body="\n".join(lines),
            as_of=as_of,
            task=items[0].task if len({i.task.pk for i in items}) == 1 else None,
        )
    if not dry_run:
        audit_record(
            actor=actor,
            action="remind.run",
            summary=f"{as_of} 催报：{len(outcome.items)} 项，通知 {len(outcome.sent)} 人，"
            f"间隔内跳过 {len(outcome.skipped)} 人",
            data={"as_of": as_of.isoformat(), "sent": sorted(outcome.sent)},
        )
    return outcome
