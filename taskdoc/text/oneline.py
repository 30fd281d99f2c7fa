"""A notice on one line: web text whose paragraph breaks became spaces.

Copying a government page (or reading one through some converters) can flatten
the whole body into one line: ``…请认真贯彻执行。 2022年是… 一、王某县长牵头重点工作
1.任务…。 责任单位:县发改局 2.任务…``. Chinese prose puts no spaces between
words, so inside such a line a run of whitespace between two Chinese characters
is where a paragraph ended. The line is split there, except where the piece
before visibly continues (it ends with ``、，：（“``…) or the piece after does
(it opens with a closing mark); and, since the numbering of the genre follows a
sentence end, also before a numbering mark right after ``。！？`` with no space.

Only a line that is visibly several paragraphs is split: long, and with at
least :data:`_MIN_BREAKS` spaces before a numbering mark or a field label. An
ordinary paragraph of a notice never qualifies, so nothing changes for it.
Nor does a row of a table flattened with ``|``: a gap between two cell
separators is inside a cell (``| 1.…完成。 2.…启动。 |``), not between paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import pairwise

from taskdoc.grammar.markers import number_mark, starts_with_field
from taskdoc.model import Block, Paragraph

# a run of whitespace after a non-ASCII character or a closing bracket (not "GDP 增长")
_GAP_RE = re.compile(r"(?<=[^\x00-\x7f]|[)\]])[ \t\u3000\xa0]+(?=\S)")
# a numbering mark glued to the sentence end before it: 。2.落实…
_GLUED_MARK_RE = re.compile(
    r"(?<=[。！？])(?=(?:\d{1,3}[.．、]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)])\S)"
)
# 16 条道路: a count written with spaces, which ARABIC numbering also accepts
_SPACED_NUMBER_RE = re.compile(r"^\d+\s")
# 2031年3月2日 standing alone (the date under a signature), followed by a gap or the end
_DATE_RE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:[\s(（]|$)")
_CONTINUING_END = "、，,：:；;（([【“‘「《"
_CONTINUING_START = "、，,。；;：:）)]】”’」》！？"
_MIN_LENGTH = 120
_MIN_BREAKS = 2
_CELL_SEPARATORS = ("|", "│")


def split_run_on_lines(blocks: Iterable[Block]) -> Iterator[Block]:
    """The blocks, with every one-line notice paragraph split into its paragraphs."""
    for block in blocks:
        if isinstance(block, Paragraph) and _is_run_on(block.text):
            for piece in split_paragraphs(block.text):
                yield Paragraph(piece, block.location)
        else:
            yield block


def _is_run_on(text: str) -> bool:
    """Several paragraphs on one line: long, with spaces before marks or labels."""
    if len(text) < _MIN_LENGTH:
        return False
    first, last = _cells_span(text)
    breaks = 0
    for gap in _GAP_RE.finditer(text):
        if not first < gap.start() < last and _starts_item(text[gap.end() :]):
            breaks += 1
            if breaks >= _MIN_BREAKS:
                return True
    return False


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of a run-on line, cut at the gaps between paragraphs."""
    pieces: list[str] = []
    start = 0
    first, last = _cells_span(text)
    for gap in _GAP_RE.finditer(text):
        if first < gap.start() < last:
            continue  # inside a cell of a flattened table row
        before, after = text[start : gap.start()], text[gap.end() :]
        if _is_break(before, after):
            pieces.extend(_split_glued_marks(before))
            start = gap.end()
    pieces.extend(_split_glued_marks(text[start:]))
    return [piece.strip() for piece in pieces if piece.strip()]


def _cells_span(text: str) -> tuple[int, int]:
    """Where the first and the last cell separator stand; (-1, -1) when there is none."""
    positions = [i for sep in _CELL_SEPARATORS if (i := text.find(sep)) >= 0]
    if not positions:
        return -1, -1
    return min(positions), max(text.rfind(sep) for sep in _CELL_SEPARATORS)


def _starts_item(text: str) -> bool:
    """A numbering mark written with its punctuation (not ``16 条``), or a field label."""
    if _SPACED_NUMBER_RE.match(text):
        return False
    return number_mark(text) is not None or starts_with_field(text)


def _is_break(before: str, after: str) -> bool:
    """A paragraph ends at the gap: neither side continues, and Chinese text or an item follows."""
    return (
        bool(before)
        and before[-1] not in _CONTINUING_END
        and after[0] not in _CONTINUING_START
        and (
            not after[0].isascii()
            or _starts_item(after)
            or _DATE_RE.match(after) is not None
            or _DATE_RE.match(before + " ") is not None  # the date ends its paragraph
        )
    )


def _split_glued_marks(piece: str) -> list[str]:
    """``…缩小。2.落实…`` → two paragraphs, when the mark after ``。`` is a real mark.

    A piece holding table cells is left whole: ``| …完成。2.…`` numbers a cell's lines.
    """
    if any(sep in piece for sep in _CELL_SEPARATORS):
        return [piece]
    cuts = [
        match.start()
        for match in _GLUED_MARK_RE.finditer(piece)
        if number_mark(piece[match.start() :]) is not None
    ]
    bounds = [0, *cuts, len(piece)]
    return [piece[a:b] for a, b in pairwise(bounds) if piece[a:b]]
