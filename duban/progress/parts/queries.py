"""Who owes a part, who has filed it, and the 汇总 pre-fill drawn from the parts.

**The rule** (docs/status-rules.md, "Parts"): every active unit assigned to a task — in any
role, by hand or through a collective — owes a part for each monthly period, except the
task's reporting unit (its 汇总 *is* the report). A task without a reporting unit owes no
parts; a task 销号 or withdrawn owes none on the days it is so.

Lists and counts on a day (the late list, the reminders, the 通报's 未按时报送) read
:func:`missing`: the read model's span of the task on that day says whether it is live, not
销号, and which unit reports it, so the lead's own item and the parts never disagree on who
the lead is. Pages about one task or one unit read :func:`part_units` (the same rule on the
assignments as they are now). Neither changes the task's light: that stays the 汇总's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from duban.orgs.models import OrgUnit
from duban.plans.models import SourceDocument, Target, Task, TaskUnit, UnitRole
from duban.progress.models import ProgressReport, ReportingPeriod
from duban.progress.parts.models import UnitPart, UnitSignature
from duban.progress.standing.loading import reporting_units
from duban.progress.standing.queries import end_of, on_day
from duban.progress.status import ScheduleStatus
from duban.progress.workflow import ReportState

# Amounts add up across units (基站个数, 投资亿元); rates, shares and caps do not — the same
# split as the status engine's expected ratio (``status.expected_ratio``).
ADDITIVE_KINDS = frozenset({"level", "count"})


def _duty(ids: list[int]) -> tuple[dict[int, int], dict[int, list[int]]]:
    """(task id → reporting unit, task id → its active units in the notice's order), for
    the tasks that have a reporting unit: the one reading behind parts and 签收 (two queries)."""
    reporting = reporting_units(Q(task_id__in=ids))
    active: dict[int, list[int]] = defaultdict(list)
    rows = TaskUnit.objects.filter(task_id__in=ids, unit__is_active=True).order_by(
        "task_id", "role", "position", "pk"
    )  # role codes sort lead < responsible < supporting
    for task_id, unit_id in rows.values_list("task_id", "unit_id"):
        if task_id in reporting and unit_id not in active[task_id]:
            active[task_id].append(unit_id)
    return reporting, active


def part_units(task_ids: Iterable[int]) -> dict[int, list[int]]:
    """task id → the units that owe it a part, in the notice's order (two queries)."""
    reporting, active = _duty(list(task_ids))
    owed = {t: [u for u in units if u != reporting[t]] for t, units in active.items()}
    return {t: units for t, units in owed.items() if units}


def signers(task_ids: Iterable[int]) -> dict[int, list[int]]:
    """task id → the units that must 签收 it: its reporting unit first, then every unit that
    owes it a part — every active unit on a task that has a reporting unit (docs/status-rules.md
    "签收 per unit"). :func:`signing_rows` is the same rule as a query."""
    reporting, active = _duty(list(task_ids))
    found: dict[int, list[int]] = {}
    for task_id, units in active.items():
        lead = reporting[task_id]
        found[task_id] = [lead, *(u for u in units if u != lead)] if lead in units else units
    return found


def signing_rows(tasks: QuerySet[Task] | None = None) -> QuerySet[TaskUnit]:
    """The assignments whose unit must 签收 (a unit in two roles: two rows): an active unit
    on a live task that has a reporting unit (a 牵头 or 责任 assignment) — :func:`signers`
    for lists over many tasks."""
    reporter = TaskUnit.objects.filter(
        task_id=OuterRef("task_id"), role__in=[UnitRole.LEAD, UnitRole.RESPONSIBLE]
    )
    rows = TaskUnit.objects.filter(
        unit__is_active=True,
        task__is_withdrawn=False,
        task__task_list__document__withdrawn_at__isnull=True,
    ).filter(Exists(reporter))
    return rows if tasks is None else rows.filter(task__in=tasks)


def owes_part(task: Task, unit_id: int) -> bool:
    return unit_id in part_units([task.pk]).get(task.pk, [])


def unit_part_tasks(unit_id: int, period: ReportingPeriod) -> QuerySet[Task]:
    """The live tasks of ``period``'s document on which ``unit_id`` owes a part."""
    candidates = Task.objects.filter(
        task_list__document_id=period.document_id, is_withdrawn=False, assignments__unit=unit_id
    ).values_list("pk", flat=True)
    owed = [t for t, units in part_units(set(candidates)).items() if unit_id in units]
    return Task.objects.filter(pk__in=owed).order_by("task_list__position", "number", "pk")


# --- on a day: the one reading for lists and counts ------------------------------------------


def expected(
    document: SourceDocument, day: date, tasks: QuerySet[Task] | None = None
) -> QuerySet[TaskUnit]:
    """Assignments that owe a part on ``day``: the task's span is live, not 销号, has a
    reporting unit, and the assignment is not that unit (a unit in two roles: two rows)."""
    spans = (
        on_day(document, day, tasks)
        .exclude(schedule=ScheduleStatus.DONE)
        .filter(reporting_unit__isnull=False)
    )
    # the task's one span that day, reported by another unit: one semi-join with the day's spans
    others = spans.filter(task_id=OuterRef("task_id")).exclude(reporting_unit=OuterRef("unit_id"))
    return TaskUnit.objects.filter(Exists(others), unit__is_active=True).order_by()


def missing(
    document: SourceDocument,
    period: ReportingPeriod,
    day: date,
    tasks: QuerySet[Task] | None = None,
) -> QuerySet[TaskUnit]:
    """Owed parts of ``period`` not 报送 by ``day`` (first 报送, so later days agree)."""
    filed = UnitPart.objects.filter(
        period=period,
        task_id=OuterRef("task_id"),
        unit_id=OuterRef("unit_id"),
        submitted_at__lt=end_of(day),  # by local ``day`` (an index-friendly bound)
    )
    return expected(document, day, tasks).exclude(Exists(filed))


def missing_pairs(rows: QuerySet[TaskUnit]) -> QuerySet[Any]:
    """(task id, unit id) once each, in the late list's order: unit, then the notice's."""
    return (
        rows.values_list("task_id", "unit_id")
        .order_by("unit__name", "unit_id", "task__task_list__position", "task__number", "task_id")
        .distinct()
    )


def missing_by_unit(
    document: SourceDocument, period: ReportingPeriod, tasks: QuerySet[Task] | None = None
) -> dict[int, int]:
    """未按时报送 parts: unit id → its tasks whose part was not filed by the due date."""
    late = missing(document, period, period.due_date, tasks)
    rows = late.values("unit_id").annotate(n=Count("task_id", distinct=True)).order_by()
    return {row["unit_id"]: row["n"] for row in rows}


# --- what was filed ---------------------------------------------------------------------------


def parts_of(task_ids: Iterable[int], period: ReportingPeriod) -> dict[int, list[UnitPart]]:
    """task id → its parts of ``period`` (drafts too), with figures, files and unit."""
    rows = (
        UnitPart.objects.filter(task_id__in=list(task_ids), period=period)
        .select_related("unit", "updated_by", "submitted_by")
        .prefetch_related("actuals", "evidence")
        .order_by("task_id", "unit__name", "pk")
    )
    found: dict[int, list[UnitPart]] = defaultdict(list)
    for part in rows:
        found[part.task_id].append(part)
    return dict(found)


def locked_tasks(task_ids: Iterable[int], period: ReportingPeriod) -> set[int]:
    """Tasks whose lead's 汇总 of ``period`` is 报送 or 审核通过: their filed parts are final
    (one query)."""
    rows = ProgressReport.objects.filter(
        task_id__in=list(task_ids),
        period=period,
        state__in=[ReportState.SUBMITTED, ReportState.APPROVED],
    )
    return set(rows.values_list("task_id", flat=True))


def filed_counts(task: Task) -> dict[int, int]:
    """period id → parts 报送 for the task by units that owe one now (the task page)."""
    owed = part_units([task.pk]).get(task.pk, [])
    rows = UnitPart.objects.filter(task=task, unit_id__in=owed, submitted_at__isnull=False)
    return dict(rows.values_list("period_id").annotate(n=Count("id")).order_by())


def summary_of(
    parts: list[UnitPart], targets: Iterable[Target]
) -> tuple[dict[str, str], dict[int, Decimal]]:
    """The 汇总 the parts suggest: each unit's text under its name, amounts added up.

    Only 报送 parts count (a draft is not filed). A figure is summed for an amount target
    when at least one part gives it; rates and shares are left to the lead unit.
    """
    filed = [p for p in parts if p.submitted_at is not None]
    values = {
        name: "\n".join(
            f"{p.unit.name}：{getattr(p, name).strip()}" for p in filed if getattr(p, name).strip()
        )
        for name in ("progress", "problems", "next_steps")
    }
    actuals: dict[int, Decimal] = {}
    for target in targets:
        if target.kind not in ADDITIVE_KINDS or target.comparator == "at_most":
            continue
        given = [
            a.value
            for p in filed
            for a in p.actuals.all()
            if a.target_id == target.pk and a.value is not None
        ]
        if given:
            actuals[target.pk] = sum(given, Decimal(0))
    return values, actuals


# --- who signed a task (its page) -------------------------------------------------------------


@dataclass(frozen=True)
class SigningRow:
    """One unit that must 签收 a task, with its roles and its 签收 (``None``: not yet)."""

    unit: OrgUnit
    roles: str
    reporting: bool
    signature: UnitSignature | None


def signing_of(task: Task) -> list[SigningRow]:
    """The task's units that must 签收 (:func:`signers`, its reporting unit first) and who
    has signed (five queries whatever the number of units)."""
    must = signers([task.pk]).get(task.pk, [])
    links = TaskUnit.objects.filter(task=task, unit_id__in=must).select_related(
        "unit", "via_collective"
    )
    units: dict[int, OrgUnit] = {}
    roles: dict[int, list[str]] = defaultdict(list)
    for link in links.order_by("role", "position", "pk"):
        units[link.unit_id] = link.unit
        label = str(UnitRole(link.role).label)
        roles[link.unit_id].append(
            f"{label}（{link.via_collective.name}）" if link.via_collective else label
        )
    signed = {
        s.unit_id: s for s in UnitSignature.objects.filter(task=task).select_related("signed_by")
    }
    lead = reporting_units(Q(task_id=task.pk)).get(task.pk)
    return [SigningRow(units[u], "、".join(roles[u]), u == lead, signed.get(u)) for u in must]
