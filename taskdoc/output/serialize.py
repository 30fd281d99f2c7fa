"""JSON form of a :class:`~taskdoc.model.ParseResult`: the stable schema of ``duban parse``.

The schema is documented in ``docs/parse-schema.md``; ``SCHEMA`` names its
version and changes whenever a field is renamed or removed (adding fields is
backwards compatible and keeps the version).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from taskdoc.model import (
    FieldSource,
    Issue,
    Location,
    ParseResult,
    SourceSpan,
    Task,
    TaskList,
    UnitRef,
)

SCHEMA = "taskdoc.parse/1"
JsonObject = dict[str, Any]


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
    }


def to_json(result: ParseResult, *, indent: int | None = 2) -> str:
    """Serialise with Chinese kept readable (``ensure_ascii=False``)."""
    return json.dumps(result_to_dict(result), ensure_ascii=False, indent=indent)
