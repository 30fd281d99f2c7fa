"""Shared fixtures for the parser tests: where the real corpus and gold files are.

The gold files are the measure of the parser (issue 9): the seed gold in
``../shared/gold`` (notices in ``../shared/corpus``) and the development gold
in ``../shared/corpus-dev`` (``NN_decomp_*.json`` next to their ``.txt``). A
missing corpus fails the run (see ``test_gold.py``); it is never skipped.

The per-file score table that ``test_gold.py`` fills is printed in the
terminal summary, so it shows in the CI log without ``-s``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("DUBAN_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"
CORPUS_DEV = SHARED / "corpus-dev"
# corpus-dev holds 15 decomposition notices with gold (check_gold.py: 60 tasks)
CORPUS_DEV_GOLD_COUNT = 15

GOLD_SCORES: pytest.StashKey[dict[str, dict[str, Any]]] = pytest.StashKey()


def gold_files() -> list[Path]:
    """The seed gold files (their notices are in ``corpus/``)."""
    return sorted(GOLD.glob("*.json"))


def dev_gold_files() -> list[Path]:
    """The corpus-dev gold files (each next to its notice)."""
    return sorted(CORPUS_DEV.glob("*_decomp_*.json"))


def all_gold_files() -> list[Path]:
    return [*gold_files(), *dev_gold_files()]


def corpus_file(stem: str) -> Path:
    """The notice a gold file describes, in ``corpus/`` or ``corpus-dev/``."""
    seed = CORPUS / f"{stem}.txt"
    return seed if seed.is_file() else CORPUS_DEV / f"{stem}.txt"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(f"corpus not found at {CORPUS}; set DUBAN_SHARED")
    return CORPUS


@pytest.fixture(scope="session")
def gold_scores(request: pytest.FixtureRequest) -> dict[str, dict[str, Any]]:
    """Where the gold tests leave one score row per file for the terminal summary."""
    return request.config.stash.setdefault(GOLD_SCORES, {})


_COLUMNS = ("gold", "found", "extra", "number", "text", "leaders", "lead", "units")


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """Print the per-file gold table (tasks gold/found/extra, fields right, % exact)."""
    scores = config.stash.get(GOLD_SCORES, {})
    if not scores:
        return
    write = terminalreporter.write_line
    terminalreporter.section("gold score per file (issue 9: every line 100%, 0 extra)")
    write(f"{'file':<28}" + "".join(f"{c:>8}" for c in _COLUMNS) + f"{'%':>8}")
    totals = dict.fromkeys(_COLUMNS, 0)
    exact = 0
    for name in sorted(scores):
        row = scores[name]
        for column in _COLUMNS:
            totals[column] += row[column]
        exact += row["exact"]
        write(_row(name, row, row["exact"]))
    write(_row("TOTAL", totals, exact))


def _row(name: str, row: dict[str, Any], exact: int) -> str:
    gold = row["gold"]
    percent = 100.0 * exact / gold if gold else 0.0
    if row["extra"]:
        percent = min(percent, 99.9)
    cells = "".join(f"{row[c]:>8}" for c in _COLUMNS)
    return f"{name[:27]:<28}{cells}{percent:>7.1f}%"
