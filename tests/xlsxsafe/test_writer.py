"""The one xlsx writer: hostile text stays text, numbers stay numbers, nothing fails."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from tests.xlsxsafe.checks import HOSTILE, assert_shown, safe_texts
from xlsxsafe import CUT_MARK, MAX_CELL_TEXT, Book, PageSetup, Style, clean_text, needs_quote

BODY = Style("正文", wrap=True, vertical="top", border="999999")
HEAD = Style("表头", bold=True, fill="EEEEEE")


def _book(rows: list[tuple[object, ...]], style: Style | None = BODY) -> bytes:
    book = Book()
    sheet = book.sheet("表", widths=(10, 20))
    for row in rows:
        sheet.append(row, style)
    return book.save()


def _sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return book.read("xl/worksheets/sheet1.xml").decode()


def test_hostile_text_is_written_as_quoted_text_styled_or_not() -> None:
    for style in (BODY, None):
        data = _book([(text, 1) for text in (*HOSTILE, "#N/A", "#REF!")], style)
        texts = safe_texts(data)
        assert texts == [*HOSTILE, "#N/A", "#REF!"]  # shown exactly, no apostrophe added
        ws = load_workbook(io.BytesIO(data)).active
        assert ws is not None
        assert [ws.cell(row=r, column=1).quotePrefix for r in range(1, 10)] == [True] * 7 + [
            False
        ] * 2
        assert all(ws.cell(row=r, column=1).data_type == "s" for r in range(1, 10))


def test_full_width_formula_starts_are_quoted_and_plain_text_is_not() -> None:
    assert needs_quote("＝1+1") and needs_quote("\n=1") and needs_quote("-")
    assert not needs_quote("按计划推进") and not needs_quote("") and not needs_quote(" =1")
    ws = load_workbook(io.BytesIO(_book([("按计划推进。", "＝SUM(A1)")]))).active
    assert ws is not None
    assert (ws["A1"].quotePrefix, ws["B1"].quotePrefix) == (False, True)


def test_numbers_stay_numbers_and_dates_stay_dates() -> None:
    shanghai = ZoneInfo("Asia/Shanghai")
    row = (
        7,
        2.5,
        Decimal("108.7"),
        -3,
        True,
        date(2024, 6, 30),
        datetime(2024, 7, 31, 17, 30, tzinfo=shanghai),
        time(9, 0),
    )
    data = _book([row])
    xml = _sheet_xml(data)
    assert '<c r="A1" s="1" t="n"><v>7</v></c>' in xml
    assert '<c r="D1" s="1" t="n"><v>-3</v></c>' in xml  # a negative number is no formula
    ws = load_workbook(io.BytesIO(data)).active
    assert ws is not None
    values = [c.value for c in ws[1]]
    assert values[:5] == [7, 2.5, 108.7, -3, True]
    assert values[5] == datetime(2024, 6, 30)  # noqa: DTZ001 (xlsx dates are naive)
    assert values[6] == datetime(2024, 7, 31, 17, 30)  # noqa: DTZ001 (wall-clock time, tz dropped)
    assert values[7] == time(9, 0)
    assert [c.data_type for c in ws[1]] == ["n", "n", "n", "n", "b", "d", "d", "d"]
    assert ws["F1"].is_date and ws["F1"].number_format == "yyyy-mm-dd"


def test_non_finite_numbers_become_text() -> None:
    ws = load_workbook(io.BytesIO(_book([(float("nan"), Decimal("Infinity"))]))).active
    assert ws is not None
    assert [c.value for c in ws[1]] == ["nan", "Infinity"]


def test_text_past_excel_limit_is_cut_with_a_mark() -> None:
    long = "进" * 40_000
    astral = "𠀀" * 20_000  # two UTF-16 units each: 40,000 units
    data = _book([(long, astral)])
    ws = load_workbook(io.BytesIO(data)).active
    assert ws is not None
    for cell in ws[1]:
        text = cell.value
        assert isinstance(text, str) and text.endswith(CUT_MARK)
        assert len(text.encode("utf-16-le")) // 2 <= MAX_CELL_TEXT
        assert len(text.encode("utf-16-le")) // 2 >= MAX_CELL_TEXT - 1
    kept = (MAX_CELL_TEXT - len(CUT_MARK)) // 2  # whole pairs only: no half character
    assert ws["B1"].value == "𠀀" * kept + CUT_MARK
    assert clean_text("进" * MAX_CELL_TEXT) == "进" * MAX_CELL_TEXT  # the limit itself fits


def test_control_characters_do_not_fail_the_file() -> None:
    assert clean_text("第一行\x0b第二行\x00\x07") == "第一行\n第二行"
    ws = load_workbook(io.BytesIO(_book([("a\x0bb\x1fc",)]))).active
    assert ws is not None
    assert ws["A1"].value == "a\nbc"


def test_empty_values_keep_the_column_style_and_no_value() -> None:
    ws = load_workbook(io.BytesIO(_book([("x", None, "")]))).active
    assert ws is not None
    assert [c.value for c in ws[1]] == ["x", None, None]
    assert ws["B1"].border.left.style == "thin" and ws["C1"].alignment.wrap_text


def test_layout_styles_and_hidden_sheets() -> None:
    book = Book()
    sheet = book.sheet(
        "台账/汇总:2024?" + "长" * 40,
        widths=(6, 48),
        freeze="A3",
        page=PageSetup(title_rows="2:2", centered=True),
    )
    sheet.append(("标题",), Style("标题", bold=True, size=14))
    sheet.append(("序号", "任务内容", "状态"), (HEAD, HEAD))  # fewer styles than cells
    sheet.extend([(1, "=1+1", "正常")], BODY)
    book.sheet("_meta", hidden=True).append(("format", "v1"))
    data = book.save()
    assert_shown(safe_texts(data), "=1+1", "标题")
    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    assert ws.title.startswith("台账_汇总_2024_") and len(ws.title) == 31
    assert (ws.freeze_panes, ws.print_title_rows) == ("A3", "$2:$2")
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_options.horizontalCentered
    assert ws.column_dimensions["B"].width == 48
    assert ws["A1"].font.b and ws["A1"].font.sz == 14
    assert ws["A2"].font.b and ws["A2"].fill.fgColor.rgb == "00EEEEEE"
    assert not ws["C2"].font.b  # no style given for the third column
    assert ws["B3"].quotePrefix and ws["B3"].alignment.wrap_text
    assert wb["_meta"].sheet_state == "hidden"
    styles = zipfile.ZipFile(io.BytesIO(data)).read("xl/styles.xml").decode()
    assert 'cellStyle name="正文"' in styles and 'cellStyle name="表头"' in styles
