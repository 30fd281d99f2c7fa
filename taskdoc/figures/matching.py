"""Match one document's targets with a later document's actuals, and score completion.

The supervision question is "did they do what they said?": 002's 2022 plan
says ``收储 1500 亩`` (metric 土地收储), a later review says ``土地收储 … 亩``.
:func:`match_actuals` pairs each target with the most similar actual of a
compatible kind and the same base unit, and :func:`completion_ratio` says how
far the actual went.

Metric similarity: metrics are normalised (spaces, quotes, brackets and scope
words such as 全区/全市/全年/年度 removed); equal keys score 1.0, one
containing the other 0.9, the shorter being the longer with characters left
out 0.75 (``新增就业`` / ``新增城镇就业``), otherwise the Dice coefficient of
their character bigrams. A pair needs at least ``threshold`` (0.6 by default); each actual is
used once, best pairs first.

Completion ratio and "met" are :mod:`taskdoc.figures.completion`'s (the status engine of
the system uses the same functions): :func:`completion_ratio` only brings the actual to the
target's unit and sense first. Unit mismatches give ``None``.

:func:`propose_matches` answers the importer's question the other way round — for each
actual of a report, which of a government's targets is it about? — with the reasons
(:class:`Mismatch`: kind, unit, year) for every similar target it must not be paired with,
and no suggestion where two targets are equally likely (``AMBIGUITY_MARGIN``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from taskdoc.figures import completion
from taskdoc.figures.reports import Actual, ReportTarget
from taskdoc.values import Target, TargetKind

# What does not tell metrics apart: spaces, quotes, brackets and scope words (全区, 全年…).
_NOISE_RE = re.compile(r"[\s“”\"'‘’《》()（）*]|全区|全市|全县|全省|市区|全年|年度|同比|累计")
_RATES = (TargetKind.GROWTH, TargetKind.DECREASE)
_AMOUNTS = (TargetKind.LEVEL, TargetKind.COUNT)
ABOUT_TOLERANCE = completion.ABOUT_TOLERANCE
_MIN_CONTAINED = 2  # characters a contained metric needs (收储 in 土地收储)
_MIN_SUBSEQUENCE = 3  # characters a subsequence metric needs (新增就业)


class Mismatch(StrEnum):
    """Why a target and an actual of similar metric must not be paired."""

    NO_VALUE = "no_value"  # one of them has no figure (a qualitative target)
    KIND = "kind"  # a rate against an amount, a share against a rate…
    UNIT = "unit"  # different base units (亩 / 平方米)
    YEAR = "year"  # about different years, or a year unknown


@dataclass(frozen=True, slots=True)
class TargetCompletion:
    """A target, the actual matched to it (if any) and how far the actual went."""

    target: Target
    actual: Target | None
    ratio: float | None
    met: bool | None
    similarity: float
    target_year: int | None = None
    actual_year: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "target": self.target.to_dict(),
            "actual": None if self.actual is None else self.actual.to_dict(),
            "ratio": self.ratio,
            "met": self.met,
            "similarity": round(self.similarity, 3),
            "target_year": self.target_year,
            "actual_year": self.actual_year,
        }


def metric_key(metric: str) -> str:
    """The comparable core of a metric: ``全区地区生产总值`` → ``地区生产总值``."""
    return _NOISE_RE.sub("", metric)


def metric_similarity(a: str, b: str) -> float:
    """1.0 for equal keys, 0.9 when one contains the other, 0.75 for a subsequence, else bigram Dice."""
    ka, kb = metric_key(a), metric_key(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 1.0
    if min(len(ka), len(kb)) >= _MIN_CONTAINED and (ka in kb or kb in ka):
        return 0.9
    short, long_ = sorted((ka, kb), key=len)
    if len(short) >= _MIN_SUBSEQUENCE and _is_subsequence(short, long_):
        return 0.75  # 新增就业 / 新增城镇就业: a modifier dropped
    grams_a = {ka[i : i + 2] for i in range(len(ka) - 1)}
    grams_b = {kb[i : i + 2] for i in range(len(kb) - 1)}
    if not grams_a or not grams_b:
        return 0.0
    return 2 * len(grams_a & grams_b) / (len(grams_a) + len(grams_b))


def _is_subsequence(short: str, long_: str) -> bool:
    chars = iter(long_)
    return all(ch in chars for ch in short)


def mismatches(target: Target, actual: Target) -> tuple[Mismatch, ...]:
    """Why *actual* cannot be measured against *target* (empty: it can).

    Rates go with rates (增长/下降), amounts with amounts (总量/数量), anything else only
    with its own kind; the base units must be equal (``亿元`` and ``万元`` are both 元).
    """
    if target.normalized_value is None or actual.normalized_value is None:
        return (Mismatch.NO_VALUE,)
    found: list[Mismatch] = []
    if _kind_class(target.kind) != _kind_class(actual.kind):
        found.append(Mismatch.KIND)
    if target.normalized_unit != actual.normalized_unit:
        found.append(Mismatch.UNIT)
    return tuple(found)


def _kind_class(kind: TargetKind) -> str:
    if kind in _RATES:
        return "rate"
    return "amount" if kind in _AMOUNTS else str(kind)


def compatible(target: Target, actual: Target) -> bool:
    """Same base unit and comparable kinds (rates with rates, amounts with amounts)."""
    return not mismatches(target, actual)


def completion_ratio(target: Target, actual: Target) -> float | None:
    """How far *actual* went towards *target*: the one rule of
    :mod:`taskdoc.figures.completion`, with the actual taken in the target's sense (a
    decrease reported against a growth target counts as negative growth)."""
    if not compatible(target, actual):
        return None
    return completion.ratio(
        kind=str(target.kind),
        comparator=None if target.comparator is None else str(target.comparator),
        goal=target.normalized_value,
        actual=_in_target_sense(target, actual),
    )


def _in_target_sense(target: Target, actual: Target) -> Decimal | None:
    """The actual's normalised value, negated for a rate of the opposite sense."""
    if target.kind in _RATES:
        return _signed(actual) * (-1 if target.kind is TargetKind.DECREASE else 1)
    return actual.normalized_value


