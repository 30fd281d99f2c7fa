"""What each figure of a report's sentence is: a target, an actual, or what qualifies an actual.

:mod:`taskdoc.figures.reports` reads a report sentence by sentence; this module
decides, figure by figure, in the order they stand:

* the **role** (:func:`role_of`): a review gives actuals, a plan targets; the
  year's progress and text before any heading decide clause by clause (a word of
  intent — 力争, 确保, 计划 — and none of result makes a target); a project named
  in quotes with its quantity is always a target;
* what only **qualifies** an actual (:class:`SentenceReader`): ``占年度目标的
  111.5%`` (its ``plan_share``), ``占年度投资目标 360.3 亿元的`` / ``完成年计划12亿元
  的85%`` (its ``plan_value``; with no actual before it, the share is the actual of
  the subject named before 完成年计划), ``低于目标0.5个百分点`` (its ``difference``);
  a plan figure stated on its own (``年度计划投资2.47亿元``) is a target and the
  plan of the next actual of its unit.

The words are in :mod:`taskdoc.lexicon.reports`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from taskdoc.docvalues import Period
from taskdoc.figures.periods import whole_year
from taskdoc.figures.sections import MAIN_RE, Section, SectionKind, TextParagraph
from taskdoc.figures.targets import in_quoted_task
from taskdoc.lexicon.figures import alternation
from taskdoc.lexicon.reports import (
    DIFFERENCE_BASES,
    DIFFERENCE_VERBS_ABOVE,
    DIFFERENCE_VERBS_BELOW,
    PLAN_CUE_WORDS,
    PLAN_REF_WORDS,
    RESULT_CUE_WORDS,
)
from taskdoc.values import Comparator, Target, TargetKind

# A plan figure named in a metric: 占年度目标的, 完成年计划, 年度投资目标.
PLAN_REF_RE = re.compile(alternation(PLAN_REF_WORDS))
# The subject before a plan reference: 固定资产投资完成年计划 → 固定资产投资.
_SUBJECT_CUT_RE = re.compile(rf"(?:完成|占|达到|为|超)?(?:{alternation(PLAN_REF_WORDS)}).*$|^占")
# A gap to a target or benchmark: 低于目标, 高于全省平均水平.
DIFFERENCE_RE = re.compile(
    rf"^(?P<verb>{alternation((*DIFFERENCE_VERBS_BELOW, *DIFFERENCE_VERBS_ABOVE))})"
    rf"(?P<base>{alternation(DIFFERENCE_BASES)})?$"
)
_BELOW = frozenset(DIFFERENCE_VERBS_BELOW)
PLAN_CUE_RE = re.compile(alternation(PLAN_CUE_WORDS))
RESULT_CUE_RE = re.compile(alternation(RESULT_CUE_WORDS))
_CLAUSE_CHARS = "，,；;。"
_GAP_UNITS = ("个百分点", "%")


class Role(StrEnum):
    TARGET = "target"
    ACTUAL = "actual"


@dataclass(slots=True)
class Found:
    """One figure read in its section; offsets of every Target are into ``paragraph.text``."""

    figure: Target
    paragraph: TextParagraph
    role: Role
    year: int | None
    section: str
    main: bool = False
    period: Period | None = None
    plan_share: Decimal | None = None
    plan_value: Target | None = None
    difference: Target | None = None


def role_of(section: Section, text: str, sentence_start: int, figure: Target) -> Role:
    """A review gives actuals, a plan targets; progress and lead text decide clause by clause.

    In the year's progress (and text before any heading) a clause with a word of
    intent (力争, 确保, 计划…) and none of result (已, 同比…) is a target for the
    rest of the year: ``全县新建5G基站320个；力争全年新建500个以上``.

    A project named in quotes with its quantity states its target wherever it
    stands (“完成回迁安置857户以上”(市住建局)…曾因过程性滞后被通报).
    """
    if in_quoted_task(text, figure.end - 1):
        return Role.TARGET
    if section.kind is SectionKind.REVIEW:
        return Role.ACTUAL
    if section.kind is SectionKind.PLAN:
        return Role.TARGET
    clause_start = max(
        (text.rfind(char, sentence_start, figure.start) + 1 for char in _CLAUSE_CHARS),
        default=sentence_start,
    )
    # 完成年计划, 占年度计划的 name the plan of a result: no word of intent
    clause = PLAN_REF_RE.sub("", text[max(clause_start, sentence_start) : figure.end])
    if PLAN_CUE_RE.search(clause) and not RESULT_CUE_RE.search(clause):
        return Role.TARGET
    return Role.ACTUAL


@dataclass(slots=True)
class SentenceReader:
    """The figures of one sentence as they are read, with what is waiting to be attached."""

    paragraph: TextParagraph
    section: Section
    year: int | None
    periods: list[tuple[int, int, Period]]
    default_period: Period | None
    actuals: list[Found]
    out: list[Found] = field(default_factory=list)
    shares: list[Target] = field(default_factory=list)
    reference: Target | None = None  # 完成年计划12亿元的…: waits for its share
    plan: Target | None = None  # 年度计划投资2.47亿元: the plan of the next actual

    def add(self, figure: Target, role: Role) -> None:
        if role is Role.TARGET:
            self._target(figure)
        elif not self._qualifies(figure):
            self._attach_shares()
            self._actual(figure)

    def flush(self) -> None:
        self._attach_shares()

    def _target(self, figure: Target) -> None:
        main = self.section.main or bool(MAIN_RE.search(self.paragraph.text))
        main = main and self.section.kind is SectionKind.PLAN
        period = self._period(figure, Role.TARGET)
        self.out.append(
            Found(figure, self.paragraph, Role.TARGET, self.year, self.section.title, main, period)
        )

    def _actual(self, figure: Target, **extra: object) -> Found:
        found = Found(
            figure,
            self.paragraph,
            Role.ACTUAL,
            self.year,
            self.section.title,
            period=self._period(figure, Role.ACTUAL),
        )
        for key, value in extra.items():
            setattr(found, key, value)
        if self.plan is not None and _same_unit(self.plan, figure) and found.plan_value is None:
            found.plan_value, self.plan = self.plan, None
        self.out.append(found)
        self.actuals.append(found)
        return found

    def _qualifies(self, figure: Target) -> bool:
        """Whether *figure* only qualifies an actual (attached, or kept waiting): True if so."""
        gap = DIFFERENCE_RE.match(figure.metric)
        if gap and figure.unit in _GAP_UNITS and self.actuals:
            below = gap.group("verb") in _BELOW
            comparator = Comparator.AT_MOST if below else Comparator.AT_LEAST
            self.actuals[-1].difference = replace(
                figure, metric=gap.group("base") or "", comparator=comparator
            )
            return True
        if not PLAN_REF_RE.search(figure.metric):
            return False
        if figure.kind is TargetKind.SHARE and figure.normalized_unit == "%":
            return self._plan_share(figure)
        if self.paragraph.text[figure.end : figure.end + 1] == "的":
            previous = self.actuals[-1] if self.actuals else None
            if previous and previous.plan_value is None and _same_unit(previous.figure, figure):
                previous.plan_value = figure  # 占年度投资目标 360.3 亿元的 112.4%
            else:
                self.reference = figure  # 固定资产投资完成年计划120亿元的76.5%
            return True
        if not PLAN_REF_RE.match(figure.metric):
            return False  # 8个项目完成年度目标: a count of what met its plan
        self._target(figure)  # 年度计划投资2.47亿元: a plan stated on its own…
        self.plan = figure  # …and the plan of the next actual of its unit
        return True

    def _plan_share(self, share: Target) -> bool:
        if self.reference is not None:
            reference, self.reference = self.reference, None
            subject = _subject(reference.metric) or _subject(share.metric)
            self._actual(
                replace(share, metric=subject), plan_share=share.value, plan_value=reference
            )
            return True
        if self.actuals:
            self.shares.append(share)  # 占年度目标的 111.5%, attached to the actual(s) before
            return True
        subject = _subject(share.metric)  # 30个省市重点项目完成年度目标的108.7%
        self._actual(replace(share, metric=subject), plan_share=share.value)
        return True

    def _attach_shares(self) -> None:
        """Give the last len(shares) actuals their 占年度目标的 percentages, in order."""
        shares, self.shares = self.shares, []
        if not shares:
            return
        targets = self.actuals[-len(shares) :] if len(self.actuals) >= len(shares) else []
        targets = targets or self.actuals[-1:]
        for found, share in zip(targets, shares, strict=False):
            found.plan_share = share.value

    def _period(self, figure: Target, role: Role) -> Period | None:
        before = [p for s, e, p in self.periods if e <= figure.end]
        if before:
            return before[-1]
        if role is Role.TARGET:
            return None
        if self.section.period is not None:
            return self.section.period
        if self.section.kind is SectionKind.REVIEW:
            return whole_year()
        return self.default_period


def _subject(metric: str) -> str:
    return _SUBJECT_CUT_RE.sub("", metric).strip()


def _same_unit(a: Target, b: Target) -> bool:
    return a.normalized_unit == b.normalized_unit and a.normalized_value is not None
