"""Targets and actuals in work reports and plan-execution reports.

A government work report (政府工作报告) looks back and forward at once: a
report given early in 2024 reviews 2023 (``一、2023年工作回顾``: ``全年地区生产
总值预计增长6%``) and sets 2024's targets (``二、2024年…主要预期目标``:
``地区生产总值增长7%左右``). A plan-execution report (计划执行情况报告, seed
002) does the same with ``一、2021年…规划执行情况`` and ``二、2022年…主要
预期目标`` / ``三、2022 年…主要任务和措施``. Supervision compares one year's
targets with the next report's actuals, so every figure is tagged with the
year it is about.

The year comes from the section heading (a numbered or Markdown heading
holding a year). A heading about 回顾/执行情况/完成情况 opens a review
(actuals); one about 目标/任务/重点/计划/要求 opens a plan (targets); a
heading without a year continues the current kind. A review heading without a
year is the plan year minus one, and the other way round. The paragraph
stating 主要预期目标 gives the *main* targets.

In a review, ``占年度目标的 111.5%`` and ``分别占年度任务的126%、152%`` are
not figures of their own: they are attached to the actual(s) just before as
``plan_share`` (and ``占年度投资目标 360.3 亿元`` as ``plan_value``). Figure
offsets are offsets into the text passed in.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal

from taskdoc.figures.targets import extract_targets
from taskdoc.values import Target, TargetKind

# A section heading: 一、2023年工作回顾, ## 一、2021年…执行情况, ### 2024 主要目标.
HEADING_RE = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*|[一二三四五六七八九十]{1,3}[、.．][ \t]*)(?P<title>.{0,60})$"
)
# A year in a heading or text: 2023年, 2024 主要目标.
YEAR_RE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})(?!\d)")
# A review heading: 工作回顾, 规划执行情况, 目标完成情况.
REVIEW_RE = re.compile(r"回顾|执行情况|完成情况|工作总结|过去一年|主要成效")
# A plan heading: 主要预期目标, 工作重点, 主要任务和措施, 总体要求.
PLAN_RE = re.compile(r"目标|任务|重点|计划|要求|安排|草案|打算")
# The paragraph holding the main expected targets: 主要预期目标是：….
MAIN_RE = re.compile(r"主要预期目标|主要目标|预期目标")
# A share of a plan figure, attached to the actual before it: 占年度目标的, 完成年度任务的.
PLAN_REF_RE = re.compile(r"年度(?:投资)?(?:目标|任务|计划)|市定目标|目标任务")
# Headings are short lines; a long numbered line is body text.
_MAX_HEADING = 60
# A line that ends a sentence, so the next line starts a new paragraph: …增长 3%。
_SENTENCE_END_RE = re.compile(r"[。！？：:!?；;]\**[”\"]?\**[ \t]*$")


@dataclass(frozen=True, slots=True)
class ReportTarget:
    """A target a report sets for ``year``; ``main`` for the 主要预期目标 paragraph."""

    target: Target
    year: int | None
    main: bool = False
    section: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "target": self.target.to_dict(),
            "year": self.year,
            "main": self.main,
            "section": self.section,
        }


@dataclass(frozen=True, slots=True)
class Actual:
    """A figure a report gives as achieved in ``year``.

    ``plan_share`` is the stated completion of the plan in percent
    (``占年度目标的 111.5%`` → 111.5); ``plan_value`` the plan figure itself
    when stated (``占年度投资目标 360.3 亿元的 112.4%``).
    """

    figure: Target
    year: int | None
    plan_share: Decimal | None = None
    plan_value: Target | None = None
    section: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "figure": self.figure.to_dict(),
            "year": self.year,
            "plan_share": None if self.plan_share is None else format(self.plan_share, "f"),
            "plan_value": None if self.plan_value is None else self.plan_value.to_dict(),
            "section": self.section,
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
class _Paragraph:
    text: str  # line breaks inside a sentence removed
    offsets: tuple[int, ...]  # offsets[i] is the position of text[i] in the document
    heading: bool


@dataclass(frozen=True, slots=True)
class _Section:
    kind: str  # "review", "plan" or "" (before any heading)
    year: int | None
    title: str
    paragraphs: tuple[_Paragraph, ...]


def extract_report_figures(text: str) -> ReportFigures:
    """Targets (with plan year) and actuals (with review year) of a report's text."""
    sections = _resolve_years(_sections(_paragraphs(text)), text)
    targets: list[ReportTarget] = []
    actuals: list[Actual] = []
    for section in sections:
        for paragraph in section.paragraphs:
            figures = [_relocate(t, paragraph) for t in extract_targets(paragraph.text)]
            if section.kind == "plan":
                main = bool(MAIN_RE.search(paragraph.text))
                targets.extend(ReportTarget(t, section.year, main, section.title) for t in figures)
            elif section.kind == "review":
                actuals.extend(_actuals(figures, section))
    plan_years = [s.year for s in sections if s.kind == "plan" and s.year is not None]
    review_years = [s.year for s in sections if s.kind == "review" and s.year is not None]
    return ReportFigures(
        plan_year=plan_years[0] if plan_years else None,
        review_year=review_years[0] if review_years else None,
        targets=tuple(targets),
        actuals=tuple(actuals),
    )


