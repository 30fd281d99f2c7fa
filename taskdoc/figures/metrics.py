"""The metric of a figure: the words that say what the number counts or measures.

The metric is the phrase before the number inside its list item (``新增就业``),
or the noun right after it when the item starts with the number, names the
things counted (``新改建 1 个区级健身中心`` → ``区级健身中心``) or follows a verb
(``各开发区引进 2 个``). Either way hedges, scope, time words, comparators and
— for a rate — the rate verb are stripped (:func:`clean_metric`); the words
themselves are in :mod:`taskdoc.lexicon.figures`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from taskdoc.figures.draft import Draft
from taskdoc.figures.items import CLAUSE_DELIMS, ITEM_DELIMS, clause_start, is_cjk, last_delim
from taskdoc.figures.quantities import UnitClass
from taskdoc.lexicon.figures import (
    COMPARISON_BASES,
    END_VERBS,
    ITEM_VERBS,
    METRIC_CUT_VERBS,
    METRIC_LEADING,
    METRIC_TRAILING,
    POST_STOP_WORDS,
    RATE_VERBS,
    TIME_WORDS_PATTERN,
    alternation,
)
from taskdoc.values import Comparator

# The longest noun phrase read after a number: 37 个产业园建设.
_MAX_POST = 40
# Inside quotes a noun phrase after a number also ends at the closing quote: “…8个居民小区”.
_QUOTED_POST_DELIMS = ITEM_DELIMS + "”"
# The longest label read before a colon: 城镇居民人均可支配收入（第5项）：.
_MAX_LABEL = 40
# The number of a list item left at the front of a metric: 一、芙蓉区…, 1. , （二）.
NUMBERING_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)])"
)
# Brackets and numbering around a label: （第5项）, 1., （一）, 一、.
LABEL_NOISE_RE = re.compile(
    r"[（(][^（）()]{0,12}[）)]|^\s*(?:\d{1,2}[.．、]|[一二三四五六七八九十]{1,3}、)"
)
# Verbs after which the metric starts: …进行脑卒中危险因素筛查, …确保规上工业企业….
CUT_RE = re.compile(rf"^.*(?:{alternation(METRIC_CUT_VERBS)})")
# Time phrases are not part of a metric: 9月底前27个保交楼项目, 实现年内覆盖率.
TIME_WORDS_RE = re.compile(TIME_WORDS_PATTERN)
# A noun phrase after a number never starts with a conjunction: 17 个和森林生态乡村 166 个.
CONJUNCTION_RE = re.compile(r"(?:和|及|与|或|并|以及|等|、|的)")
# Where the counted noun after a number ends and its predicate starts: 50 个行政村开展….
POST_STOP_RE = re.compile(alternation(POST_STOP_WORDS))
# A verb ending the text before a number, so the noun follows it: 各开发区引进 2 个, 选取 50 个行政村.
END_VERB_RE = re.compile(rf"(?:{alternation(END_VERBS)})$")
# Enumeration closers before a count: 奥克斯空调生产基地等 210 个.
DENG_RE = re.compile(r"等[ \t]*$")
# Units whose number is followed by the noun it counts or measures: 37 个产业园, 300 元生活救助.
_NOUN_UNITS = (UnitClass.CLASSIFIER, UnitClass.MEASURE, UnitClass.MULTIPLE)
# A conjunction left at the end of a cut metric: 行政村和.
TRAILING_JOIN_RE = re.compile(r"(?:和|及|以及|与|、)$")
# Any ASCII digit: 南学街 11 条.
DIGIT_RE = re.compile(r"\d")
# A Chinese count closing a qualitative subject: 午餐和课后延时服务两个(全覆盖).
CN_COUNT_END_RE = re.compile(r"[一二两三四五六七八九十]+个$")

# 比上年同期 is stripped like a hedge: what is left of ``，比上年同期增长4.3%`` is no metric, so
# the rate borrows the one of the figure before it (see pairing.inherit_metrics).
_LEADING_BY_LENGTH = tuple(
    sorted(dict.fromkeys((*METRIC_LEADING, *COMPARISON_BASES)), key=len, reverse=True)
)
_TRAILING_BY_LENGTH = tuple(sorted(METRIC_TRAILING, key=len, reverse=True))
_VERBS_BY_LENGTH = tuple(sorted(ITEM_VERBS, key=len, reverse=True))


def choose_metric(d: Draft, plain: str, pre: str) -> None:
    """Metric from the words before the number, or from the noun right after it."""
    percent = d.q.unit_class is UnitClass.PERCENT
    pre_metric = clean_metric(pre, percent=percent) or _colon_label(plain, d.item_start, percent)
    post_start, post_end = _post_span(plain, d)
    use_post = post_end > post_start and (
        not pre_metric
        or (d.q.unit_class in _NOUN_UNITS and plain[d.tail_end : post_start].strip() != "的")
        or (percent and plain[d.tail_end : post_start].strip() == "的")
        or (percent and d.comparator is not Comparator.EXACTLY)  # 60% 以上行政村
        or bool(DENG_RE.search(pre))
        or bool(END_VERB_RE.search(pre.rstrip()))
        or _is_enumeration_summary(plain, d.item_start)
    )
    if use_post:
        stop = POST_STOP_RE.search(plain, post_start + 1, post_end)
        post_end = stop.start() if stop else post_end
        d.metric = clean_metric(plain[post_start:post_end], percent=percent, cut=False)
        d.metric_start, d.metric_end = post_start, post_end
        return
    d.metric = pre_metric
    offset = pre.find(pre_metric) if pre_metric else len(pre)
    d.metric_start = d.item_start + max(offset, 0)
    d.metric_end = d.metric_start + len(pre_metric)


def _colon_label(plain: str, item_start: int, percent: bool) -> str:
    """``地区生产总值（第1项）：增长6.5%``: the label before the colon names the figure."""
    if item_start == 0 or plain[item_start - 1] not in "：:":
        return ""
    colon = item_start - 1
    start = last_delim(plain, max(0, colon - _MAX_LABEL), colon, CLAUSE_DELIMS)
    label = LABEL_NOISE_RE.sub("", plain[start:colon])
    return clean_metric(label, percent=percent) if label else ""


def _post_span(plain: str, d: Draft) -> tuple[int, int]:
    """The noun phrase right after the unit (up to the end of the list item)."""
    start = d.tail_end
    while start < len(plain) and plain[start] in " \t":
        start += 1
    if (
        d.q.unit_class in (UnitClass.PERCENT, UnitClass.CLASSIFIER)
        and plain[start : start + 1] == "的"
    ):
        start += 1
    if start >= len(plain) or not is_cjk(plain[start]) or CONJUNCTION_RE.match(plain, start):
        return start, start
    end = start
    quoted = plain.rfind("“", 0, d.q.start) > plain.rfind("”", 0, d.q.start)
    delims = _QUOTED_POST_DELIMS if quoted else ITEM_DELIMS
    while end < len(plain) and end - start < _MAX_POST and plain[end] not in delims:
        end += 1
    return start, end


def _is_enumeration_summary(plain: str, item_start: int) -> bool:
    """保安里、同庆里、…、南学街 11 条道路: the number counts the names listed before it."""
    if item_start == 0 or plain[item_start - 1] != "、":
        return False
    clause = clause_start(plain, item_start)
    listed = plain[clause : item_start - 1]
    return not DIGIT_RE.search(listed) and "、" in listed


def cut_post(d: Draft, end: int, plain: str) -> None:
    """End a post-number metric where the next number starts: 60% 以上行政村和 80% 以上乡镇."""
    text = plain[d.metric_start : end].rstrip(" \t")
    text = TRAILING_JOIN_RE.sub("", text)
    d.metric = clean_metric(text, percent=d.q.unit_class is UnitClass.PERCENT)
    d.metric_end = d.metric_start + len(text)


def noun_of(metric: str) -> str:
    """The noun of a verb+noun or noun+verb metric: 建成安置房 → 安置房, 土地报批 → 土地."""
    for verb in _VERBS_BY_LENGTH:
        if metric.startswith(verb) and len(metric) > len(verb):
            return metric[len(verb) :]
        if metric.endswith(verb) and len(metric) > len(verb):
            return metric[: -len(verb)]
    return metric


def is_item_verb(metric: str) -> bool:
    """True when *metric* is only a verb that borrows the previous noun (收储, 新开工)."""
    return metric in ITEM_VERBS


def clean_metric(text: str, *, percent: bool, cut: bool = True) -> str:
    """Strip hedges, scope and time words, comparators and (for rates) the rate verb."""
    s = NUMBERING_RE.sub("", TIME_WORDS_RE.sub("", text).strip(" \t*#"))
    trailing = _TRAILING_BY_LENGTH + (RATE_VERBS if percent else ())
    found = CUT_RE.match(s) if cut else None
    if found:
        after = strip_words(s[found.end() :].strip(" \t"), _LEADING_BY_LENGTH, trailing)
        if strip_quotes(after):
            s = after
    s = strip_words(s.strip(" \t"), _LEADING_BY_LENGTH, trailing)
    s = CN_COUNT_END_RE.sub("", s)
    return strip_quotes(s.strip(" \t"))


def strip_words(s: str, leading: tuple[str, ...], trailing: tuple[str, ...]) -> str:
    """Repeatedly remove any of *leading* from the front and *trailing* from the back."""
    head, tail = _word_res(leading, trailing)
    while s:
        before = s
        s = _unless_one_left(head.sub("", s, count=1), s)
        s = _unless_one_left(tail.sub("", s, count=1), s)
        if s == before:
            break
    return s


def _unless_one_left(stripped: str, s: str) -> str:
    """A strip that would leave one character took a word's half: 占比 stays 占比, 内容 内容."""
    left = stripped.strip(' \t、“”‘’"')
    return s if len(left) == 1 and "\u4e00" <= left <= "\u9fff" else stripped


@lru_cache(maxsize=16)
def _word_res(
    leading: tuple[str, ...], trailing: tuple[str, ...]
) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compiled ``^(?:words)`` and ``(?:words)$`` patterns for strip_words."""
    head = "|".join(re.escape(w) for w in sorted(leading, key=len, reverse=True)) or "(?!)"
    tail = "|".join(re.escape(w) for w in sorted(trailing, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"^(?:{head})[ \t]*"), re.compile(rf"[ \t]*(?:{tail})$")


def strip_quotes(s: str) -> str:
    """Drop quote marks left unmatched at either end: 环境问题“ → 环境问题."""
    while s and (s[0] in "”’、" or (s[0] == "“" and "”" not in s)):
        s = s[1:]
    while s and (s[-1] in "“‘、" or (s[-1] == "”" and "“" not in s)):
        s = s[:-1]
    return s
