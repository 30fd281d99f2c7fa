"""Template filters of the plans pages: a row's duty fields with where each came from, and
name-match codes in words."""

from __future__ import annotations

from typing import Any

from django import template

from duban.plans import parsing
from duban.plans.models import ImportRow, RowChange
from duban.plans.provenance import FieldLine, field_lines
from duban.plans.records import RecordError, stored_record
from duban.plans.services import preview

register = template.Library()


@register.filter(name="field_lines")
def field_lines_filter(data: Any) -> list[FieldLine]:
    """``task.source_data|field_lines``: nothing for a task no import made (or an unreadable one)."""
    try:
        return field_lines(stored_record(data))
    except RecordError:
        return []


@register.filter(name="row_field_lines")
def row_field_lines(row: ImportRow) -> list[FieldLine]:
    """``row|row_field_lines``: a new row is decoded through the parser's schema; a removed one
    holds the old task's record."""
    try:
        if row.change == RowChange.REMOVED:
            return field_lines(stored_record(row.data))
        return field_lines(parsing.row_record(row.data))
    except (parsing.RowFormatError, RecordError):
        return []


@register.filter(name="match_label")
def match_label(code: Any) -> str:
    """A name's match code (``unknown``, ``streets``…) in the words the page shows."""
    return preview.match_label(code)