def value_in_target_unit(target: Target, actual: Target) -> Decimal | None:
    """The actual as the target's own figure would be written: ``15314 人`` against ``1.2
    万人`` is ``1.5314``; a decrease against a growth target is negative. ``None`` when the
    two cannot be compared (:func:`mismatches`) or the target's scale is unknown."""
    if not compatible(target, actual):
        return None
    done = _in_target_sense(target, actual)
    goal, written = target.normalized_value, target.value
    if done is None or goal is None or written is None:
        return None
    if goal == written:
        return done
    if goal == 0 or written == 0:
        return None
    return done * written / goal


def _signed(target: Target) -> Decimal:
    value = target.normalized_value or Decimal(0)
    return -value if target.kind is TargetKind.DECREASE else value


def is_met(target: Target, ratio: float | None) -> bool | None:
    """:func:`taskdoc.figures.completion.is_met` for *target*'s comparator."""
    comparator = None if target.comparator is None else str(target.comparator)
    return completion.is_met(ratio, comparator=comparator)


def match_actuals(
    targets: Sequence[Target | ReportTarget],
    actuals: Sequence[Target | Actual],
    *,
    threshold: float = 0.6,
) -> list[TargetCompletion]:
    """One :class:`TargetCompletion` per target, in target order (``actual`` None if unmatched)."""
    plain_targets = [
        (t.target, t.year) if isinstance(t, ReportTarget) else (t, None) for t in targets
    ]
    plain_actuals = [(a.figure, a.year) if isinstance(a, Actual) else (a, None) for a in actuals]
    pairs = sorted(
        (
            (metric_similarity(t.metric, a.metric), ti, ai)
            for ti, (t, _) in enumerate(plain_targets)
            for ai, (a, _) in enumerate(plain_actuals)
            if compatible(t, a)
        ),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    chosen: dict[int, tuple[int, float]] = {}
    used: set[int] = set()
    for similarity, ti, ai in pairs:
        if similarity < threshold or ti in chosen or ai in used:
            continue
        chosen[ti] = (ai, similarity)
        used.add(ai)
    return [
        _completion(plain_targets[ti], plain_actuals, chosen.get(ti))
        for ti in range(len(plain_targets))
    ]


def _completion(
    target: tuple[Target, int | None],
    actuals: list[tuple[Target, int | None]],
    choice: tuple[int, float] | None,
) -> TargetCompletion:
    figure, year = target
    if choice is None:
        return TargetCompletion(figure, None, None, None, 0.0, target_year=year)
    actual, actual_year = actuals[choice[0]]
    ratio = completion_ratio(figure, actual)
    return TargetCompletion(
        figure, actual, ratio, is_met(figure, ratio), choice[1], year, actual_year
    )


AMBIGUITY_MARGIN = 0.05  # two candidates this close in similarity: the office chooses


class Dated(Protocol):
    """A report's actual (``Actual``, ``DocumentActual``): a figure and its year."""

    @property
    def figure(self) -> Target: ...
    @property
    def year(self) -> int | None: ...


class DatedTarget(Protocol):
    """A target with the year it is for (``ReportTarget``, ``DocumentTarget``)."""

    @property
    def target(self) -> Target: ...
    @property
    def year(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class Candidate:
    """One target an actual may be about: ``index`` into the targets passed in."""

    index: int
    similarity: float
    mismatches: tuple[Mismatch, ...] = ()
    ratio: float | None = None
    met: bool | None = None

    @property
    def pairable(self) -> bool:
        return not self.mismatches


@dataclass(frozen=True, slots=True)
class Proposal:
    """For one actual: the targets it may be paired with, best first, the similar ones it
    must not be (with the reasons), and the suggested pair (``None``: none, or ambiguous)."""

    candidates: tuple[Candidate, ...]
    mismatched: tuple[Candidate, ...]
    choice: int | None
    ambiguous: bool


def candidate(target: DatedTarget, actual: Dated, index: int = 0) -> Candidate:
    """How *actual* stands against *target*: similarity, reasons not to pair, ratio, met."""
    found = list(mismatches(target.target, actual.figure))
    if target.year is None or actual.year is None or target.year != actual.year:
        found.append(Mismatch.YEAR)
    ratio = None if found else completion_ratio(target.target, actual.figure)
    return Candidate(
        index=index,
        similarity=metric_similarity(target.target.metric, actual.figure.metric),
        mismatches=tuple(found),
        ratio=ratio,
        met=None if found else is_met(target.target, ratio),
    )


def propose_matches(
    actuals: Sequence[Dated],
    targets: Sequence[DatedTarget],
    *,
    threshold: float = 0.6,
    margin: float = AMBIGUITY_MARGIN,
) -> list[Proposal]:
    """One :class:`Proposal` per actual, in actual order.

    A target is suggested for one actual only: the pairs are taken best first, and an
    actual whose best free target is within *margin* of another free one gets no
    suggestion (``ambiguous``): it is the office's choice, never a guess.
    """
    rows = [
        sorted(
            (c for i, t in enumerate(targets) if (c := candidate(t, a, i)).similarity >= threshold),
            key=lambda c: (-c.similarity, c.index),
        )
        for a in actuals
    ]
    taken: set[int] = set()
    choices: dict[int, int | None] = {}
    ambiguous: set[int] = set()
    order = sorted(
        range(len(rows)), key=lambda ai: (-_best(rows[ai]), ai)
    )  # the surest actuals choose first
    for ai in order:
        free = [c for c in rows[ai] if c.pairable and c.index not in taken]
        if len(free) > 1 and free[0].similarity - free[1].similarity < margin:
            ambiguous.add(ai)
            choices[ai] = None
        elif free:
            choices[ai] = free[0].index
            taken.add(free[0].index)
    return [
        Proposal(
            candidates=tuple(c for c in row if c.pairable),
            mismatched=tuple(c for c in row if not c.pairable),
            choice=choices.get(ai),
            ambiguous=ai in ambiguous,
        )
        for ai, row in enumerate(rows)
    ]


def _best(row: list[Candidate]) -> float:
    return max((c.similarity for c in row if c.pairable), default=0.0)
