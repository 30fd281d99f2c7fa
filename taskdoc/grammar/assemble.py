"""Turning task drafts into frozen :class:`~taskdoc.model.Task` values.

A draft holds the text and the labelled field values as the grammar found
them; here they become leaders, units by role, targets, milestones and the
problems worth telling the office about.

Who leads a task is decided from the most specific evidence down: the task's
own words (``牵头单位：…``, ``X、Y牵头``, ``X（牵头）``), then its group heading
(``一、某管委会牵头工作``), then the document's convention (``列第一位的为牵头单位``:
the first unit of the task's list). Leaders and the other roles come from the
task, else from its group heading. Every value records which rule gave it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from taskdoc.figures.milestones import extract_milestones
from taskdoc.figures.targets import extract_targets
from taskdoc.grammar.fields import FieldKind, FieldValue, split_field_duties, split_trailing_duties
from taskdoc.grammar.leaders import split_leaders
from taskdoc.grammar.structure import TaskDraft
from taskdoc.grammar.units import is_marked_lead, parse_units
from taskdoc.lexicon.conventions import find_convention
from taskdoc.model import (
    Block,
    FieldSource,
    Issue,
    Paragraph,
    Rule,
    Severity,
    SourceSpan,
    Task,
    UnitRef,
)
from taskdoc.values import Milestone

# The text a 完成时限 milestone carries: the whole task is due then.
DEADLINE_MILESTONE = "完成时限"


@dataclass(frozen=True, slots=True)
class Convention:
    """The first-listed-is-lead convention as the document states it, and where."""

    words: str  # 列第一位的为牵头单位 / 首位单位为牵头单位，下同
    span: SourceSpan | None = None


@dataclass(frozen=True, slots=True)
class TaskContext:
    """What the whole document tells about each task."""

    convention: Convention | None = None  # "列第一位的责任单位为牵头单位" is stated
    year: int | None = None  # the plan year, for dates such as 6月底前
    issued: date | None = None  # the notice's date, for 春节前 and the like

    @property
    def first_lead(self) -> bool:
        return self.convention is not None


def stated_convention(blocks: Sequence[Block]) -> Convention | None:
    """The first statement of the convention in the document: preamble, header cell or list.

    Table rows are read whole, so a header ``责任单位（列第一位的为牵头单位）`` counts.
    """
    for block in blocks:
        text = block.text if isinstance(block, Paragraph) else "".join(block.cells)
        found = find_convention(text)
        if found is not None:
            return Convention(found.words, SourceSpan.at(block.location))
    return None


def _values(fields: Sequence[FieldValue], kind: FieldKind) -> list[FieldValue]:
    return [f for f in fields if f.kind is kind]


def _units(fields: Sequence[FieldValue], kind: FieldKind) -> tuple[UnitRef, ...]:
    refs: list[UnitRef] = []
    for value in _values(fields, kind):
        refs.extend(parse_units(value.value, label=value.label))
    return tuple(refs)


def build_task(draft: TaskDraft, context: TaskContext) -> Task:
    """Assemble one task: fields by kind, units by role, targets, milestones, issues."""
    text, duties = split_trailing_duties(draft.text)
    fields = [part for value in (*draft.fields, *duties) for part in split_field_duties(value)]
    group = _group_values(fields, draft.group_fields)
    leader_fields = _values(fields, FieldKind.LEADERS) or _values(group, FieldKind.LEADERS)
    leaders = tuple(name for f in leader_fields for name in split_leaders(f.value))
    roles = _unit_roles(fields, group, context, draft.span)
    deadline_fields = _values(fields, FieldKind.DEADLINE) or _values(group, FieldKind.DEADLINE)
    deadlines = [f.value for f in deadline_fields if f.value]
    has_units = bool(roles.lead or roles.responsible or roles.supporting)
    problems = _field_problems(text, leaders, has_units=has_units)
    from_heading = [v for v in (*leader_fields, *deadline_fields) if v.rule is Rule.GROUP_HEADING]
    sources = (*_sources([*fields, *from_heading], draft.span), *roles.sources)
    return Task(
        list=draft.list_title,
        section_path=draft.section_path,
        number=draft.number,
        text=text,
        leaders=tuple(dict.fromkeys(leaders)),
        lead_units=roles.lead,
        responsible_units=roles.responsible,
        supporting_units=roles.supporting,
        deadline="；".join(deadlines) or None,
        span=draft.span,
        issues=tuple(_issue(draft.number, draft.span, *problem) for problem in problems),
        leader_label=_leader_label(leader_fields),
        targets=extract_targets(text),
        milestones=_milestones(text, deadlines, context),
        sources=_filled(sources, leaders=bool(leaders), roles=roles, deadline=bool(deadlines)),
        flags=draft.flags,
    )


def _leader_label(leader_fields: Sequence[FieldValue]) -> str | None:
    """The label leaders were written under; none for a group heading's (its text is evidence)."""
    if not leader_fields or leader_fields[0].rule is Rule.GROUP_HEADING:
        return None
    return leader_fields[0].label


