"""Reads for the parts pages: who has filed on a task, a unit's own form pre-fill, bulk rows.

Above ``duban.progress.selectors`` (its ``Prefill``); the rule of who owes a part is
``parts.queries`` alone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from duban.orgs.models import OrgUnit
from duban.plans.models import Target, Task, TaskUnit
from duban.progress.models import ReportingPeriod
from duban.progress.parts import queries
from duban.progress.parts.models import UnitPart
from duban.progress.selectors import Prefill


@dataclass(frozen=True)
class PartLine:
    """One unit's line in "who has filed": its roles on the task and its part, if any."""

    unit: OrgUnit
    roles: str
    part: UnitPart | None
    owed: bool  # False: a part left by a unit no longer on the task
    figures: list[tuple[Target, Decimal | None]] = field(default_factory=list)
    late: bool = False  # first 报送 after the period's due date

    @property
    def filed(self) -> bool:
        return self.part is not None and self.part.submitted_at is not None


def _roles(task: Task) -> dict[int, str]:
    """unit id → its roles as shown: 配合、牵头（相关街道办事处）."""
    shown: dict[int, list[str]] = defaultdict(list)
    rows = TaskUnit.objects.filter(task=task).select_related("via_collective")
    for a in rows.order_by("role", "position", "pk"):
        label = a.get_role_display() + (f"（{a.via_collective.name}）" if a.via_collective else "")
        if label not in shown[a.unit_id]:
            shown[a.unit_id].append(label)
    return {unit: "、".join(labels) for unit, labels in shown.items()}


def part_lines(
    task: Task,
    period: ReportingPeriod,
    *,
    owed: list[int] | None = None,
    parts: list[UnitPart] | None = None,
) -> list[PartLine]:
    """Every unit that owes ``task`` a part for ``period``, filed or not, then any part left
    by a unit no longer on it; figures of the task's measurable targets. ``owed``
    (``queries.part_units``) and ``parts`` (``queries.parts_of``) when the page has them."""
    if owed is None:
        owed = queries.part_units([task.pk]).get(task.pk, [])
    if parts is None:
        parts = queries.parts_of([task.pk], period).get(task.pk, [])
    found = {p.unit_id: p for p in parts}
    units = OrgUnit.objects.in_bulk([*owed, *found])
    roles = _roles(task)
    targets = [t for t in task.targets.all() if t.kind != "qualitative"]

    def line(unit_id: int, is_owed: bool) -> PartLine:
        part = found.get(unit_id)
        values = {a.target_id: a.value for a in part.actuals.all()} if part else {}
        filed_at = part.submitted_at if part else None
        return PartLine(
            unit=units[unit_id],
            roles=roles.get(unit_id, "—"),
            part=part,
            owed=is_owed,
            figures=[(t, values.get(t.pk)) for t in targets],
            late=filed_at is not None and timezone.localdate(filed_at) > period.due_date,
        )

    return [line(u, True) for u in owed] + [line(u, False) for u in found if u not in owed]


def _prefill_of(part: UnitPart | None, source: str) -> Prefill:
    if part is None:
        return Prefill()
    values = {name: getattr(part, name) for name in ("progress", "problems", "next_steps")}
    return Prefill(values, {a.target_id: a.value for a in part.actuals.all()}, source)


def part_prefills(
    unit: OrgUnit, period: ReportingPeriod, tasks: list[Task]
) -> dict[int, tuple[UnitPart | None, Prefill]]:
    """task id → (the unit's part of ``period`` or None, its pre-fill: the part itself, else
    the unit's part of the period before, whose cumulative figures carry). Four queries."""
    ids = [t.pk for t in tasks]
    current = {
        p.task_id: p
        for p in UnitPart.objects.filter(task_id__in=ids, period=period, unit=unit)
        .select_related("updated_by")
        .prefetch_related("actuals", "evidence")
    }
    earlier = (
        UnitPart.objects.filter(
            task_id__in=[pk for pk in ids if pk not in current],
            unit=unit,
            period__kind=period.kind,
            period__due_date__lt=period.due_date,
        )
        .select_related("period")
        .prefetch_related("actuals")
        .order_by("task_id", "-period__due_date")
    )
    previous: dict[int, UnitPart] = {}
    for row in earlier:
        previous.setdefault(row.task_id, row)
    result: dict[int, tuple[UnitPart | None, Prefill]] = {}
    for pk in ids:
        part = current.get(pk)
        if part is not None:
            result[pk] = (part, _prefill_of(part, "本期已保存的内容"))
        elif (last := previous.get(pk)) is not None:
            result[pk] = (None, _prefill_of(last, f"上期（{last.period.label}）本单位报送的内容"))
        else:
            result[pk] = (None, Prefill())
    return result


def unit_part_rows(
    unit: OrgUnit, period: ReportingPeriod, tasks: list[Task]
) -> list[dict[str, Any]]:
    """One row per task (a page of ``queries.unit_part_tasks``) for the bulk page."""
    prefills = part_prefills(unit, period, tasks)
    rows = []
    for task in tasks:
        part, prefill = prefills[task.pk]
        rows.append(
            {
                "task": task,
                "part": part,
                "prefill": prefill,
                "version": part.version if part else 0,
            }
        )
    return rows
