"""JSON form of a :class:`~taskdoc.model.ParseResult`: the stable schema of ``duban parse``.

The schema is documented in ``docs/parse-schema.md``; ``SCHEMA`` names its
version. Version 2 added the document's ``kind``, ``targets``, ``actuals`` and
``times`` to the result (the task object is unchanged); dicts of version 1 (old
preview rows, stored results) are still read, a version 1 result as a notice
without document-level figures.

Every ``*_to_dict`` has its exact inverse ``*_from_dict``
(``task_from_dict(task_to_dict(t)) == t``), so a stored dict is read back as typed
values instead of by key lookups spread over its readers. Keys computed from others
(``description``, ``leader_refs``) are written for people and programs that only read
the JSON, and ignored when decoding. A missing key, a wrong type or an unknown
``schema`` raises :class:`SchemaError` with a Chinese message.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, replace
from functools import wraps
from typing import Any, TypeVar

from taskdoc.docvalues import DocumentActual, DocumentKind, DocumentTarget, DocumentTime
from taskdoc.errors import TaskdocError
from taskdoc.grammar.leaders import leader_refs
from taskdoc.model import (
    DocumentInfo,
    FieldSource,
    Issue,
    Location,
    ParseResult,
    Rule,
    Severity,
    SourceSpan,
    Task,
    TaskList,
    UnitRef,
)
from taskdoc.values import Milestone, ReportingSchedule, Target

SCHEMA = "taskdoc.parse/2"
SCHEMA_V1 = "taskdoc.parse/1"
# The versions ``from_dict`` reads: the current one and version 1 (same task object).
READABLE = (SCHEMA, SCHEMA_V1)
JsonObject = dict[str, Any]
T = TypeVar("T")


def location_to_dict(location: Location) -> JsonObject:
    return {key: value for key, value in asdict(location).items() if value is not None}


def span_to_dict(span: SourceSpan) -> JsonObject:
    return {
        "start": location_to_dict(span.start),
        "end": location_to_dict(span.end),
        "description": span.describe(),
    }


def unit_to_dict(unit: UnitRef) -> JsonObject:
    return {"name": unit.name, "raw": unit.raw, "collective": unit.collective, "label": unit.label}


def issue_to_dict(issue: Issue) -> JsonObject:
    result: JsonObject = {
        "code": issue.code,
        "severity": str(issue.severity),
        "message": issue.message,
    }
    if issue.span is not None:
        result["source"] = span_to_dict(issue.span)
    return result


def task_to_dict(task: Task) -> JsonObject:
    return {
        "list": task.list,
        "section_path": list(task.section_path),
        "number": task.number,
        "text": task.text,
        "leaders": list(task.leaders),
        "leader_refs": [{"name": r.name, "kind": str(r.kind)} for r in leader_refs(task.leaders)],
        "leader_label": task.leader_label,
        "lead_units": [unit_to_dict(u) for u in task.lead_units],
        "responsible_units": [unit_to_dict(u) for u in task.responsible_units],
        "supporting_units": [unit_to_dict(u) for u in task.supporting_units],
        "deadline": task.deadline,
        "source": span_to_dict(task.span),
        "issues": [issue_to_dict(i) for i in task.issues],
        "targets": [target.to_dict() for target in task.targets],
        "milestones": [milestone.to_dict() for milestone in task.milestones],
        "sources": [source_to_dict(source) for source in task.sources],
        "flags": list(task.flags),
    }


def source_to_dict(source: FieldSource) -> JsonObject:
    result: JsonObject = {
        "field": source.field,
        "rule": str(source.rule),
        "evidence": source.evidence,
        "description": source.describe(),
    }
    if source.span is not None:
        result["source"] = span_to_dict(source.span)
    return result


def list_to_dict(task_list: TaskList) -> JsonObject:
    return {
        "title": task_list.title,
        "first_lead_rule": task_list.first_lead_rule,
        "source": span_to_dict(task_list.span),
    }


def result_to_dict(result: ParseResult) -> JsonObject:
    """The whole parse as plain JSON-ready values."""
    return {
        "schema": SCHEMA,
        "document": asdict(result.document),
        "lists": [list_to_dict(t) for t in result.lists],
        "tasks": [task_to_dict(t) for t in result.tasks],
        "issues": [issue_to_dict(i) for i in result.issues],
        "schedule": result.schedule.to_dict() if result.schedule else None,
        "kind": str(result.kind),
        "targets": [t.to_dict() for t in result.targets],
        "actuals": [a.to_dict() for a in result.actuals],
        "times": [t.to_dict() for t in result.times],
    }


def to_json(result: ParseResult, *, indent: int | None = 2) -> str:
    """Serialise with Chinese kept readable (``ensure_ascii=False``)."""
    return json.dumps(result_to_dict(result), ensure_ascii=False, indent=indent)


# ------------------------------------------------------------------ decoding


class SchemaError(TaskdocError):
    """A stored dict is not a ``taskdoc.parse`` value of this version; the message is Chinese."""


BAD_SCHEMA = "解析数据的版本“{found}”无法读取（应为 {expected}），请重新上传文件。"
_EXPECTED = f"{SCHEMA} 或 {SCHEMA_V1}"
BAD_VALUE = "解析数据格式不正确：{what}。请重新上传文件。"


def check_schema(data: JsonObject) -> str:
    """The dict's schema version; refuse another (or no) version before reading a key of it."""
    found = data.get("schema") if isinstance(data, dict) else None
    if not isinstance(found, str) or found not in READABLE:
        raise SchemaError(BAD_SCHEMA.format(found=found or "未标明", expected=_EXPECTED))
    return found


