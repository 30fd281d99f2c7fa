"""Two .xlsx files hold the same workbook: same parts, same cells, same styles.

Used to prove that ``xlsxsafe`` writes what its previous, all-openpyxl writer
(``reference_book``) wrote: every part but the timestamps byte for byte, the sheets as XML
(the new writer stores text as UTF-8 where openpyxl wrote ``&#…;``, which parse the same),
and every cell as openpyxl reads it back: value, type and each part of its style.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any
from xml.etree.ElementTree import canonicalize

from openpyxl import load_workbook

_TIMESTAMPS = "docProps/core.xml"


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return {name: book.read(name) for name in book.namelist()}


def _cell(cell: Any) -> tuple[object, ...]:
    return (
        cell.value,
        cell.data_type,
        cell.has_style,
        cell.number_format,
        cell.quotePrefix,
        repr(cell.font),
        repr(cell.fill),
        repr(cell.border),
        repr(cell.alignment),
        cell.style,
    )


def assert_same_workbook(new: bytes, old: bytes) -> int:
    """Assert ``new`` and ``old`` are the same workbook; returns the number of cells compared."""
    new_parts, old_parts = _parts(new), _parts(old)
    assert list(new_parts) == list(old_parts)
    for name, data in old_parts.items():
        if name.startswith("xl/worksheets/"):
            assert canonicalize(new_parts[name]) == canonicalize(data), name
        elif name != _TIMESTAMPS:
            assert new_parts[name] == data, name
    compared = 0
    new_book, old_book = load_workbook(io.BytesIO(new)), load_workbook(io.BytesIO(old))
    assert new_book.sheetnames == old_book.sheetnames
    for new_ws, old_ws in zip(new_book.worksheets, old_book.worksheets, strict=True):
        assert new_ws.max_row == old_ws.max_row and new_ws.max_column == old_ws.max_column
        for new_row, old_row in zip(new_ws.iter_rows(), old_ws.iter_rows(), strict=True):
            for a, b in zip(new_row, old_row, strict=True):
                assert _cell(a) == _cell(b), (new_ws.title, b.coordinate)
                compared += 1
    return compared
