"""The parse of each decomposition notice matches its hand-checked gold file, field by field.

Two gold formats (see ``../shared/corpus-dev/README.md``):

* seed gold (``../shared/gold``): ``list``, ``number`` (int), ``section``,
  ``subsection``, ``text``, ``leaders``, ``lead_units`` / ``units`` as written
  and ``*_normalized`` names;
* corpus-dev gold (``../shared/corpus-dev/*_decomp_*.json``): ``number`` as
  written (``1``, ``一``), ``text`` as written (traditional stays traditional),
  ``leaders``, ``lead_units``, ``responsible_units``, ``supporting_units``,
  ``deadline``.

Gold lists the tasks in document order and leaves out the task an excerpt is
cut inside; a parsed task that is not in the gold (the cut one included) fails.
Names (leaders, units) are compared with whitespace removed and, when OpenCC
is installed, traditional folded to simplified, as the gold README says; the
task text is compared exactly. Each file's score goes to the table printed in
the terminal summary (conftest).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import opencc
import pytest

from taskdoc import ParseResult, Task, parse_file
from taskdoc.figures.cnnum import parse_cn_int
from tests.taskdoc.conftest import (
    CORPUS,
    CORPUS_DEV,
    CORPUS_DEV_GOLD_COUNT,
    GOLD,
    corpus_file,
    dev_gold_files,
    gold_files,
)

GOLD_FILES = gold_files()
DEV_GOLD_FILES = dev_gold_files()
ALL_GOLD_FILES = [*GOLD_FILES, *DEV_GOLD_FILES]

# names may be normalised to simplified by the parser: compare script-insensitively
_t2s = opencc.OpenCC("t2s").convert


_SPACE_RE = re.compile(r"\s+")


def fold(name: str) -> str:
    """A name as the gold README compares it: no whitespace, simplified script."""
    return str(_t2s(_SPACE_RE.sub("", name)))


@cache
def _parsed(stem: str) -> ParseResult:
    return parse_file(corpus_file(stem))


def _gold(path: Path) -> list[dict[str, Any]]:
    tasks: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["tasks"]
    return tasks


def gold_number(value: object) -> int:
    """A gold number as the parser numbers tasks: ``"1"`` → 1, ``"一"`` → 1, ``3`` → 3."""
    text = str(value).strip()
    if text.isdigit():
        return int(text)
    number = parse_cn_int(text)
    assert number is not None, f"gold number {text!r} is no numeral"
    return number


# ---------------------------------------------------------------- expectations


@dataclass(frozen=True)
class Expected:
    """One task as the gold states it, in the terms the parser's Task uses."""

    number: int
    text: str
    leaders: tuple[str, ...]
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    supporting: tuple[str, ...]
    deadline: str | None
    check_deadline: bool


def expected_tasks(path: Path) -> list[Expected]:
    return [_expected(task) for task in _gold(path)]


def _expected(task: dict[str, Any]) -> Expected:
    if "units_normalized" in task:  # seed gold: every unit of the field is responsible
        return Expected(
            gold_number(task["number"]),
            task["text"],
            tuple(fold(x) for x in task["leaders"]),
            tuple(fold(x) for x in task["lead_units_normalized"]),
            tuple(fold(x) for x in task["units_normalized"]),
            (),
            None,
            False,
        )
    return Expected(
        gold_number(task["number"]),
        task["text"],
        tuple(fold(x) for x in task.get("leaders", [])),
        tuple(fold(x) for x in task.get("lead_units", [])),
        tuple(fold(x) for x in task.get("responsible_units", [])),
        tuple(fold(x) for x in task.get("supporting_units", [])),
        task.get("deadline"),
        "deadline" in task,
    )


def _names(task: Task) -> dict[str, tuple[str, ...]]:
    return {
        "leaders": tuple(fold(x) for x in task.leaders),
        "lead": tuple(fold(u.name) for u in task.lead_units),
        "responsible": tuple(fold(u.name) for u in task.responsible_units),
        "supporting": tuple(fold(u.name) for u in task.supporting_units),
    }


def field_mismatches(want: Expected, got: Task) -> list[str]:
    """Every field of ``got`` that differs from the gold task, described for a person."""
    names = _names(got)
    pairs: list[tuple[str, object, object]] = [
        ("number", want.number, got.number),
        ("text", want.text, got.text),
        ("leaders", want.leaders, names["leaders"]),
        ("lead_units", want.lead, names["lead"]),
        ("responsible_units", want.responsible, names["responsible"]),
        ("supporting_units", want.supporting, names["supporting"]),
    ]
    if want.check_deadline:
        pairs.append(("deadline", want.deadline, got.deadline))
    return [f"{field}: want {a!r}, got {b!r}" for field, a, b in pairs if a != b]


# ---------------------------------------------------------------- alignment and score


def align(gold: list[Expected], parsed: tuple[Task, ...]) -> list[Task | None]:
    """The parsed task for each gold task, in order: same text, else one containing it.

    Alignment is by text so that one missing task does not shift every later
    comparison; texts that differ only in whitespace or script still align.
    """
    free = list(range(len(parsed)))
    out: list[Task | None] = []
    for want in gold:
        key = fold(want.text)
        match = next((i for i in free if fold(parsed[i].text) == key), None)
        if match is None:
            match = next(
                (i for i in free if _overlaps(fold(parsed[i].text), key)),
                None,
            )
        if match is not None:
            free.remove(match)
        out.append(parsed[match] if match is not None else None)
    return out


