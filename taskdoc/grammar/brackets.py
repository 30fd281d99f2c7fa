"""Brackets in field values and unit lists: depth, and splitting outside them.

Unit names carry brackets (``各县（市、区）政府``, ``县发改局(粮食局)``) and fields close
in brackets of any kind, so separators only count at depth 0, whatever the kind of
bracket that is open. One place for the bracket set and the depth walk, used by
:mod:`taskdoc.grammar.fields` and :mod:`taskdoc.grammar.units`.
"""

from __future__ import annotations

OPENERS = "（(【［[〔〖"
CLOSERS = "）)】］]〕〗"


def depth(text: str) -> int:
    """Openers minus closers, over every bracket kind."""
    return sum(text.count(c) for c in OPENERS) - sum(text.count(c) for c in CLOSERS)


def top_level_positions(text: str, separators: str) -> list[int]:
    """Where the characters of ``separators`` stand outside brackets, left to right."""
    cuts: list[int] = []
    level = 0
    for index, char in enumerate(text):
        if char in OPENERS:
            level += 1
        elif char in CLOSERS:
            level = max(level - 1, 0)
        elif char in separators and level == 0:
            cuts.append(index)
    return cuts


def split_outside(text: str, separators: str) -> list[str]:
    """Split on ``separators`` outside brackets; pieces as written (not stripped)."""
    pieces: list[str] = []
    start = 0
    for cut in top_level_positions(text, separators):
        pieces.append(text[start:cut])
        start = cut + 1
    pieces.append(text[start:])
    return pieces
