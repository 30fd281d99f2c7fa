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

from xlsxsafe.cells import cell_value, needs_quote

SPOOL_BYTES = 32 * 2**20  # rows stay in memory up to this size, then go to a temporary file
_FLUSH_ROWS = 500
Arrays = tuple["StyleArray | None", StyleArray]  # (plain, quote-prefixed) per column
StyleId = Callable[[StyleArray], int]


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


def _text_cell(ref: str, style: str, text: str) -> str:
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


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

    def _columns(self, width: int) -> list[str]:
        while len(self._letters) < width:
            self._letters.append(get_column_letter(len(self._letters) + 1))
        return self._letters

    def append(self, values: Sequence[object], arrays: Sequence[Arrays]) -> None:
        self.rows += 1
        row = self.rows
        letters = self._columns(len(values))
        parts = [f'<row r="{row}">']
        for index, raw in enumerate(values):
            value = cell_value(raw)
            plain, quoted = arrays[index]
            ref = f"{letters[index]}{row}"
            if value is None or value == "":
                style = self._style(plain)
                if style:
                    parts.append(f'<c r="{ref}"{style} t="n"></c>')
            elif isinstance(value, str):
                style = self._style(quoted if needs_quote(value) else plain)
                parts.append(_text_cell(ref, style, value))
            elif isinstance(value, int | float | Decimal):
                kind = "b" if isinstance(value, bool) else "n"
                style = self._style(plain)
                parts.append(f'<c r="{ref}"{style} t="{kind}"><v>{safe_string(value)}</v></c>')
            else:
                parts.append(self._dated(value, row, index + 1, plain))
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
