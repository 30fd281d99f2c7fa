"""What the 督查室 may change on a task in the app, and how a change is written and described.

Why here and not in the admin: an edit must keep the facts the rest of the product reads
intact. Targets and milestones are updated *in place* (reported values, approved
adjustments and reports' "已完成至" point at them), and one that something was reported on
is never deleted. Units assigned through a collective (各街道办事处) belong to the collective
and are left alone; only the directly assigned units are edited. Every change is described
as ``{"field": 中文名, "before": …, "after": …}`` — the format the task's history shows.

The services in :mod:`duban.workflows.tasks` call these inside their transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from duban.core.exceptions import ApplicationError
from duban.orgs.models import OrgUnit, Post
from duban.plans import provenance
from duban.plans.models import (
    Comparator,
    DatePrecision,
    Milestone,
    Target,
    TargetKind,
    Task,
    TaskLeader,
    TaskSource,
    TaskUnit,
    UnitRole,
)
from duban.progress.models import ProgressReport, ReportActual, Revision

NO_UNIT = "请至少选择一个单位（牵头、责任或配合）。"
SAME_UNIT_TWICE = "单位“{unit}”选择了不止一次，同一单位只能有一个角色。"
VIA_COLLECTIVE = "单位“{unit}”已作为{role}单位经集合单位“{group}”分配，无需再选。"
UNIT_RETIRED = "单位“{unit}”已停用，请选择目录中有效的单位。"
NOT_OF_TASK = "要修改的{what}不属于该任务，请刷新页面后重试。"
TARGET_USED = "指标“{what}”已有填报的完成值或调整记录，不能删除，请修改其内容。"
MILESTONE_USED = "时间节点“{what}”已被进展报告引用，不能删除，请修改其内容。"
NO_TEXT = "请填写任务内容。"


@dataclass(frozen=True)
class UnitInput:
    unit: OrgUnit
    role: str  # UnitRole value


@dataclass(frozen=True)
class MilestoneInput:
    id: int | None  # an existing milestone of the task, or None for a new one
    due_date: date | None
    ongoing: bool
    raw_phrase: str
    text: str
    delete: bool = False


@dataclass(frozen=True)
class TargetInput:
    id: int | None
    metric: str
    kind: str  # TargetKind value
    comparator: str  # Comparator value or ""
    value: Decimal | None
    value_max: Decimal | None
    unit: str
    phrase: str
    raw_text: str
    delete: bool = False


@dataclass(frozen=True)
class TaskInput:
    """The task's editable content as the form states it (leaders and units from the directory)."""

    text: str
    deadline_text: str
    source: str  # TaskSource value
    leaders: tuple[Post, ...]
    units: tuple[UnitInput, ...]
    milestones: tuple[MilestoneInput, ...] = ()
    targets: tuple[TargetInput, ...] = ()


# --- describing a task --------------------------------------------------------------------

ROLE_FIELDS = {
    UnitRole.LEAD: "牵头单位",
    UnitRole.RESPONSIBLE: "责任单位",
    UnitRole.SUPPORTING: "配合单位",
}


def _milestone_words(m: Milestone) -> str:
    when = "持续推进" if m.ongoing else (m.due_date.isoformat() if m.due_date else "未定")
    return f"{when} {m.text or m.raw_phrase}".strip()


def _target_words(t: Target) -> str:
    if t.kind == TargetKind.QUALITATIVE:
        goal = t.phrase
    else:
        goal = f"{Comparator(t.comparator).label if t.comparator else ''}{_num(t.value)}"
        goal += f"–{_num(t.value_max)}" if t.value_max is not None else ""
        goal += t.unit
    return f"{t.metric} {goal}".strip()


def _num(value: Decimal | None) -> str:
    """1000.0000 → 1000, 7.5000 → 7.5 (the stored scale is not what anyone wrote)."""
    return "" if value is None else format(value.normalize(), "f")


