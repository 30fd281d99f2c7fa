"""xlsxsafe: the one xlsx writer of every spreadsheet the product writes.

Pure (openpyxl only: no Django, no duban, no taskdoc), so the parser's 台账, the pure unit
workbook and the Django exports all write through it. Text is always text: a cell that
starts like a formula (``= + - @``, tab, CR) is kept verbatim and quote-prefixed, never
written as a formula; numbers and dates stay numbers and dates; text longer than Excel's
32,767 characters per cell is cut with a visible mark instead of failing::

    book = Book()
    sheet = book.sheet("台账", widths=(6, 40), freeze="A2")
    sheet.append(("序号", "任务内容"), Style("表头", bold=True))
    sheet.append((1, "=HYPERLINK(…)"))  # written as text
    data = book.save()
"""

from xlsxsafe.book import Book, PageSetup, RowStyle, Sheet, Style
from xlsxsafe.cells import CUT_MARK, MAX_CELL_TEXT, Value, cell_value, clean_text, needs_quote

__all__ = [
    "CUT_MARK",
    "MAX_CELL_TEXT",
    "Book",
    "PageSetup",
    "RowStyle",
    "Sheet",
    "Style",
    "Value",
    "cell_value",
    "clean_text",
    "needs_quote",
]