def _paragraphs(text: str) -> list[_Paragraph]:
    """Lines joined into paragraphs wherever a line does not end its sentence."""
    out: list[_Paragraph] = []
    chars: list[str] = []
    offsets: list[int] = []
    position = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        start = position
        position += len(line)
        if not stripped.strip():
            continue
        heading = bool(HEADING_RE.match(stripped)) and len(stripped.strip()) <= _MAX_HEADING
        if chars and (heading or _SENTENCE_END_RE.search("".join(chars[-4:]))):
            out.append(_Paragraph("".join(chars), tuple(offsets), False))
            chars, offsets = [], []
        if heading:
            out.append(_Paragraph(stripped, tuple(range(start, start + len(stripped))), True))
            continue
        chars.extend(stripped)
        offsets.extend(range(start, start + len(stripped)))
    if chars:
        out.append(_Paragraph("".join(chars), tuple(offsets), False))
    return out


def _sections(paragraphs: list[_Paragraph]) -> list[_Section]:
    sections: list[_Section] = []
    kind, year, title, body = "", None, "", []
    for paragraph in paragraphs:
        if not paragraph.heading:
            body.append(paragraph)
            continue
        new_kind = _heading_kind(paragraph.text)
        if new_kind is None:
            body.append(paragraph)  # a sub-heading such as #### 1 突出创新核心地位
            continue
        sections.append(_Section(kind, year, title, tuple(body)))
        found = YEAR_RE.search(paragraph.text)
        kind, title, body = new_kind, paragraph.text.strip(" #"), []
        year = int(found.group("year")) if found else None
    sections.append(_Section(kind, year, title, tuple(body)))
    return [s for s in sections if s.paragraphs]


def _heading_kind(title: str) -> str | None:
    if REVIEW_RE.search(title):
        return "review"
    if PLAN_RE.search(title):
        return "plan"
    return None


def _resolve_years(sections: list[_Section], text: str) -> list[_Section]:
    """Fill missing years: a review is the year before the plan, and vice versa."""
    plan = next((s.year for s in sections if s.kind == "plan" and s.year), None)
    review = next((s.year for s in sections if s.kind == "review" and s.year), None)
    if plan is None and review is not None:
        plan = review + 1
    if review is None and plan is not None:
        review = plan - 1
    if plan is None:
        years = Counter(int(m.group("year")) for m in YEAR_RE.finditer(text[:2000]))
        plan = years.most_common(1)[0][0] if years else None
        review = None if plan is None else plan - 1
    out = []
    for section in sections:
        year = section.year or (review if section.kind == "review" else plan)
        out.append(replace(section, year=year))
    return out


def _relocate(target: Target, paragraph: _Paragraph) -> Target:
    """Map offsets in the joined paragraph back to offsets in the document."""
    start = (
        paragraph.offsets[target.start]
        if target.start < len(paragraph.offsets)
        else paragraph.offsets[-1]
    )
    end = paragraph.offsets[target.end - 1] + 1 if target.end > 0 else start
    return replace(target, start=start, end=end)


def _actuals(figures: list[Target], section: _Section) -> list[Actual]:
    """Review figures as actuals, with plan shares attached to the figures they qualify."""
    out: list[Actual] = []
    pending_shares: list[Target] = []
    for figure in figures:
        if PLAN_REF_RE.search(figure.metric) and out:
            if figure.kind is TargetKind.SHARE and figure.normalized_unit == "%":
                pending_shares.append(figure)
                continue
            out[-1] = replace(out[-1], plan_value=figure)
            continue
        _attach_shares(out, pending_shares)
        out.append(Actual(figure, section.year, section=section.title))
    _attach_shares(out, pending_shares)
    return out


def _attach_shares(out: list[Actual], shares: list[Target]) -> None:
    """Give the last len(shares) actuals their 占年度目标的 percentages, in order."""
    if not shares:
        return
    targets = out[-len(shares) :] if len(out) >= len(shares) else out[-1:]
    for i, share in enumerate(shares[: len(targets)]):
        index = len(out) - len(targets) + i
        out[index] = replace(out[index], plan_share=share.value)
    shares.clear()
