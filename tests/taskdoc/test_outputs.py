"""JSON schema, the Excel 台账 and the ``duban parse`` command."""

from __future__ import annotations

import json
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from duban.cli import main
from taskdoc import parse_text
from taskdoc.output.ledger import COLUMNS, ledger_bytes
from taskdoc.output.serialize import SCHEMA, result_to_dict
from tests.taskdoc.conftest import CORPUS, REPO

NOTICE = "重点工作任务分解\n一、稳增长\n1. 推进项目。\n责任领导：张 洋\n牵头单位：区发改委\n责任单位：郑东新区、高新区管委会\n"


def test_json_has_the_documented_keys() -> None:
    data = result_to_dict(parse_text(NOTICE))
    assert data["schema"] == SCHEMA
    assert set(data) == {
        *("schema", "document", "lists", "tasks", "issues", "schedule"),
        *("kind", "targets", "actuals", "times"),  # taskdoc.parse/2: the document's own figures
    }
    assert data["kind"] == "notice"
    task = data["tasks"][0]
    for key in (
        "list",
        "section_path",
        "number",
        "text",
        "leaders",
        "lead_units",
        "responsible_units",
        "supporting_units",
        "deadline",
        "source",
    ):
        assert key in task
    assert task["section_path"] == ["一、稳增长"]
    assert task["responsible_units"][0] == {
        "name": "郑东新区管委会",
        "raw": "郑东新区",
        "collective": False,
        "label": "责任单位",
    }
    assert task["source"]["description"] == "第3行至第6行"
    json.dumps(data, ensure_ascii=False)


def test_ledger_columns_and_rows() -> None:
    sheet = load_workbook(BytesIO(ledger_bytes(parse_text(NOTICE)))).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == [title for title, _ in COLUMNS]
    row = [c.value for c in sheet[2]]
    assert row[:7] == [
        1,
        "重点工作任务分解 / 一、稳增长",
        "推进项目。",
        "张洋",
        "区发改委",
        "郑东新区管委会、高新区管委会",
        None,
    ]
    assert row[7:9] == [None, None]  # no targets or dates in this task
    assert row[-1] == "第3行至第6行"
    assert sheet.freeze_panes == "A2"


def test_cli_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    notice = CORPUS / "004_87fdf972b4e7a4f0.txt"
    code = main(["parse", str(notice)])
    out = capsys.readouterr().out
    assert code == 0
    data = json.loads(out)
    assert len(data["tasks"]) == 146
    assert data["document"]["doc_number"] == "郑政办〔2020〕29号"


def test_cli_writes_xlsx(tmp_path: Path) -> None:
    out = tmp_path / "台账.xlsx"
    assert main(["parse", str(CORPUS / "000_2b341ad98e95df6a.txt"), "--xlsx", str(out)]) == 0
    sheet = load_workbook(out).active
    assert sheet is not None
    assert sheet.max_row == 60


def test_cli_reports_unparseable_documents_without_traceback(tmp_path: Path) -> None:
    # (a work report such as corpus 003 parses since taskdoc.parse/2: see test_report_patterns)
    no_tasks = tmp_path / "便条.txt"
    no_tasks.write_text("请于明天上午把会议材料送到三楼。\n谢谢。\n", encoding="utf-8")
    missing = tmp_path / "missing.docx"
    for path in (no_tasks, missing):
        done = subprocess.run(
            [sys.executable, "-m", "duban.cli", "parse", str(path)],
            capture_output=True,
            text=True,
            cwd=REPO,
            check=False,
        )
        assert done.returncode == 1
        assert done.stderr.startswith("解析失败：")
        assert "Traceback" not in done.stderr
        assert path.name in done.stderr


def test_taskdoc_imports_no_django() -> None:
    code = "import sys, taskdoc, taskdoc.output.ledger, taskdoc.output.serialize; print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'duban')))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert done.stdout.strip() == "[]"


def test_clear_caches_keeps_results_identical() -> None:
    """Memo tables only save work: a parse after clearing them gives the same result."""
    from taskdoc import clear_caches

    before = result_to_dict(parse_text(NOTICE))
    clear_caches()
    assert result_to_dict(parse_text(NOTICE)) == before
