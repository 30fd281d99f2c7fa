"""What a unit is handed (交办): its tasks, its role on each, the leaders, deadlines, 签收.

One read for the 交办 notice (``services.assignment``) and the printed 交办单
(``duban.exports.assignment_doc``), so the two always list the same tasks the same way.
Queries are per call, not per task.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from duban.orgs.models import OrgUnit
from duban.plans.models import SourceDocument, Task, TaskLeader, TaskUnit, UnitRole
from duban.progress.acknowledging import acknowledge_due
from duban.progress.models import TaskTracking
from duban.progress.parts.queries import signers
from duban.progress.standing.loading import reporting_units

ROLE_ORDER = {UnitRole.LEAD: 0, UnitRole.RESPONSIBLE: 1, UnitRole.SUPPORTING: 2}


def acknowledge_days() -> int:
    """Working days to 签收 after 交办 (``DUBAN_ACKNOWLEDGE_DAYS``)."""
    return int(settings.DUBAN_ACKNOWLEDGE_DAYS)


@dataclass(frozen=True)
class AssignedTask:
    """One task as one unit is handed it."""

    task: Task
    roles: tuple[str, ...]  # 牵头 / 责任 / 配合, with the collective it came through
    leaders: tuple[str, ...]
    deadline: str  # 完成时限 as the notice writes it
    assigned_on: date
    acknowledge_by: date
    signer: str  # the task's reporting unit (named when this unit does not sign)
    signs: bool  # this unit must 签收 the task itself (``parts.queries.signers``)

    @property
    def role_text(self) -> str:
        return "、".join(self.roles)

    @property
    def leader_text(self) -> str:
        return "、".join(self.leaders) or "—"


def _leaders(task_ids: list[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    links = TaskLeader.objects.filter(task_id__in=task_ids).select_related("post__holder")
    for link in links.order_by("task_id", "position", "id"):
        holder = link.post.holder
        names.setdefault(link.task_id, []).append(holder.name if holder else link.raw_name)
    return names


def assigned_days(tasks: list[Task]) -> dict[int, date]:
    """The 交办 day of each task: the day its tracking row was made, else the day the task
    was (the import's confirm, or the 督查室 adding it). Derived, so reading writes nothing."""
    made = dict(TaskTracking.objects.filter(task__in=tasks).values_list("task_id", "created_at"))
    return {t.pk: timezone.localdate(made.get(t.pk, t.created_at)) for t in tasks}


def acknowledge_deadline(task: Task) -> date:
    """The last day to 签收 ``task``."""
    return acknowledge_due(assigned_days([task])[task.pk], acknowledge_days())


def _role(link: TaskUnit) -> str:
    label = UnitRole(link.role).label
    return f"{label}（{link.via_collective.name}）" if link.via_collective else str(label)


def assigned_by_unit(tasks: Iterable[Task]) -> dict[OrgUnit, list[AssignedTask]]:
    """Every unit assigned to one of ``tasks`` (withdrawn ones left out) → its tasks."""
    live = list(
        Task.objects.filter(pk__in=[t.pk for t in tasks], is_withdrawn=False).select_related(
            "task_list__document"
        )
    )
    ids = [t.pk for t in live]
    by_id = {t.pk: t for t in live}
    links = (
        TaskUnit.objects.filter(task_id__in=ids)
        .select_related("unit", "via_collective")
        .order_by("unit__name", "task_id", "role", "position")
    )
    reporting = reporting_units(Q(task_id__in=ids))
    must_sign = signers(ids)
    names = dict(OrgUnit.objects.filter(pk__in=set(reporting.values())).values_list("pk", "name"))
    leaders, days = _leaders(ids), assigned_days(live)
    grouped: dict[int, tuple[OrgUnit, dict[int, list[TaskUnit]]]] = {}
    for link in links:
        grouped.setdefault(link.unit_id, (link.unit, {}))[1].setdefault(link.task_id, []).append(
            link
        )
    result: dict[OrgUnit, list[AssignedTask]] = {}
    for unit, per_task in grouped.values():
        rows = []
        for task_id, unit_links in per_task.items():
            task = by_id[task_id]
            unit_links.sort(key=lambda x: ROLE_ORDER[UnitRole(x.role)])
            rows.append(
                AssignedTask(
                    task=task,
                    roles=tuple(_role(x) for x in unit_links),
                    leaders=(*leaders.get(task_id, []), *task.collective_leaders),
                    deadline=task.deadline_text or "未写明",
                    assigned_on=days[task_id],
                    acknowledge_by=acknowledge_due(days[task_id], acknowledge_days()),
                    signer=names.get(reporting.get(task_id, 0), "未指定"),
                    signs=unit.pk in must_sign.get(task_id, ()),
                )
            )
        rows.sort(key=_order)
        result[unit] = rows
    return result


def _order(row: AssignedTask) -> tuple[int, int, int, int]:
    task = row.task
    return (task.task_list.document_id, task.task_list.position, task.number, task.pk)


def unit_assignments(
    unit: OrgUnit, *, document: SourceDocument | None = None
) -> list[AssignedTask]:
    """The live tasks of live documents assigned to ``unit`` (one document's, if given)."""
    tasks = Task.objects.filter(
        assignments__unit=unit,
        is_withdrawn=False,
        task_list__document__withdrawn_at__isnull=True,
    ).select_related("task_list__document")
    if document is not None:
        tasks = tasks.filter(task_list__document=document)
    return assigned_by_unit(tasks.distinct()).get(unit, [])
