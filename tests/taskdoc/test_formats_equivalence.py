"""The same notice gives the same tasks whether it arrives as text, Word prose, a Word table or PDF.

For each gold notice the corpus text is the reference. It is re-rendered as a
.docx with one paragraph per line, as a PDF whose lines wrap mid-word and
across pages (the damage real PDFs carry), and, from the gold tasks, as a
.docx holding one table per task list (序号 | 任务 | 责任领导 | 牵头单位 |
责任单位 | 完成时限, sections as merged rows). Every form must yield the same
tasks: list, number, section path, text, leaders, and the names of the lead
and responsible units.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from taskdoc import Task, parse_bytes, parse_file
from tests.taskdoc.conftest import corpus_file, gold_files
from tests.taskdoc.docgen import docx_paragraphs_from_text, docx_table_from_tasks, pdf_from_text

GOLD_FILES = gold_files()


class Projection(NamedTuple):
    """What must agree across formats; spans and issues legitimately differ."""

    list: str
    number: int
    section_path: tuple[str, ...]
    text: str
    leaders: tuple[str, ...]
    lead_units: tuple[str, ...]
    responsible_units: tuple[str, ...]


def _project(tasks: Sequence[Task]) -> list[Projection]:
    return [
        Projection(
            task.list,
            task.number,
            task.section_path,
            task.text,
            task.leaders,
            tuple(unit.name for unit in task.lead_units),
            tuple(unit.name for unit in task.responsible_units),
        )
        for task in tasks
    ]


def _text(stem: str) -> str:
    return corpus_file(stem).read_text(encoding="utf-8")


def _gold_lists(stem: str) -> dict[str, list[dict[str, Any]]]:
    """Gold tasks grouped by list title, in document order."""
    path = next(path for path in GOLD_FILES if path.stem == stem)
    lists: dict[str, list[dict[str, Any]]] = {}
    for task in json.loads(path.read_text(encoding="utf-8"))["tasks"]:
        lists.setdefault(task["list"], []).append(task)
    return lists


@cache
def _reference(stem: str) -> list[Projection]:
    return _project(parse_file(corpus_file(stem)).tasks)


def _docx_paragraphs(stem: str) -> list[Projection]:
    data = docx_paragraphs_from_text(_text(stem))
    return _project(parse_bytes(data, filename=f"{stem}.docx").tasks)


def _docx_table(stem: str) -> list[Projection]:
    """One .docx per task list (a table holds one list), parsed and concatenated."""
    tasks: list[Task] = []
    for index, (title, gold) in enumerate(_gold_lists(stem).items(), start=1):
        data = docx_table_from_tasks(gold, title, sections=True)
        tasks.extend(parse_bytes(data, filename=f"{stem}-{index}.docx").tasks)
    return _project(tasks)


def _pdf(stem: str) -> list[Projection]:
    return _project(parse_bytes(pdf_from_text(_text(stem)), filename=f"{stem}.pdf").tasks)


FORMS: dict[str, Callable[[str], list[Projection]]] = {
    "docx-paragraphs": _docx_paragraphs,
    "docx-table": _docx_table,
    "pdf": _pdf,
}


def test_gold_files_exist() -> None:
    assert len(GOLD_FILES) >= 2


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("stem", [path.stem for path in GOLD_FILES], ids=lambda stem: stem[:3])
def test_every_form_gives_the_tasks_of_the_text(stem: str, form: str) -> None:
    expected = _reference(stem)
    actual = FORMS[form](stem)
    assert [(p.list, p.number) for p in actual] == [(p.list, p.number) for p in expected]
    for got, want in zip(actual, expected, strict=True):
        assert got == want


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda path: path.stem[:3])
def test_the_text_form_has_the_gold_tasks(path: Path) -> None:
    """Guards the comparison above against agreeing on nothing."""
    gold = [task for tasks in _gold_lists(path.stem).values() for task in tasks]
    assert [(p.list, p.number) for p in _reference(path.stem)] == [
        (task["list"], task["number"]) for task in gold
    ]
