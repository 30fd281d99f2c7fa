"""The seam between the pure parser and the system: bytes → typed tasks and their stored forms.

Only this module calls :mod:`taskdoc`. A preview row stores a parser task in the parser's own
versioned schema (``taskdoc.parse/N``, :func:`row_dict`) and is read back only through
:func:`decode_row` — the schema's ``from_dict`` — so no reader guesses between key names.
What a confirmed task keeps (``Task.source_data``) is the smaller
:class:`~duban.plans.records.TaskRecord` that :func:`record_of` fills.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

from duban.core import zipguard
from duban.plans.records import LeaderEntry, SourceNote, TaskRecord, UnitEntry
from taskdoc import parse_bytes
from taskdoc.docvalues import KIND_NAMES, DocumentKind
from taskdoc.errors import NoTasksError, TaskdocError, UnsupportedFormatError
from taskdoc.grammar.leaders import leader_refs
from taskdoc.grammar.workplan import work_plan_of_bytes
from taskdoc.model import Issue, ParseResult, Task, UnitRef
from taskdoc.output.serialize import SchemaError, stored_task_from_dict, stored_task_to_dict
from taskdoc.values import Milestone, Target

PARSE_FAILED = "无法解析该文件：{detail}"
UNSUPPORTED = "暂不支持该文件格式（{detail}）。请另存为 .docx、.pdf 或 .txt 后重新上传。"
NO_TASKS = "文件中没有找到编号的任务清单（{detail}）。请确认上传的是任务分解通知。"
NOT_A_NOTICE = (
    "该文件是{kind}，没有可导入的任务清单。报告中的目标和完成情况暂不能在此导入，"
    "请上传据此印发的任务分解通知。"
)

ROLE_FIELDS = (
    ("lead", "lead_units"),
    ("responsible", "responsible_units"),
    ("supporting", "supporting_units"),
)

# the parser's typed values, for the importer's annotations (it never imports taskdoc)
ParsedTask = Task
ParsedTarget = Target
ParsedMilestone = Milestone


@dataclass(frozen=True)
class ParsedDocument:
    document: dict[str, Any]
    lists: list[dict[str, Any]]
    tasks: tuple[ParsedTask, ...]
    issues: list[dict[str, Any]]
    schedule: dict[str, Any] | None = None

    def rows(self) -> list[dict[str, Any]]:
        """The tasks as preview rows are stored (:func:`row_dict`)."""
        return [row_dict(task) for task in self.tasks]

    def records(self) -> list[TaskRecord]:
        return [record_of(task) for task in self.tasks]


class ParseFailedError(Exception):
    """The file could not be parsed; ``message`` is Chinese and safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RowFormatError(ParseFailedError):
    """A stored row is not a task of the parser's current schema (an old preview batch)."""


