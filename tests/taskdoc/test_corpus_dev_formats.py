"""The corpus-dev notices give the same tasks as .docx (prose and table) and as PDF.

Each notice's text is rendered, at test time, as a Word document with one
paragraph per line, as a PDF whose lines wrap mid-word and across pages, and,
for the table notices (04, 05, 06, 08), as a real Word table built from the
gold rows (序号 | 工作任务 | 责任领导 | 牵头单位 | 责任单位 | 配合单位, each
role in its own column). Every form must give the gold tasks, field by field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from taskdoc import Task, parse_bytes
from tests.taskdoc.conftest import corpus_file, dev_gold_files
from tests.taskdoc.docgen import docx_paragraphs_from_text, docx_with_table, pdf_from_text
from tests.taskdoc.test_gold import expected_tasks, field_mismatches

DEV_GOLD_FILES = dev_gold_files()
TABLE_NOTICES = ("04", "05", "06", "08")


def _check(path: Path, tasks: tuple[Task, ...], form: str) -> None:
    gold = expected_tasks(path)
    problems = [
        f"task #{i}: {m}"
        for i, (want, got) in enumerate(zip(gold, tasks, strict=False), start=1)
        for m in field_mismatches(want, got)
    ]
    if len(tasks) != len(gold):
        problems.insert(0, f"{len(tasks)} tasks parsed, gold has {len(gold)}")
    assert not problems, f"{path.name} as {form}:\n  " + "\n  ".join(problems)


def test_corpus_dev_present() -> None:
    assert DEV_GOLD_FILES, "corpus-dev gold not found; set DUBAN_SHARED"


@pytest.mark.parametrize("path", DEV_GOLD_FILES, ids=lambda p: p.stem[:2])
def test_docx_paragraphs(path: Path) -> None:
    text = corpus_file(path.stem).read_text(encoding="utf-8")
    data = docx_paragraphs_from_text(text)
    _check(path, parse_bytes(data, filename=f"{path.stem}.docx").tasks, "docx paragraphs")


@pytest.mark.parametrize("path", DEV_GOLD_FILES, ids=lambda p: p.stem[:2])
def test_pdf(path: Path) -> None:
    text = corpus_file(path.stem).read_text(encoding="utf-8")
    _check(path, parse_bytes(pdf_from_text(text), filename=f"{path.stem}.pdf").tasks, "pdf")


def _table_rows(gold: list[dict[str, Any]]) -> list[list[str]]:
    header = ["序号", "工作任务", "责任领导", "牵头单位", "责任单位", "配合单位"]
    rows = [header]
    for task in gold:
        rows.append(
            [
                str(task["number"]),
                task["text"],
                "、".join(task.get("leaders", [])),
                "、".join(task.get("lead_units", [])),
                "、".join(task.get("responsible_units", [])),
                "、".join(task.get("supporting_units", [])),
            ]
        )
    return rows


@pytest.mark.parametrize(
    "path",
    [p for p in DEV_GOLD_FILES if p.stem[:2] in TABLE_NOTICES],
    ids=lambda p: p.stem[:2],
)
def test_docx_table(path: Path) -> None:
    """A real Word table with the gold rows: the same tasks, every column in its role."""
    gold = json.loads(path.read_text(encoding="utf-8"))["tasks"]
    rows = _table_rows(gold)
    data = docx_with_table(["2024年重点工作责任分解"], rows)
    _check(path, parse_bytes(data, filename=f"{path.stem}-table.docx").tasks, "docx table")
