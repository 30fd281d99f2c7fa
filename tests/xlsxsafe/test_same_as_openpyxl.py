"""The text row writer writes the workbook the all-openpyxl writer wrote, cell by cell.

Each case writes the same calls through ``xlsxsafe.Book`` and through the previous writer
(``reference_book.Book``, every cell an openpyxl ``Cell``) and compares the files: parts,
sheet XML, and every cell's value, type and style as openpyxl reads them back.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import taskdoc
from taskdoc.output import ledger
from tests.xlsxsafe import reference_book
from tests.xlsxsafe.checks import HOSTILE, safe_texts
from tests.xlsxsafe.compare import assert_same_workbook
from xlsxsafe import Book, PageSetup, Style

CORPUS = Path("/work/shared/corpus")
BODY = Style("正文", wrap=True, vertical="top", border="999999")
HEAD = Style("表头", bold=True, fill="EEEEEE", horizontal="center")
BARE = Style("空样式")  # a named style with nothing set


class Light(str, enum.Enum):  # noqa: UP042 (str() of such a member is its name)
    RED = "red"


class Kind(enum.StrEnum):
    PLAIN = "普通"


SHANGHAI = ZoneInfo("Asia/Shanghai")
VALUES: list[object] = [
    *HOSTILE, "#N/A", "#REF!", "＝SUM(A1)", "－1", "\n=1",
    "按计划推进", " 前后空格 ", "\u3000全角空格", "a & b < c > d \"q\" 'p'", "第一行\r\n第二行",
    "𠀀𠀁 astral", "控制\x0b字符\x00\x07", "\x00\x07", "进" * 40_000, "", None,
    0, 7, -3, 12345678901234567, 2.5, float("nan"), float("-inf"), Decimal("108.70"),
    Decimal("NaN"), True, False,
    date(2024, 6, 30), datetime(2024, 7, 31, 17, 30),  # noqa: DTZ001 (xlsx has no time zones)
    datetime(2024, 7, 31, 17, 30, tzinfo=SHANGHAI),
    time(9, 0), Light.RED, Kind.PLAIN, ["列", 1],
]  # fmt: skip


def _write(book_class: Any) -> bytes:
    book = book_class()
    main = book.sheet(
        "台账/汇总:2024?" + "长" * 40, widths=(6, 48, 12), freeze="A3",
        page=PageSetup(title_rows="2:2", centered=True, a3=True),
    )  # fmt: skip
    other = book.sheet("按单位", widths=(10,))
    main.append(["标题"], Style("标题", bold=True, size=14))
    main.merge("A1:C1")
    main.append(["序号", "任务内容", "状态"], (HEAD, HEAD))  # fewer styles than cells
    for index, value in enumerate(VALUES):
        main.append([index, value, value], BODY)
        other.append([value, value], (None, BARE))  # sheets written in turn, unstyled cells
        other.append([value], None)
    book.sheet("_meta", hidden=True).append(("format", "v1"))
    return bytes(book.save())


def test_every_kind_of_value_is_written_as_before() -> None:
    new = _write(Book)
    assert assert_same_workbook(new, _write(reference_book.Book)) > 3 * len(VALUES)
    safe_texts(new)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not mounted")
def test_parsed_ledgers_of_the_corpus_are_written_as_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    results = [taskdoc.parse_file(path) for path in sorted(CORPUS.glob("*.txt"))]
    new = [ledger.ledger_bytes(result) for result in results]
    monkeypatch.setattr(ledger, "Book", reference_book.Book)
    cells = sum(
        assert_same_workbook(data, ledger.ledger_bytes(result))
        for data, result in zip(new, results, strict=True)
    )
    assert cells >= sum(len(r.tasks) for r in results) * len(ledger.COLUMNS) > 0
