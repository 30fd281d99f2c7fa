"""Turning task drafts into frozen :class:`~taskdoc.model.Task` values.

A draft holds the text and the labelled field values as the grammar found
them; here they become leaders, units by role, targets, milestones and the
problems worth telling the office about.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from taskdoc.figures.milestones import Milestone, extract_milestones
from taskdoc.figures.targets import extract_targets
from taskdoc.grammar.fields import FieldKind, FieldValue, split_field_duties, split_trailing_duties
from taskdoc.grammar.leaders import split_leaders
from taskdoc.grammar.structure import TaskDraft
from taskdoc.grammar.units import is_marked_lead, parse_units
from taskdoc.model import FieldSource, Issue, Severity, SourceSpan, Task, UnitRef

# The text a 完成时限 milestone carries: the whole task is due then.
DEADLINE_MILESTONE = "完成时限"


@dataclass(frozen=True, slots=True)
class TaskContext:
    """What the whole document tells about each task."""

    first_lead: bool = False  # "列第一位的责任单位为牵头单位" is stated
    year: int | None = None  # the plan year, for dates such as 6月底前
    issued: date | None = None  # the notice's date, for 春节前 and the like


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
    leader_fields = _values(fields, FieldKind.LEADERS)
    leaders = tuple(name for f in leader_fields for name in split_leaders(f.value))
    lead = _units(fields, FieldKind.LEAD_UNITS)
    responsible = _units(fields, FieldKind.RESPONSIBLE_UNITS)
    marked = tuple(u for u in responsible if is_marked_lead(u.raw))
    if marked:
        lead = (*lead, *marked)
        responsible = tuple(u for u in responsible if u not in marked)
    if context.first_lead and not lead and responsible:
        lead, responsible = responsible[:1], responsible[1:]
    deadlines = [f.value for f in _values(fields, FieldKind.DEADLINE) if f.value]
    supporting = _units(fields, FieldKind.SUPPORTING_UNITS)
    problems = _field_problems(text, leaders, has_units=bool(lead or responsible or supporting))
    return Task(
        list=draft.list_title,
        section_path=draft.section_path,
        number=draft.number,
        text=text,
        leaders=tuple(dict.fromkeys(leaders)),
        lead_units=lead,
        responsible_units=responsible,
        supporting_units=supporting,
        deadline="；".join(deadlines) or None,
        span=draft.span,
        issues=tuple(_issue(draft.number, draft.span, *problem) for problem in problems),
        leader_label=leader_fields[0].label if leader_fields else None,
        targets=extract_targets(text),
        milestones=_milestones(text, deadlines, context),
        sources=_sources(fields, draft.span),
    )


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
    """Flag numbering that skips or repeats within a list (1, 2, 4 or 1, 2, 2)."""
    result: list[Task] = []
    previous: dict[str, int] = {}
    for task in tasks:
        before = previous.get(task.list)
        previous[task.list] = task.number
        if before is None or task.number in (before + 1, 1):
            result.append(task)
            continue
        code, text = (
            ("number_repeated", "编号重复")
            if task.number <= before
            else ("number_gap", "编号不连续")
        )
        issue = _issue(task.number, task.span, code, f"{text}：上一项为{before}")
        result.append(replace(task, issues=(*task.issues, issue)))
    return tuple(result)
