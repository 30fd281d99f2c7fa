"""Units and leaders as the notice wrote them, for the 台账 an office sends upward.

Why: the import expands a collective (各街道办事处) into its member units so each can report,
and keeps a collective it cannot resolve yet (相关街道办事处) unexpanded. A ledger that lists
the expanded members turns one phrase into twenty names, and one that lists only units drops
the unresolved collective altogether. Offices write the collective: so the ledger shows it
once, where its first member stood, and marks one that is still to be assigned.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from duban.plans.models import SourceDocument, Task, TaskCollective, TaskUnit, UnitRole

PENDING = "（待指定）"


@dataclass
class Written:
    """One task's collectives: member unit → the collective's text, per role; the unresolved."""

    members: dict[tuple[str, int], str] = field(default_factory=dict)
    pending: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    collective_leaders: list[str] = field(default_factory=list)

    def units(self, role: str, units: Sequence[tuple[int, str]]) -> list[str]:
        """The role's names as written: each collective once, then the unresolved ones."""
        names = [self.members.get((role, unit_id), name) for unit_id, name in units]
        names += [f"{raw}{PENDING}" for raw in self.pending.get(role, [])]
        return list(dict.fromkeys(names))


def written_names(document: SourceDocument) -> dict[int, Written]:
    """task id → its collectives as written (three queries for the whole document)."""
    scope = {"task__task_list__document": document, "task__is_withdrawn": False}
    found: dict[int, Written] = defaultdict(Written)
    texts: dict[tuple[int, int, str], str] = {}
    collectives = TaskCollective.objects.filter(**scope).order_by("task_id", "id")
    for task_id, group_id, role, raw, group, expanded in collectives.values_list(
        "task_id", "group_id", "role", "raw_name", "group__name", "expanded_count"
    ):
        texts[(task_id, group_id, role)] = raw or group
        if not expanded:
            found[task_id].pending[role].append(raw or group)
    members = TaskUnit.objects.filter(
        **scope, via_collective__isnull=False, role__in=[UnitRole.LEAD, UnitRole.RESPONSIBLE]
    ).order_by()
    for task_id, unit_id, role, group_id in members.values_list(
        "task_id", "unit_id", "role", "via_collective_id"
    ):
        text = texts.get((task_id, group_id, role))
        if text:
            found[task_id].members[(role, unit_id)] = text
    leaders = Task.objects.filter(task_list__document=document, is_withdrawn=False).exclude(
        collective_leaders=[]
    )
    for task_id, names in leaders.values_list("pk", "collective_leaders"):
        found[task_id].collective_leaders = [str(n) for n in names or []]
    return dict(found)
