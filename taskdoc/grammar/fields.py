"""The fields of a task, wherever a notice puts them.

* on lines of their own: ``责任领导：王新伟`` / ``牵头单位：市疫情防控办`` (LABEL_LINE);
* on the task's own line after its text: ``…。牵头单位：X；责任单位：Y`` (INLINE_LABEL);
* in the bracket that closes the task, of any kind — （）() [] 【】 〔〕 — even one
  whose kind differs because a unit name has parentheses:
  ``[牵头单位：县发改局(粮食局)]`` / ``（国家发展改革委牵头，各地区按职责分工负责）`` (BRACKET);
* as duty clauses inside a labelled field: ``部门分工：X牵头，Y、Z配合`` (SENTENCE).

Labels are recognised as a family (:mod:`taskdoc.lexicon.labels`), duty verbs come
from :mod:`taskdoc.lexicon.duties`. Each value keeps the label or verb it was
written under, and the rule that found it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache

from taskdoc.grammar.brackets import CLOSERS, OPENERS, depth, split_outside, top_level_positions
from taskdoc.grammar.markers import (
    FIELD_START_RE,
    find_labels,
    is_label,
    normalize_field_start,
)
from taskdoc.lexicon import duties, labels
from taskdoc.lexicon.labels import LabelRole
from taskdoc.model import Rule, SourceSpan


class FieldKind(StrEnum):
    LEADERS = "leaders"
    LEAD_UNITS = "lead_units"
    RESPONSIBLE_UNITS = "responsible_units"
    SUPPORTING_UNITS = "supporting_units"
    DEADLINE = "deadline"


_ROLE_KIND = {
    LabelRole.LEADER: FieldKind.LEADERS,
    LabelRole.LEAD: FieldKind.LEAD_UNITS,
    LabelRole.RESPONSIBLE: FieldKind.RESPONSIBLE_UNITS,
    LabelRole.SUPPORTING: FieldKind.SUPPORTING_UNITS,
    LabelRole.DEADLINE: FieldKind.DEADLINE,
}


@dataclass(frozen=True, slots=True)
class FieldValue:
    """One labelled value: ``FieldValue(RESPONSIBLE_UNITS, "责任单位", "区财政局、…")``."""

    kind: FieldKind
    label: str
    value: str
    rule: Rule = Rule.LABEL_LINE  # how the grammar found it; becomes a FieldSource of the task
    span: SourceSpan | None = None  # where the evidence stands, when it is not the task itself


_PERSON_LABEL_RE = re.compile(rf"^(?:{labels.PERSON_LABEL})$")
_ROLE_WORD_RE = re.compile(labels.ROLE_WORD_PATTERN)
_DEADLINE_LABELS = frozenset(labels.DEADLINE_LABELS)
_DUTY_LABELS = frozenset(labels.DUTY_LABELS)


@lru_cache(maxsize=1024)
def kind_of_label(label: str) -> FieldKind | None:
    """The field a label introduces, read from its words; not a label → None.

    ``分管省领导`` → LEADERS (a person head), ``省牵头单位`` → LEAD_UNITS,
    ``协同责任单位`` → SUPPORTING_UNITS (the first role word decides),
    ``部门分工`` → RESPONSIBLE_UNITS (its duty clauses refine it), ``时间节点`` → DEADLINE.
    """
    compact = "".join(label.split())
    if len(compact) > labels.LABEL_MAX_CHARS or not is_label(compact):
        return None
    if _PERSON_LABEL_RE.match(compact):
        return FieldKind.LEADERS
    if compact in _DEADLINE_LABELS:
        return FieldKind.DEADLINE
    if compact in _DUTY_LABELS:
        return FieldKind.RESPONSIBLE_UNITS
    first = _ROLE_WORD_RE.search(compact)
    return _ROLE_KIND[labels.ROLE_WORDS[first.group()]] if first else None


# what a value may end with before the next label: 责任单位：A；配合单位：B / 责任单位：A（配合单位：B
_VALUE_TAIL = "；;，,\u3000 " + OPENERS


@lru_cache(maxsize=8192)
def parse_field_line(text: str) -> tuple[FieldValue, ...]:
    """Split a line that starts with a label into its labelled values.

    Cached: notices repeat the same field lines (``责任领导：王新伟``) task after task.
    """
    text = normalize_field_start(text)
    if FIELD_START_RE.match(text) is None:
        return ()
    marks = find_labels(text)
    values: list[FieldValue] = []
    for index, mark in enumerate(marks):
        end = marks[index + 1].start if index + 1 < len(marks) else len(text)
        kind = kind_of_label(mark.label)
        if kind is not None:
            raw = text[mark.value_start : end].strip().rstrip(_VALUE_TAIL).strip()
            value = _strip_unbalanced_closer(raw)
            values.extend(_ended_by_duties(FieldValue(kind, "".join(mark.label.split()), value)))
    return tuple(values)


def _strip_unbalanced_closer(value: str) -> str:
    """Drop the bracket that closed a bracketed field: ``（责任单位：区财政局）``."""
    while value and value[-1] in CLOSERS and depth(value) < 0:
        value = value[:-1].rstrip()
    return value.rstrip("；;，,")


def trailing_bracket(text: str) -> tuple[int, int] | None:
    """Where the bracket closing ``text`` opens and closes, or None.

    Brackets pair by depth whatever their kind, so ``[牵头单位：县发改局(粮食局)]``
    and a typed ``（牵头单位：X]`` both close at the end.
    """
    end = len(text.rstrip(" \t\u3000。；;"))
    if not end or text[end - 1] not in CLOSERS:
        return None
    depth = 0
    for index in range(end - 1, -1, -1):
        char = text[index]
        if char in CLOSERS:
            depth += 1
        elif char in OPENERS:
            depth -= 1
            if depth == 0:
                return index, end - 1
    return None


def split_clauses(body: str) -> list[str]:
    """Split duty clauses on ，,；; outside brackets: ``各县（市，区）牵头，A配合`` → 2."""
    return [clause for piece in split_outside(body, "，,；;") if (clause := piece.strip())]


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation, longest first: 按职责分工负责 before 负责."""
    return "|".join(sorted(words, key=len, reverse=True))


