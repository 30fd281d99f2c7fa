"""Figures that share words: value lists, 各, and items that borrow the metric before them.

``A和B分别在 95%、35% 以上`` pairs the listed metrics with the listed values
(and gives the first values the last one's comparator); ``游客1200万人次，收入
100亿元，分别增长15%、18%`` gives each rate the metric of the figure it follows;
``肺癌早期筛查、脑卒中筛查各 5 万人`` makes one target per listed item; an item
that only repeats a verb (``土地报批 500 亩、收储 1500 亩``) borrows the previous
noun (``土地收储``). A list that names its members once gives each its own
metric: ``城镇、农村居民人均可支配收入`` shares the head after the modifiers
(城镇居民人均可支配收入, 农村居民人均可支配收入), ``三次产业分别增长 a%、b%、c%``
spreads over 第一、第二、第三产业 (the members are in :mod:`taskdoc.lexicon.figures`);
a period list ``增速上半年5.5%、前三季度6%、全年7%左右`` keeps the metric and kind of
its first value. Nothing crosses a sentence end.
"""

from __future__ import annotations

import re
from itertools import pairwise

from taskdoc.figures.draft import Draft
from taskdoc.figures.items import SENTENCE_END_RE, clause_start, split_items
from taskdoc.figures.metrics import TIME_WORDS_RE, clean_metric, is_item_verb, noun_of
from taskdoc.figures.quantities import UnitClass
from taskdoc.lexicon.figures import METRIC_MEMBERS
from taskdoc.values import Comparator, Target, TargetKind

# What may stand between two values of one list: 95%、35%.
_VALUE_JOINS = ("、", "和", "及", "与")
# Between two values of a period list only a separator and the period: 5.5%、前三季度6%.
_PERIOD_JOIN_RE = re.compile(r"^[、，,和及与 \t]*$")
# A modifier listed before a shared head is short: 城镇、农村居民人均可支配收入.
_MAX_MODIFIER = 4


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
    for d, metric in zip(group, share_head([d.metric for d in group]), strict=True):
        d.metric = metric


def share_head(metrics: list[str]) -> list[str]:
    """``城镇`` / ``农村居民人均可支配收入`` → both with the head 居民人均可支配收入.

    Only when every metric but the last is a short Chinese modifier. Where the
    last one's modifier ends is read from the modifier before it: the same closing
    character (建筑业/房地产业增加值), else the same length (城镇/农村). Names in
    Latin letters (PM10、PM2.5平均浓度) are left as written.
    """
    *modifiers, last = metrics
    if not modifiers or any(not _is_modifier(m) for m in modifiers) or last[:1].isascii():
        return metrics
    modifier = modifiers[-1]
    closing = last.find(modifier[-1], 1, len(modifier) + 2)
    head = last[closing + 1 if closing > 0 else len(modifier) :]
    if not head or any(head in m for m in modifiers):
        return metrics
    return [*(m + head for m in modifiers), last]


def _is_modifier(metric: str) -> bool:
    return 0 < len(metric) <= _MAX_MODIFIER and not metric[:1].isascii()


def _spread_members(group: list[Draft]) -> bool:
    """``三次产业增加值分别增长 a%、b%、c%``: one member per value; True when spread."""
    metric = group[0].metric
    for collective, members in METRIC_MEMBERS.items():
        if metric.startswith(collective) and len(members) == len(group):
            rest = metric[len(collective) :]
            for d, member in zip(group, members, strict=True):
                d.metric = member + rest
            return True
    return False


def _pair_with_earlier(group: list[Draft], plain: str, earlier: list[Draft]) -> None:
    """``游客1200万人次，收入100亿元，分别增长15%、18%``: rates of the figures just before."""
    if group[0].metric:
        _spread_members(group)
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
        if not d.metric and _in_period_list(prev, d, plain):
            d.kind = prev.kind  # 增速上半年5.5%、前三季度6%: the rate of the first value
        if not d.metric:
            d.metric = prev.metric
        elif is_item_verb(d.metric) and prev.metric and not is_item_verb(prev.metric):
            d.metric = noun_of(prev.metric) + d.metric


def _in_period_list(prev: Draft, d: Draft, plain: str) -> bool:
    """Two percentages apart only by a separator and a period word: 5.5%、前三季度6%."""
    if not (prev.q.unit_class is d.q.unit_class is UnitClass.PERCENT):
        return False
    between = plain[prev.tail_end : d.q.start]
    without = TIME_WORDS_RE.sub("", between)
    return (
        without != between and bool(_PERIOD_JOIN_RE.match(without)) and (d.kind is TargetKind.SHARE)
    )


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
