"""The parser: read → repair → tables → segment → assemble tasks → check → the document's figures.

Each stage lives in its own module; this one only wires them together and
reads what concerns the whole document (metadata, the first-lead rule, the
reporting schedule of the notice body, its kind — :mod:`taskdoc.grammar.genre` —
and its document-level targets, actuals and times, :mod:`taskdoc.figures.document`).
A work report, a plan report or a bulletin parses without tasks; only a document
taken for a decomposition notice that holds none raises :class:`NoTasksError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from taskdoc.docvalues import DocumentActual, DocumentKind
from taskdoc.errors import NoTasksError, UnreadableDocumentError
from taskdoc.figures.doctimes import document_times
from taskdoc.figures.document import notice_targets, report_figures
from taskdoc.figures.schedule import extract_schedule
from taskdoc.grammar.assemble import (
    TaskContext,
    build_task,
    stated_convention,
    with_sequence_issues,
    without_unused_field_issues,
)
from taskdoc.grammar.genre import classify, title_text
from taskdoc.grammar.metadata import extract_metadata, notice_title
from taskdoc.grammar.paragraphs import has_paragraph_tasks, segment_paragraphs
from taskdoc.grammar.structure import TaskDraft, segment
from taskdoc.grammar.tables import table_lines
from taskdoc.grammar.tables_flat import unflatten_tables
from taskdoc.grammar.truncation import cut_issue, find_cut
from taskdoc.model import (
    Block,
    DocumentInfo,
    Issue,
    Paragraph,
    ParseResult,
    SourceSpan,
    Task,
    TaskList,
)
from taskdoc.readers import ReadResult, read_bytes
from taskdoc.readers.text import blocks_from_text
from taskdoc.text.repair import Line, repair_paragraphs
from taskdoc.text.script import restore_script
from taskdoc.text.stage import prepare

_YEAR_UNKNOWN = Issue(
    "year_unknown", "未能确定文件所属年度（标题和落款均无年份），时间节点未换算为日期"
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
    prepared = prepare(read.blocks)  # script, one-line notices, site furniture
    blocks = tuple(unflatten_tables(prepared.blocks))
    paragraphs = [b for b in prepared.converted if isinstance(b, Paragraph)]
    found = _tasks(blocks, prepared.blocks, paragraphs, read.source_format, filename)
    kind = classify(blocks, has_tasks=found is not None)
    if found is None and kind is DocumentKind.NOTICE:
        raise NoTasksError(_NO_TASKS, where=filename)
    if found is None:
        document = extract_metadata(
            paragraphs, list_titles=(), source_format=read.source_format, filename=filename
        )
        found = _Tasks(document, (), (), (), [])
    result = _with_document_values(found, kind, blocks)
    return restore_script(result, prepared.script) if prepared.script else result


@dataclass(frozen=True, slots=True)
class _Tasks:
    """The task side of a parse: metadata, lists, tasks, their issues and the preamble."""

    document: DocumentInfo
    lists: tuple[TaskList, ...]
    tasks: tuple[Task, ...]
    cut_issues: tuple[Issue, ...]
    preamble: list[Line]


def _tasks(
    blocks: Sequence[Block],
    prepared: Sequence[Block],
    paragraphs: Sequence[Paragraph],
    source_format: str,
    filename: str,
) -> _Tasks | None:
    """The document's task lists and tasks, or None when it has none."""
    paragraph_lines = _paragraph_task_lines(blocks)  # tasks without numbers
    by_paragraph = paragraph_lines is not None
    lines = paragraph_lines or list(table_lines(repair_paragraphs(blocks)))
    split = segment_paragraphs if by_paragraph else segment
    segmented = split(lines, default_title=_default_title(paragraphs))
    if not segmented.drafts:
        return None
    drafts, cut_issues = _without_cut_task(segmented.drafts, lines, blocks)
    convention = stated_convention(prepared)  # 列第一位的为牵头单位, wherever stated
    titles = [start.title for start in segmented.lists]
    document = extract_metadata(
        paragraphs, list_titles=titles, source_format=source_format, filename=filename
    )
    context = TaskContext(convention=convention, year=document.year, issued=_issued(document))
    first_lead = context.first_lead
    tasks = tuple(build_task(draft, context) for draft in drafts)
    tasks = with_sequence_issues(without_unused_field_issues(tasks))
    lists = tuple(TaskList(s.title, s.span, first_lead) for s in segmented.lists)
    if not lists:
        lists = (TaskList(tasks[0].list, tasks[0].span, first_lead),)
    return _Tasks(document, lists, tasks, cut_issues, list(segmented.preamble))


def _with_document_values(
    found: _Tasks, kind: DocumentKind, blocks: Sequence[Block]
) -> ParseResult:
    """The result with the document's kind, targets, actuals and times (and its year)."""
    document, tasks = found.document, found.tasks
    actuals: tuple[DocumentActual, ...] = ()
    if kind is DocumentKind.NOTICE:
        targets = notice_targets(tasks, year=document.year)
        time_lines = found.preamble
    else:
        figures = report_figures(blocks, kind=kind, tasks=tasks, title=title_text(blocks))
        targets, actuals = figures.targets, figures.actuals
        if kind is not DocumentKind.BULLETIN or document.year is None:
            document = replace(document, year=figures.year or document.year)
        time_lines = [
            Line(b.text, SourceSpan.at(b.location)) for b in blocks if isinstance(b, Paragraph)
        ]
    year, issued = document.year, _issued(document)
    schedule = extract_schedule([line.text for line in found.preamble], year=year) if year else None
    reports = (DocumentKind.WORK_REPORT, DocumentKind.PLAN_REPORT)
    times = (
        document_times(time_lines, year=year, issued=issued, asked_only=kind in reports)
        if year
        else ()
    )
    issues = (*(() if year else (_YEAR_UNKNOWN,)), *found.cut_issues)
    return ParseResult(
        document, found.lists, tasks, issues, schedule, kind, targets, actuals, times
    )


def _paragraph_task_lines(blocks: Sequence[Block]) -> list[Line] | None:
    """The repaired lines of a notice whose tasks are unnumbered paragraphs, else None.

    Decided twice: cheaply on the raw lines (no numbered notice passes unless its
    PDF lines wrap), then on lines repaired without joining field lines to what
    follows, where a wrapped numbered task is whole again and fails.
    """
    raw = [Line(b.text, SourceSpan.at(b.location)) for b in blocks if isinstance(b, Paragraph)]
    if not has_paragraph_tasks(raw):
        return None
    lines = list(table_lines(repair_paragraphs(blocks, fields_end_lines=True)))
    return lines if has_paragraph_tasks(lines) else None


def _without_cut_task(
    drafts: list[TaskDraft], lines: Sequence[Line], blocks: Sequence[Block]
) -> tuple[list[TaskDraft], tuple[Issue, ...]]:
    """Leave out the task the document ends inside, with a warning; keep it if it is the only one."""
    cut = find_cut(drafts, lines, blocks)
    if cut is None:
        return drafts, ()
    kept = len(drafts) == 1
    return (drafts if kept else drafts[:-1]), (cut_issue(cut, kept=kept),)


def _issued(document: DocumentInfo) -> date | None:
    return date.fromisoformat(document.date) if document.date else None


def _default_title(paragraphs: Sequence[Paragraph]) -> str:
    """The list name used when a notice has no list title: the notice's title, else 任务清单."""
    return notice_title(paragraphs) or "任务清单"


__all__ = ["parse_bytes", "parse_file", "parse_text"]