# 国家发展改革委、财政部牵头 / 各地区按职责分工负责 / 教育部等参与
_DUTY_CLAUSE_RE = re.compile(rf"^(?P<units>.+?)(?P<verb>{_alternation(duties.DUTY_VERBS)})$")
# 2024年底前完成 / 6月底前 / 年内 / 年内持续推进 / 长期坚持
_TIME = rf"(?:{duties.DATE_TIME}|{_alternation(duties.WORD_TIMES)})"
_DEADLINE_CLAUSE_RE = re.compile(
    rf"^(?:{_TIME}(?:{_alternation(duties.TIMED_ACTIONS)})?"
    rf"|{_TIME}?(?:{_alternation(duties.ONGOING_ACTIONS)}))$"
)
# characters every duty verb ends with: a cheap precheck before the clause regex
_DUTY_LAST_CHARS = frozenset(verb[-1] for verb in duties.DUTY_VERBS)
_UNIT_KINDS = frozenset(
    (FieldKind.LEAD_UNITS, FieldKind.RESPONSIBLE_UNITS, FieldKind.SUPPORTING_UNITS)
)


def duty_clause(clause: str) -> tuple[str, str] | None:
    """``市财政局、市商务局配合`` → (``市财政局、市商务局``, ``配合``); no duty verb → None."""
    match = _DUTY_CLAUSE_RE.match(clause) if clause[-1:] in _DUTY_LAST_CHARS else None
    if match is None:
        return None
    units = match.group("units")
    for opener in duties.SUBJECT_OPENERS:
        units = units.removeprefix(opener)
    if not units or any(word in units for word in duties.ORDER_WORDS):
        return None
    return units, match.group("verb")


def is_deadline_clause(clause: str) -> bool:
    """``2024年底前完成`` / ``年内持续推进`` / ``长期坚持``: a deadline among the duties."""
    return _DEADLINE_CLAUSE_RE.match(clause) is not None


def _verb_kind(verb: str, default: FieldKind) -> FieldKind:
    """The kind a duty verb gives; 负责 / 落实 keep the kind of the field they stand in."""
    if verb in duties.NEUTRAL_VERBS:
        return default
    return _ROLE_KIND[duties.DUTY_VERBS[verb]]


def _ended_by_duties(value: FieldValue) -> list[FieldValue]:
    """End a labelled value where a duty clause follows it after ``；``.

    Inside a field group the clauses are separated by ``；`` and each is either
    ``label：value`` or a duty clause, so ``责任领导：甲、乙；A局牵头，B局配合`` is the
    leaders 甲、乙 then lead A局 and supporting B局 (rule SENTENCE, the verb as
    evidence), not four leaders. Unit fields are left whole: their duty clauses
    are read by :func:`split_field_duties`, keeping the field's label.
    """
    if value.kind in _UNIT_KINDS or _DUTY_LAST_CHARS.isdisjoint(value.value):
        return [value]
    text = value.value
    for cut in _top_level_semicolons(text):
        duties = _duty_values(text[cut + 1 :])
        if duties:
            return [replace(value, value=text[:cut].rstrip()), *duties]
    return [value]


