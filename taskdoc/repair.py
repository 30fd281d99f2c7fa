"""Undo the damage that PDF-to-text conversion does to paragraphs.

A converted notice breaks paragraphs wherever a page (or a line) ended:
``全力`` / ``打造国际文旅…``, ``开发区管`` / ``委会``. Word documents do not,
but the same rule is harmless there. The rule: a paragraph that does not end
a sentence is continued by the next one, unless the next one visibly starts
something new (a numbered item, a field label, a list title, a date, a
closing line). A short numbered heading (``一、项目化推进``) is complete on
its own even without punctuation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from taskdoc.markers import (
    COLOPHON_RE,
    DATE_LINE_RE,
    Numbering,
    is_list_title,
    number_mark,
    starts_with_field,
)
from taskdoc.model import Block, Paragraph, SourceSpan, TableRow

# A sentence (or a field such as 联系人：) is complete when the paragraph ends with one of these.
_TERMINAL = "。！？；：!?;:"
_CLOSERS = "”’\"'）)】」』"
# Headings wrap only when longer than a PDF line holds (about 35 CJK characters).
_SHORT_HEADING = 30


@dataclass(frozen=True, slots=True)
class Line:
    """One repaired paragraph: its text and the blocks it was joined from."""

    text: str
    span: SourceSpan


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence: ``…保障。`` or ``…负责。）``."""
    stripped = text.rstrip(_CLOSERS + " ")
    return not stripped or stripped[-1] in _TERMINAL


def starts_new_item(text: str) -> bool:
    """True when ``text`` visibly begins something: ``2. …``, ``责任单位：…``, a title, a date."""
    return (
        number_mark(text) is not None
        or starts_with_field(text)
        or is_list_title(text)
        or DATE_LINE_RE.match(text) is not None
        or COLOPHON_RE.match(text) is not None
    )


def _is_complete_heading(text: str) -> bool:
    mark = number_mark(text)
    if mark is None:
        return is_list_title(text) or DATE_LINE_RE.match(text) is not None
    return mark.style <= Numbering.CN_PAREN and len(text) < _SHORT_HEADING


def continues(previous: str, following: str) -> bool:
    """Whether ``following`` is the rest of ``previous``, split by the conversion."""
    if ends_sentence(previous) or _is_complete_heading(previous):
        return False
    return not starts_new_item(following)


def repair_paragraphs(blocks: Iterable[Block]) -> Iterator[Line | TableRow]:
    """Join broken paragraphs; table rows pass through unchanged, in order."""
    pending: Line | None = None
    for block in blocks:
        if isinstance(block, TableRow):
            if pending is not None:
                yield pending
                pending = None
            yield block
            continue
        pending, complete = _absorb(pending, block)
        if complete is not None:
            yield complete
    if pending is not None:
        yield pending


def _absorb(pending: Line | None, paragraph: Paragraph) -> tuple[Line, Line | None]:
    """Add ``paragraph`` to ``pending`` or start a new line; return (pending, finished)."""
    text = paragraph.text.strip()
    if pending is not None and continues(pending.text, text):
        span = SourceSpan(pending.span.start, paragraph.location)
        return Line(pending.text.rstrip() + text, span), None
    return Line(text, SourceSpan.at(paragraph.location)), pending
