"""The exporter contract (pretix-style) and the official layout of an exported sheet.

An exporter declares ``identifier``, ``title``, ``columns`` and the permission it needs,
and yields plain rows from ``iterate_rows``; ``render_xlsx`` turns them into the official
layout: a title row, a bold header row that is frozen and repeated on every printed page,
set column widths, wrapped text, landscape A4 fitted to the page width. The cells are
written by ``xlsxsafe``, the product's one xlsx writer: a reporter's text that starts like a
formula stays text, numbers stay numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from openpyxl.utils import get_column_letter

from duban.accounts.permissions import Perm
from duban.core.collector import collector_paused
from duban.plans.models import SourceDocument
from xlsxsafe import Book, PageSetup, RowStyle, Style

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Cell = str | int | float | Decimal | date | None


@dataclass(frozen=True)
class Column:
    title: str
    width: float


@dataclass(frozen=True)
class ExportParams:
    user: Any
    document: SourceDocument
    as_of: date
    unit_id: int | None = None
    leader_id: int | None = None


class StyledRow(list[Cell]):
    """A row that carries its own cell styles (e.g. the 状态 cell filled with its light)."""

    def __init__(self, values: Sequence[Cell], style: RowStyle) -> None:
        super().__init__(values)
        self.style = style


TITLE = Style("台账标题", bold=True, size=14, horizontal="center", vertical="center")
HEADER = Style(
    "台账表头", bold=True, border="999999", horizontal="center", vertical="center", wrap=True
)
BODY = Style("台账正文", border="999999", wrap=True, vertical="top")
PAGE = PageSetup(title_rows="2:2", landscape=True, a4=True, fit_width=True, centered=True)


class Exporter:
    identifier: ClassVar[str]
    title: ClassVar[str]
    columns: ClassVar[tuple[Column, ...]]
    perm: ClassVar[Perm] = Perm.TASK_VIEW
    page: ClassVar[PageSetup] = PAGE

    def heading(self, params: ExportParams) -> str:
        return f"{params.document.title}{self.title}（截至{params.as_of:%Y年%m月%d日}）"

    def filename(self, params: ExportParams) -> str:
        return f"{self.title}_{params.as_of:%Y%m%d}.xlsx"

    def iterate_rows(self, params: ExportParams) -> Iterator[Sequence[Cell]]:
        raise NotImplementedError

    def render(self, params: ExportParams) -> tuple[str, str, bytes]:
        with collector_paused():  # a whole plan's rows: millions of objects, no cycles
            data = render_xlsx(
                sheet=self.title,
                heading=self.heading(params),
                columns=self.columns,
                rows=self.iterate_rows(params),
                page=self.page,
            )
        return self.filename(params), XLSX, data


def render_xlsx(
    *,
    sheet: str,
    heading: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Cell]],
    page: PageSetup = PAGE,
) -> bytes:
    """One sheet in the official layout: the title merged across row 1, the header row 2
    (frozen, repeated on every printed page), data below; a ``StyledRow`` keeps its styles."""
    book = Book()
    ws = book.sheet(sheet, widths=[c.width for c in columns], freeze="A3", page=page)
    ws.append([heading], TITLE)
    if len(columns) > 1:
        ws.merge(f"A1:{get_column_letter(len(columns))}1")
    ws.append([c.title for c in columns], HEADER)
    for row in rows:
        ws.append(row, row.style if isinstance(row, StyledRow) else BODY)
    return book.save()