def task_facts(task: Task) -> dict[str, str]:
    """The task's editable content in words, by Chinese field name (what a change compares)."""
    facts = {
        "任务内容": task.text,
        "任务来源": TaskSource(task.source).label,
        "完成时限": task.deadline_text,
        "责任领导": "、".join(
            str(link.post)
            for link in TaskLeader.objects.filter(task=task).select_related("post__holder")
        ),
    }
    direct = TaskUnit.objects.filter(task=task, via_collective__isnull=True).select_related("unit")
    for role, label in ROLE_FIELDS.items():
        facts[label] = "、".join(
            a.unit.name for a in direct.order_by("position", "pk") if a.role == role
        )
    milestones = Milestone.objects.filter(task=task).order_by("due_date", "position", "pk")
    facts["时间节点"] = "；".join(_milestone_words(m) for m in milestones)
    targets = Target.objects.filter(task=task).order_by("position", "pk")
    facts["量化指标"] = "；".join(_target_words(t) for t in targets)
    return facts


def changes_between(before: dict[str, str], after: dict[str, str]) -> list[dict[str, str]]:
    """The fields whose words differ, in the history's format."""
    return [
        {"field": name, "before": before.get(name, ""), "after": value}
        for name, value in after.items()
        if before.get(name, "") != value
    ]


MANUAL_OF_FIELD = {
    "责任领导": "leaders",
    "牵头单位": "lead_units",
    "责任单位": "responsible_units",
    "配合单位": "supporting_units",
    "完成时限": "deadline",
    "任务内容": "text",
    "时间节点": "milestones",
    "量化指标": "targets",
}


def mark_by_hand(task: Task, changes: Iterable[dict[str, str]]) -> None:
    """The import's provenance says 人工修改 for the fields changed (the duty fields, as the
    admin does, and the text, milestones and targets), so a re-import keeps them."""
    fields = {MANUAL_OF_FIELD[c["field"]] for c in changes if c["field"] in MANUAL_OF_FIELD}
    if fields and task.source_data:
        task.source_data = provenance.mark_manual(task.source_data, fields)


# --- checking and writing -----------------------------------------------------------------


def check_input(task: Task | None, data: TaskInput) -> None:
    """Refuse what the form cannot see: units twice or via a collective, retired units, no unit."""
    if not data.text.strip():
        raise ApplicationError(NO_TEXT)
    via: dict[tuple[int, str], str] = {}
    current: set[int] = set()
    if task is not None:
        for a in TaskUnit.objects.filter(task=task).select_related("via_collective"):
            if a.via_collective is not None:
                via[(a.unit_id, a.role)] = a.via_collective.name
            else:
                current.add(a.unit_id)
    seen: set[int] = set()
    for entry in data.units:
        name = entry.unit.name
        if entry.unit.pk in seen:
            raise ApplicationError(SAME_UNIT_TWICE.format(unit=name))
        seen.add(entry.unit.pk)
        if (entry.unit.pk, entry.role) in via:
            role = UnitRole(entry.role).label
            raise ApplicationError(
                VIA_COLLECTIVE.format(unit=name, role=role, group=via[(entry.unit.pk, entry.role)])
            )
        if not entry.unit.is_active and entry.unit.pk not in current:
            raise ApplicationError(UNIT_RETIRED.format(unit=name))
    if not data.units and not via:
        raise ApplicationError(NO_UNIT)


def write_leaders(task: Task, posts: tuple[Post, ...]) -> None:
    """Replace the leader links; a post kept keeps its 原文姓名."""
    kept = {link.post_id: link.raw_name for link in TaskLeader.objects.filter(task=task)}
    TaskLeader.objects.filter(task=task).delete()
    TaskLeader.objects.bulk_create(
        TaskLeader(
            task=task,
            post=post,
            raw_name=kept.get(post.pk) or (post.holder.name if post.holder else "")[:50],
            position=position,
        )
        for position, post in enumerate(posts)
    )


