"""The exporter contract (pretix-style) and the one function that owns openpyxl.

An exporter declares ``identifier``, ``title``, ``columns`` and the permission it needs,
and yields plain rows from ``iterate_rows``; ``render_xlsx`` turns them into the official
layout: a title row, a bold header row that is frozen and repeated on every printed page,
set column widths, wrapped text, landscape A4 fitted to the page width.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from duban.accounts.permissions import Perm
from duban.plans.models import SourceDocument

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Cell = str | int | float | None


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


_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEAD_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _setup(ws: Worksheet, columns: Sequence[Column]) -> None:
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True


def _cell(ws: Worksheet, value: Cell, *, font: Font | None = None, align: Alignment = _WRAP) -> Any:
    cell = WriteOnlyCell(ws, value="" if value is None else value)
    cell.alignment = align
    cell.border = _BORDER
    if font is not None:
        cell.font = font
    return cell


def render_xlsx(
    *, sheet: str, heading: str, columns: Sequence[Column], rows: Iterable[Sequence[Cell]]
) -> bytes:
    """The only place that writes xlsx: one sheet, title row 1, header row 2, data below."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet[:31])
    _setup(ws, columns)
    title = WriteOnlyCell(ws, value=heading)
    title.font = Font(bold=True, size=14)
    ws.append([title])
    bold = Font(bold=True)
    ws.append([_cell(ws, c.title, font=bold, align=_HEAD_ALIGN) for c in columns])
    for row in rows:
        ws.append([_cell(ws, value) for value in row])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
