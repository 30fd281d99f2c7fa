"""Sheet rows written straight as SpreadsheetML text, one string per row, no cell objects.

Why: at 100,000 tasks the 台账 has 1.5 million cells. openpyxl makes a ``Cell`` for each,
binds its value, looks its style up and sends it through lxml's incremental writer with
every Chinese character as a character reference: about three quarters of the export.
Here a row is formatted as text and kept (UTF-8) in a spooled file; ``Book.save`` lets
openpyxl write the workbook around empty sheets and splices the rows into each sheet's
``<sheetData>``. The XML is what openpyxl writes for the same cells (``tests/xlsxsafe``
compares the two writers cell by cell), only stored as UTF-8 instead of ``&#…;``.

The guarantees stay those of ``cells``: every value passes ``cell_value`` first; a text is
always an ``inlineStr`` (never ``<f>``, never ``t="e"``) and one that starts like a formula
carries the quote-prefixed style; numbers are ``t="n"`` (``t="b"`` for booleans) with
openpyxl's own number text. Dates and times, rare in these sheets, still go through an
openpyxl cell, which gives them their number format and serial value.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import IO, Any

from openpyxl.cell._writer import _set_attributes  # type: ignore[attr-defined]
from openpyxl.cell.cell import Cell
from openpyxl.compat import safe_string
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from xlsxsafe.cells import FORMULA_START, MAX_CELL_TEXT, cell_value, clean_text

SPOOL_BYTES = 32 * 2**20  # rows stay in memory up to this size, then go to a temporary file
_FLUSH_ROWS = 500
Arrays = tuple["StyleArray | None", StyleArray]  # (plain, quote-prefixed) per column
StyleId = Callable[[StyleArray], int]
Column = list[Any]  # see ``column``


def escape(text: str) -> str:
    """Text content as libxml2 writes it: ``& < >`` as entities and CR as ``&#13;``."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


# A row whose texts together hold none of these and are short needs no escaping or cleaning
# cell by cell (``clean_text`` only cuts a text longer than half the cell limit).
_NEEDS_WORK = re.compile(r"[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHORT = MAX_CELL_TEXT // 2


def column(arrays: Arrays) -> Column:
    """A column's styles: ``[plain, quoted, plain's s="n" attribute, quoted's]`` (the
    attributes filled at first use, so styles.xml numbers them in the order openpyxl did)."""
    return [arrays[0], arrays[1], None, None]


class RowWriter:
    """One sheet's rows, in order, as XML text; ``copy_to`` writes them into the file."""

    def __init__(self, ws: WriteOnlyWorksheet, style_id: StyleId) -> None:
        self._ws = ws  # the openpyxl sheet: only for the cells of dates and times
        self._style_id = style_id
        self._sids: dict[int, tuple[StyleArray, str]] = {}  # id(array) → (array, ' s="n"')
        self._letters: list[str] = []
        self._pending: list[str] = []
        self._file: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
        self.rows = 0

    def _style(self, array: StyleArray | None) -> str:
        """`` s="n"`` for a styled cell (registered at first use, as openpyxl does), else ""."""
        if array is None:
            return ""
        found = self._sids.get(id(array))
        if found is None:  # keep the array referenced: its id must not be reused
            attr = f' s="{self._style_id(array)}"' if any(array) else ""
            found = self._sids[id(array)] = (array, attr)
        return found[1]

    def _attr(self, col: Column, quoted: bool) -> str:
        attr: str | None = col[3 if quoted else 2]
        if attr is None:
            attr = col[3 if quoted else 2] = self._style(col[1 if quoted else 0])
        return attr

    def _columns(self, width: int) -> list[str]:
        while len(self._letters) < width:
            self._letters.append(get_column_letter(len(self._letters) + 1))
        return self._letters

    def append(self, values: Sequence[object], columns: Sequence[Column]) -> None:
        """One row. Why so flat: it runs 1.5 million times for the 台账 of 100,000 tasks."""
        self.rows += 1
        row = str(self.rows)
        cells = [value if type(value) is str else cell_value(value) for value in values]
        probe = "".join([value for value in cells if isinstance(value, str)])
        dirty = len(probe) > _SHORT or _NEEDS_WORK.search(probe) is not None
        if dirty:  # a text may clean to "" (only control characters): then it is empty
            cells = [clean_text(value) if isinstance(value, str) else value for value in cells]
        letters = self._columns(len(cells))
        parts = ['<row r="', row, '">']
        for index, value in enumerate(cells):
            col = columns[index]
            if value is None or value == "":
                attr = self._attr(col, False) if col[2] is None else col[2]
                if attr:
                    parts.append(f'<c r="{letters[index]}{row}"{attr} t="n"></c>')
            elif isinstance(value, str):
                quoted = value[0] in FORMULA_START
                attr = col[3 if quoted else 2]
                if attr is None:
                    attr = self._attr(col, quoted)
                space = ' xml:space="preserve"' if value != value.strip() else ""
                xml = escape(value) if dirty else value
                parts.append(
                    f'<c r="{letters[index]}{row}"{attr} t="inlineStr"><is><t{space}>{xml}</t></is></c>'
                )
            elif isinstance(value, int | float | Decimal):
                kind = "b" if isinstance(value, bool) else "n"
                attr = self._attr(col, False)
                number = safe_string(value)
                parts.append(f'<c r="{letters[index]}{row}"{attr} t="{kind}"><v>{number}</v></c>')
            else:
                parts.append(self._dated(value, int(row), index + 1, col[0]))
        parts.append("</row>")
        self._pending.append("".join(parts))
        if len(self._pending) >= _FLUSH_ROWS:
            self._flush()

    def _dated(self, value: Any, row: int, column: int, plain: StyleArray | None) -> str:
        """A date or time as openpyxl writes it (its number format, its serial number)."""
        cell = Cell(self._ws, row=row, column=column, value=value, style_array=plain)
        serial, attrs = _set_attributes(cell, cell.has_style)
        head = "".join(f' {key}="{val}"' for key, val in attrs.items())
        return f"<c{head}><v>{safe_string(serial)}</v></c>"

    def _flush(self) -> None:
        if self._pending:
            self._file.write("".join(self._pending).encode())
            self._pending = []

    def copy_to(self, out: IO[bytes]) -> None:
        """Write every row (the content of ``<sheetData>``) to ``out``; then the rows are gone."""
        self._flush()
        self._file.seek(0)
        shutil.copyfileobj(self._file, out, 2**20)
        self._file.close()
