"""The 督查室 names the units of a collective on one task (相关街道办事处 → 三个街道).

A collective the directory cannot expand (rule 待指定, or one that matched nobody) is kept as
written at import. Choosing its units here gives exactly those units the task, in the
collective's role, marked ``via_collective`` as an expansion would: each then owes its own
part. The choice is the task's own (the same 相关街道办事处 names other streets on another
task), so the group's rule and members are left alone, and ``collective_tasks_expand`` only
ever adds to it. Units on the task by hand or in the same role through another collective are
left as they are. Callers go through ``duban.workflows.task_collective_choose``, which
refreshes the read model in the same transaction (the reporting unit may change).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max, Min

from duban.audit.services import audit_record
from duban.core.exceptions import ApplicationError
from duban.orgs.models import OrgUnit
from duban.plans.models import TaskCollective, TaskUnit

INACTIVE = "{name}已停用，不能指定。"
WITHDRAWN = "该任务已撤销，不能指定单位。"
TOO_MANY = "一次至多指定 {limit} 个单位。"
LIMIT = 500


@dataclass
class Choice:
    """What a choice changed on the task (unit names)."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # already on the task otherwise


@transaction.atomic
def task_collective_choose(
    *, link: TaskCollective, units: Sequence[OrgUnit], actor: Any = None
) -> Choice:
    """Make ``units`` the units ``link`` gives its task; audited (``collective.choose``)."""
    link = (
        TaskCollective.objects.select_for_update().select_related("task", "group").get(pk=link.pk)
    )
    task = link.task
    if task.is_withdrawn:
        raise ApplicationError(WITHDRAWN)
    if len(units) > LIMIT:
        raise ApplicationError(TOO_MANY.format(limit=LIMIT))
    wanted = {u.pk: u for u in units}
    for unit in wanted.values():
        if not unit.is_active:
            raise ApplicationError(INACTIVE.format(name=unit.name))
    via = TaskUnit.objects.filter(task=task, role=link.role, via_collective=link.group)
    current = {a.unit_id: a for a in via.select_related("unit")}
    others = set(
        TaskUnit.objects.filter(task=task, role=link.role)
        .exclude(pk__in=[a.pk for a in current.values()])
        .values_list("unit_id", flat=True)
    )
    choice = Choice()
    gone = [a for pk, a in current.items() if pk not in wanted]
    TaskUnit.objects.filter(pk__in=[a.pk for a in gone]).delete()
    choice.removed = sorted(a.unit.name for a in gone)
    position = _position(link, current)
    rows = []
    for pk, unit in wanted.items():
        if pk in current:
            continue
        if pk in others:
            choice.kept.append(unit.name)
            continue
        rows.append(
            TaskUnit(
                task=task,
                unit=unit,
                role=link.role,
                position=position,
                raw_name=link.raw_name,
                via_collective=link.group,
            )
        )
    TaskUnit.objects.bulk_create(rows)
    choice.added = sorted(r.unit.name for r in rows)
    link.expanded_count = via.count()
    link.save(update_fields=["expanded_count"])
    if choice.added or choice.removed:
        _audit(link, choice, actor)
    return choice


def _position(link: TaskCollective, current: dict[int, TaskUnit]) -> int:
    """Where the collective stood: its units' place, else after the task's other units."""
    if current:
        return min(a.position for a in current.values())
    same = TaskUnit.objects.filter(task=link.task, via_collective=link.group, role=link.role)
    found = same.aggregate(p=Min("position"))["p"]
    if found is not None:
        return int(found)
    last = TaskUnit.objects.filter(task=link.task).aggregate(p=Max("position"))["p"]
    return 0 if last is None else int(last) + 1


def _audit(link: TaskCollective, choice: Choice, actor: Any) -> None:
    added = "、".join(choice.added) or "无"
    removed = "、".join(choice.removed) or "无"
    audit_record(
        actor=actor,
        action="collective.choose",
        target=link.task,
        summary=f"{link.raw_name or link.group.name}（{link.get_role_display()}）指定单位："
        f"新增 {added}；移除 {removed}",
        data={
            "task": link.task_id,
            "collective": link.pk,
            "changes": [
                {
                    "field": f"{link.raw_name or link.group.name}包含的单位",
                    "before": "、".join(sorted([*choice.removed, *_unchanged(link, choice)])),
                    "after": "、".join(sorted([*choice.added, *_unchanged(link, choice)])),
                }
            ],
        },
    )


def _unchanged(link: TaskCollective, choice: Choice) -> list[str]:
    names = TaskUnit.objects.filter(
        task=link.task, role=link.role, via_collective=link.group
    ).values_list("unit__name", flat=True)
    return [n for n in names if n not in choice.added]
