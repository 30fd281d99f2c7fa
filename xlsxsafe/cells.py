"""Turning one Python value into one safe xlsx cell value.

Why a module of its own: every spreadsheet the product writes carries text typed by people
outside the office (a unit reporter's progress, a notice's task text). openpyxl writes any
string that starts with ``=`` as a live formula and strings such as ``#N/A`` as error cells;
Excel and WPS also re-read ``+ - @``, a leading tab or CR as the start of a formula once a
user edits the cell. So text is always written as text, and text that starts like a
formula is flagged with the cell's ``quotePrefix`` (what Excel stores when a user types a
leading apostrophe): the sheet shows and keeps the original text, and no edit turns it
into a formula. Numbers and dates stay numbers and dates.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from decimal import Decimal

MAX_CELL_TEXT = 32_767  # Excel's limit per cell, counted in UTF-16 units
CUT_MARK = "……（内容超过 Excel 单元格 32767 字上限，以下已截断）"
# What Excel, WPS or a CSV round trip may take for the start of a formula (the full-width
# forms too, which the Chinese input methods type and Excel accepts in formula entry).
FORMULA_START = frozenset("=+-@\t\r\n＝＋－＠")
# Control characters XML 1.0 cannot hold (openpyxl refuses them); a Word line break (\v)
# or page break (\f) becomes a line break, the rest is dropped.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BREAKS = {"\x0b": "\n", "\x0c": "\n"}

Number = int | float | Decimal
Value = str | Number | date | datetime | time | bool | None


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str) -> str:
    """The first characters that fit with the mark; a surrogate pair is never split."""
    keep = MAX_CELL_TEXT - _utf16_len(CUT_MARK)
    head = text.encode("utf-16-le")[: keep * 2].decode("utf-16-le", errors="ignore")
    return head + CUT_MARK


def clean_text(text: str) -> str:
    """``text`` as a cell can hold it: no XML-illegal characters, at most 32,767 units."""
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub(lambda m: _BREAKS.get(m.group(), ""), text)
    # a str of n code points has between n and 2n UTF-16 units: count only when it matters
    if len(text) > MAX_CELL_TEXT // 2 and _utf16_len(text) > MAX_CELL_TEXT:
        text = _cut(text)
    return text


def needs_quote(text: str) -> bool:
    """True when ``text`` would read as a formula (or a DDE call) once edited or exported."""
    return bool(text) and text[0] in FORMULA_START


def cell_value(value: object) -> Value:
    """The value to store: numbers and dates as they are, everything else as clean text.

    Non-finite numbers become text (xlsx has no NaN), an aware datetime is written as its
    wall-clock time (xlsx has no time zones), any other object as ``str(value)``.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float | Decimal):
        finite = value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)
        return value if finite else clean_text(str(value))
    if isinstance(value, datetime | time):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return value
    return clean_text(str(value))
