"""The seam between the pure parser and the system: bytes → plain, JSON-ready row dicts.

Only this module calls :mod:`taskdoc`. Everything stored in a preview batch is built from
``ParsedDocument`` so the importer never depends on the parser's classes directly.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from taskdoc import parse_bytes
from taskdoc.errors import NoTasksError, TaskdocError, UnsupportedFormatError
from taskdoc.model import FieldSource, ParseResult, Task

PARSE_FAILED = "无法解析该文件：{detail}"
UNSUPPORTED = "暂不支持该文件格式（{detail}）。请另存为 .docx、.pdf 或 .txt 后重新上传。"
NO_TASKS = "文件中没有找到编号的任务清单（{detail}）。请确认上传的是任务分解通知。"

ROLE_FIELDS = (
    ("lead", "lead_units"),
    ("responsible", "responsible_units"),
    ("supporting", "supporting_units"),
)


@dataclass(frozen=True)
class ParsedDocument:
    document: dict[str, Any]
    lists: list[dict[str, Any]]
    rows: list[dict[str, Any]]
    issues: list[dict[str, Any]]
    schedule: dict[str, Any] | None = None


class ParseFailedError(Exception):
    """The file could not be parsed; ``message`` is Chinese and safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _issue(issue: Any) -> dict[str, Any]:
    span = issue.span.describe() if issue.span is not None else ""
    return {
        "code": issue.code,
        "message": issue.message,
        "severity": str(issue.severity),
        "span": span,
    }


def _unit_entries(role: str, ref: Any) -> list[dict[str, Any]]:
    """One entry per unit; ``巩义市等相关县（市、区）人民政府`` yields 巩义市人民政府 + the collective.

    A collective that names an example unit before 等 assigns that unit for sure and the
    rest only vaguely, so the named unit becomes a concrete entry and the phrase as written
    stays a collective (which the directory cannot expand: rule ``unresolved``).
    """
    entry = {
        "role": role,
        "name": ref.name,
        "raw": ref.raw,
        "collective": ref.collective,
        "label": ref.label,
    }
    if not (ref.collective and "等" in ref.raw):
        return [entry]
    named = ref.name if ref.name != ref.raw else ref.raw.split("等", 1)[0]
    concrete = {**entry, "name": named, "collective": False}
    return [concrete, {**entry, "name": ref.raw}] if named else [{**entry, "name": ref.raw}]


def _source(source: FieldSource) -> dict[str, str]:
    """Kept small: the Chinese description already names the words and the line as written."""
    return {"field": source.field, "rule": str(source.rule), "description": source.describe()}


def task_row(task: Task) -> dict[str, Any]:
    units = [
        entry
        for role, attr in ROLE_FIELDS
        for ref in getattr(task, attr)
        for entry in _unit_entries(role, ref)
    ]
    return {
        "list": task.list,
        "section_path": list(task.section_path),
        "number": task.number,
        "text": task.text,
        "leaders": list(task.leaders),
        "leader_label": task.leader_label or "",
        "units": units,
        "deadline": task.deadline or "",
        "span": task.span.describe(),
        "issues": [_issue(i) for i in task.issues],
        "targets": [target.to_dict() for target in task.targets],
        "milestones": [milestone.to_dict() for milestone in task.milestones],
        "sources": [_source(source) for source in task.sources],
        "flags": list(task.flags),
    }


def from_result(result: ParseResult) -> ParsedDocument:
    return ParsedDocument(
        document=asdict(result.document),
        lists=[
            {"title": tl.title, "first_lead_rule": tl.first_lead_rule, "span": tl.span.describe()}
            for tl in result.lists
        ],
        rows=[task_row(t) for t in result.tasks],
        issues=[_issue(i) for i in result.issues],
        schedule=result.schedule.to_dict() if result.schedule is not None else None,
    )


def parse_result(data: bytes, *, filename: str) -> ParseResult:
    """Run the parser (monkeypatched in tests that build a ParseResult by hand)."""
    return parse_bytes(data, filename=filename)


def parse_document(data: bytes, *, filename: str) -> ParsedDocument:
    """Parse a file; every parser failure becomes :class:`ParseFailedError` with a Chinese message."""
    try:
        result = parse_result(data, filename=filename)
    except UnsupportedFormatError as err:
        raise ParseFailedError(UNSUPPORTED.format(detail=err.message)) from err
    except NoTasksError as err:
        raise ParseFailedError(NO_TASKS.format(detail=err.message)) from err
    except TaskdocError as err:
        raise ParseFailedError(PARSE_FAILED.format(detail=str(err))) from err
    return from_result(result)
