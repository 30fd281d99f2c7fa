"""The parse of each decomposition notice matches its hand-checked gold file, field by field."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from taskdoc import ParseResult, parse_file
from tests.taskdoc.conftest import corpus_file, gold_files

GOLD_FILES = gold_files()


@cache
def _parsed(stem: str) -> ParseResult:
    return parse_file(corpus_file(stem))


def _gold(path: Path) -> list[dict[str, Any]]:
    tasks: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["tasks"]
    return tasks


def _cases() -> list[Any]:
    cases = []
    for path in GOLD_FILES:
        for index, task in enumerate(_gold(path)):
            cases.append(
                pytest.param(path.stem, index, task, id=f"{path.stem[:3]}-{task['number']}")
            )
    return cases


def test_gold_files_exist() -> None:
    assert len(GOLD_FILES) >= 2


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem[:3])
def test_task_count_and_numbering(path: Path) -> None:
    gold = _gold(path)
    tasks = _parsed(path.stem).tasks
    assert [(t.list, t.number) for t in tasks] == [(g["list"], g["number"]) for g in gold]


@pytest.mark.parametrize(("stem", "index", "expected"), _cases())
def test_task_matches_gold(stem: str, index: int, expected: dict[str, Any]) -> None:
    task = _parsed(stem).tasks[index]
    section = task.section_path[0] if task.section_path else None
    subsection = task.section_path[1] if len(task.section_path) > 1 else None
    assert task.list == expected["list"]
    assert task.number == expected["number"]
    assert section == expected["section"]
    assert subsection == expected["subsection"]
    assert task.text == expected["text"]
    assert list(task.leaders) == expected["leaders"]
    assert [u.raw for u in task.lead_units] == expected["lead_units"]
    assert [u.name for u in task.lead_units] == expected["lead_units_normalized"]
    assert [u.raw for u in task.responsible_units] == expected["units"]
    assert [u.name for u in task.responsible_units] == expected["units_normalized"]
