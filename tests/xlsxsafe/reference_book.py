"""The writer xlsxsafe had before rows were written as text: the reference its output is
compared with (``compare.assert_same_workbook``). Every cell an openpyxl ``Cell`` through the
write-only worksheet; kept verbatim apart from this docstring, so do not improve it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import cast

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.borders import DEFAULT_BORDER
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from xlsxsafe.cells import Value, cell_value, needs_quote

_BAD_TITLE = re.compile(r"[\\/*?:\[\]]")


@dataclass(frozen=True)
class Style:
    """A named cell style; ``border`` is the colour of a thin line on all four sides."""

    name: str
    bold: bool = False
    size: float | None = None
    fill: str | None = None
    wrap: bool = False
    horizontal: str | None = None
    vertical: str | None = None
    border: str | None = None

    def named(self) -> NamedStyle:
        """The openpyxl named style; unset parts share the workbook's defaults."""
        side = Side(style="thin", color=self.border)
        plain_font = not self.bold and self.size is None
        return NamedStyle(
            name=self.name,
            font=DEFAULT_FONT if plain_font else Font(bold=self.bold or None, size=self.size),
            fill=PatternFill("solid", fgColor=self.fill) if self.fill else PatternFill(),
            border=Border(left=side, right=side, top=side, bottom=side)
            if self.border
            else DEFAULT_BORDER,
            alignment=Alignment(
                horizontal=self.horizontal, vertical=self.vertical, wrap_text=self.wrap or None
            ),
        )


@dataclass(frozen=True)
class PageSetup:
    """Print layout: rows repeated on every page (``"2:2"``), orientation, paper, fit."""

    title_rows: str | None = None
    landscape: bool = True
    a4: bool = True
    fit_width: bool = True
    centered: bool = False
    a3: bool = False  # the big 台账 is printed on A3 (takes precedence over ``a4``)


RowStyle = Style | Sequence[Style | None] | None
_Arrays = tuple["StyleArray | None", StyleArray]


class Sheet:
    """One streaming sheet: rows go out in order through :meth:`append`."""

    def __init__(self, book: Book, ws: WriteOnlyWorksheet) -> None:
        self._book = book
        self._ws = ws
        self._style: RowStyle = None
        self._arrays: list[_Arrays] = []

    def _resolve(self, style: RowStyle, width: int) -> list[_Arrays]:
        """Style arrays per column; rows usually repeat one style object, so keep the last."""
        if style is not self._style or len(self._arrays) < width:
            styles = list(style) if isinstance(style, Sequence) else [style] * width
            styles += [None] * (width - len(styles))
            self._style, self._arrays = style, [self._book.arrays(s) for s in styles]
        return self._arrays

    def append(self, values: Sequence[object], style: RowStyle = None) -> None:
        """Write one row; ``style`` is one style for the row or one per column."""
        ws = self._ws
        arrays = self._resolve(style, len(values))
        row = [_cell(ws, cell_value(value), *arrays[index]) for index, value in enumerate(values)]
        ws.append(row)

    def merge(self, ref: str) -> None:
        """Merge a range such as ``"A1:N1"`` (written with the sheet's tail, so any time)."""
        cast(Worksheet, self._ws).merged_cells.add(ref)

    def extend(self, rows: Iterable[Sequence[object]], style: RowStyle = None) -> None:
        for values in rows:
            self.append(values, style)


def _placed(cells: Iterable[Cell | None], row_idx: int) -> Iterator[Cell]:
    """Stands in for openpyxl 3.1's ``WriteOnlyWorksheet._values_to_row`` on our sheets.

    Rows here are ready-made cells, so each only needs its position. openpyxl's own path
    first tries every cell as a value, fails, formats the error and catches it, and makes a
    spare cell each time: about half of the write of a 3,000-row 台账.
    """
    for column, cell in enumerate(cells, start=1):
        if cell is not None:
            cell.column = column
            cell.row = row_idx
            yield cell


def _cell(
    ws: WriteOnlyWorksheet, value: Value, plain: StyleArray | None, quoted: StyleArray
) -> Cell | None:
    """A cell whose text can never be a formula or an error code."""
    if value is None or value == "":
        return None if plain is None else Cell(ws, row=1, column=1, style_array=plain)
    if isinstance(value, str):
        cell = Cell(ws, row=1, column=1, style_array=quoted if needs_quote(value) else plain)
        cell.value = value
        cell.data_type = "s"  # openpyxl would store "=…" as a formula, "#N/A" as an error
        return cell
    return Cell(ws, row=1, column=1, value=value, style_array=plain)


class Book:
    """A write-only workbook; :meth:`save` returns the .xlsx bytes (once)."""

    def __init__(self) -> None:
        self._wb = Workbook(write_only=True)
        self._arrays: dict[Style | None, _Arrays] = {}

    def arrays(self, style: Style | None) -> _Arrays:
        """The plain and quote-prefixed style arrays of ``style``, made once per workbook."""
        found = self._arrays.get(style)
        if found is None:
            plain = None
            if style is not None:
                named = style.named()
                self._wb.add_named_style(named)
                plain = StyleArray(named.as_tuple())
            quoted = StyleArray(plain) if plain is not None else StyleArray()
            quoted.quotePrefix = 1
            found = self._arrays[style] = (plain, quoted)
        return found

    def sheet(
        self,
        title: str,
        *,
        widths: Sequence[float] = (),
        freeze: str | None = None,
        page: PageSetup | None = None,
        hidden: bool = False,
    ) -> Sheet:
        """A new sheet, laid out before any row is written (the streaming writer's rule)."""
        ws = self._wb.create_sheet(_BAD_TITLE.sub("_", title)[:31] or "Sheet")
        setattr(ws, "_values_to_row", _placed)  # noqa: B010 (a method of openpyxl's, replaced)
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        if freeze:
            ws.freeze_panes = freeze
        if page is not None:
            _page_setup(ws, page)
        if hidden:
            ws.sheet_state = "hidden"
        return Sheet(self, ws)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self._wb.save(buffer)
        return buffer.getvalue()


def _page_setup(sheet: WriteOnlyWorksheet, page: PageSetup) -> None:
    # the write-only sheet carries the print attributes of a normal one (its stubs do not)
    ws = cast(Worksheet, sheet)
    if page.title_rows:
        ws.print_title_rows = page.title_rows
    if page.landscape:
        ws.page_setup.orientation = "landscape"
    if page.a3:
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A3
    elif page.a4:
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    if page.fit_width:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if page.centered:
        ws.print_options.horizontalCentered = True
