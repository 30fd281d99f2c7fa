"""Figures that share words: value lists, 各, and items that borrow the metric before them.

``A和B分别在 95%、35% 以上`` pairs the listed metrics with the listed values
(and gives the first values the last one's comparator); ``游客1200万人次，收入
100亿元，分别增长15%、18%`` gives each rate the metric of the figure it follows;
``肺癌早期筛查、脑卒中筛查各 5 万人`` makes one target per listed item; an item
that only repeats a verb (``土地报批 500 亩、收储 1500 亩``) borrows the previous
noun (``土地收储``). Nothing crosses a sentence end.
"""

from __future__ import annotations

from itertools import pairwise

from taskdoc.figures.draft import Draft
from taskdoc.figures.items import SENTENCE_END_RE, clause_start, split_items
from taskdoc.figures.metrics import clean_metric, is_item_verb, noun_of
from taskdoc.figures.quantities import UnitClass
from taskdoc.values import Comparator, Target

# What may stand between two values of one list: 95%、35%.
_VALUE_JOINS = ("、", "和", "及", "与")


def pair_value_lists(drafts: list[Draft], plain: str) -> None:
    """``A和B分别在 95%、35% 以上``: pair listed metrics with listed values."""
    i = 0
    while i < len(drafts):
        j = i
        while (
            j + 1 < len(drafts)
            and plain[drafts[j].tail_end : drafts[j + 1].q.start].strip(" \t") in _VALUE_JOINS
            and drafts[j + 1].q.unit_class is drafts[i].q.unit_class
        ):
            j += 1
        if j > i:
            _distribute(drafts[i : j + 1], plain, drafts[:i])
        i = j + 1


def _distribute(group: list[Draft], plain: str, earlier: list[Draft]) -> None:
    first, last = group[0], group[-1]
    for d in group[:-1]:
        if d.comparator is Comparator.EXACTLY:
            d.comparator = last.comparator
    for d in group[1:]:
        d.kind = first.kind
    items = split_items(plain, clause_start(plain, first.q.start), first.comp_start)
    if len(items) != len(group):
        _pair_with_earlier(group, plain, earlier)
        return
    percent = first.q.unit_class is UnitClass.PERCENT
    for d, (s, e) in zip(group, items, strict=True):
        d.metric = clean_metric(plain[s:e], percent=percent)
        d.metric_start, d.metric_end = s, e


def _pair_with_earlier(group: list[Draft], plain: str, earlier: list[Draft]) -> None:
    """``游客1200万人次，收入100亿元，分别增长15%、18%``: rates of the figures just before."""
    if group[0].metric:
        return
    previous = earlier[-len(group) :]
    if len(previous) < len(group) or SENTENCE_END_RE.search(
        plain, previous[0].tail_end, group[0].q.start
    ):
        return
    for d, source in zip(group, previous, strict=True):
        d.metric = source.metric


def inherit_metrics(drafts: list[Draft], plain: str) -> None:
    """``土地报批 500 亩、收储 1500 亩`` → 土地收储; an empty metric takes the previous one."""
    for prev, d in pairwise(drafts):
        if SENTENCE_END_RE.search(plain, prev.tail_end, d.q.start):
            continue
        if not d.metric:
            d.metric = prev.metric
        elif is_item_verb(d.metric) and prev.metric and not is_item_verb(prev.metric):
            d.metric = noun_of(prev.metric) + d.metric


def to_targets(d: Draft, plain: str, text: str) -> list[Target]:
    """The targets of a settled draft: one, or one per listed item before 各."""
    if d.each:
        each_at = plain.rindex("各", d.item_start, d.q.start)
        items = split_items(plain, clause_start(plain, d.q.start), each_at)
        if len(items) > 1:
            return [_target(d, text, clean_metric(plain[s:e], percent=False), s) for s, e in items]
    return [_target(d, text, d.metric, d.metric_start if d.metric else d.q.start)]


def _target(d: Draft, text: str, metric: str, start: int) -> Target:
    q = d.q
    start = min(start, q.start)
    end = max(d.tail_end, d.metric_end)
    return Target(
        metric=metric,
        kind=d.kind,
        comparator=d.comparator,
        value=q.value,
        unit=q.unit,
        normalized_value=q.normalized_value,
        normalized_unit=q.normalized_unit,
        start=start,
        end=end,
        raw=text[start:end],
        value_max=q.value_max,
        normalized_value_max=q.normalized_value_max,
        per=d.per,
    )