class NotANoticeError(ParseFailedError):
    """A report or bulletin with no task list; ``kind`` (``work_report``…) lets the upload
    hand it to whatever imports that kind (:mod:`duban.plans.uploads`)."""

    def __init__(self, message: str, *, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


def row_dict(task: ParsedTask) -> dict[str, Any]:
    """A parser task in its versioned JSON form, as an ``ImportRow`` stores it."""
    return stored_task_to_dict(task)


def decode_row(data: Any) -> ParsedTask:
    """The typed task of a stored row; :class:`RowFormatError` (Chinese) for any other dict."""
    try:
        return stored_task_from_dict(data)
    except SchemaError as err:
        raise RowFormatError(err.message) from err


def _issue(issue: Issue) -> dict[str, Any]:
    span = issue.span.describe() if issue.span is not None else ""
    return {
        "code": issue.code,
        "message": issue.message,
        "severity": str(issue.severity),
        "span": span,
    }


def _unit_entries(role: str, ref: UnitRef) -> list[UnitEntry]:
    """One entry per unit; ``巩义市等相关县（市、区）人民政府`` yields 巩义市人民政府 + the collective.

    A collective that names an example unit before 等 assigns that unit for sure and the
    rest only vaguely, so the named unit becomes a concrete entry and the phrase as written
    stays a collective (which the directory cannot expand: rule ``unresolved``).
    """
    entry = UnitEntry(role, ref.name, ref.raw, ref.collective, ref.label)
    if not (ref.collective and "等" in ref.raw):
        return [entry]
    named = ref.name if ref.name != ref.raw else ref.raw.split("等", 1)[0]
    whole = UnitEntry(role, ref.raw, ref.raw, ref.collective, ref.label)
    if not named:
        return [whole]
    return [UnitEntry(role, named, ref.raw, False, ref.label), whole]


def record_of(task: ParsedTask) -> TaskRecord:
    """What a confirmed task keeps of its parse: the fields diffs compare and pages explain.

    Sources keep the rule code and the Chinese description only (the description already
    names the words and the line as written).
    """
    return TaskRecord(
        list=task.list,
        section_path=task.section_path,
        number=task.number,
        text=task.text,
        units=tuple(
            entry
            for role, attr in ROLE_FIELDS
            for ref in getattr(task, attr)
            for entry in _unit_entries(role, ref)
        ),
        leaders=tuple(LeaderEntry(r.name, r.collective) for r in leader_refs(task.leaders)),
        deadline=task.deadline or "",
        sources=tuple(SourceNote(s.field, str(s.rule), s.describe()) for s in task.sources),
    )


def row_record(data: Any) -> TaskRecord:
    """The record of a stored preview row (decoded through the parser's schema)."""
    return record_of(decode_row(data))


def row_issues(task: ParsedTask) -> list[dict[str, Any]]:
    """A task's problems as the preview lists them: code, Chinese message, severity, place."""
    return [_issue(i) for i in task.issues]


def from_result(result: ParseResult) -> ParsedDocument:
    return ParsedDocument(
        document=asdict(result.document),
        lists=[
            {"title": tl.title, "first_lead_rule": tl.first_lead_rule, "span": tl.span.describe()}
            for tl in result.lists
        ],
        tasks=result.tasks,
        issues=[_issue(i) for i in result.issues],
        schedule=result.schedule.to_dict() if result.schedule is not None else None,
    )


def parse_result(data: bytes, *, filename: str) -> ParseResult:
    """Run the parser (monkeypatched in tests that build a ParseResult by hand)."""
    return parse_bytes(data, filename=filename)


@contextmanager
def parser_errors(filename: str, data: bytes) -> Iterator[None]:
    """Refuse a zip bomb before the parser opens the file, and turn every parser failure in
    the block into :class:`ParseFailedError` with a Chinese message: one translation for the
    notice, work-report and execution-report imports."""
    try:
        zipguard.check(data, filename, zipguard.NOTICE)
    except zipguard.ZipBombError as err:
        raise ParseFailedError(err.message) from err
    try:
        yield
    except UnsupportedFormatError as err:
        raise ParseFailedError(UNSUPPORTED.format(detail=err.message)) from err
    except NoTasksError as err:
        raise ParseFailedError(NO_TASKS.format(detail=err.message)) from err
    except TaskdocError as err:
        raise ParseFailedError(PARSE_FAILED.format(detail=str(err))) from err


def parse_document(data: bytes, *, filename: str) -> ParsedDocument:
    """Parse a file; every parser failure becomes :class:`ParseFailedError` with a Chinese message.

    A .docx is a zip: one that would inflate past :data:`zipguard.NOTICE` is refused from its
    central directory before the parser opens it (a 2 MB file inflating to 2 GiB used to take
    23 s and 4 GB of memory to refuse).
    """
    with parser_errors(filename, data):
        result = parse_result(data, filename=filename)
    if result.kind is not DocumentKind.NOTICE and not result.tasks:
        # a report or bulletin parses (taskdoc.parse/2) but has no task list to import yet
        raise NotANoticeError(
            NOT_A_NOTICE.format(kind=KIND_NAMES[result.kind]), kind=str(result.kind)
        )
    return from_result(result)


NOT_A_WORK_REPORT = "该文件不是政府工作报告（识别为{kind}），不能生成目标任务分解草稿。"
NO_WORK_PLAN = "报告中没有找到今年的主要预期目标或工作安排，不能生成目标任务分解草稿。"


@dataclass(frozen=True)
class ReportOutline:
    """What a 政府工作报告 gives a draft decomposition, as plain dicts: the document, the
    plan year, its main targets (``metric``, ``text`` as written, ``sentence``) and its work
    items (``number``, ``title``, ``text``, ``subitems`` of ``title`` and ``text``)."""

    document: dict[str, Any]
    year: int | None
    targets: list[dict[str, Any]]
    items: list[dict[str, Any]]


def parse_work_report(data: bytes, *, filename: str) -> ReportOutline:
    """Parse a work report for its draft decomposition; Chinese :class:`ParseFailedError`
    for a file that cannot be read, is not a work report or states no plan."""
    with parser_errors(filename, data):
        result = parse_result(data, filename=filename)
        plan = work_plan_of_bytes(data, filename=filename)
    if result.kind is not DocumentKind.WORK_REPORT:
        raise ParseFailedError(NOT_A_WORK_REPORT.format(kind=KIND_NAMES[result.kind]))
    year = plan.year or result.document.year
    targets = [
        {"metric": t.target.metric, "text": t.target.raw, "sentence": t.sentence}
        for t in result.targets
        if t.main and t.year in (None, year)
    ]
    items = [
        {
            "number": item.number,
            "title": item.title,
            "text": item.text,
            "subitems": [{"title": s.title, "text": s.text} for s in item.subitems],
        }
        for item in plan.items
    ]
    if not targets and not items:
        raise ParseFailedError(NO_WORK_PLAN)
    return ReportOutline(asdict(result.document), year, targets, items)
