"""Targets and actuals in work reports, plan-execution reports and bulletins.

A government work report (政府工作报告) looks back and forward at once: a
report given early in 2024 reviews 2023 (``一、2023年工作回顾``: ``全年地区生产
总值预计增长6%``) and sets 2024's targets (``二、2024年…主要预期目标``:
``地区生产总值增长7%左右``). A plan-execution report (计划执行情况报告, seed
002) does the same with ``一、2021年…规划执行情况`` and ``二、2022年…主要
预期目标``; a bulletin reports the year so far (``1-9月，…增长6.2%``).
Supervision compares one year's targets with the actuals reported on them, so
every figure is tagged with the year (and, for an actual, the period) it is about.

Sections and their years come from :mod:`taskdoc.figures.sections`: a review or
progress section gives actuals, a plan section targets; text before any heading
is what the caller's ``lead`` says, and where that is undecided each clause
decides by its words (力争, 确保, 计划… make a target). A sentence that opens with
its year (``2020年，…``, ``截至2020年12月底``) overrides the section's year; the
period is the last one named before the figure in its sentence (``上半年5.5%、
前三季度6%``), else the section's, else the whole year of a review.

Figures that only qualify an actual are attached to it, never reported on their
own: ``占年度目标的 111.5%`` / ``分别占年度任务的126%、152%`` (``plan_share``),
``占年度投资目标 360.3 亿元的`` / ``完成年计划12亿元的85%`` (``plan_value``),
``低于目标0.5个百分点`` (``difference``); a plan figure stated on its own
(``年度计划投资2.47亿元``) is a target and the plan of the next actual of its unit.
Those decisions, figure by figure, are in :mod:`taskdoc.figures.roles`.

:func:`read_report` returns figures with offsets into their paragraph, for the
pipeline; :func:`extract_report_figures` relocates them into the text passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from taskdoc.docvalues import Period
from taskdoc.figures.items import SENTENCE_DELIMS
from taskdoc.figures.periods import find_periods
from taskdoc.figures.roles import Found, Role, SentenceReader, role_of
from taskdoc.figures.sections import (
    Section,
    SectionKind,
    TextParagraph,
    paragraphs_of,
    plan_year,
    review_year,
    sections_of,
)
from taskdoc.figures.targets import extract_targets
from taskdoc.values import Target

# A sentence that states its year: 2020年，… / 截至2020年12月底 / 到2025年，….
SENTENCE_YEAR_RE = re.compile(
    r"^[ \t]*(?:到|至)?(?P<lead>(?:19|20)\d{2})[ \t]*年(?:度|底|末)?[，,、]"
    r"|截[至止][ \t]*(?P<until>(?:19|20)\d{2})[ \t]*年"
)


@dataclass(frozen=True, slots=True)
class ReportTarget:
    """A target a report sets for ``year``; ``main`` for the 主要预期目标 paragraph."""

    target: Target
    year: int | None
    main: bool = False
    section: str = ""
    period: Period | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "target": self.target.to_dict(),
            "year": self.year,
            "main": self.main,
            "section": self.section,
            "period": None if self.period is None else self.period.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Actual:
    """A figure a report gives as achieved in ``year`` (over ``period``).

    ``plan_share`` is the stated completion of the plan in percent
    (``占年度目标的 111.5%`` → 111.5); ``plan_value`` the plan figure itself
    when stated (``占年度投资目标 360.3 亿元的 112.4%``); ``difference`` a stated
    gap (``低于目标0.5个百分点``).
    """

    figure: Target
    year: int | None
    plan_share: Decimal | None = None
    plan_value: Target | None = None
    section: str = ""
    period: Period | None = None
    difference: Target | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "figure": self.figure.to_dict(),
            "year": self.year,
            "plan_share": None if self.plan_share is None else format(self.plan_share, "f"),
            "plan_value": None if self.plan_value is None else self.plan_value.to_dict(),
            "section": self.section,
            "period": None if self.period is None else self.period.to_dict(),
            "difference": None if self.difference is None else self.difference.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class ReportFigures:
    """All targets and actuals of one report, with the years they refer to."""

    plan_year: int | None
    review_year: int | None
    targets: tuple[ReportTarget, ...]
    actuals: tuple[Actual, ...]

    @property
    def main_targets(self) -> tuple[ReportTarget, ...]:
        return tuple(t for t in self.targets if t.main)

    def to_dict(self) -> dict[str, object]:
        return {
            "plan_year": self.plan_year,
            "review_year": self.review_year,
            "targets": [t.to_dict() for t in self.targets],
            "actuals": [a.to_dict() for a in self.actuals],
        }


@dataclass(frozen=True, slots=True)
class ReportReading:
    """What :func:`read_report` found: the figures in text order, and the years."""

    found: tuple[Found, ...]
    plan_year: int | None
    review_year: int | None
    sections: tuple[Section, ...] = field(default=())


def extract_report_figures(text: str) -> ReportFigures:
    """Targets (with plan year) and actuals (with review year) of a report's text."""
    reading = read_report(text)
    targets = [
        ReportTarget(_relocate(f.figure, f.paragraph), f.year, f.main, f.section, f.period)
        for f in reading.found
        if f.role is Role.TARGET
    ]
    actuals = [
        Actual(
            _relocate(f.figure, f.paragraph),
            f.year,
            f.plan_share,
            None if f.plan_value is None else _relocate(f.plan_value, f.paragraph),
            f.section,
            f.period,
            None if f.difference is None else _relocate(f.difference, f.paragraph),
        )
        for f in reading.found
        if f.role is Role.ACTUAL
    ]
    return ReportFigures(reading.plan_year, reading.review_year, tuple(targets), tuple(actuals))


