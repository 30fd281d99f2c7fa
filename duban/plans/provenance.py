"""Where each field of a task came from, as stored in a row / ``Task.source_data``.

A :class:`~duban.plans.records.TaskRecord` keeps, per task, ``sources``: one small note per
field value the parser found (``field``, ``rule``, ``description`` — the Chinese sentence the
preview shows, which already names the label, heading or convention as written and its
line). The rule code is kept for programs and never shown. A field someone changes by hand
after the import gets the single source :data:`MANUAL`, so the page no longer claims the
notice said so.

Pure functions on typed records (and on the stored dict for the admin): no Django, no
parser classes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from duban.plans.records import SourceNote, TaskRecord, stored_record

# (field key, label shown to users, unit role in ``record.units`` or "" for other fields)
FIELDS = (
    ("leaders", "责任领导", ""),
    ("lead_units", "牵头单位", "lead"),
    ("responsible_units", "责任单位", "responsible"),
    ("supporting_units", "配合单位", "supporting"),
    ("deadline", "完成时限", ""),
)
FIELD_OF_ROLE = {role: key for key, _, role in FIELDS if role}
# Edited in the app but not duty fields (the preview's provenance lines leave them out): a
# re-import must still know the 督查室 changed them (``duban.plans.appedits``).
CONTENT_FIELDS = (("text", "任务内容"), ("milestones", "时间节点"), ("targets", "量化指标"))
EDITABLE = (*((key, label) for key, label, _ in FIELDS), *CONTENT_FIELDS)
MANUAL_RULE = "manual"
MANUAL_WORDS = "人工修改"
COLLECTIVE_LEADER = "（集体）"


@dataclass(frozen=True, slots=True)
class FieldLine:
    """One field of one task as the preview shows it: its values and where they came from."""

    key: str
    label: str
    values: tuple[str, ...]
    sources: tuple[str, ...]  # Chinese descriptions, in the order the parser found them

    @property
    def manual(self) -> bool:
        return self.sources == (MANUAL_WORDS,)


def _values(record: TaskRecord, key: str, role: str) -> tuple[str, ...]:
    if role:
        return tuple(u.name for u in record.units if u.role == role)
    if key == "leaders":  # a collective (区政府班子成员) is shown as written, marked as such
        return tuple(
            f"{x.name}{COLLECTIVE_LEADER}" if x.collective else x.name for x in record.leaders
        )
    return (record.deadline,) if record.deadline else ()


def field_lines(record: TaskRecord | None) -> list[FieldLine]:
    """The five duty fields of a task, each with its values and descriptions (empty ones left out).

    Several sources for one field (a label plus a unit marked （牵头）) are all listed; the
    same description twice is shown once.
    """
    if record is None:
        return []
    by_field: dict[str, list[str]] = {}
    for source in record.sources:
        found = by_field.setdefault(source.field, [])
        if source.description and source.description not in found:
            found.append(source.description)
    lines = []
    for key, label, role in FIELDS:
        values, sources = _values(record, key, role), tuple(by_field.get(key, ()))
        if values or sources:  # a field added by hand after the import has a source only
            lines.append(FieldLine(key, label, values, sources))
    return lines


def with_manual(record: TaskRecord, fields: Iterable[str]) -> TaskRecord:
    """``record`` whose sources say :data:`MANUAL_WORDS` for ``fields``."""
    changed = set(fields)
    if not changed:
        return record
    kept = tuple(s for s in record.sources if s.field not in changed)
    manual = tuple(
        SourceNote(key, MANUAL_RULE, MANUAL_WORDS) for key, _ in EDITABLE if key in changed
    )
    return record.with_sources(kept + manual)


def mark_manual(data: dict[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """The stored ``Task.source_data`` with :func:`with_manual` applied (unchanged without a record)."""
    record = stored_record(data)
    return data if record is None else with_manual(record, fields).to_dict()


def manual_fields(record: TaskRecord | None) -> set[str]:
    """The fields of ``record`` someone changed by hand."""
    if record is None:
        return set()
    return {s.field for s in record.sources if s.rule == MANUAL_RULE}
