"""The parser: read → repair → tables → segment → build tasks → check.

Each stage lives in its own module; this one only wires them together and
turns drafts into frozen :class:`~taskdoc.model.Task` values with their issues.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from taskdoc.errors import NoTasksError, TaskdocError, UnreadableDocumentError
from taskdoc.fields import FieldKind, FieldValue, split_trailing_duties
from taskdoc.leaders import split_leaders
from taskdoc.metadata import extract_metadata
from taskdoc.model import Issue, Paragraph, ParseResult, Severity, Task, TaskList, UnitRef
from taskdoc.readers import ReadResult, read_bytes
from taskdoc.readers.text import blocks_from_text
from taskdoc.repair import repair_paragraphs
from taskdoc.structure import TaskDraft, segment
from taskdoc.tables import table_lines
from taskdoc.units import is_marked_lead, parse_units

# 列第一位的责任单位为牵头单位 / 排在第一位的为牵头单位 / 列首位的单位为牵头单位
FIRST_LEAD_RULE_RE = re.compile(
    r"(?:列|排|位)(?:在|于)?(?:第一|首)位的?(?:责任)?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)"
)
_NO_TASKS = (
    "未找到任务：应有编号的任务（如“1. …”或“（一）…”），"
    "其后附有“责任领导：”“牵头单位：”“责任单位：”等字段，或为含上述列的表格"
)


def parse_file(path: str | Path) -> ParseResult:
    """Parse a notice on disk (.txt/.md/.docx/.pdf; .doc/.wps via LibreOffice)."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except FileNotFoundError as error:
        raise UnreadableDocumentError("文件不存在", where=str(file)) from error
    except IsADirectoryError as error:
        raise UnreadableDocumentError("这是一个目录，不是文件", where=str(file)) from error
    except PermissionError as error:
        raise UnreadableDocumentError("没有读取该文件的权限", where=str(file)) from error
    except OSError as error:
        raise UnreadableDocumentError(f"无法读取文件（{error}）", where=str(file)) from error
    return parse_bytes(data, filename=file.name)


def parse_bytes(data: bytes, *, filename: str = "<bytes>") -> ParseResult:
    """Parse a notice from its bytes; ``filename`` picks the reader when content does not."""
    return _parse(read_bytes(data, filename=filename), filename=filename)


def parse_text(text: str, *, filename: str = "<text>") -> ParseResult:
    """Parse a notice given as text: ``parse_text("1. 任务…\\n责任单位：区财政局")``."""
    return _parse(ReadResult(blocks_from_text(text), "txt"), filename=filename)


def _parse(read: ReadResult, *, filename: str) -> ParseResult:
    lines = list(table_lines(repair_paragraphs(read.blocks)))
    paragraphs = [b for b in read.blocks if isinstance(b, Paragraph)]
    segmented = segment(lines, default_title=_default_title(paragraphs))
    if not segmented.drafts:
        raise NoTasksError(_NO_TASKS, where=filename)
    full_text = "".join(line.text for line in lines)
    first_lead = FIRST_LEAD_RULE_RE.search(full_text) is not None
    titles = [start.title for start in segmented.lists]
    document = extract_metadata(
        paragraphs, list_titles=titles, source_format=read.source_format, filename=filename
    )
    tasks = tuple(_build_task(draft, first_lead=first_lead) for draft in segmented.drafts)
    tasks = _with_sequence_issues(tasks)
    lists = tuple(TaskList(s.title, s.span, first_lead) for s in segmented.lists)
    if not lists:
        lists = (TaskList(tasks[0].list, tasks[0].span, first_lead),)
    return ParseResult(document, lists, tasks)


def _default_title(paragraphs: Sequence[Paragraph]) -> str:
    """The list name used when a notice has no list title: its first line, else 任务清单."""
    return paragraphs[0].text.strip()[:60] if paragraphs else "任务清单"


def _values(fields: Sequence[FieldValue], kind: FieldKind) -> list[FieldValue]:
    return [f for f in fields if f.kind is kind]


def _units(fields: Sequence[FieldValue], kind: FieldKind) -> tuple[UnitRef, ...]:
    refs: list[UnitRef] = []
    for value in _values(fields, kind):
        refs.extend(parse_units(value.value, label=value.label))
    return tuple(refs)


def _build_task(draft: TaskDraft, *, first_lead: bool) -> Task:
    text, duties = split_trailing_duties(draft.text)
    fields = [*draft.fields, *duties]
    leader_fields = _values(fields, FieldKind.LEADERS)
    leaders = tuple(name for f in leader_fields for name in split_leaders(f.value))
    lead = _units(fields, FieldKind.LEAD_UNITS)
    responsible = _units(fields, FieldKind.RESPONSIBLE_UNITS)
    marked = tuple(u for u in responsible if is_marked_lead(u.raw))
    if marked:
        lead = (*lead, *marked)
        responsible = tuple(u for u in responsible if u not in marked)
    if first_lead and not lead and responsible:
        lead, responsible = responsible[:1], responsible[1:]
    deadlines = [f.value for f in _values(fields, FieldKind.DEADLINE) if f.value]
    task = Task(
        list=draft.list_title,
        section_path=draft.section_path,
        number=draft.number,
        text=text,
        leaders=tuple(dict.fromkeys(leaders)),
        lead_units=lead,
        responsible_units=responsible,
        supporting_units=_units(fields, FieldKind.SUPPORTING_UNITS),
        deadline="；".join(deadlines) or None,
        span=draft.span,
        leader_label=leader_fields[0].label if leader_fields else None,
    )
    return _with_field_issues(task)


def _issue(task: Task, code: str, message: str, severity: Severity = Severity.WARNING) -> Issue:
    return Issue(
        code, f"任务{task.number}（{task.span.start.describe()}）{message}", severity, task.span
    )


def _with_field_issues(task: Task) -> Task:
    issues = []
    if not task.text:
        issues.append(_issue(task, "text_empty", "没有任务内容", Severity.ERROR))
    if not (task.lead_units or task.responsible_units or task.supporting_units):
        issues.append(_issue(task, "units_missing", "没有牵头单位或责任单位"))
    if not task.leaders:
        issues.append(_issue(task, "leaders_missing", "没有责任领导"))
    return _replace_issues(task, tuple(issues))


def _with_sequence_issues(tasks: tuple[Task, ...]) -> tuple[Task, ...]:
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
        issue = _issue(task, code, f"{text}：上一项为{before}")
        result.append(_replace_issues(task, (*task.issues, issue)))
    return tuple(result)


def _replace_issues(task: Task, issues: tuple[Issue, ...]) -> Task:
    from dataclasses import replace

    return replace(task, issues=issues)


__all__ = ["TaskdocError", "parse_bytes", "parse_file", "parse_text"]
