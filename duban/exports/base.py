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

from duban.accounts.permissions import Perm
from duban.plans.models import SourceDocument
from xlsxsafe import Book, PageSetup, Style

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


class Exporter:
    identifier: ClassVar[str]
    title: ClassVar[str]
    columns: ClassVar[tuple[Column, ...]]
    perm: ClassVar[Perm] = Perm.TASK_VIEW

    def heading(self, params: ExportParams) -> str:
        return f"{params.document.title}{self.title}（截至{params.as_of:%Y年%m月%d日}）"

    def filename(self, params: ExportParams) -> str:
        return f"{self.title}_{params.as_of:%Y%m%d}.xlsx"

    def iterate_rows(self, params: ExportParams) -> Iterator[Sequence[Cell]]:
        raise NotImplementedError

    def render(self, params: ExportParams) -> tuple[str, str, bytes]:
        data = render_xlsx(
            sheet=self.title,
            heading=self.heading(params),
            columns=self.columns,
            rows=self.iterate_rows(params),
        )
        return self.filename(params), XLSX, data


TITLE = Style("台账标题", bold=True, size=14)
HEADER = Style(
    "台账表头", bold=True, border="999999", horizontal="center", vertical="center", wrap=True
)
BODY = Style("台账正文", border="999999", wrap=True, vertical="top")
PAGE = PageSetup(title_rows="2:2", landscape=True, a4=True, fit_width=True, centered=True)


def render_xlsx(
    *, sheet: str, heading: str, columns: Sequence[Column], rows: Iterable[Sequence[Cell]]
) -> bytes:
    """One sheet in the official layout: title row 1, header row 2, data below."""
    book = Book()
    ws = book.sheet(sheet, widths=[c.width for c in columns], freeze="A3", page=PAGE)
    ws.append([heading], TITLE)
    ws.append([c.title for c in columns], HEADER)
    for row in rows:
        ws.append(row, BODY)
    return book.save()
