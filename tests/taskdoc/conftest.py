"""Shared fixtures for the parser tests: where the real corpus and gold files are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("DUBAN_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.json"))


def corpus_file(stem: str) -> Path:
    return CORPUS / f"{stem}.txt"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(f"corpus not found at {CORPUS}; set DUBAN_SHARED")
    return CORPUS
