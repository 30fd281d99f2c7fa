"""Admin list columns that read as Chinese.

Django draws a boolean column as an icon whose ``alt`` text is ``True`` / ``False`` (not
translated), and that text is what a screen reader says and the Chinese-only crawl reads.
:func:`yes_no` is the column to list instead: 是 / 否, sortable by the field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin

YES, NO = "是", "否"


def yes_no(field: str, description: str) -> Callable[[Any], str]:
    """A ``list_display`` entry (a callable, called with the row) showing ``field`` as 是 / 否."""

    @admin.display(description=description, ordering=field)
    def column(obj: Any) -> str:
        return YES if getattr(obj, field) else NO

    column.__name__ = f"{field}_shown"
    return column
