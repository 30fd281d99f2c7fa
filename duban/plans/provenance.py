"""Where each field of a task came from, as stored in a row / ``Task.source_data``.

The parsing seam stores, per task, ``sources``: one small dict per field value the parser
found (``field``, ``rule``, ``description`` — the Chinese sentence the preview shows, which
already names the label, heading or convention as written and its line). The rule code is
kept for programs and never shown. A field someone changes by hand after the import gets
the single source :data:`MANUAL`, so the page no longer claims the notice said so.

Pure functions on plain dicts: no Django, no parser classes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# (field key, label shown to users, unit role in ``row["units"]`` or "" for other fields)
FIELDS = (
    ("leaders", "责任领导", ""),
    ("lead_units", "牵头单位", "lead"),
    ("responsible_units", "责任单位", "responsible"),
    ("supporting_units", "配合单位", "supporting"),
    ("deadline", "完成时限", ""),
)
FIELD_OF_ROLE = {role: key for key, _, role in FIELDS if role}
MANUAL_RULE = "manual"
MANUAL_WORDS = "人工修改"


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


def _values(data: dict[str, Any], key: str, role: str) -> tuple[str, ...]:
    if role:
        return tuple(
            str(u.get("name", "")) for u in data.get("units") or [] if u.get("role") == role
        )
    if key == "leaders":
        return tuple(str(name) for name in data.get("leaders") or [])
    deadline = str(data.get(key) or "")
    return (deadline,) if deadline else ()


def field_lines(data: dict[str, Any]) -> list[FieldLine]:
    """The five duty fields of a row, each with its values and descriptions (empty ones left out).

    Several sources for one field (a label plus a unit marked （牵头）) are all listed; the
    same description twice is shown once.
    """
    by_field: dict[str, list[str]] = {}
    for source in data.get("sources") or []:
        description = str(source.get("description") or "")
        found = by_field.setdefault(str(source.get("field", "")), [])
        if description and description not in found:
            found.append(description)
    lines = []
    for key, label, role in FIELDS:
        values, sources = _values(data, key, role), tuple(by_field.get(key, ()))
        if values or sources:  # a field added by hand after the import has a source only
            lines.append(FieldLine(key, label, values, sources))
    return lines


def mark_manual(data: dict[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """A copy of ``data`` whose sources say :data:`MANUAL_WORDS` for ``fields``."""
    changed = set(fields)
    if not changed:
        return data
    kept = [s for s in data.get("sources") or [] if s.get("field") not in changed]
    manual = [
        {"field": key, "rule": MANUAL_RULE, "description": MANUAL_WORDS}
        for key, _, _ in FIELDS
        if key in changed
    ]
    return {**data, "sources": kept + manual}


def manual_fields(data: dict[str, Any]) -> set[str]:
    """The fields of ``data`` someone changed by hand."""
    return {str(s.get("field")) for s in data.get("sources") or [] if s.get("rule") == MANUAL_RULE}