def write_units(task: Task, units: tuple[UnitInput, ...]) -> None:
    """The direct assignments become ``units``; collective ones stay as they are."""
    direct = TaskUnit.objects.filter(task=task, via_collective__isnull=True)
    old = {(a.unit_id, a.role): a for a in direct}
    wanted = {(u.unit.pk, u.role): (position, u) for position, u in enumerate(units)}
    direct.exclude(pk__in=[a.pk for key, a in old.items() if key in wanted]).delete()
    for key, (position, entry) in wanted.items():
        found = old.get(key)
        if found is None:
            TaskUnit.objects.create(
                task=task,
                unit=entry.unit,
                role=entry.role,
                position=position,
                raw_name=entry.unit.name,
            )
        elif found.position != position:
            found.position = position
            found.save(update_fields=["position"])


def _owned(model: type[Milestone] | type[Target], task: Task, ids: set[int], what: str) -> None:
    if ids - set(model.objects.filter(task=task, pk__in=ids).values_list("pk", flat=True)):
        raise ApplicationError(NOT_OF_TASK.format(what=what))


def write_milestones(task: Task, entries: tuple[MilestoneInput, ...]) -> None:
    """Update, add and delete milestones by id; one a report points at is never deleted."""
    _owned(Milestone, task, {e.id for e in entries if e.id}, "时间节点")
    existing = Milestone.objects.in_bulk([e.id for e in entries if e.id])
    for position, entry in enumerate(entries):
        milestone = existing.get(entry.id) if entry.id else None
        if entry.delete:
            if milestone is not None:
                if ProgressReport.objects.filter(stage=milestone).exists():
                    raise ApplicationError(MILESTONE_USED.format(what=_milestone_words(milestone)))
                milestone.delete()
            continue
        milestone = milestone or Milestone(task=task)
        milestone.due_date = None if entry.ongoing else entry.due_date
        milestone.ongoing = entry.ongoing
        milestone.precision = DatePrecision.DAY if milestone.due_date else ""
        milestone.raw_phrase = (entry.raw_phrase or _phrase(entry))[:100]
        milestone.text = entry.text[:500]
        milestone.position = position
        milestone.save()


def _phrase(entry: MilestoneInput) -> str:
    if entry.ongoing or entry.due_date is None:
        return "持续推进"
    return f"{entry.due_date.year}年{entry.due_date.month}月{entry.due_date.day}日前"


def write_targets(task: Task, entries: tuple[TargetInput, ...]) -> None:
    """Update, add and delete targets by id; one with reported values or adjustments stays."""
    _owned(Target, task, {e.id for e in entries if e.id}, "指标")
    existing = Target.objects.in_bulk([e.id for e in entries if e.id])
    for position, entry in enumerate(entries):
        target = existing.get(entry.id) if entry.id else None
        if entry.delete:
            if target is not None:
                used = ReportActual.objects.filter(target=target).exists()
                if used or Revision.objects.filter(target=target).exists():
                    raise ApplicationError(
                        TARGET_USED.format(what=target.metric or target.raw_text)
                    )
                target.delete()
            continue
        target = target or Target(task=task)
        qualitative = entry.kind == TargetKind.QUALITATIVE
        changed = (target.value, target.value_max, target.unit) != (
            entry.value,
            entry.value_max,
            entry.unit,
        )
        target.metric = entry.metric[:200]
        target.kind = entry.kind
        target.comparator = "" if qualitative else entry.comparator
        target.value = None if qualitative else entry.value
        target.value_max = None if qualitative else entry.value_max
        target.unit = "" if qualitative else entry.unit[:20]
        target.phrase = entry.phrase[:100] if qualitative else ""
        target.raw_text = (entry.raw_text or _target_words(target))[:500]
        target.position = position
        if changed:  # the parser's normalised figures no longer describe the new value
            target.normalized_value = target.normalized_value_max = None
            target.normalized_unit = ""
        target.save()