def _overlaps(a: str, b: str) -> bool:
    return min(len(a), len(b)) > 10 and (a in b or b in a)


def score(gold: list[Expected], parsed: tuple[Task, ...]) -> dict[str, Any]:
    """The row of the per-file table: counts of tasks found and of fields right."""
    aligned = align(gold, parsed)
    row = dict.fromkeys(("found", "number", "text", "leaders", "lead", "units", "exact"), 0)
    for want, got in zip(gold, aligned, strict=True):
        if got is None:
            continue
        names = _names(got)
        row["found"] += 1
        row["number"] += want.number == got.number
        row["text"] += want.text == got.text
        row["leaders"] += want.leaders == names["leaders"]
        row["lead"] += want.lead == names["lead"]
        row["units"] += (want.responsible, want.supporting) == (
            names["responsible"],
            names["supporting"],
        )
        row["exact"] += not field_mismatches(want, got)
    row["gold"] = len(gold)
    row["extra"] = len(parsed) - row["found"]
    return row


def _report(path: Path) -> tuple[dict[str, Any], list[str]]:
    """The score row and the list of every difference from the gold, for one file."""
    gold = expected_tasks(path)
    try:
        parsed = _parsed(path.stem).tasks
    except Exception as error:  # a refusal of the whole file is a score of zero
        row = dict.fromkeys(("found", "number", "text", "leaders", "lead", "units", "exact"), 0)
        row.update(gold=len(gold), extra=0)
        return row, [f"the parse failed: {type(error).__name__}: {error}"]
    problems: list[str] = []
    aligned = align(gold, parsed)
    for index, (want, got) in enumerate(zip(gold, aligned, strict=True), start=1):
        if got is None:
            problems.append(f"gold task #{index} ({want.number}) not found: {want.text[:40]}…")
            continue
        problems.extend(
            f"gold task #{index} ({want.number}) {m}" for m in field_mismatches(want, got)
        )
    used = {id(task) for task in aligned if task is not None}
    for task in parsed:
        if id(task) not in used:
            problems.append(f"extra parsed task {task.number}: {task.text[:40]}…")
    order = [task for task in parsed if id(task) in used]
    if order != [task for task in aligned if task is not None]:
        problems.append("parsed tasks are not in the gold's (document) order")
    return score(gold, parsed), problems


# ---------------------------------------------------------------- tests


def test_gold_corpora_present() -> None:
    """A missing corpus fails the run: the gold is the measure of the parser."""
    assert CORPUS.is_dir(), f"seed corpus not found at {CORPUS}; set DUBAN_SHARED"
    assert GOLD.is_dir(), f"seed gold not found at {GOLD}; set DUBAN_SHARED"
    assert CORPUS_DEV.is_dir(), f"corpus-dev not found at {CORPUS_DEV}; set DUBAN_SHARED"
    assert len(GOLD_FILES) >= 2, f"seed gold files missing in {GOLD}"
    assert len(DEV_GOLD_FILES) == CORPUS_DEV_GOLD_COUNT, (
        f"expected {CORPUS_DEV_GOLD_COUNT} corpus-dev gold files, found {len(DEV_GOLD_FILES)}"
    )
    missing = [p.name for p in ALL_GOLD_FILES if not corpus_file(p.stem).is_file()]
    assert not missing, f"gold files without their notice: {missing}"


def test_gold_files_exist() -> None:
    assert len(GOLD_FILES) >= 2


@pytest.mark.parametrize("path", ALL_GOLD_FILES, ids=lambda p: p.stem[:3].rstrip("_"))
def test_gold_file_field_by_field(path: Path, gold_scores: dict[str, dict[str, Any]]) -> None:
    """Every gold task found in order with every field right, and no task beyond them."""
    row, problems = _report(path)
    gold_scores[path.stem] = row
    assert not problems, f"{path.name}: {len(problems)} difference(s) from the gold:\n  " + (
        "\n  ".join(problems)
    )


@pytest.mark.parametrize("path", DEV_GOLD_FILES, ids=lambda p: p.stem[:2])
def test_cut_excerpt_warns_on_the_cut_task(path: Path) -> None:
    """Every corpus-dev excerpt is cut mid-task: the parse warns, and keeps the rest."""
    if json.loads(path.read_text(encoding="utf-8")).get("complete", True):
        return
    result = _parsed(path.stem)
    codes = [issue.code for issue in result.issues]
    assert "task_truncated" in codes, f"{path.name}: no task_truncated warning, issues: {codes}"


# ----- the seed gold also fixes list, section path and the units as written


def _seed_cases() -> list[Any]:
    cases = []
    for path in GOLD_FILES:
        for index, task in enumerate(_gold(path)):
            cases.append(
                pytest.param(path.stem, index, task, id=f"{path.stem[:3]}-{task['number']}")
            )
    return cases


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem[:3])
def test_task_count_and_numbering(path: Path) -> None:
    gold = _gold(path)
    tasks = _parsed(path.stem).tasks
    assert [(t.list, t.number) for t in tasks] == [(g["list"], g["number"]) for g in gold]


@pytest.mark.parametrize(("stem", "index", "expected"), _seed_cases())
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
