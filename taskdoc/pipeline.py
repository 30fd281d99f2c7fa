"""The parser: read → repair → tables → segment → assemble tasks → check.

Each stage lives in its own module; this one only wires them together and
reads what concerns the whole document (metadata, the first-lead rule, the
reporting schedule of the notice body).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from taskdoc.errors import NoTasksError, UnreadableDocumentError
from taskdoc.figures.schedule import extract_schedule
from taskdoc.grammar.assemble import (
    TaskContext,
    build_task,
    with_sequence_issues,
    without_unused_field_issues,
)
from taskdoc.grammar.metadata import extract_metadata, notice_title
from taskdoc.grammar.structure import segment
from taskdoc.grammar.tables import table_lines
from taskdoc.model import Block, DocumentInfo, Issue, Paragraph, ParseResult, TaskList
from taskdoc.readers import ReadResult, read_bytes
from taskdoc.readers.text import blocks_from_text
from taskdoc.text.repair import repair_paragraphs

# 列第一位的责任单位为牵头单位 / 排在第一位的为牵头单位 / 列首位的单位为牵头单位
FIRST_LEAD_RULE_RE = re.compile(
    r"(?:列|排|位)(?:在|于|名)?(?:第一|首)(?:位|个)?的?(?:责任)?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)"
)
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
    lines = list(table_lines(repair_paragraphs(read.blocks)))
    paragraphs = [b for b in read.blocks if isinstance(b, Paragraph)]
    segmented = segment(lines, default_title=_default_title(paragraphs))
    if not segmented.drafts:
        raise NoTasksError(_NO_TASKS, where=filename)
    full_text = "".join(_block_text(block) for block in read.blocks)
    first_lead = FIRST_LEAD_RULE_RE.search(full_text) is not None
    titles = [start.title for start in segmented.lists]
    document = extract_metadata(
        paragraphs, list_titles=titles, source_format=read.source_format, filename=filename
    )
    context = TaskContext(first_lead=first_lead, year=document.year, issued=_issued(document))
    tasks = tuple(build_task(draft, context) for draft in segmented.drafts)
    tasks = with_sequence_issues(without_unused_field_issues(tasks))
    lists = tuple(TaskList(s.title, s.span, first_lead) for s in segmented.lists)
    if not lists:
        lists = (TaskList(tasks[0].list, tasks[0].span, first_lead),)
    preamble = [line.text for line in segmented.preamble]
    schedule = extract_schedule(preamble, year=document.year) if document.year else None
    issues = () if document.year else (_YEAR_UNKNOWN,)
    return ParseResult(document, lists, tasks, issues, schedule)


def _block_text(block: Block) -> str:
    """All the text of a block; table headers included (``责任单位（列第一位的为牵头单位）``)."""
    return block.text if isinstance(block, Paragraph) else "".join(block.cells)


def _issued(document: DocumentInfo) -> date | None:
    return date.fromisoformat(document.date) if document.date else None


def _default_title(paragraphs: Sequence[Paragraph]) -> str:
    """The list name used when a notice has no list title: the notice's title, else 任务清单."""
    return notice_title(paragraphs) or "任务清单"


__all__ = ["parse_bytes", "parse_file", "parse_text"]
