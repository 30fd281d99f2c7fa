"""What an import keeps of each task once: the fields revision diffs and provenance read.

``Task.source_data`` holds one :class:`TaskRecord` as a dict tagged with :data:`VERSION`.
The parse row it came from (targets, milestones, issues, spans…) is not stored again: those
live in their own tables. The parsing seam (:mod:`duban.plans.parsing`) fills a record from
a typed parser task; everything else reads it through :meth:`TaskRecord.from_dict`, which
refuses a missing key or another version with a Chinese message instead of guessing.

Pure: no Django, no parser classes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

VERSION = "duban.task-record/1"
BAD_VERSION = "任务的解析记录版本“{found}”无法读取（应为 {expected}）。"
BAD_RECORD = "任务的解析记录格式不正确：{what}。"
ROLES = ("lead", "responsible", "supporting")
# ``Task.source_data`` of a task the 督查室 added by hand (no notice lists it): a revised
# notice is not compared with it, so importing the revision never withdraws it
HAND_ENTERED = "entered_by_hand"


class RecordError(ValueError):
    """A stored record cannot be read; ``message`` is Chinese and safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class UnitEntry:
    """One unit of a task in its role, as the directory will resolve it."""

    role: str  # lead / responsible / supporting
    name: str
    raw: str
    collective: bool
    label: str


@dataclass(frozen=True, slots=True)
class LeaderEntry:
    """One 责任领导 value; a collective one (区政府班子成员) is no person."""

    name: str
    collective: bool = False


@dataclass(frozen=True, slots=True)
class SourceNote:
    """Why a field holds its value: the rule code (for programs) and the Chinese sentence."""

    field: str
    rule: str
    description: str


@dataclass(frozen=True, slots=True)
class TaskRecord:
    """The task as the notice states it, in the terms the importer compares and explains."""

    list: str
    section_path: tuple[str, ...]
    number: int
    text: str
    units: tuple[UnitEntry, ...]
    leaders: tuple[LeaderEntry, ...]
    deadline: str
    sources: tuple[SourceNote, ...]

    def compared(self) -> tuple[object, ...]:
        """What a revision compares to call a task unchanged (sources are explanations)."""
        return (self.text, self.units, self.leaders, self.deadline, self.section_path)

    def with_sources(self, sources: tuple[SourceNote, ...]) -> TaskRecord:
        return replace(self, sources=sources)

    def to_dict(self) -> dict[str, Any]:
        return {
            "record": VERSION,
            "list": self.list,
            "section_path": list(self.section_path),
            "number": self.number,
            "text": self.text,
            "units": [
                {
                    "role": u.role,
                    "name": u.name,
                    "raw": u.raw,
                    "collective": u.collective,
                    "label": u.label,
                }
                for u in self.units
            ],
            "leaders": [{"name": x.name, "collective": x.collective} for x in self.leaders],
            "deadline": self.deadline,
            "sources": [
                {"field": s.field, "rule": s.rule, "description": s.description}
                for s in self.sources
            ],
        }

    @classmethod
    def from_dict(cls, data: Any) -> TaskRecord:
        """The record :meth:`to_dict` wrote; :class:`RecordError` for anything else."""
        found = data.get("record") if isinstance(data, dict) else None
        if found != VERSION:
            raise RecordError(BAD_VERSION.format(found=found or "未标明", expected=VERSION))
        try:
            return cls(
                list=_str(data["list"]),
                section_path=tuple(_str(p) for p in data["section_path"]),
                number=_int(data["number"]),
                text=_str(data["text"]),
                units=tuple(_unit(u) for u in data["units"]),
                leaders=tuple(
                    LeaderEntry(_str(x["name"]), _bool(x["collective"])) for x in data["leaders"]
                ),
                deadline=_str(data["deadline"]),
                sources=tuple(
                    SourceNote(_str(s["field"]), _str(s["rule"]), _str(s["description"]))
                    for s in data["sources"]
                ),
            )
        except KeyError as err:
            raise RecordError(BAD_RECORD.format(what=f"缺少“{err.args[0]}”")) from err
        except (TypeError, ValueError) as err:
            raise RecordError(BAD_RECORD.format(what=str(err))) from err


def stored_record(data: Any) -> TaskRecord | None:
    """The record in ``Task.source_data``; ``None`` for a task no import made (carried over).

    Only a dict without the ``record`` tag is "no record"; a tagged dict that does not
    decode raises :class:`RecordError`.
    """
    if not isinstance(data, dict) or "record" not in data:
        return None
    return TaskRecord.from_dict(data)


def hand_entered(data: Any) -> bool:
    """Was the task with this ``source_data`` added by hand (not by an import)?"""
    return isinstance(data, dict) and data.get(HAND_ENTERED) is True


def _unit(data: Any) -> UnitEntry:
    role = _str(data["role"])
    if role not in ROLES:
        raise ValueError(f"未知的单位角色 {role!r}")
    return UnitEntry(
        role, _str(data["name"]), _str(data["raw"]), _bool(data["collective"]), _str(data["label"])
    )


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{value!r} 不是文字")
    return value


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{value!r} 不是整数")
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{value!r} 不是是/否")
    return value
