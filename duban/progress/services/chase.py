"""The 督查室's 催办 and 督办单, from the late list or a task page, for one unit or many.

The same interval as ``duban remind`` holds: a unit whose 填报员 were chased (提醒, 催办,
督办) or which was sent a 催办/督办单 within ``DUBAN_CHASE_INTERVAL_DAYS`` is skipped, and
the outcome says so. Each unit chased gets one notice listing its tasks; a 督办单 also goes
to the tasks' 责任领导 (as ``duban remind``'s 督办 does) and is numbered and recorded so it
can be printed (``duban.exports.supervision_doc``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max

from duban.accounts.models import Role, User
from duban.accounts.permissions import Perm
from duban.core.actors import stored_user
from duban.core.exceptions import ApplicationError
from duban.orgs.models import OrgUnit
from duban.plans.models import Task, TaskLeader, TaskUnit
from duban.progress import selectors
from duban.progress.acknowledging import add_working_days
from duban.progress.assigned import acknowledge_days
from duban.progress.chase_models import ChaseKind, ChaseRecord
from duban.progress.chasing import may_chase
from duban.progress.models import CHASE_KINDS, NoticeKind, Notification
from duban.progress.services.common import record, require
from duban.progress.services.lateness import lateness
from duban.progress.services.notifications import notify
from duban.progress.services.reminders import LateGroup, late_groups

NUMBER = "督办〔{year}〕{number}号"
MAX_ITEMS = 200
NOTHING_CHOSEN = "请先勾选要催办或督办的事项。"
TOO_MANY = f"一次最多处理 {MAX_ITEMS} 项，请分批操作。"
NOT_ASSIGNED = "单位“{unit}”未承担任务{number}，不能对其催办或督办。"
WITHDRAWN = "任务{number}已撤销，不再催办。"
NO_ACCOUNT = "{unit}没有可接收通知的填报员账号，未能催办（可改发督办单线下送达）"


@dataclass(frozen=True)
class ChaseTarget:
    task: Task
    unit: OrgUnit


@dataclass
class ChaseOutcome:
    records: list[ChaseRecord] = field(default_factory=list)
    notices: int = 0
    units: list[str] = field(default_factory=list)  # the units chased
    skipped: list[str] = field(default_factory=list)  # why a unit was not (Chinese)


def default_requirement(as_of: date) -> str:
    due = add_working_days(as_of, acknowledge_days())
    return (
        f"请高度重视，立即办理，于{due.year}年{due.month}月{due.day}日前完成签收、"
        "报送进展等逾期事项，并将办理情况报督查室。"
    )


def last_chased(unit: OrgUnit) -> date | None:
    """The latest day ``unit`` was chased: by ``duban remind`` (its 填报员's notices) or by
    the 督查室 here (its records, which also cover a unit without accounts)."""
    by_hand = ChaseRecord.objects.filter(unit=unit).aggregate(day=Max("as_of"))["day"]
    by_notice = Notification.objects.filter(
        recipient__in=selectors.unit_reporters(unit), stage__in=CHASE_KINDS
    ).aggregate(day=Max("as_of"))["day"]
    days = [d for d in (by_hand, by_notice) if d is not None]
    return max(days) if days else None


def _check(targets: list[ChaseTarget]) -> None:
    if not targets:
        raise ApplicationError(NOTHING_CHOSEN)
    if len(targets) > MAX_ITEMS:
        raise ApplicationError(TOO_MANY)
    pairs = {(t.task.pk, t.unit.pk) for t in targets}
    linked = set(
        TaskUnit.objects.filter(task_id__in={p[0] for p in pairs}).values_list("task_id", "unit_id")
    )
    for target in targets:
        if target.task.is_withdrawn:
            raise ApplicationError(WITHDRAWN.format(number=target.task.number))
        if (target.task.pk, target.unit.pk) not in linked:
            raise ApplicationError(
                NOT_ASSIGNED.format(unit=target.unit.name, number=target.task.number)
            )


def _leaders(tasks: list[Task]) -> list[User]:
    holders = TaskLeader.objects.filter(task__in=tasks).values("post__holder_id")
    return list(User.objects.filter(role=Role.LEADER, is_active=True, leader_id__in=holders))


def _numbered(fields: dict[str, Any], year: int) -> ChaseRecord:
    """A 督办单 with the year's next number (retried if another one took it meanwhile)."""
    for _ in range(5):
        top = ChaseRecord.objects.filter(year=year).aggregate(n=Max("serial"))["n"] or 0
        try:
            with transaction.atomic():
                return ChaseRecord.objects.create(
                    **fields,
                    year=year,
                    serial=top + 1,
                    number=NUMBER.format(year=year, number=top + 1),
                )
        except IntegrityError:
            continue
    raise ApplicationError("督办单编号分配冲突，请稍后重试。")


def _record(
    target: ChaseTarget, kind: ChaseKind, *, what: str, requirement: str, as_of: date, actor: Any
) -> ChaseRecord:
    fields = {
        "task": target.task,
        "unit": target.unit,
        "kind": kind,
        "as_of": as_of,
        "lateness": what,
        "requirement": requirement,
        "created_by": stored_user(actor),
    }
    if kind == ChaseKind.SUPERVISE:
        return _numbered(fields, as_of.year)
    return ChaseRecord.objects.create(**fields)


def _notice_body(unit: OrgUnit, rows: list[tuple[ChaseRecord, str]], requirement: str) -> str:
    lines = [f"{unit.name}："]
    for position, (row, what) in enumerate(rows, 1):
        number = f"（{row.number}）" if row.number else ""
        lines.append(f"{position}. 任务{row.task.number} {row.task.text[:40]}{number}：{what}")
    lines.append(f"督办要求：{requirement}")
    return "\n".join(lines)


def _chase_unit(
    unit: OrgUnit,
    targets: list[ChaseTarget],
    *,
    kind: ChaseKind,
    requirement: str,
    as_of: date,
    groups: list[LateGroup],
    actor: Any,
) -> tuple[list[ChaseRecord], int]:
    rows = []
    for target in targets:
        what = "；".join(lateness(target.task, unit, as_of, groups=groups))
        row = _record(target, kind, what=what, requirement=requirement, as_of=as_of, actor=actor)
        record(
            actor=actor,
            action=f"chase.{kind}",
            task=target.task,
            target=row,
            summary=f"{kind.label}{unit.name}{'（' + row.number + '）' if row.number else ''}：{what}",
        )
        rows.append((row, what))
    tasks = [t.task for t in targets]
    recipients = list(selectors.unit_reporters(unit))
    if kind == ChaseKind.SUPERVISE:
        recipients += _leaders(tasks)
    label = "督办" if kind == ChaseKind.SUPERVISE else "催办"
    notices = notify(
        recipients=recipients,
        kind=NoticeKind.SUPERVISE if kind == ChaseKind.SUPERVISE else NoticeKind.URGE,
        title=f"{label}：{len(tasks)} 项任务（{unit.name}）",
        body=_notice_body(unit, rows, requirement),
        as_of=as_of,
        task=tasks[0] if len(tasks) == 1 else None,
    )
    for row, _ in rows:
        row.notified = len(notices)
        row.save(update_fields=["notified", "updated_at"])
    return [row for row, _ in rows], len(notices)


@transaction.atomic
def chase_send(
    *,
    targets: list[ChaseTarget],
    kind: ChaseKind,
    requirement: str = "",
    as_of: date,
    actor: Any,
) -> ChaseOutcome:
    """催办 (a notice) or 督办单 (a notice and a numbered, printable record) to each unit of
    ``targets`` not chased within the interval; one notice per unit for all its tasks."""
    require(actor, Perm.PROGRESS_CHASE)
    _check(targets)
    requirement = requirement.strip()[:500] or default_requirement(as_of)
    by_unit: dict[int, dict[int, ChaseTarget]] = {}
    for target in targets:  # a pair ticked twice is chased once
        by_unit.setdefault(target.unit.pk, {})[target.task.pk] = target
    interval = int(settings.DUBAN_CHASE_INTERVAL_DAYS)
    groups = late_groups(as_of=as_of)
    outcome = ChaseOutcome()
    for per_task in by_unit.values():
        unit_targets = list(per_task.values())
        unit = unit_targets[0].unit
        last = last_chased(unit)
        if last is not None and not may_chase(last, as_of, interval_days=interval):
            outcome.skipped.append(
                f"{unit.name}已于{last.year}年{last.month}月{last.day}日被催办，"
                f"{interval} 天内不再重复催办"
            )
            continue
        if kind == ChaseKind.URGE and not selectors.unit_reporters(unit).exists():
            outcome.skipped.append(NO_ACCOUNT.format(unit=unit.name))
            continue
        rows, sent = _chase_unit(
            unit,
            unit_targets,
            kind=kind,
            requirement=requirement,
            as_of=as_of,
            groups=groups,
            actor=actor,
        )
        outcome.records += rows
        outcome.notices += sent
        outcome.units.append(unit.name)
    return outcome
