"""Traditional characters: the grammar reads simplified text, the user sees what was written.

Notices from Hong Kong, Macao and Taiwan reposts, and some provincial sites, are
published in traditional characters (``牽頭單位：省財政廳``). Every recogniser of
the parser (labels, role words, list titles) is written once, in simplified
characters, so the text stage converts each block with OpenCC's ``t2s`` before
the grammar sees it, keeping the conversion *length-preserving per block*: when
a phrase conversion changes a block's length the block is converted character
by character instead. The simplified document therefore aligns with the original
character by character, and :class:`ScriptMap` carries a parsed string (a task
text, a unit as written) back to the characters the notice used, by position.

Conversion is skipped outright for a document containing none of the commonest
traditional-only characters (``單頭責領導縣區會國發…``): a notice in traditional
script cannot avoid all of them, and simplified notices then pay neither the
converter's start-up nor its pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from taskdoc.model import Block, Paragraph, ParseResult, TableRow, Task, UnitRef
from taskdoc.values import Target

# Traditional-only forms of characters every notice uses (单位, 牵头, 责任, 领导, 县, 区…).
TRADITIONAL_HINTS = frozenset(
    "單頭責領導縣區會國發經濟務業實現進開關於與為這對時個們來說從當體點過還動產機構議設計劃"
    "際應權員價農廠質環辦廳監黨歲報請衛醫療險證書車鐵運輸電網絡數據資規範圍專項強級組織轉變"
    "準確貫徹藥園島樓層職負擔邊線鎮鄉莊義幹協調"
)
_HINT_RE = re.compile("[" + "".join(sorted(TRADITIONAL_HINTS)) + "]")
_SPACE_RE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _converter() -> Callable[[str], str]:
    """OpenCC's traditional-to-simplified converter, loaded once (about 10 ms)."""
    import opencc  # only documents in traditional script pay for loading it

    convert: Callable[[str], str] = opencc.OpenCC("t2s").convert
    return convert


