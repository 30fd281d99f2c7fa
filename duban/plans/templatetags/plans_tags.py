"""Template filters of the plans pages: a row's duty fields with where each came from, and
name-match codes in words."""

from __future__ import annotations

from typing import Any

from django import template

from duban.orgs.models import CollectiveRule
from duban.orgs.naming import MATCH_LABELS
from duban.plans.provenance import FieldLine, field_lines

register = template.Library()


@register.filter(name="field_lines")
def field_lines_filter(data: Any) -> list[FieldLine]:
    """``row.data|field_lines`` / ``task.source_data|field_lines``; nothing for a non-dict."""
    return field_lines(data) if isinstance(data, dict) else []


@register.filter(name="match_label")
def match_label(code: Any) -> str:
    """A name's match code (``unknown``, ``streets``…) in the words the page shows."""
    labels: dict[str, str] = {str(k): v for k, v in MATCH_LABELS.items()}
    labels.update({str(value): str(label) for value, label in CollectiveRule.choices})
    return labels.get(str(code), str(code))
