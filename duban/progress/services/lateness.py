"""What is late for one unit on one task, in words: what a 催办 or 督办单 says is overdue.

Read from the same sources as the late list — the unsigned tasks (``unsigned``), the late
reports (``reminders.late_groups``, the read model's unreported tasks) and the task's light
(``selectors.task_status``) — so a 督办单 never names a lateness the list does not show.
"""

from __future__ import annotations

from datetime import date

from duban.orgs.models import OrgUnit
from duban.plans.models import Task
from duban.progress import selectors
from duban.progress.chasing import ChaseStage
from duban.progress.services.reminders import LateGroup, late_groups
from duban.progress.services.unsigned import unsigned_of
from duban.progress.status import LABELS, ScheduleStatus

NOTHING_LATE = "暂无逾期事项，请加快推进"
BEHIND = (ScheduleStatus.LAGGING, ScheduleStatus.OVERDUE)


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _unsigned(task: Task, unit: OrgUnit, as_of: date) -> list[str]:
    return [
        f"逾期未签收（签收期限{_day(i.due)}，已逾期 {i.days_late} 天）"
        for i in unsigned_of(task, unit, as_of=as_of)
    ]


def _reports(task: Task, unit: OrgUnit, groups: list[LateGroup]) -> list[str]:
    lines = []
    for group in groups:
        if group.period.document_id != task.task_list.document_id:
            continue
        mine = LateGroup(
            group.period, group.stage, group.days_late, group.spans.filter(task_id=task.pk)
        )
        for item in mine.items():
            if item.unit.pk != unit.pk:
                continue
            due = _day(item.period.due_date)
            when = (
                f"截止{due}，已逾期 {item.days_late} 天"
                if item.stage is not ChaseStage.REMIND
                else f"应于{due}前报送"
            )
            lines.append(f"{item.period.label}进展未报送（{when}）")
    return lines


def lateness(
    task: Task, unit: OrgUnit, as_of: date, *, groups: list[LateGroup] | None = None
) -> list[str]:
    """The overdue items of ``unit`` on ``task`` on ``as_of`` (``groups``: the late reports'
    groups, when the caller already has them), else that the task is behind, else nothing."""
    found = _unsigned(task, unit, as_of)
    found += _reports(task, unit, groups if groups is not None else late_groups(as_of=as_of))
    schedule = selectors.task_status(task, as_of=as_of).schedule
    if schedule in BEHIND:
        found.append(f"推进情况：{LABELS[schedule]}")
    return found or [NOTHING_LATE]