def _decoding(kind: str) -> Callable[[Callable[[JsonObject], T]], Callable[[JsonObject], T]]:
    """Decorator: a missing key or a wrong type in ``kind`` becomes :class:`SchemaError`."""

    def wrap(func: Callable[[JsonObject], T]) -> Callable[[JsonObject], T]:
        @wraps(func)
        def decode(data: JsonObject) -> T:
            try:
                return func(data)
            except SchemaError:
                raise
            except KeyError as err:
                raise SchemaError(BAD_VALUE.format(what=f"{kind}缺少“{err.args[0]}”")) from err
            except (TypeError, ValueError, AttributeError, ArithmeticError) as err:
                raise SchemaError(BAD_VALUE.format(what=f"{kind}的取值有误（{err}）")) from err

        return decode

    return wrap


def _int_or_none(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{value!r} 不是整数")
    return value


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{value!r} 不是文字")
    return value


def _str_or_none(value: object) -> str | None:
    return None if value is None else _str(value)


def _strs(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise TypeError(f"{value!r} 不是列表")
    return tuple(_str(item) for item in value)


def _list(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(f"{value!r} 不是列表")
    return value


def location_from_dict(data: JsonObject) -> Location:
    keys = ("line", "paragraph", "page", "table", "row", "column")
    unknown = set(data) - set(keys)
    if unknown:
        raise ValueError(f"位置中有未知的键 {sorted(unknown)}")
    return Location(**{key: _int_or_none(data.get(key)) for key in keys})


def span_from_dict(data: JsonObject) -> SourceSpan:
    return SourceSpan(location_from_dict(data["start"]), location_from_dict(data["end"]))


def _span_or_none(data: JsonObject) -> SourceSpan | None:
    return span_from_dict(data["source"]) if "source" in data else None


def unit_from_dict(data: JsonObject) -> UnitRef:
    collective = data["collective"]
    if not isinstance(collective, bool):
        raise TypeError(f"collective={collective!r}")
    return UnitRef(_str(data["name"]), _str(data["raw"]), collective, _str(data["label"]))


def issue_from_dict(data: JsonObject) -> Issue:
    return Issue(
        _str(data["code"]), _str(data["message"]), Severity(data["severity"]), _span_or_none(data)
    )


def source_from_dict(data: JsonObject) -> FieldSource:
    return FieldSource(
        _str(data["field"]), Rule(data["rule"]), _str(data["evidence"]), _span_or_none(data)
    )


@_decoding("任务")
def task_from_dict(data: JsonObject) -> Task:
    """The task a :func:`task_to_dict` dict describes (``leader_refs`` is recomputed, not read)."""
    number = data["number"]
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError(f"number={number!r}")
    return Task(
        list=_str(data["list"]),
        section_path=_strs(data["section_path"]),
        number=number,
        text=_str(data["text"]),
        leaders=_strs(data["leaders"]),
        lead_units=tuple(unit_from_dict(u) for u in _list(data["lead_units"])),
        responsible_units=tuple(unit_from_dict(u) for u in _list(data["responsible_units"])),
        supporting_units=tuple(unit_from_dict(u) for u in _list(data["supporting_units"])),
        deadline=_str_or_none(data["deadline"]),
        span=span_from_dict(data["source"]),
        issues=tuple(issue_from_dict(i) for i in _list(data["issues"])),
        leader_label=_str_or_none(data["leader_label"]),
        targets=tuple(Target.from_dict(t) for t in _list(data["targets"])),
        milestones=tuple(Milestone.from_dict(m) for m in _list(data["milestones"])),
        sources=tuple(source_from_dict(s) for s in _list(data["sources"])),
        flags=_strs(data["flags"]),
    )


def stored_task_to_dict(task: Task) -> JsonObject:
    """One task on its own, tagged with :data:`SCHEMA` (an import row, a cache entry)."""
    return {"schema": SCHEMA, **task_to_dict(task)}


def stored_task_from_dict(data: JsonObject) -> Task:
    """The inverse of :func:`stored_task_to_dict`; the version is checked first."""
    check_schema(data)
    return task_from_dict(data)


def list_from_dict(data: JsonObject) -> TaskList:
    first_lead_rule = data["first_lead_rule"]
    if not isinstance(first_lead_rule, bool):
        raise TypeError(f"first_lead_rule={first_lead_rule!r}")
    return TaskList(_str(data["title"]), span_from_dict(data["source"]), first_lead_rule)


@_decoding("解析结果")
def result_from_dict(data: JsonObject) -> ParseResult:
    """The parse a :func:`result_to_dict` dict describes; the version is checked first."""
    version = check_schema(data)
    schedule = data["schedule"]
    result = ParseResult(
        document=DocumentInfo(**data["document"]),
        lists=tuple(list_from_dict(t) for t in _list(data["lists"])),
        tasks=tuple(task_from_dict(t) for t in _list(data["tasks"])),
        issues=tuple(issue_from_dict(i) for i in _list(data["issues"])),
        schedule=None if schedule is None else ReportingSchedule.from_dict(schedule),
    )
    if version == SCHEMA_V1:
        return result  # a notice as version 1 wrote it: no document-level figures
    return replace(
        result,
        kind=DocumentKind(data["kind"]),
        targets=tuple(DocumentTarget.from_dict(t) for t in _list(data["targets"])),
        actuals=tuple(DocumentActual.from_dict(a) for a in _list(data["actuals"])),
        times=tuple(DocumentTime.from_dict(t) for t in _list(data["times"])),
    )
