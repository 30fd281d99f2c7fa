"""Table cells by their shape: numbers with flags, unit lists, leader names, deadlines.

Where a flattened table lost its cell boundaries, the genre still tells them:
a leader cell is a short personal name, a unit cell is a list of names ending
in 局 / 委 / 街道 / 公司 … (joined by 、, or touching where the cell had one
name per line), a task text starts with a verb and ends a sentence. The
vocabulary is in :mod:`taskdoc.lexicon.columns`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from taskdoc.lexicon.columns import (
    COMPOUND_SURNAMES,
    DEADLINE_CELL_RE,
    NON_UNIT_WORDS,
    NOT_NAME_CHARS,
    NUMBER_FLAGS,
    SHORT_UNITS,
    TASK_VERBS,
    UNIT_ENDINGS,
    UNIT_MAX_CHARS,
    UNIT_MIN_CHARS,
    UNIT_SUFFIX_WORDS,
)

# 1 / 12 / 1* / ★3 / 3★
_NUMBER_CELL_RE = re.compile(rf"^([{NUMBER_FLAGS}]*)\s*(\d{{1,4}})\s*([{NUMBER_FLAGS}]*)$")
_LIST_SEPARATORS = "、，,；;"
_OPENERS = "（("
_CLOSERS = "）)"
# a unit cut at a strong ending that is too short is no unit (张菁民|政局), not a longer one
_STRONG_ENDINGS = frozenset("局委办厅院府司署")
# 区委 / 市委 / 党委 / 团委: a body, the start of a longer name (区委宣传部)
_BODY_PREFIXES = frozenset("省市区县镇乡党团")
# endings used to cut touching names: not 市 (城市管理局), which ends places, not units
_CUT_ENDINGS = UNIT_ENDINGS - {"市"}
# 住房和城乡建设局: a conjunction near the end joins two nouns of one name
_CONJUNCTIONS = "和及与"
_NAME_MAX = 4
# words that end a name and never start one: 某乡人民政府, 某区管委会
_TRAILING_WORDS = ("人民政府", "政府", "管委会", "管理委员会", "办事处", "委员会", "党工委")
_VERB_RE = re.compile("^(?:" + "|".join(sorted(TASK_VERBS, key=len, reverse=True)) + ")")


def number_cell(cell: str) -> tuple[str, tuple[str, ...]] | None:
    """``1*`` → (``1``, (``*``,)); ``★3`` → (``3``, (``★``,)); not a number → None."""
    match = _NUMBER_CELL_RE.match(cell.strip())
    if match is None:
        return None
    flags = tuple(match.group(1) + match.group(3))
    return match.group(2), flags


def starts_task(text: str) -> bool:
    """True when ``text`` opens as a task does, with a verb: ``推进…`` / ``提升…``."""
    return _VERB_RE.match(text) is not None


def looks_like_deadline(cell: str) -> bool:
    return DEADLINE_CELL_RE.match(cell.strip()) is not None


def _bracket_end(text: str, start: int) -> int:
    """The end of the bracket group opening at ``start`` (its end if unclosed)."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] in _OPENERS:
            depth += 1
        elif text[index] in _CLOSERS:
            depth -= 1
            if depth == 0:
                return index + 1
    return len(text)


def _inside_suffix(text: str, end: int) -> bool:
    """A cut at ``end`` would split 委员会 / 办事处 / 政府 …"""
    for word in UNIT_SUFFIX_WORDS:
        for offset in range(1, len(word)):
            if text[end - offset : end - offset + len(word)] == word:
                return True
    return False


def _valid_unit(piece: str) -> bool:
    if len(piece) < UNIT_MIN_CHARS and piece not in SHORT_UNITS and not piece.startswith("各"):
        return False
    if starts_task(piece) or any(word in piece for word in NON_UNIT_WORDS):
        return False
    return all(c.isalpha() or c in _OPENERS + _CLOSERS + "·" for c in piece)


