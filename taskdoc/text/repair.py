"""Undo the damage that PDF-to-text conversion does to paragraphs.

A converted notice breaks paragraphs wherever a page (or a line) ended:
``全力`` / ``打造国际文旅…``, ``开发区管`` / ``委会``. Word documents do not,
but the same rule is harmless there. The rule: a paragraph that does not end
a sentence is continued by the next one, unless the next one visibly starts
something new (a numbered item, a field label, a list title, a date, a
closing line). A short numbered heading (``一、项目化推进``) is complete on
its own even without punctuation.

A bracket left open ends nothing: inside it the next line goes on, though the
line before ends with ``；`` or ``：`` and the next one opens with a label —
``…。[牵头单位：县某局（某办）；`` / ``责任单位：…]``, ``…。（牵头单位：`` / ``县某局）``.
Only a numbered item, a list title or closing matter still starts anew there,
and only a bracket opened in the last :data:`_BRACKET_REACH` characters counts,
so that a typo's unclosed ``（`` cannot swallow the rest of a notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from taskdoc.grammar.markers import (
    DATE_LINE_RE,
    Numbering,
    is_closing,
    is_list_title,
    number_mark,
    signs_off,
    starts_with_field,
)
from taskdoc.model import Block, Paragraph, SourceSpan, TableRow

# A sentence (or a field such as 联系人：) is complete when the paragraph ends with one of these.
_TERMINAL = "。！？；：!?;:"
_CLOSERS = "”’\"'）)】」』"
# a closing bracket group after a finished sentence: 。（国家发展改革委牵头，各地区按职责分工负责）
_TRAILING_BRACKET_RE = re.compile(
    r"(?<=[。！？；!?;])[（(][^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*[）)]$"
)
# A PDF line holds 25 to 40 CJK characters: a heading shorter than this cannot have wrapped.
_WRAPPED_HEADING = 20
# brackets of every kind, as field brackets and unit names mix them: [牵头单位：某局(某办)]
_OPENING_BRACKETS = frozenset("（(［[【〔〖｛{")
_CLOSING_BRACKETS = frozenset("）)］]】〕〗｝}")
_OPENER_RE = re.compile(r"[（(［\[【〔〖｛{]")
# a field bracket holds a few labels and unit lists; an opener further back is a typo
_BRACKET_REACH = 300


@dataclass(frozen=True, slots=True)
class Line:
    """One repaired paragraph: its text and the blocks it was joined from."""

    text: str
    span: SourceSpan


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence: ``…保障。``, ``…负责。）`` or ``…扩大。（商务部牵头）``."""
    stripped = _TRAILING_BRACKET_RE.sub("", text.rstrip()).rstrip(_CLOSERS + " ")
    return not stripped or stripped[-1] in _TERMINAL


def starts_new_item(text: str) -> bool:
    """True when ``text`` visibly begins something: ``2. …``, ``责任单位：…``, a title, a date."""
    return (
        number_mark(text) is not None
        or starts_with_field(text)
        or is_list_title(text)
        or is_closing(text)
    )


def open_bracket(text: str) -> bool:
    """Whether ``text`` ends inside a bracket opened in its last characters: ``…。[牵头单位：``."""
    first = _OPENER_RE.search(text, max(0, len(text) - _BRACKET_REACH))
    if first is None:  # the common case: one search in C, no scan
        return False
    depth = 0
    for char in text[first.start() :]:
        if char in _OPENING_BRACKETS:
            depth += 1
        elif char in _CLOSING_BRACKETS and depth:
            depth -= 1
    return depth > 0


def _inside_bracket(previous: str, following: str) -> bool:
    """``following`` goes on inside a bracket ``previous`` left open (see the module doc)."""
    return (
        open_bracket(previous)  # cheap, and false for nearly every line: first
        and number_mark(following) is None
        and not is_list_title(following)
        and not is_closing(following)
    )


def _is_complete_heading(text: str, following: str) -> bool:
    """A heading or title needs no punctuation; it wraps only when it filled a line.

    ``一、项目化推进`` is complete; ``（十八）加快…示范区建`` + ``设`` is a wrapped
    heading: long enough to have filled a line, and followed by a shorter
    fragment that ends no sentence (a body paragraph is a full line or more).
    """
    mark = number_mark(text)
    if mark is None:
        return is_list_title(text) or DATE_LINE_RE.match(text) is not None
    if mark.style > Numbering.CN_PAREN:
        return False
    wrapped = (
        len(text) >= _WRAPPED_HEADING
        and len(following) < len(text)
        and not ends_sentence(following)
    )
    return not wrapped


def continues(
    previous: str,
    following: str,
    last_numbers: Mapping[Numbering, int] | None = None,
    after: str = "",
) -> bool:
    """Whether ``following`` is the rest of ``previous``, split by the conversion.

    Inside running text, a number at the start of ``following`` (``0 所、投用
    20 所`` after ``中小学校 3``) starts a new item only if it continues the
    numbering seen so far in its style (``last_numbers``), or restarts it at 1.
    After a field line a number always starts a new item, so that a real gap
    in a notice's numbering is reported rather than hidden. A signature directly
    above the date line (``after``) never continues the last task.
    """
    if ends_sentence(previous) or _is_complete_heading(previous, following):
        return _inside_bracket(previous, following)
    if after and signs_off(following, after):
        return False
    mark = number_mark(following)
    if mark is not None and last_numbers is not None and not starts_with_field(previous):
        last = last_numbers.get(mark.style)
        if last is not None and mark.number not in (last + 1, 1):
            return True
    return not starts_new_item(following) or _inside_bracket(previous, following)


def repair_paragraphs(
    blocks: Iterable[Block], *, fields_end_lines: bool = False
) -> Iterator[Line | TableRow]:
    """Join broken paragraphs; table rows pass through unchanged, in order.

    ``fields_end_lines``: a field line is never continued by the next line, for
    notices whose tasks are unnumbered paragraphs under the fields of the last one.
    """
    joiner = _Joiner(fields_end_lines=fields_end_lines)
    items = list(blocks)  # one block of lookahead: a signature is known by the date below it
    for index, block in enumerate(items):
        if isinstance(block, TableRow):
            yield from joiner.flush()
            yield block
            continue
        after = items[index + 1] if index + 1 < len(items) else None
        yield from joiner.add(block, after.text.strip() if isinstance(after, Paragraph) else "")
    yield from joiner.flush()


class _Joiner:
    """Holds the paragraph being built and the last number seen in each numbering style."""

    def __init__(self, *, fields_end_lines: bool = False) -> None:
        self.fields_end_lines = fields_end_lines
        self.pending: Line | None = None
        self.last_numbers: dict[Numbering, int] = {}

    def add(self, paragraph: Paragraph, after: str = "") -> Iterator[Line]:
        text = paragraph.text.strip()
        pending = self.pending
        if pending is not None and self._continued(pending.text, text, after):
            span = SourceSpan(pending.span.start, paragraph.location)
            self.pending = Line(pending.text.rstrip() + text, span)
            return
        yield from self.flush()
        mark = number_mark(text)
        if mark is not None:
            self.last_numbers[mark.style] = mark.number
        self.pending = Line(text, SourceSpan.at(paragraph.location))

    def _continued(self, pending: str, text: str, after: str) -> bool:
        if self.fields_end_lines and starts_with_field(pending):
            return _inside_bracket(pending, text)  # a field line ends, unless a bracket is open
        return continues(pending, text, self.last_numbers, after)

    def flush(self) -> Iterator[Line]:
        if self.pending is not None:
            yield self.pending
        self.pending = None
