"""The workbook writer: openpyxl for the workbook's frame, ``rows`` for the cells.

Why: the 台账 of 100,000 tasks has 1.5 million styled cells. openpyxl writes the parts of a
workbook well (styles, views, print setup, merges) but a cell through it costs a ``Cell``
object, a style look-up and an lxml call. So each :class:`Style` becomes one named style per
workbook and two style arrays (plain and quote-prefixed) computed once; rows are formatted
straight to XML by ``rows.RowWriter`` and spliced into the sheets openpyxl wrote empty.
Sheets are declared whole (widths, frozen panes, print setup) before their first row.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.borders import DEFAULT_BORDER
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from xlsxsafe.rows import Column, RowWriter, column

_BAD_TITLE = re.compile(r"[\\/*?:\[\]]")
# deflate level of the sheets: the 台账 of 100,000 tasks is 115 MB of XML; level 3 takes 0.5 s
# where zlib's default (6) takes 1.3 s, for a file a fifth larger (12.6 MB instead of 10.4)
SHEET_LEVEL = 3
_RESOLVED_STYLES = 64  # row styles kept resolved per sheet
EMPTY_SHEET_DATA = b"<sheetData></sheetData>"  # what openpyxl writes for a sheet without rows


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
        # id(style) → (style, its columns); rows repeat a few style objects (the 台账's four
        # lights), so each is resolved once; a caller making a new style per row is capped
        self._resolved: dict[int, tuple[RowStyle, list[Column]]] = {}
        self.rows = RowWriter(ws, book.style_id)

    def _resolve(self, style: RowStyle, width: int) -> list[Column]:
        """The columns' styles (plain and quote-prefixed) of ``style`` over ``width`` cells."""
        found = self._resolved.get(id(style))
        if found is None or found[0] is not style or len(found[1]) < width:
            styles = list(style) if isinstance(style, Sequence) else [style] * width
            styles += [None] * (width - len(styles))
            if len(self._resolved) > _RESOLVED_STYLES:
                self._resolved.clear()
            found = (style, [column(self._book.arrays(s)) for s in styles])
            self._resolved[id(style)] = found
        return found[1]

    def append(self, values: Sequence[object], style: RowStyle = None) -> None:
        """Write one row; ``style`` is one style for the row or one per column."""
        self.rows.append(values, self._resolve(style, len(values)))

    def merge(self, ref: str) -> None:
        """Merge a range such as ``"A1:N1"`` (written with the sheet's tail, so any time)."""
        cast(Worksheet, self._ws).merged_cells.add(ref)

    def extend(self, rows: Iterable[Sequence[object]], style: RowStyle = None) -> None:
        for values in rows:
            self.append(values, style)


class Book:
    """A write-only workbook; :meth:`save` returns the .xlsx bytes (once)."""

    def __init__(self) -> None:
        self._wb = Workbook(write_only=True)
        self._arrays: dict[Style | None, _Arrays] = {}
        self._sheets: list[Sheet] = []

    def style_id(self, array: StyleArray) -> int:
        """The cell format index of ``array`` in styles.xml (added at its first use)."""
        return int(self._wb._cell_styles.add(array))  # type: ignore[attr-defined]

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
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        if freeze:
            ws.freeze_panes = freeze
        if page is not None:
            _page_setup(ws, page)
        if hidden:
            ws.sheet_state = "hidden"
        sheet = Sheet(self, ws)
        self._sheets.append(sheet)
        return sheet

    def save(self) -> bytes:
        """openpyxl writes the workbook around empty sheets; each sheet's rows go into its
        ``<sheetData>`` as the archive is copied (small parts as they are, re-compressed)."""
        frame = io.BytesIO()
        self._wb.save(frame)  # rows were never given to openpyxl: every sheetData is empty
        rows = {sheet._ws.path[1:]: sheet.rows for sheet in self._sheets}
        buffer = io.BytesIO()
        with (
            zipfile.ZipFile(frame) as source,
            zipfile.ZipFile(
                buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True, compresslevel=SHEET_LEVEL
            ) as target,
        ):
            for info in source.infolist():
                data = source.read(info)
                writer = rows.get(info.filename)
                if writer is None:
                    target.writestr(info, data)
                    continue
                head, tail = data.split(EMPTY_SHEET_DATA)
                with target.open(info.filename, "w", force_zip64=True) as out:
                    out.write(head + b"<sheetData>")
                    writer.copy_to(out)
                    out.write(b"</sheetData>" + tail)
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