def next_unit(text: str, start: int) -> int | None:
    """Where the unit name starting at ``start`` ends, or None when none starts there.

    The shortest name that ends in a unit ending, takes the bracket after it
    (``高新园(邹区镇)``), and does not split a suffix word or a ``和`` compound.
    """
    if start >= len(text) or not text[start].isalpha() or starts_task(text[start:]):
        return None
    limit = min(len(text), start + UNIT_MAX_CHARS)
    end = start + 1
    while end <= limit:
        char = text[end - 1]
        if char in _OPENERS:
            end = _bracket_end(text, end - 1) + 1
            continue
        if not (char.isalpha() or char in _CLOSERS):
            return None
        piece = text[start:end]
        ended = char in _CUT_ENDINGS
        if ended and text.startswith(_TRAILING_WORDS, end):
            ended = False  # 桐川乡 + 人民政府: the name goes on
        if ended and not _inside_suffix(text, end) and not _joined(piece):
            if end < len(text) and text[end] in _OPENERS:
                end = _bracket_end(text, end)
                piece = text[start:end]
            if _valid_unit(piece):
                return end
            if _too_short(piece, char):
                return None
        end += 1
    return None


def _too_short(piece: str, char: str) -> bool:
    """``政局``: a strong ending reached too soon ends no unit (but 区委 may go on)."""
    return (
        len(piece) < UNIT_MIN_CHARS and char in _STRONG_ENDINGS and piece[0] not in _BODY_PREFIXES
    )


def _joined(piece: str) -> bool:
    return any(c in piece[-3:-1] for c in _CONJUNCTIONS)


def unit_groups(text: str, start: int) -> tuple[list[list[str]], int]:
    """The unit names from ``start``: groups of names joined by 、, cut where names touch.

    ``教育局经开区、各街道`` → [[教育局], [经开区, 各街道]] and where the names end.
    """
    groups: list[list[str]] = []
    position = start
    while True:
        end = next_unit(text, position)
        if end is None:
            break
        name = text[position:end]
        if groups and position > start and text[position - 1] in _LIST_SEPARATORS:
            groups[-1].append(name)
        else:
            groups.append([name])
        position = end
        if position < len(text) and text[position] in _LIST_SEPARATORS:
            if next_unit(text, position + 1) is None:
                break
            position += 1
    return groups, position


def looks_like_units(cell: str) -> bool:
    """A cell that is a list of unit names: ``发改局、住建局`` / ``各镇(街道)``."""
    text = "".join(cell.split())
    if not text:
        return False
    groups, end = unit_groups(text, 0)
    return bool(groups) and end == len(text.rstrip("。；;，,等"))


@lru_cache(maxsize=4096)
def name_lengths(text: str, start: int) -> tuple[int, ...]:
    """The lengths a personal name starting at ``start`` may have, likeliest first."""
    lengths: list[int] = []
    compound = any(text.startswith(s, start) for s in COMPOUND_SURNAMES)
    first = text[start : start + 1]
    if not compound and (
        not _is_hanzi(first) or first in NOT_NAME_CHARS or starts_task(text[start:])
    ):
        return ()
    # a common surname: three characters is the likeliest; an unlisted one, try both
    sizes = (4, 3) if compound else (3, 2)
    for size in sizes:
        name = text[start : start + size]
        if len(name) == size and all(
            "\u4e00" <= c <= "\u9fff" and c not in NOT_NAME_CHARS for c in name[1:]
        ):
            lengths.append(size)
    return tuple(lengths)


def _is_hanzi(char: str) -> bool:
    return bool(char) and "\u4e00" <= char <= "\u9fff"


def looks_like_leaders(cell: str) -> bool:
    """A cell of personal names: ``何海平`` / ``张三、李四`` / ``王 洋``."""
    pieces = [p for p in re.split(r"[\s、，,；;]+", cell.strip()) if p]
    if not pieces or looks_like_units(cell):
        return False
    # 何海平 / 欧阳某某; a padded name 王 洋 splits into characters
    return all(len(p) <= _NAME_MAX for p in pieces)
