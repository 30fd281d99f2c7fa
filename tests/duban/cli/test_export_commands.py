"""Issue 13 item 7: ``duban ledger`` and ``duban bulletin`` for scheduled jobs.

They write the same files as the web (the registry's 台账 exporter; the bulletin draft's
context, text and layout), write nothing to the database, and fail with one Chinese line on
stderr and exit code 1 on a bad document id, a malformed date or an output they cannot write.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from django.test import Client

from duban.cli import main
from duban.exports.models import Bulletin
from taskdoc.model import ParseResult
from tests.duban import docx_checks as check
from tests.duban.outputs_year import JULY, Year, build_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(fake_parse: Callable[[ParseResult], None], monkeypatch: pytest.MonkeyPatch) -> Year:
    return build_year(fake_parse, monkeypatch)


def _rows(data: bytes) -> list[tuple[object, ...]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    return list(sheet.iter_rows(values_only=True))


def test_ledger_writes_the_web_ledger(year: Year, tmp_path: Path) -> None:
    out = tmp_path / "台账.xlsx"
    args = ["ledger", "--document", str(year.document.pk), "--as-of", "2024-07-31", "-o", str(out)]
    assert main(args) == 0
    client = Client()
    client.force_login(year.users["office"])
    web = client.get(f"/exports/ledger.xlsx?document={year.document.pk}&as_of=2024-07-31")
    assert _rows(out.read_bytes()) == _rows(web.content)
    assert len([r for r in _rows(out.read_bytes()) if isinstance(r[0], int)]) == 7


def test_bulletin_writes_the_draft_without_storing_one(
    year: Year, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "通报.docx"
    args = [
        "bulletin",
        "--document",
        str(year.document.pk),
        "--as-of",
        "2024-07-31",
        "-o",
        str(out),
    ]
    assert main(args) == 0
    assert "已导出" in capsys.readouterr().out
    assert not Bulletin.objects.exists()
    document = check.open_docx(out.read_bytes())
    check.check_page(document)
    check.check_page_numbers(document)
    lines = check.texts(document)
    assert lines[:3] == [
        "【草稿】",
        "督查通报〔2024〕 号",
        "关于2024年政府工作报告重点任务2024年6月推进情况的通报",
    ]
    from duban.exports.services import bulletin_draft_create

    web = bulletin_draft_create(document=year.document, as_of=JULY, actor=None)
    body = [line for s in web.sections for line in s["body"].splitlines() if line.strip()]
    assert [line for line in lines if line in body] == body  # the web draft's text, in order


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ledger", "--document", "999999", "-o", "{tmp}/a.xlsx"], "没有编号为 999999 的任务文件"),
        (["bulletin", "--document", "abc", "-o", "{tmp}/a.docx"], "任务文件编号应为数字"),
        (
            ["ledger", "--document", "{doc}", "--as-of", "7月31日", "-o", "{tmp}/a.xlsx"],
            "日期格式应为",
        ),
        (["bulletin", "--document", "{doc}", "-o", "{tmp}/a.xlsx"], "输出文件应以 .docx 结尾"),
        (["ledger", "--document", "{doc}", "-o", "{tmp}/missing/a.xlsx"], "无法写入"),
    ],
)
def test_errors_are_one_chinese_line_and_exit_1(
    year: Year,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    args = [a.format(tmp=tmp_path, doc=year.document.pk) for a in argv]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not list(tmp_path.glob("*.xlsx")) and not list(tmp_path.glob("*.docx"))
