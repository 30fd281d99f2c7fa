"""A confirmed row's links: units (and the collectives they came through), leaders, targets,
milestones — written for new and changed tasks, in bulk.

A changed task whose fields were edited in the app keeps the links of those fields as the
app left them (``appedits.kept_links``): only the other links are rewritten from the notice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from duban.orgs.models import CollectiveGroup, OrgUnit, Post
from duban.orgs.naming import normalize_name
from duban.plans.models import Milestone, Target, Task, TaskCollective, TaskLeader, TaskUnit
from duban.plans.services.rows import Row, milestone_of, target_of

# the models of each link kind (``appedits.LINKS_KEPT_BY`` names the kinds)
LINK_MODELS: dict[
    str, tuple[type[TaskUnit | TaskCollective | TaskLeader | Target | Milestone], ...]
] = {
    "units": (TaskUnit, TaskCollective),
    "leaders": (TaskLeader,),
    "targets": (Target,),
    "milestones": (Milestone,),
}


@dataclass
class Resolved:
    """Names of a batch resolved to directory objects."""

    units: dict[str, OrgUnit] = field(default_factory=dict)
    groups: dict[str, CollectiveGroup] = field(default_factory=dict)
    members: dict[int, list[OrgUnit]] = field(default_factory=dict)
    posts: dict[str, Post] = field(default_factory=dict)


@dataclass(frozen=True)
class Linked:
    """A task to link from its row, but for the link kinds in ``kept``."""

    task: Task
    row: Row
    kept: frozenset[str] = frozenset()


def links_drop(relinked: list[Linked]) -> None:
    """Delete the changed tasks' links that will be rewritten (not the kept ones)."""
    for kind, models in LINK_MODELS.items():
        ids = [item.task.pk for item in relinked if kind not in item.kept]
        for model in models:
            if ids:
                model.objects.filter(task_id__in=ids).delete()


def _units(task: Task, row: Row, resolved: Resolved) -> tuple[list[TaskUnit], list[TaskCollective]]:
    units: list[TaskUnit] = []
    collectives: list[TaskCollective] = []
    seen: set[tuple[int, str]] = set()
    for position, ref in enumerate(row.record.units):
        name, role = normalize_name(ref.name), ref.role
        group = resolved.groups.get(name)
        members = resolved.members.get(group.pk, []) if group else []
        if group is not None:
            collectives.append(
                TaskCollective(
                    task=task,
                    group=group,
                    role=role,
                    raw_name=ref.raw[:200],
                    expanded_count=len(members),
                )
            )
        for unit in members if group else [resolved.units[name]]:
            if (unit.pk, role) in seen:
                continue
            seen.add((unit.pk, role))
            units.append(
                TaskUnit(
                    task=task,
                    unit=unit,
                    role=role,
                    position=position,
                    raw_name=ref.raw[:200],
                    via_collective=group,
                )
            )
    return units, collectives


def _leaders(task: Task, row: Row, resolved: Resolved) -> list[TaskLeader]:
    persons = [x.name for x in row.record.leaders if not x.collective]
    return [  # a collective (区政府班子成员) is no person: no post
        TaskLeader(
            task=task,
            post=resolved.posts[normalize_name(name)],
            raw_name=name[:50],
            position=position,
        )
        for position, name in enumerate(persons)
    ]


def links_create(items: list[Linked], resolved: Resolved) -> None:
    """Write the links of ``items`` (one bulk insert per model)."""
    units: list[TaskUnit] = []
    collectives: list[TaskCollective] = []
    leaders: list[TaskLeader] = []
    targets: list[Target] = []
    milestones: list[Milestone] = []
    for item in items:
        task, row = item.task, item.row
        if "units" not in item.kept:
            found, groups = _units(task, row, resolved)
            units += found
            collectives += groups
        if "leaders" not in item.kept:
            leaders += _leaders(task, row, resolved)
        if "targets" not in item.kept:
            targets.extend(target_of(task, i, t) for i, t in enumerate(row.parsed.targets))
        if "milestones" not in item.kept:
            milestones.extend(milestone_of(task, i, m) for i, m in enumerate(row.parsed.milestones))
    TaskUnit.objects.bulk_create(units)
    TaskCollective.objects.bulk_create(collectives)
    TaskLeader.objects.bulk_create(leaders)
    Target.objects.bulk_create(targets)
    Milestone.objects.bulk_create(milestones)
