"""交办: tell each assigned unit which tasks it was handed, in what role, and when to 签收.

Called by the workflows that create tasks — confirming an import, adding a task in the app —
inside their transaction: the notices are rows of that transaction and leave by e-mail
only after it commits (``notify``), so a rolled-back confirm tells nobody anything.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from duban.accounts.models import Role, UnitMembership, User
from duban.audit.services import audit_record
from duban.orgs.models import OrgUnit
from duban.plans.models import Task
from duban.progress.assigned import AssignedTask, assigned_by_unit
from duban.progress.models import NoticeKind
from duban.progress.services.notifications import notify

TEXT_SHOWN = 60  # characters of a task's text quoted in the notice


def _reporters(unit_ids: list[int]) -> dict[int, list[User]]:
    """unit id → its active 填报员 (``selectors.unit_reporters``, for many units at once)."""
    found: dict[int, list[User]] = {}
    memberships = UnitMembership.objects.filter(
        unit_id__in=unit_ids, user__is_active=True, user__role=Role.REPORTER
    ).select_related("user")
    for membership in memberships.order_by("unit_id", "user_id"):
        found.setdefault(membership.unit_id, []).append(membership.user)
    return found


def _line(position: int, row: AssignedTask) -> str:
    task = row.task
    sign = (
        f"请于{row.acknowledge_by:%Y年%m月%d日}前签收"
        if row.signs
        else f"由{row.signer}签收，请配合办理"
    )
    text = task.text if len(task.text) <= TEXT_SHOWN else task.text[:TEXT_SHOWN] + "…"
    return (
        f"{position}. 《{task.task_list.title}》第{task.number}项：{text}"
        f"（本单位：{row.role_text}；责任领导：{row.leader_text}；完成时限：{row.deadline}；{sign}）"
    )


def assignment_body(unit: OrgUnit, rows: list[AssignedTask]) -> str:
    """The notice's text: every task of ``unit`` with its role, leaders, deadline and 签收."""
    lines = [
        f"{unit.name}：",
        f"以下 {len(rows)} 项任务交由你单位办理，请及时签收，抓好落实，按时报送进展：",
    ]
    lines += [_line(i, row) for i, row in enumerate(rows, 1)]
    lines.append("交办单可在本单位页面下载打印。")
    return "\n".join(lines)


@transaction.atomic
def assignment_send(*, tasks: list[Task], as_of: date, actor: Any) -> int:
    """Send each unit assigned to ``tasks`` one 交办 notice listing all its tasks among them.

    Every active 填报员 of the unit receives it; a unit without accounts gets none (its
    交办单 can still be printed). Returns the number of notices sent; audited once.
    """
    by_unit = assigned_by_unit(tasks)
    reporters = _reporters([unit.pk for unit in by_unit])
    sent = 0
    for unit, rows in by_unit.items():
        notices = notify(
            recipients=reporters.get(unit.pk, []),
            kind=NoticeKind.ASSIGN,
            title=f"交办：{len(rows)} 项任务（{unit.name}）",
            body=assignment_body(unit, rows),
            as_of=as_of,
            task=rows[0].task if len(rows) == 1 else None,
        )
        sent += len(notices)
    if by_unit:
        task_ids = sorted({row.task.pk for rows in by_unit.values() for row in rows})
        audit_record(
            actor=actor,
            action="task.assign",
            target=next(iter(by_unit.values()))[0].task if len(task_ids) == 1 else None,
            summary=f"交办 {len(task_ids)} 项任务：通知 {len(by_unit)} 个单位，共 {sent} 条",
            data={
                "task": task_ids[0] if len(task_ids) == 1 else None,
                "tasks": task_ids,
                "units": sorted(unit.pk for unit in by_unit),
                "notices": sent,
                "changes": [],
            },
        )
    return sent
