"""The document-level figures of a parse: targets and actuals of the whole document.

For a decomposition notice they are its tasks' targets, lifted to the document
with the plan year (``task`` says whose); the targets of the task that lists the
headline indicators (地区生产总值, 固定资产投资… — the 主要预期目标 the notice
decomposes) are flagged ``main``. For a report or a bulletin they are read from
its text (:mod:`taskdoc.figures.reports`) and its tables
(:mod:`taskdoc.figures.tablefigures`); a bulletin's text before any heading is
progress of the document's own year.

Every figure keeps the sentence it stands in (its offsets are re-based on that
sentence) and the span of lines the sentence covers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from taskdoc.docvalues import DocumentActual, DocumentKind, DocumentTarget, Period
from taskdoc.figures.items import SENTENCE_DELIMS
from taskdoc.figures.periods import find_periods, period_of
from taskdoc.figures.reports import read_report
from taskdoc.figures.roles import Found, Role
from taskdoc.figures.sections import YEAR_RE, SectionKind, TextParagraph
from taskdoc.figures.tablefigures import TableFigure, read_tables
from taskdoc.lexicon.figures import alternation
from taskdoc.lexicon.reports import HEADLINE_METRICS
from taskdoc.model import Block, Location, Paragraph, Task
from taskdoc.spans import SourceSpan
from taskdoc.values import Target, TargetKind

HEADLINE_RE = re.compile(alternation(HEADLINE_METRICS))
# A task listing this many headline indicators is the list of main targets.
_MAIN_LIST = 3


@dataclass(frozen=True, slots=True)
class DocumentFigures:
    """What the document states as a whole; ``year`` is the year it is about."""

    targets: tuple[DocumentTarget, ...] = ()
    actuals: tuple[DocumentActual, ...] = ()
    year: int | None = None


def notice_targets(tasks: Sequence[Task], *, year: int | None) -> tuple[DocumentTarget, ...]:
    """The tasks' targets as the notice's, the headline list flagged ``main``."""
    out: list[DocumentTarget] = []
    for index, task in enumerate(tasks):
        headline = [t for t in task.targets if t.is_quantitative and HEADLINE_RE.search(t.metric)]
        main = len(headline) >= _MAIN_LIST
        section = task.section_path[-1] if task.section_path else task.list
        for target in task.targets:
            sentence, moved = _in_sentence(task.text, target)
            period = _period_before(sentence, moved)
            out.append(
                DocumentTarget(
                    moved,
                    year,
                    sentence,
                    task.span,
                    main=main and target in headline,
                    section=section,
                    task=index,
                    period=period,
                )
            )
    return tuple(out)


def report_figures(
    blocks: Sequence[Block], *, kind: DocumentKind, tasks: Sequence[Task], title: str
) -> DocumentFigures:
    """Targets and actuals of a report's or a bulletin's text and tables."""
    tables = read_tables(blocks)
    paragraphs = [
        b for i, b in enumerate(blocks) if isinstance(b, Paragraph) and i not in tables.consumed
    ]
    text = "\n".join(p.text for p in paragraphs)
    bulletin = kind is DocumentKind.BULLETIN
    year = _title_year(title) if bulletin else None
    reading = read_report(
        text,
        lead=SectionKind.PROGRESS if bulletin else None,
        year=year or (_commonest_year(text) if bulletin else None),
        period=period_of(title) if bulletin else None,
    )
    year = year or reading.plan_year or (reading.found[0].year if reading.found else None)
    where = _Where(paragraphs)
    targets: list[DocumentTarget] = []
    actuals: list[DocumentActual] = []
    for found in reading.found:
        if found.role is Role.TARGET:
            targets.append(_text_target(found, where))
        else:
            actuals.append(_text_actual(found, where))
    rows = {(t.span.start.table, t.span.start.row): i for i, t in enumerate(tasks)}
    for figure in tables.figures:
        task = rows.get(figure.row) if figure.row[0] is not None else None
        if figure.target:
            targets.append(_table_target(figure, figure.year or year, task))
        else:
            actuals.append(_table_actual(figure, figure.year or year, task))
    targets.sort(key=lambda t: _order(t.span))
    actuals.sort(key=lambda a: _order(a.span))
    return DocumentFigures(tuple(targets), tuple(actuals), year)


def _order(span: SourceSpan) -> tuple[int, int, int]:
    start = span.start
    return (start.page or 0, start.line or start.paragraph or 0, start.column or 0)


def _title_year(title: str) -> int | None:
    found = YEAR_RE.search(title)
    return int(found.group("year")) if found else None


def _commonest_year(text: str) -> int | None:
    years = [int(m.group("year")) for m in YEAR_RE.finditer(text[:2000])]
    return max(set(years), key=years.count) if years else None


class _Where:
    """Where a character of the joined paragraphs stands in the file."""

    def __init__(self, paragraphs: Sequence[Paragraph]) -> None:
        self._starts: list[int] = []
        self._locations: list[Location] = []
        position = 0
        for paragraph in paragraphs:
            self._starts.append(position)
            self._locations.append(paragraph.location)
            position += len(paragraph.text) + 1

    def at(self, offset: int) -> Location:
        index = max(bisect_right(self._starts, offset) - 1, 0)
        return self._locations[index] if self._locations else Location()


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of *text* holding ``text[start:end]`` (widened to hold all of it)."""
    first = max((text.rfind(d, 0, start) for d in SENTENCE_DELIMS), default=-1) + 1
    last = len(text)
    for d in SENTENCE_DELIMS:
        found = text.find(d, max(end - 1, first))
        if found != -1:
            last = min(last, found + 1)
    return min(first, start), max(last, end)


