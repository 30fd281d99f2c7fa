"""Where things stand in a file: :class:`Location` and :class:`SourceSpan`.

The ground floor of the model: a task, a document-level figure and an issue all
point back at the lines they were read from, so these two values live apart from
everything that uses them (:mod:`taskdoc.model` re-exports both).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Location:
    """Where a block sits in its file: a line, a paragraph, a page or a table cell.

    All numbers are 1-based, as a person counts them. Only the fields that make
    sense for the file's format are set (``line`` for text, ``paragraph`` for
    .docx prose, ``page`` + ``line`` for PDF, ``table``/``row``/``column`` for
    table cells).
    """

    line: int | None = None
    paragraph: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None

    def describe(self) -> str:
        """Chinese description for messages, e.g. ``第2页第14行`` or ``表1第3行第2列``."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.table is not None:
            parts.append(f"表{self.table}")
            if self.row is not None:
                parts.append(f"第{self.row}行")
            if self.column is not None:
                parts.append(f"第{self.column}列")
        elif self.paragraph is not None:
            parts.append(f"第{self.paragraph}段")
        elif self.line is not None:
            parts.append(f"第{self.line}行")
        return "".join(parts) or "未知位置"


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """A run of blocks from ``start`` to ``end`` (inclusive), for provenance."""

    start: Location
    end: Location

    @classmethod
    def at(cls, location: Location) -> SourceSpan:
        return cls(location, location)

    def describe(self) -> str:
        first, last = self.start.describe(), self.end.describe()
        return first if first == last else f"{first}至{last}"
