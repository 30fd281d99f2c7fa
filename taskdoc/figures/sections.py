"""A report's text as headed sections, each with what it is about: a review, progress or a plan.

A government work report given early in 2024 reviews 2023 (``一、2023年工作回顾``)
and sets 2024's targets (``二、2024年…主要预期目标``); a plan-execution report does
the same with ``…规划执行情况`` / ``…计划（草案）``; a bulletin or an in-year report
says how the year is going (``一、2023年重点工作前三季度落实情况``). Each heading
(a numbered ``一、`` or Markdown ``##`` line) opens a section of one kind:

* ``review`` — actuals of a past year (回顾, 执行情况, 完成情况…);
* ``progress`` — actuals of the current year so far: a review word with a
  period of the year (上半年完成情况, 前三季度落实情况, 1-9月进展情况);
* ``plan`` — targets (目标, 任务, 重点, 计划…).

A heading that is none of these (``#### 1 突出创新核心地位``) continues its section;
a short unnumbered line naming one after a finished sentence (``2024 主要目标``, as
a reader leaves a Markdown heading) is a heading too.
The text before the first such heading, and a document without any, gets the
``lead`` kind the caller gives (from the document's genre): a report page that
starts mid-review is a review, a bulletin opening 今年以来… is progress.

Years: a heading's own year, else a review is the plan year minus one and the
plan the review year plus one; progress is the document's own year (never the
plan year minus one); failing all, the commonest year near the start.
The words are in :mod:`taskdoc.lexicon.reports`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from taskdoc.docvalues import Period
from taskdoc.figures.periods import period_of
from taskdoc.lexicon.figures import alternation
from taskdoc.lexicon.reports import (
    IN_YEAR_WORDS,
    MAIN_WORDS,
    PLAN_HEADING_WORDS,
    REVIEW_HEADING_WORDS,
)

# A section heading: 一、2023年工作回顾, ## 一、2021年…执行情况, ### 2024 主要目标.
HEADING_RE = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*|[一二三四五六七八九十]{1,3}[、.．][ \t]*)(?P<title>.{0,60})$"
)
# A year in a heading or text: 2023年, 2024 主要目标.
YEAR_RE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})(?!\d)")
REVIEW_RE = re.compile(alternation(REVIEW_HEADING_WORDS))
PLAN_RE = re.compile(alternation(PLAN_HEADING_WORDS))
IN_YEAR_RE = re.compile(alternation(IN_YEAR_WORDS))
MAIN_RE = re.compile(alternation(MAIN_WORDS))
# Headings are short lines; a long numbered line is body text.
_MAX_HEADING = 60
# An unnumbered heading is shorter still, and has no punctuation at all.
_MAX_PLAIN_HEADING = 30
_PUNCTUATION_RE = re.compile(r"[，。；：,;:、！？!?]")
# A numbered line that is a sentence (一、…共15个,现已全部开工。) is body text, not a heading.
_SENTENCE_LINE_RE = re.compile(r"[，,].*[。；！？]\s*$")
# A line that ends a sentence, so the next line starts a new paragraph: …增长 3%。
_SENTENCE_END_RE = re.compile(r"[。！？：:!?；;]\**[”\"]?\**[ \t]*$")
# How far into the text the commonest year is looked for when no heading has one.
_YEAR_WINDOW = 2000


class SectionKind(StrEnum):
    LEAD = "lead"  # before the first heading (or no heading at all)
    REVIEW = "review"
    PROGRESS = "progress"
    PLAN = "plan"


@dataclass(frozen=True, slots=True)
class TextParagraph:
    """A paragraph of the text: its lines joined, and each character's offset in the text."""

    text: str
    offsets: tuple[int, ...]
    heading: bool


@dataclass(frozen=True, slots=True)
class Section:
    """A run of paragraphs under one heading; ``main`` for a 主要目标 heading."""

    kind: SectionKind
    year: int | None
    title: str
    paragraphs: tuple[TextParagraph, ...]
    period: Period | None = None
    main: bool = False


def paragraphs_of(text: str) -> list[TextParagraph]:
    """Lines joined into paragraphs wherever a line does not end its sentence."""
    out: list[TextParagraph] = []
    chars: list[str] = []
    offsets: list[int] = []
    position = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        start = position
        position += len(line)
        if not stripped.strip():
            continue
        ended = not chars or bool(_SENTENCE_END_RE.search("".join(chars[-4:])))
        heading = is_heading(stripped) or (ended and is_plain_heading(stripped))
        if chars and (heading or ended):
            out.append(TextParagraph("".join(chars), tuple(offsets), False))
            chars, offsets = [], []
        if heading:
            out.append(TextParagraph(stripped, tuple(range(start, start + len(stripped))), True))
            continue
        chars.extend(stripped)
        offsets.extend(range(start, start + len(stripped)))
    if chars:
        out.append(TextParagraph("".join(chars), tuple(offsets), False))
    return out