def _group_values(
    fields: Sequence[FieldValue], group_fields: Sequence[FieldValue]
) -> list[FieldValue]:
    """The group heading values a task may take: the innermost heading's, for kinds it lacks."""
    own = {value.kind for value in fields if value.value}
    taken: dict[FieldKind, FieldValue] = {}
    for value in group_fields:
        if value.value and value.kind not in own:
            taken.setdefault(value.kind, value)
    return list(taken.values())


_OTHER_UNIT_KINDS = frozenset((FieldKind.RESPONSIBLE_UNITS, FieldKind.SUPPORTING_UNITS))


@dataclass(frozen=True, slots=True)
class _Roles:
    lead: tuple[UnitRef, ...]
    responsible: tuple[UnitRef, ...]
    supporting: tuple[UnitRef, ...]
    sources: tuple[FieldSource, ...]  # for what the heading, a mark or the convention gave


def _unit_roles(
    fields: Sequence[FieldValue],
    group: Sequence[FieldValue],
    context: TaskContext,
    span: SourceSpan,
) -> _Roles:
    """Units by role: the task's own, then the group heading's, then the convention.

    A lead the task marks itself (``X（牵头）``) or states (``X牵头``) wins over
    the heading's; the convention names a lead only where neither does.
    """
    taken = [v for v in group if v.kind in _OTHER_UNIT_KINDS]
    responsible = _units(fields, FieldKind.RESPONSIBLE_UNITS) or _units(
        taken, FieldKind.RESPONSIBLE_UNITS
    )
    supporting = _units(fields, FieldKind.SUPPORTING_UNITS) or _units(
        taken, FieldKind.SUPPORTING_UNITS
    )
    lead = _units(fields, FieldKind.LEAD_UNITS)
    sources: list[FieldSource] = []
    marked = tuple(u for u in responsible if is_marked_lead(u.raw))
    if marked:
        lead = (*lead, *marked)
        responsible = tuple(u for u in responsible if u not in marked)
        sources.append(
            FieldSource(str(FieldKind.LEAD_UNITS), Rule.MARKED_LEAD, marked[0].raw, span)
        )
    if not lead:
        taken.extend(v for v in group if v.kind is FieldKind.LEAD_UNITS)
        lead = _units(taken, FieldKind.LEAD_UNITS)
    convention = context.convention
    if convention is not None and not lead and responsible:
        lead, responsible = responsible[:1], responsible[1:]
        sources.append(
            FieldSource(
                str(FieldKind.LEAD_UNITS), Rule.CONVENTION, convention.words, convention.span
            )
        )
    return _Roles(lead, responsible, supporting, (*_sources(taken, span), *sources))