def _in_sentence(text: str, target: Target) -> tuple[str, Target]:
    """*target*'s sentence of *text*, and the target with offsets into that sentence."""
    first, last = _sentence_bounds(text, target.start, target.end)
    return text[first:last], _moved(target, -first)


def _moved(target: Target, by: int) -> Target:
    return replace(target, start=target.start + by, end=target.end + by)


def _period_before(sentence: str, target: Target) -> Period | None:
    if target.kind is TargetKind.QUALITATIVE:
        return None
    before = [p for _, end, p in find_periods(sentence) if end <= target.end]
    return before[-1] if before else None


def _found_sentence(found: Found, where: _Where) -> tuple[str, SourceSpan, int]:
    """The sentence of a figure read from text, its span, and where it starts in the paragraph."""
    paragraph: TextParagraph = found.paragraph
    first, last = _sentence_bounds(paragraph.text, found.figure.start, found.figure.end)
    for extra in (found.plan_value, found.difference):
        if extra is not None:
            first, last = min(first, extra.start), max(last, extra.end)
    span = SourceSpan(where.at(paragraph.offsets[first]), where.at(paragraph.offsets[last - 1]))
    return paragraph.text[first:last], span, first


def _text_target(found: Found, where: _Where) -> DocumentTarget:
    sentence, span, first = _found_sentence(found, where)
    return DocumentTarget(
        _moved(found.figure, -first),
        found.year,
        sentence,
        span,
        main=found.main,
        section=found.section,
        period=found.period,
    )


def _text_actual(found: Found, where: _Where) -> DocumentActual:
    sentence, span, first = _found_sentence(found, where)
    return DocumentActual(
        _moved(found.figure, -first),
        found.year,
        sentence,
        span,
        period=found.period,
        plan_share=found.plan_share,
        plan_value=None if found.plan_value is None else _moved(found.plan_value, -first),
        difference=None if found.difference is None else _moved(found.difference, -first),
        section=found.section,
    )


def _table_target(figure: TableFigure, year: int | None, task: int | None) -> DocumentTarget:
    span = SourceSpan.at(figure.location)
    return DocumentTarget(
        figure.figure, year, figure.sentence, span, task=task, period=figure.period
    )


def _table_actual(figure: TableFigure, year: int | None, task: int | None) -> DocumentActual:
    return DocumentActual(
        figure.figure,
        year,
        figure.sentence,
        SourceSpan.at(figure.location),
        period=figure.period,
        plan_share=figure.plan_share,
        plan_value=figure.plan_value,
        difference=figure.difference,
        task=task,
    )