def is_heading(line: str) -> bool:
    text = line.strip()
    return (
        bool(HEADING_RE.match(line))
        and len(text) <= _MAX_HEADING
        and not _SENTENCE_LINE_RE.search(text)
    )


def is_plain_heading(line: str) -> bool:
    """A heading without a number (Markdown marks already removed): ``2024 主要目标``.

    Only a short line without punctuation that names a review or a plan, standing
    after a finished sentence (so never the wrapped half of one).
    """
    text = line.strip()
    return (
        len(text) <= _MAX_PLAIN_HEADING
        and not _PUNCTUATION_RE.search(text)
        and heading_kind(text) is not None
    )


def heading_kind(title: str) -> SectionKind | None:
    """What a heading opens: progress, a review, a plan, or nothing (a sub-heading)."""
    if REVIEW_RE.search(title):
        return SectionKind.PROGRESS if IN_YEAR_RE.search(title) else SectionKind.REVIEW
    if PLAN_RE.search(title):
        return SectionKind.PLAN
    return None


def sections_of(
    paragraphs: Sequence[TextParagraph],
    text: str,
    *,
    lead: SectionKind | None = None,
    year: int | None = None,
) -> list[Section]:
    """The sections of *paragraphs*; *lead* is the kind of the text before any heading.

    Without *lead*, the text before the first heading is a review when the first
    heading opens a plan (a page that starts mid-review), else lead text. *year*
    is the document's own year (progress sections take it). With a *lead* of
    progress (a bulletin), a review heading of the document's own year (or of none:
    ``某某县重点工作推进情况``) opens progress too.
    """
    sections = _split(paragraphs)
    first = next((s.kind for s in sections if s.kind is not SectionKind.LEAD), None)
    if lead is None:
        lead = SectionKind.REVIEW if first is SectionKind.PLAN else SectionKind.LEAD
    sections = [replace(s, kind=lead) if s.kind is SectionKind.LEAD else s for s in sections]
    if lead is SectionKind.PROGRESS:  # a bulletin: a 完成情况 of its own year is progress
        sections = [_as_progress(s, year) for s in sections]
    return _resolve_years(sections, text, year)


def _as_progress(section: Section, year: int | None) -> Section:
    if section.kind is SectionKind.REVIEW and section.year in (None, year):
        return replace(section, kind=SectionKind.PROGRESS, period=period_of(section.title))
    return section


def _split(paragraphs: Sequence[TextParagraph]) -> list[Section]:
    sections: list[Section] = []
    current = Section(SectionKind.LEAD, None, "", ())
    body: list[TextParagraph] = []
    for paragraph in paragraphs:
        kind = heading_kind(paragraph.text) if paragraph.heading else None
        if kind is None:
            body.append(paragraph)  # body text, or a sub-heading such as #### 1 突出创新核心地位
            continue
        sections.append(replace(current, paragraphs=tuple(body)))
        title = paragraph.text.strip(" #")
        found = YEAR_RE.search(title)
        current = Section(
            kind,
            int(found.group("year")) if found else None,
            title,
            (),
            period_of(title) if kind is SectionKind.PROGRESS else None,
            bool(MAIN_RE.search(title)),
        )
        body = []
    sections.append(replace(current, paragraphs=tuple(body)))
    return [s for s in sections if s.paragraphs]


def _resolve_years(sections: list[Section], text: str, year: int | None) -> list[Section]:
    """Fill missing years: a review is the year before the plan, and vice versa."""
    plan = next((s.year for s in sections if s.kind is SectionKind.PLAN and s.year), None)
    review = next((s.year for s in sections if s.kind is SectionKind.REVIEW and s.year), None)
    if plan is None and review is not None:
        plan = review + 1
    if review is None and plan is not None:
        review = plan - 1
    if plan is None:
        plan = year or _commonest_year(text)
        review = None if plan is None else plan - 1
    current = year or plan
    by_kind = {
        SectionKind.REVIEW: review,
        SectionKind.PLAN: plan,
        SectionKind.PROGRESS: current,
        SectionKind.LEAD: current,
    }
    return [replace(s, year=s.year or by_kind[s.kind]) for s in sections]


def _commonest_year(text: str) -> int | None:
    years = Counter(int(m.group("year")) for m in YEAR_RE.finditer(text[:_YEAR_WINDOW]))
    return years.most_common(1)[0][0] if years else None


def plan_year(sections: Sequence[Section]) -> int | None:
    return next((s.year for s in sections if s.kind is SectionKind.PLAN and s.year), None)


def review_year(sections: Sequence[Section]) -> int | None:
    return next((s.year for s in sections if s.kind is SectionKind.REVIEW and s.year), None)