def has_traditional(text: str) -> bool:
    """Whether ``text`` holds any of the commonest traditional-only characters."""
    return _HINT_RE.search(text) is not None


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, of the same length as ``text``.

    OpenCC converts phrases first (``網際網路`` stays four characters, but some
    phrase tables map to a different length); when the lengths differ the line
    is converted character by character, which always preserves the length.
    """
    convert = _converter()
    simplified = convert(text)
    if len(simplified) == len(text):
        return simplified
    chars = [convert(char) for char in text]
    return "".join(c if len(c) == 1 else o for c, o in zip(chars, text, strict=True))


class ScriptMap:
    """The original characters of a converted document, found by position.

    Both documents are kept with all whitespace removed (the stages after
    this one strip, split and join lines at whitespace), so a parsed string,
    squashed the same way, is looked up in the simplified document and the
    characters at the same positions of the original replace its own. A
    string the document does not hold in one piece (a name completed from a
    shared suffix) is restored character by character wherever the document
    converted that character one way only.
    """

    def __init__(self, originals: Sequence[str], simplified: Sequence[str]) -> None:
        self._original = _SPACE_RE.sub("", "".join(originals))
        self._simplified = _SPACE_RE.sub("", "".join(simplified))
        self._cursor = 0
        self._chars = _char_map(self._original, self._simplified)

    def restore(self, text: str) -> str:
        """``text`` (simplified, as parsed) in the characters the notice was written in.

        Texts are looked for from the end of the previous one found, so that a
        phrase repeated by two tasks is taken from the right place; failing
        that, anywhere in the document.
        """
        squashed = _SPACE_RE.sub("", text)
        if not squashed:
            return text
        start = self._simplified.find(squashed, self._cursor)
        if start < 0:
            start = self._simplified.find(squashed)
        if start < 0:
            return "".join(self._chars.get(char, char) for char in text)
        self._cursor = start + len(squashed)
        return _respace(text, self._original[start : self._cursor])

    def restore_name(self, text: str) -> str:
        """A short name (unit, leader, label) as written, without moving the text cursor."""
        cursor = self._cursor
        try:
            return self.restore(text)
        finally:
            self._cursor = cursor


def _respace(text: str, original: str) -> str:
    """The characters of ``original`` (no whitespace) with the whitespace of ``text`` kept."""
    chars = iter(original)
    return "".join(char if char.isspace() else next(chars) for char in text)


def _char_map(original: str, simplified: str) -> dict[str, str]:
    """Simplified character → the one original form the document used for it, if unique."""
    forms: dict[str, set[str]] = {}
    kept: set[str] = set()  # characters written in simplified form somewhere
    for before, after in zip(original, simplified, strict=True):
        if before != after:
            forms.setdefault(after, set()).add(before)
        else:
            kept.add(before)
    for char in kept.intersection(forms):  # 干 as 干 somewhere and as 幹 elsewhere: ambiguous
        forms[char].add(char)
    return {char: next(iter(found)) for char, found in forms.items() if len(found) == 1}


def simplify_blocks(blocks: Iterable[Block]) -> tuple[tuple[Block, ...], ScriptMap | None]:
    """The blocks in simplified characters, and the map back (None when nothing changed)."""
    items = tuple(blocks)
    texts = [_block_text(block) for block in items]
    if not has_traditional("\n".join(texts)):
        return items, None
    converted = tuple(_simplified_block(block) for block in items)
    if converted == items:
        return items, None
    return converted, ScriptMap(texts, [_block_text(block) for block in converted])


def _block_text(block: Block) -> str:
    return block.text if isinstance(block, Paragraph) else "".join(block.cells)


def _simplified_block(block: Block) -> Block:
    if isinstance(block, TableRow):
        return replace(block, cells=tuple(to_simplified(cell) for cell in block.cells))
    return replace(block, text=to_simplified(block.text))


def restore_task(task: Task, script: ScriptMap) -> Task:
    """A parsed task with its strings in the notice's own characters.

    The text, the unit names as written (``raw``) and the evidence of each field
    are restored by position; the normalised unit ``name`` too when it is the
    ``raw`` form, else character by character (matching folds script anyway).
    """
    text = script.restore(task.text)
    name = script.restore_name
    return replace(
        task,
        text=text,
        list=name(task.list),
        section_path=tuple(map(name, task.section_path)),
        leaders=tuple(map(name, task.leaders)),
        lead_units=_restored_units(task.lead_units, script),
        responsible_units=_restored_units(task.responsible_units, script),
        supporting_units=_restored_units(task.supporting_units, script),
        leader_label=name(task.leader_label) if task.leader_label else None,
        sources=tuple(replace(s, evidence=name(s.evidence)) for s in task.sources),
    )


def _restored_units(units: tuple[UnitRef, ...], script: ScriptMap) -> tuple[UnitRef, ...]:
    restored = []
    for unit in units:
        raw = script.restore_name(unit.raw)
        name = raw if unit.name == unit.raw else script.restore_name(unit.name)
        restored.append(replace(unit, name=name, raw=raw, label=script.restore_name(unit.label)))
    return tuple(restored)


def restore_script(result: ParseResult, script: ScriptMap) -> ParseResult:
    """The parse result with tasks, lists, the title and the document's figures as written."""
    tasks = tuple(restore_task(task, script) for task in result.tasks)
    lists = tuple(replace(item, title=script.restore_name(item.title)) for item in result.lists)
    document = result.document
    if document.title:
        document = replace(document, title=script.restore_name(document.title))
    return replace(
        result,
        document=document,
        lists=lists,
        tasks=tasks,
        targets=tuple(
            replace(t, sentence=script.restore_name(t.sentence), target=_figure(t.target, script))
            for t in result.targets
        ),
        actuals=tuple(
            replace(a, sentence=script.restore_name(a.sentence), figure=_figure(a.figure, script))
            for a in result.actuals
        ),
        times=tuple(
            replace(t, sentence=script.restore_name(t.sentence), raw=script.restore_name(t.raw))
            for t in result.times
        ),
    )


def _figure(target: Target, script: ScriptMap) -> Target:
    """A figure's words as written (its offsets stay: the conversion keeps every length)."""
    return replace(
        target, raw=script.restore_name(target.raw), metric=script.restore_name(target.metric)
    )
