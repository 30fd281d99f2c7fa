"""Collective re-expansion: a group's tasks reach units that joined it after the import.

At import confirm a collective (各街道办事处) is expanded once into ``TaskUnit`` rows marked
``via_collective``. When the directory later gains a matching unit, or a unit is added to an
explicit group, ``collective_tasks_expand`` gives those units the group's tasks. It only adds:
units already on a task (in any role, by hand or via a collective) are left as they are, and
nothing is ever removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Min, Q

from duban.audit.services import audit_record
from duban.orgs.models import CollectiveGroup, OrgUnit
from duban.orgs.selectors import collective_members
from duban.plans.models import TaskCollective, TaskUnit


@transaction.atomic
def collective_tasks_expand(
    *, group: CollectiveGroup, units: Sequence[OrgUnit] | None = None, actor: Any = None
) -> int:
    """Give ``group``'s (not withdrawn) tasks to its members that do not have them yet.

    ``units`` limits the expansion to those units (the new members); ``None`` re-expands
    against every current member. Idempotent. Returns the number of ``TaskUnit`` rows added;
    one audit record lists them when there are any.
    """
    members = collective_members(group=group)
    if units is not None:
        wanted = {u.pk for u in units}
        members = [m for m in members if m.pk in wanted]
    links = list(
        TaskCollective.objects.filter(group=group, task__is_withdrawn=False)
        .select_related("task")
        .order_by("task_id", "id")
    )
    if not members or not links:
        return 0
    task_ids = {link.task_id for link in links}
    assigned = set(TaskUnit.objects.filter(task_id__in=task_ids).values_list("task_id", "unit_id"))
    group_positions = {
        (row["task_id"], row["role"]): row["position"]
        for row in TaskUnit.objects.filter(task_id__in=task_ids, via_collective=group)
        .values("task_id", "role")
        .annotate(position=Min("position"))
    }
    last_positions = dict(
        TaskUnit.objects.filter(task_id__in=task_ids)
        .values("task_id")
        .annotate(last=Max("position"))
        .values_list("task_id", "last")
    )
    rows: list[TaskUnit] = []
    for link in links:
        key = (link.task_id, link.role)
        if key not in group_positions:
            group_positions[key] = last_positions.get(link.task_id, -1) + 1
        for unit in members:
            if (link.task_id, unit.pk) in assigned:
                continue
            assigned.add((link.task_id, unit.pk))
            rows.append(
                TaskUnit(
                    task_id=link.task_id,
                    unit=unit,
                    role=link.role,
                    position=group_positions[key],
                    raw_name=link.raw_name,
                    via_collective=group,
                )
            )
    if not rows:
        return 0
    TaskUnit.objects.bulk_create(rows)
    _recount(links, group)
    audit_record(
        actor=actor,
        action="collective.expand",
        target=group,
        summary=f"{group.name}：{len({r.task_id for r in rows})} 项任务新增单位 {len(rows)} 个",
        data={
            "tasks": sorted({r.task_id for r in rows}),
            "units": sorted({r.unit.name for r in rows}),
            "added": [[r.task_id, r.unit_id, r.role] for r in rows],
        },
    )
    return len(rows)


def _recount(links: list[TaskCollective], group: CollectiveGroup) -> None:
    """``expanded_count``: the units now on each task through this collective and role."""
    counts = {
        (row["task_id"], row["role"]): row["n"]
        for row in TaskUnit.objects.filter(
            Q(task_id__in={link.task_id for link in links}), via_collective=group
        )
        .values("task_id", "role")
        .annotate(n=Count("id"))
    }
    for link in links:
        link.expanded_count = counts.get((link.task_id, link.role), 0)
    TaskCollective.objects.bulk_update(links, ["expanded_count"])
