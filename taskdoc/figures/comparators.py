"""The comparator and the kind of a figure, from the words right around it.

A word after the number wins (以上 → at least, 以内 → at most, 左右 → about),
else one before it (不少于, 突破, 达 → at least; 控制在, 压减至 → at most; 约 →
about), also when a short phrase separates it (``不低于发展预期数的 1.2 倍``);
a range (``1-2个``) is ``between``; no word means ``exactly``. A percentage's
kind comes from the verb ending its metric (增长 → growth, 下降 → decrease,
else share); a classifier gives a count, a measure a level. The words are in
:mod:`taskdoc.lexicon.figures`.
"""

from __future__ import annotations

import re

from taskdoc.figures.metrics import TIME_WORDS_RE, clean_metric, strip_words
from taskdoc.figures.quantities import Quantity, UnitClass
from taskdoc.lexicon.figures import (
    ABOUT_AFTER,
    ABOUT_BEFORE,
    AT_LEAST_AFTER,
    AT_LEAST_BEFORE,
    AT_MOST_AFTER,
    AT_MOST_BEFORE,
    COPULAS_BEFORE,
    DECREASE_OPENERS,
    DECREASE_VERBS,
    GROWTH_VERBS,
    RATE_HEAD_TRAILING,
    SEPARABLE_BEFORE,
    alternation,
)
from taskdoc.values import Comparator, TargetKind

_BEFORE_WORDS = (*AT_LEAST_BEFORE, *AT_MOST_BEFORE, *ABOUT_BEFORE, *COPULAS_BEFORE)
# Words after the number: 640 亿元以上, 5.5% 以内, 7%左右, 1个工作日内.
SUFFIX_RE = re.compile(
    rf"[ \t]*(?P<word>{alternation((*AT_LEAST_AFTER, *AT_MOST_AFTER, *ABOUT_AFTER))})"
    r"(?<!内(?=[容部涵在河陆地]))"  # 25项内容 is no bound: 内 begins a word there
)
# Words right before the number: 达 85%, 突破 420 亿元, 控制在 5.5%, 压减至70天.
PREFIX_RE = re.compile(rf"(?P<word>{alternation(_BEFORE_WORDS)})[ \t]*$")
# A comparator separated from its number by a short phrase: 不低于发展预期数的 1.2 倍, 至少建成1个.
SEPARATED_RE = re.compile(
    rf"(?P<word>{alternation(SEPARABLE_BEFORE)})"
    r"(?P<gap>[^，。；、,;]{1,12}的|[^，。；、,;的]{1,3})[ \t]*$"
)
# A percentage's verb of increase at the end of its metric: 增长 7%, 增速达15%, 涨幅3%.
GROWTH_RE = re.compile(rf"(?:{alternation(GROWTH_VERBS)})$")
# A percentage's verb right after it: 实现10%以上增长, 10%的增长, 5%的降幅.
GROWTH_AFTER_RE = re.compile(r"^[ \t]*的?(?:增长|增幅|涨幅)(?![率])")
DECREASE_AFTER_RE = re.compile(r"^[ \t]*的?(?:下降|降幅|减少)(?![率])")
# A percentage's verb of decrease: 下降 4%, 缩减 83.87%, 压减一般性支出15%.
DECREASE_RE = re.compile(
    rf"(?:{alternation(DECREASE_VERBS)})$|^(?:{alternation(DECREASE_OPENERS)})"
)

_AT_LEAST = frozenset(AT_LEAST_BEFORE)
_AT_MOST = frozenset(AT_MOST_BEFORE)
_SUFFIX_COMPARATORS = {
    **dict.fromkeys(AT_LEAST_AFTER, Comparator.AT_LEAST),
    **dict.fromkeys(AT_MOST_AFTER, Comparator.AT_MOST),
    **dict.fromkeys(ABOUT_AFTER, Comparator.ABOUT),
}


def prefix_comparator(before: str) -> tuple[str, int]:
    """The comparator word written before the number and where it starts in *before*."""
    m = PREFIX_RE.search(before)
    if m:
        return m.group("word"), m.start()
    m = SEPARATED_RE.search(before)
    if m:
        return m.group("word"), m.start()
    return "", len(before.rstrip(" \t"))


def comparator(q: Quantity, prefix: str, suffix: str) -> Comparator:
    """Suffix words win (控制在5.5%左右 is about), then 约/近, ranges, prefix words and 余."""
    if suffix in _SUFFIX_COMPARATORS:
        return _SUFFIX_COMPARATORS[suffix]
    if prefix in ABOUT_BEFORE:
        return Comparator.ABOUT
    if q.value_max is not None:
        return Comparator.BETWEEN
    if prefix in _AT_LEAST or q.approx:
        return Comparator.AT_LEAST
    return Comparator.AT_MOST if prefix in _AT_MOST else Comparator.EXACTLY


def kind(q: Quantity, pre: str, post: str = "") -> TargetKind:
    """What the figure measures, from its unit and (for a percentage) the verb around it.

    The verb is looked for before the number (增长 7%), then right after it
    (实现 10% 以上增长, 的增长): *post* is the text after the number and its bound.
    """
    if q.unit_class is UnitClass.PERCENT:
        # 增速上半年5.5%: a period word between the rate verb and the number
        head = strip_words(
            TIME_WORDS_RE.sub("", pre).strip(), leading=(), trailing=RATE_HEAD_TRAILING
        )
        if GROWTH_RE.search(head):
            return TargetKind.GROWTH
        if DECREASE_RE.search(head) or DECREASE_RE.search(clean_metric(pre, percent=False)):
            return TargetKind.DECREASE
        return _kind_after(post)
    if q.unit_class is UnitClass.MULTIPLE:
        return TargetKind.SHARE
    if q.unit_class is UnitClass.CLASSIFIER:
        return TargetKind.COUNT
    return TargetKind.LEVEL


def _kind_after(post: str) -> TargetKind:
    if GROWTH_AFTER_RE.match(post):
        return TargetKind.GROWTH
    if DECREASE_AFTER_RE.match(post):
        return TargetKind.DECREASE
    return TargetKind.SHARE