def _top_level_semicolons(text: str) -> list[int]:
    """Where ``；`` / ``;`` stand outside brackets, left to right."""
    if "；" not in text and ";" not in text:
        return []
    return top_level_positions(text, "；;")


def _duty_values(text: str) -> list[FieldValue]:
    """``A局牵头，B局配合，年内完成`` → one value per clause; [] unless every clause is a
    duty or a deadline and at least one is a duty."""
    values: list[FieldValue] = []
    for clause in split_clauses(text):
        duty = duty_clause(clause)
        if duty is not None:
            kind = _verb_kind(duty[1], FieldKind.RESPONSIBLE_UNITS)
            values.append(FieldValue(kind, duty[1], duty[0], Rule.SENTENCE))
        elif is_deadline_clause(clause):
            values.append(FieldValue(FieldKind.DEADLINE, clause, clause, Rule.SENTENCE))
        else:
            return []
    return values if any(v.kind is not FieldKind.DEADLINE for v in values) else []


def split_field_duties(value: FieldValue) -> list[FieldValue]:
    """Split a unit field that states duties clause by clause into one value per role.

    ``责任单位：市发展改革委牵头，市财政局、市商务局配合`` → lead 市发展改革委,
    supporting 市财政局、市商务局 (each keeping the label 责任单位, rule SENTENCE).
    A clause without a verb keeps the kind of its field; a field without any
    duty verb is returned unchanged.
    """
    if value.kind not in _UNIT_KINDS or _DUTY_LAST_CHARS.isdisjoint(value.value):
        return [value]
    clauses = split_clauses(value.value.rstrip("。．.！!"))  # 县财政局配合。 ends a sentence
    parsed = [duty_clause(clause) for clause in clauses]
    if not any(parsed):
        return [value]
    split: list[FieldValue] = []
    for clause, duty in zip(clauses, parsed, strict=True):
        if duty is not None:
            kind = _verb_kind(duty[1], value.kind)
            split.append(replace(value, kind=kind, value=duty[0], rule=Rule.SENTENCE))
        elif is_deadline_clause(clause):
            split.append(replace(value, kind=FieldKind.DEADLINE, value=clause, rule=Rule.SENTENCE))
        else:
            split.append(replace(value, value=clause))
    return split


def split_trailing_duties(text: str) -> tuple[str, list[FieldValue]]:
    """Take a closing bracket of fields or duty clauses off a task text.

    ``…（A牵头，B按职责分工负责）`` / ``…[牵头单位：A(B)；责任单位：C]`` → the text
    without the bracket and the fields (rule BRACKET). The text is returned
    unchanged when the bracket holds anything else (``（单位、空间）``).
    """
    if text.rstrip(" \t\u3000。；;")[-1:] not in CLOSERS:
        return text, []  # the common case, decided without a scan
    bracket = trailing_bracket(text)
    if bracket is None:
        return text, []
    body = text[bracket[0] + 1 : bracket[1]].strip()
    values = _bracket_fields(body)
    if not values:
        return text, []
    return text[: bracket[0]].rstrip(), values


def _bracket_fields(body: str) -> list[FieldValue]:
    """The fields of a closing bracket's body: labelled values, or duty clauses only."""
    labelled = parse_field_line(body)
    if labelled:
        return [replace(value, rule=Rule.BRACKET) for value in labelled]
    return [replace(value, rule=Rule.BRACKET) for value in _duty_values(body)]


# what may stand before a run-on label: 推进改造。责任领导：… / 推进改造 责任领导：… /
# 建设二期工程（续建）牵头单位：…
_RUN_ON_BEFORE = "。；;，, \t\u3000" + CLOSERS


def split_run_on_fields(text: str) -> tuple[str, list[FieldValue]]:
    """Take fields written on the task's own line after its text: ``任务。责任单位：A``.

    Labels inside brackets are left for :func:`split_trailing_duties`.
    """
    for mark in find_labels(text):
        before = text[: mark.start]
        if not before or before[-1] not in _RUN_ON_BEFORE:
            continue
        if depth(before) == 0:
            fields = parse_field_line(text[mark.start :])
            return before.rstrip(" \t\u3000，,"), [
                replace(value, rule=Rule.INLINE_LABEL) for value in fields
            ]
    return text, []


def carries_fields(text: str) -> bool:
    """True for a task line that holds its own fields, run on or in closing brackets."""
    return bool(split_run_on_fields(text)[1] or split_trailing_duties(text)[1])
