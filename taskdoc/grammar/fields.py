"""Field lines of a task: ``责任领导：…``, ``牵头单位：…``, ``责任单位：…``, ``完成时限：…``.

A field may stand on its own line, share a line with others
(``责任领导：王新伟 牵头单位：市疫情防控办``), or close the task text in
brackets as national notices do (``（国家发展改革委牵头，各地区按职责分工负责）``).
Each value keeps the label it was written under.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from taskdoc.grammar.markers import (
    DEADLINE_LABEL,
    FIELD_START_RE,
    LEAD_UNIT_LABEL,
    LEADER_LABEL,
    RESPONSIBLE_UNIT_LABEL,
    SUPPORTING_UNIT_LABEL,
    find_labels,
    normalize_field_start,
)
from taskdoc.model import Rule, SourceSpan


class FieldKind(StrEnum):
    LEADERS = "leaders"
    LEAD_UNITS = "lead_units"
    RESPONSIBLE_UNITS = "responsible_units"
    SUPPORTING_UNITS = "supporting_units"
    DEADLINE = "deadline"


_KIND_PATTERNS = (
    (FieldKind.LEADERS, re.compile(rf"^{LEADER_LABEL}$")),
    (FieldKind.LEAD_UNITS, re.compile(rf"^{LEAD_UNIT_LABEL}$")),
    (FieldKind.RESPONSIBLE_UNITS, re.compile(rf"^{RESPONSIBLE_UNIT_LABEL}$")),
    (FieldKind.SUPPORTING_UNITS, re.compile(rf"^{SUPPORTING_UNIT_LABEL}$")),
    (FieldKind.DEADLINE, re.compile(rf"^{DEADLINE_LABEL}$")),
)


@dataclass(frozen=True, slots=True)
class FieldValue:
    """One labelled value: ``FieldValue(RESPONSIBLE_UNITS, "责任单位", "区财政局、…")``."""

    kind: FieldKind
    label: str
    value: str
    rule: Rule = Rule.LABEL_LINE  # how the grammar found it; becomes a FieldSource of the task
    span: SourceSpan | None = None  # where the evidence stands, when it is not the task itself


@lru_cache(maxsize=1024)
def kind_of_label(label: str) -> FieldKind | None:
    """The field a label introduces: ``牵头部门`` → LEAD_UNITS; unknown → None."""
    compact = re.sub(r"\s+", "", label)
    for kind, pattern in _KIND_PATTERNS:
        if pattern.match(compact):
            return kind
    return None


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
            raw = text[mark.value_start : end].strip().rstrip("；;，,（(").strip()
            value = _strip_unbalanced_closer(raw)
            values.append(FieldValue(kind, re.sub(r"\s+", "", mark.label), value))
    return tuple(values)


def _strip_unbalanced_closer(value: str) -> str:
    """Drop the bracket that closed a bracketed field: ``（责任单位：区财政局）``."""
    while (
        value
        and value[-1] in "）)"
        and value.count("（") + value.count("(") < (value.count("）") + value.count(")"))
    ):
        value = value[:-1].rstrip()
    return value.rstrip("；;，,")


# （国家发展改革委牵头，各地区按职责分工负责） at the very end of a task's text
TRAILING_PAREN_RE = re.compile(
    r"[（(](?P<body>[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*)[）)]\s*[。；;]?\s*$"
)
# 国家发展改革委、财政部牵头 / 各地区按职责分工负责 / 教育部等参与
_DUTY_CLAUSE_RE = re.compile(
    r"^(?P<units>.+?)(?P<verb>牵头(?:负责)?|负责|按职责分工负责|分工负责|按职责负责|配合|参与|协助|协同)$"
)
# 2024年底前完成 / 6月底前 / 年内完成 / 持续推进 / 长期坚持 — a deadline clause among the duties
_DEADLINE_CLAUSE_RE = re.compile(
    r"^(?:\d{4}\s*年\s*(?:\d{1,2}\s*月份?)?|\d{1,2}\s*月份?)(?:底|末|中旬|上旬|下旬)?(?:前|以前|之前)?"
    r"(?:完成|落实|实现|见效)?$"
    r"|^(?:年内|年底前|年底)(?:完成)?$"
    r"|^(?:持续推进|长期坚持|长期推进|持续实施)$"
)
_VERB_KIND = {
    "牵头": FieldKind.LEAD_UNITS,
    "牵头负责": FieldKind.LEAD_UNITS,
    "配合": FieldKind.SUPPORTING_UNITS,
    "参与": FieldKind.SUPPORTING_UNITS,
    "协助": FieldKind.SUPPORTING_UNITS,
    "协同": FieldKind.SUPPORTING_UNITS,
}


_UNIT_KINDS = frozenset(
    (FieldKind.LEAD_UNITS, FieldKind.RESPONSIBLE_UNITS, FieldKind.SUPPORTING_UNITS)
)
# characters that every duty verb of _DUTY_CLAUSE_RE ends with (牵头, 负责, 配合, 参与, 协助, 协同)
_DUTY_LAST_CHARS = frozenset("头责合与助同")


def split_field_duties(value: FieldValue) -> list[FieldValue]:
    """Split a unit field that states duties clause by clause into one value per role.

    ``责任单位：市发展改革委牵头，市财政局、市商务局配合`` → lead 市发展改革委,
    supporting 市财政局、市商务局 (each keeping the label 责任单位). A 负责 clause,
    or a clause without a verb, keeps the kind of its field.
    """
    if value.kind not in _UNIT_KINDS or not any(char in _DUTY_LAST_CHARS for char in value.value):
        return [value]
    clauses = [c.strip() for c in re.split(r"[，,；;]", value.value) if c.strip()]
    split: list[FieldValue] = []
    for clause in clauses:
        duty = _DUTY_CLAUSE_RE.match(clause)
        if duty is None:
            split.append(FieldValue(value.kind, value.label, clause))
            continue
        kind = _VERB_KIND.get(duty.group("verb"), value.kind)
        split.append(FieldValue(kind, value.label, duty.group("units")))
    if len(split) == len(clauses) and all(
        _DUTY_CLAUSE_RE.match(clause) is None for clause in clauses
    ):
        return [value]
    return split


def split_trailing_duties(text: str) -> tuple[str, list[FieldValue]]:
    """Take a closing ``（A牵头，B按职责分工负责）`` or ``（责任单位：A）`` off a task text as fields.

    Returns the text without the bracket and the fields; the text is returned
    unchanged when the bracket does not consist of duty clauses only.
    """
    if text.rstrip(" \t。；;")[-1:] not in ("）", ")"):
        return text, []  # the common case, decided without a regex search
    match = TRAILING_PAREN_RE.search(text)
    if match is None:
        return text, []
    labelled = parse_field_line(match.group("body").strip())
    if labelled:
        return text[: match.start()].rstrip(), list(labelled)
    values = []
    for clause in re.split(r"[，,；;]", match.group("body")):
        duty = _DUTY_CLAUSE_RE.match(clause.strip())
        if duty is None and _DEADLINE_CLAUSE_RE.match(clause.strip()):
            values.append(FieldValue(FieldKind.DEADLINE, "时限", clause.strip()))
            continue
        if duty is None:
            return text, []
        verb = duty.group("verb")
        kind = _VERB_KIND.get(verb, FieldKind.RESPONSIBLE_UNITS)
        values.append(FieldValue(kind, verb, duty.group("units")))
    return text[: match.start()].rstrip(), values


# what may stand before a run-on label: 推进改造。责任领导：… / 推进改造 责任领导：…
_RUN_ON_BEFORE = "。；; \t\u3000"


def split_run_on_fields(text: str) -> tuple[str, list[FieldValue]]:
    """Take fields written on the task's own line after its text: ``任务。责任单位：A``.

    Labels inside brackets are left for :func:`split_trailing_duties`.
    """
    for mark in find_labels(text):
        before = text[: mark.start]
        if not before or before[-1] not in _RUN_ON_BEFORE:
            continue
        if before.count("（") + before.count("(") == before.count("）") + before.count(")"):
            return before.rstrip(), list(parse_field_line(text[mark.start :]))
    return text, []


def carries_fields(text: str) -> bool:
    """True for a task line that holds its own fields, run on or in closing brackets."""
    return bool(split_run_on_fields(text)[1] or split_trailing_duties(text)[1])
