"""taskdoc: parse Chinese government task-decomposition notices into accountable tasks.

A pure library: no Django, no settings, no clock, no network. Give it bytes
or text; get frozen dataclasses back, or one :class:`TaskdocError` when the
document cannot be read or holds no tasks::

    >>> from taskdoc import parse_text
    >>> result = parse_text("1. 新增就业 1.3 万人。\\n责任领导：张 洋\\n责任单位：区人社局、各街道办事处")
    >>> result.tasks[0].leaders
    ('张洋',)
"""

from taskdoc.caches import clear_caches
from taskdoc.errors import (
    NoTasksError,
    TaskdocError,
    UnreadableDocumentError,
    UnsupportedFormatError,
)
from taskdoc.model import (
    DocumentInfo,
    Issue,
    Location,
    ParseResult,
    SourceSpan,
    Task,
    TaskList,
    UnitRef,
)
from taskdoc.pipeline import parse_bytes, parse_file, parse_text

__all__ = [
    "DocumentInfo",
    "Issue",
    "Location",
    "NoTasksError",
    "ParseResult",
    "SourceSpan",
    "Task",
    "TaskList",
    "TaskdocError",
    "UnitRef",
    "UnreadableDocumentError",
    "UnsupportedFormatError",
    "clear_caches",
    "parse_bytes",
    "parse_file",
    "parse_text",
]