def read_report(
    text: str,
    *,
    lead: SectionKind | None = None,
    year: int | None = None,
    period: Period | None = None,
) -> ReportReading:
    """Every figure of *text* with its role, year and period (see the module docstring).

    *lead* is the kind of the text before any heading, *year* the document's
    own year and *period* the one its title names (``一季度进展情况表``).
    """
    sections = sections_of(paragraphs_of(text), text, lead=lead, year=year)
    found: list[Found] = []
    for section in sections:
        for paragraph in section.paragraphs:
            if not paragraph.heading:
                found.extend(_paragraph_figures(paragraph, section, period))
    return ReportReading(tuple(found), plan_year(sections), review_year(sections), tuple(sections))


def _paragraph_figures(
    paragraph: TextParagraph, section: Section, period: Period | None
) -> list[Found]:
    text = paragraph.text
    figures = list(extract_targets(text))
    out: list[Found] = []
    actuals: list[Found] = []  # this paragraph's actuals, for shares stated after a list
    carried = period  # a period opening a sentence (1-2月，…) holds for the paragraph
    for start, end in _sentences(text):
        in_sentence = [f for f in figures if start <= f.start < end]
        year = _sentence_year(text[start:end]) or section.year
        periods = [(s + start, e + start, p) for s, e, p in find_periods(text[start:end])]
        state = SentenceReader(paragraph, section, year, periods, carried, actuals)
        for figure in in_sentence:
            state.add(figure, role_of(section, text, start, figure))
        state.flush()
        out.extend(state.out)
        first = in_sentence[0].start if in_sentence else end
        opening = [p for s, _, p in periods if s < first]
        carried = opening[-1] if opening else carried
    return out


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i, char in enumerate(text):
        if char in SENTENCE_DELIMS:
            spans.append((start, i + 1))
            start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _sentence_year(sentence: str) -> int | None:
    m = SENTENCE_YEAR_RE.search(sentence)
    if m is None:
        return None
    return int(m.group("lead") or m.group("until"))


def _relocate(target: Target, paragraph: TextParagraph) -> Target:
    """Map offsets in the joined paragraph back to offsets in the document."""
    offsets = paragraph.offsets
    start = offsets[target.start] if target.start < len(offsets) else offsets[-1]
    end = offsets[target.end - 1] + 1 if target.end > 0 else start
    return replace(target, start=start, end=end)
