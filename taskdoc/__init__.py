"""taskdoc: parse Chinese government task-decomposition notices, work reports and bulletins.

A pure library: no Django, no settings, no clock, no network. Give it bytes
or text; get frozen dataclasses back, or one :class:`TaskdocError` when the
document cannot be read, or is taken for a notice and holds no tasks. Every
result says its ``kind`` (notice, work report, plan-execution report,
bulletin) and carries the document's own ``targets``, ``actuals`` and
``times`` (:mod:`taskdoc.docvalues`); a report's ``tasks`` may be empty::

    >>> from taskdoc import parse_text
    >>> result = parse_text("1. 新增就业 1.3 万人。\\n责任领导：张 洋\\n责任单位：区人社局、各街道办事处")
    >>> result.tasks[0].leaders
    ('张洋',)
"""

from taskdoc.caches import clear_caches
from taskdoc.docvalues import (
    DocumentActual,
    DocumentKind,
    DocumentTarget,
    DocumentTime,
    Period,
    TimeRole,
)
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
    "DocumentActual",
    "DocumentInfo",
    "DocumentKind",
    "DocumentTarget",
    "DocumentTime",
    "Issue",
    "Location",
    "NoTasksError",
    "ParseResult",
    "Period",
    "SourceSpan",
    "Task",
    "TaskList",
    "TaskdocError",
    "TimeRole",
    "UnitRef",
    "UnreadableDocumentError",
    "UnsupportedFormatError",
    "clear_caches",
    "parse_bytes",
    "parse_file",
    "parse_text",
]