def _filled(
    sources: Sequence[FieldSource], *, leaders: bool, roles: _Roles, deadline: bool
) -> tuple[FieldSource, ...]:
    """The sources of the fields the task ended up with (a list moved whole to lead leaves none)."""
    filled = {
        str(FieldKind.LEADERS): leaders,
        str(FieldKind.LEAD_UNITS): bool(roles.lead),
        str(FieldKind.RESPONSIBLE_UNITS): bool(roles.responsible),
        str(FieldKind.SUPPORTING_UNITS): bool(roles.supporting),
        str(FieldKind.DEADLINE): deadline,
    }
    return tuple(source for source in sources if filled.get(source.field, True))


def _sources(fields: Sequence[FieldValue], task_span: SourceSpan) -> tuple[FieldSource, ...]:
    """One :class:`FieldSource` per field value found, in the order the grammar found them."""
    return tuple(
        FieldSource(str(value.kind), value.rule, value.label, value.span or task_span)
        for value in fields
        if value.value
    )


def _milestones(text: str, deadlines: Sequence[str], context: TaskContext) -> tuple[Milestone, ...]:
    """Dated clauses of the text, then the 完成时限 field's dates (the whole task due)."""
    if context.year is None:
        return ()
    found = list(extract_milestones(text, year=context.year, issued=context.issued))
    for deadline in deadlines:
        for milestone in extract_milestones(deadline, year=context.year, issued=context.issued):
            if milestone.due is not None:
                found.append(replace(milestone, text=DEADLINE_MILESTONE))
    return tuple(found)


def _issue(
    number: int, span: SourceSpan, code: str, message: str, severity: Severity = Severity.WARNING
) -> Issue:
    return Issue(code, f"任务{number}（{span.start.describe()}）{message}", severity, span)


def _field_problems(
    text: str, leaders: Sequence[str], *, has_units: bool
) -> list[tuple[str, str, Severity]]:
    """(code, message, severity) for what a task lacks: text, units, leaders."""
    problems = []
    if not text:
        problems.append(("text_empty", "没有任务内容", Severity.ERROR))
    if not has_units:
        problems.append(("units_missing", "没有牵头单位或责任单位", Severity.WARNING))
    if not leaders:
        problems.append(("leaders_missing", "没有责任领导", Severity.WARNING))
    return problems


def without_unused_field_issues(tasks: tuple[Task, ...]) -> tuple[Task, ...]:
    """Drop ``leaders_missing`` when the notice names no leader at all (national notices)."""
    if any(task.leaders for task in tasks):
        return tasks
    return tuple(
        replace(task, issues=tuple(i for i in task.issues if i.code != "leaders_missing"))
        if task.issues
        else task
        for task in tasks
    )


def with_sequence_issues(tasks: tuple[Task, ...]) -> tuple[Task, ...]:
    """Flag numbering that skips or repeats within a list (1, 2, 4 or 1, 2, 2).

    Numbering may restart in every group (``一、王某县长牵头重点工作`` / 1, 2 /
    ``二、李某副县长牵头重点工作`` / 1, 2…): a restart at 1 is never a repeat, and a
    new section whose numbers start again above 1 lacks its first items.
    """
    result: list[Task] = []
    previous: dict[str, tuple[tuple[str, ...], int]] = {}
    for task in tasks:
        before = previous.get(task.list)
        previous[task.list] = (task.section_path, task.number)
        issue = _sequence_issue(task, *before) if before is not None else None
        result.append(task if issue is None else replace(task, issues=(*task.issues, issue)))
    return tuple(result)


def _sequence_issue(task: Task, path: tuple[str, ...], last: int) -> Issue | None:
    """The issue of ``task``'s number after number ``last`` under section ``path``, if any."""
    number = task.number
    if number in (last + 1, 1):
        return None
    if number > last:
        return _issue(number, task.span, "number_gap", f"编号不连续：上一项为{last}")
    if path != task.section_path:
        return _issue(number, task.span, "number_gap", f"编号不连续：本组从{number}开始")
    return _issue(number, task.span, "number_repeated", f"编号重复：上一项为{last}")
