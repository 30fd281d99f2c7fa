"""Quantitative (and a few qualitative) targets in task text.

Supervision is about numbers: ``新增就业 1.3 万人``, ``年度完成总投资 640 亿元
以上``, ``城镇调查失业率控制在 5.5% 以内``. For each number-with-unit the
extractor finds (see :mod:`taskdoc.figures.quantities`) it works out, from the words
around it and nothing else:

* the **metric**: the phrase before the number inside the same list item
  (``新增就业``), or the noun after it when the item starts with the number
  (``新改建 1 个区级健身中心`` → ``区级健身中心``), with hedges (力争, 确保,
  全年…) and comparator words stripped; an item that only repeats a verb
  (``收储 1500 亩`` after ``土地报批 500 亩``) borrows the previous noun;
* the **comparator**: a word after the number wins (以上 → at_least, 以内 →
  at_most, 左右 → about), else one before it (不少于, 不低于, 突破, 达到, 达,
  超 → at_least; 不高于, 控制在, 低于, 压减至 → at_most; 约 → about), also
  when a short phrase separates it (``不低于发展预期数的 1.2 倍``, ``至少建成1个``);
  a range (``1-2个``) is ``between``; no word means ``exactly``;
* the **kind**: a percentage after 增长/增速/涨幅 is ``growth``, after
  下降/减少/压减/压缩 a ``decrease``, any other percentage (率, 比重, 占比)
  or multiple (倍) a ``share``; a classifier (个, 家, 人, 套…) gives a
  ``count``, a measure (元, 亩, 平方米, 公里…) a ``level``; ``0.1:24.2:75.7``
  is a ``ratio``; ``同步``, ``动态清零``, ``全覆盖`` are ``qualitative``.

Lists are split item by item (``新认定高新技术企业 35 家、国家级“小巨人”企业
1 家、…``), ``各 6 万人`` applies to each listed item, and ``A和B分别在
95%、35%以上`` pairs metrics with values. Numbers that only describe something
else are skipped: inside quotes or book titles, ordinals (``第 29 届``),
thresholds (``50 亿元以上高质量项目``), examples before ``等 N 个``, durations
in names (``72小时过境免签``), ``现有9个``. Years are never quantities.

Values are :class:`decimal.Decimal` (exact: ``1.3 万`` → 13000); ``to_dict``
renders them as plain decimal strings for JSON.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise

from taskdoc.figures.cnnum import normalize_digits
from taskdoc.figures.quantities import (
    Quantity,
    UnitClass,
    decimal_str,
    per_denominator,
    scan_quantities,
    scan_ratios,
)


class Comparator(StrEnum):
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ABOUT = "about"
    EXACTLY = "exactly"
    BETWEEN = "between"


class TargetKind(StrEnum):
    LEVEL = "level"  # an amount in a measure unit: 640 亿元, 3.28 万亩
    COUNT = "count"  # a number of things: 35 家, 1.3 万人
    GROWTH = "growth"  # a rate of increase: 增长 7%
    DECREASE = "decrease"  # a rate of decrease: 下降 4% 以上
    SHARE = "share"  # a rate, share or multiple: 覆盖率达 85%, 3 倍
    RATIO = "ratio"  # a proportion: 0.1:24.2:75.7
    QUALITATIVE = "qualitative"  # 同步, 动态清零, 全覆盖


@dataclass(frozen=True, slots=True)
class Target:
    """One target as found in a text; ``start``/``end`` are offsets into that text.

    ``value``/``unit`` are as written (``1.3``/``万人``), ``normalized_*`` in
    base units (``13000``/``人``). Ranges set ``value_max``. ``per`` is a
    denominator written before the number (``每千人`` → ``千人``). Qualitative
    targets have no value and carry the ``phrase`` (``动态清零``); ratios carry
    their ``ratio`` parts.
    """

    metric: str
    kind: TargetKind
    comparator: Comparator | None
    value: Decimal | None
    unit: str
    normalized_value: Decimal | None
    normalized_unit: str
    start: int
    end: int
    raw: str
    value_max: Decimal | None = None
    normalized_value_max: Decimal | None = None
    per: str | None = None
    ratio: tuple[Decimal, ...] = ()
    phrase: str | None = None

    @property
    def is_quantitative(self) -> bool:
        return self.value is not None

    def to_dict(self) -> dict[str, object]:
        """JSON-friendly dict; Decimals become plain strings (``"13000"``)."""
        return {
            "metric": self.metric,
            "kind": str(self.kind),
            "comparator": None if self.comparator is None else str(self.comparator),
            "value": decimal_str(self.value),
            "value_max": decimal_str(self.value_max),
            "unit": self.unit,
            "normalized_value": decimal_str(self.normalized_value),
            "normalized_value_max": decimal_str(self.normalized_value_max),
            "normalized_unit": self.normalized_unit,
            "per": self.per,
            "ratio": [decimal_str(part) for part in self.ratio],
            "phrase": self.phrase,
            "start": self.start,
            "end": self.end,
            "raw": self.raw,
        }


# ---------------------------------------------------------------- vocabulary

# Characters that end a list item: 新增绿地 500 万平方米、新建公园 30 个
_ITEM_DELIMS = "，。；、,;：:！？!?\n*#"
# Characters that end a clause (a 、-list stays inside): 脑卒中危险因素筛查、肺癌早期筛查各 5 万人
_CLAUSE_DELIMS = "，。；,;：:！？!?\n*#"
# A list item of at most this many characters belongs to the next: 省、市、区重点项目.
_SHORT_ITEM = 2
# The longest noun phrase read after a number: 37 个产业园建设.
_MAX_POST = 40

# Words after the number: 640 亿元以上, 5.5% 以内, 7%左右, 1个工作日内.
SUFFIX_RE = re.compile(r"[ \t]*(?P<word>及以上|以上|以下|以内|之内|左右|上下|内)")
# Words right before the number: 达 85%, 突破 420 亿元, 控制在 5.5%, 压减至70天.
PREFIX_RE = re.compile(
    r"(?P<word>不少于|不低于|不高于|不超过|不多于|至少|最少|最多|超过|突破|达到|高于|大于|多于|"
    r"低于|小于|控制在|稳定在|保持在|保持|提高到|提高至|提升到|提升至|增加到|增加至|增至|增长到|"
    r"降低到|降低至|降到|降至|下降到|下降至|压减至|压减到|压缩至|压缩到|减少到|减少至|减至|"
    r"超|达|约|近|逾|在|为|是)[ \t]*$"
)
# A comparator separated from its number by a short phrase: 不低于发展预期数的 1.2 倍, 至少建成1个.
SEPARATED_RE = re.compile(
    r"(?P<word>不少于|不低于|不高于|不超过|至少|最少|最多)(?P<gap>[^，。；、,;]{1,12}的|[^，。；、,;的]{1,3})[ \t]*$"
)
# A percentage's verb of increase at the end of its metric: 增长 7%, 增速达15%, 涨幅3%.
GROWTH_RE = re.compile(r"(?:增长|增幅|增速|涨幅|增加|提高|提升|上涨|增)$")
# A percentage's verb of decrease: 下降 4%, 缩减 83.87%, 压减一般性支出15%.
DECREASE_RE = re.compile(r"(?:下降|降低|减少|压减|压缩|缩减|减)$|^(?:压减|压缩|减少|降低|缩减)")
# Qualitative targets at the end of a clause: 动态清零。 基本同步。 监管全覆盖。
QUALITATIVE_RE = re.compile(
    r"(?P<phrase>动态清零|清零|全员覆盖|全覆盖|基本同步|同步增长|同步|正增长|负增长|平稳增长|稳定增长|稳步增长)"
    r"(?=[”\"’]?(?:[，。；、,;！!？?\n]|$))"
)
# Enumeration closers before a count: 奥克斯空调生产基地等 210 个.
DENG_RE = re.compile(r"等[ \t]*$")
# Ordinals and existing stock are not targets: 第 29 届, 现有9个.
CONTEXT_ONLY_RE = re.compile(r"(?:第|现有|已有)[ \t]*$")
# 各 before a number distributes it over the listed items: 肺癌早期筛查各 5 万人.
EACH_RE = re.compile(r"各[ \t]*$")

# Words stripped from the front of a metric: 力争, 确保, 全年, 计划, 完成…
_LEADING = (
    "力争", "确保", "争取", "努力", "全力", "计划", "预计", "累计", "全年", "年内", "今年",
    "当年", "其中", "同比", "分别", "实现", "完成", "达到", "和", "及", "以及", "与", "对", "重点推进",
    "重点抓好", "重点实施", "推进", "推动", "加快", "积极", "持续", "继续", "进一步", "全面", "着力",
    "大力", "全区", "全市", "全省", "全县", "市区", "辖区", "我区", "我市", "围绕", "设立", "开展",
    "实施", "谋划实施", "启动", "发放", "提供", "组织", "抓好", "高标准", "梯次", "带动", "共计",
    "新一轮", "扎实", "稳步", "培育提升", "培育", "引育", "打造", "建立", "组建", "支持",
    "举办", "剩余", "已谋划的", "提速", "了",
)  # fmt: skip
# Words stripped from the end of a metric: 增长, 达到, 控制在, 的…
_TRAILING = (
    "同比", "分别", "预计", "年均", "累计", "的", "占", "共计", "共", "力争", "确保",
    "完成", "实现", "达到", "达", "为", "是", "在", "约", "近", "超", "突破", "各", "均",
)  # fmt: skip
# Verbs after which the metric starts: …进行脑卒中危险因素筛查, …确保规上工业企业….
CUT_RE = re.compile(
    r"^.*(?:进行|确保|力争|争取|实现|推动|带动|提供|发放|开展|推进|启动|聚焦|用于|建立)"
)
# Time phrases are not part of a metric: 9月底前27个保交楼项目, 实现年内覆盖率.
TIME_WORDS_RE = re.compile(
    r"\d{1,2}[ \t]*月(?:底|末)?(?:前)?|年底前|年底|年末|年内|全年|[上下]半年|[一二三四]季度|秋季|春季"
)
# A noun phrase after a number never starts with a conjunction: 17 个和森林生态乡村 166 个.
CONJUNCTION_RE = re.compile(r"(?:和|及|与|或|并|以及|等|、|的)")
# Where the counted noun after a number ends and its predicate starts: 50 个行政村开展….
POST_STOP_RE = re.compile(r"达到|达标|开展|进行|实现|全部|基本|全面")
# Units whose number is followed by the noun it counts or measures: 37 个产业园, 300 元生活救助.
_NOUN_UNITS = (UnitClass.CLASSIFIER, UnitClass.MEASURE, UnitClass.MULTIPLE)
# Verbs that can stand alone as a list item and borrow the previous noun: 收储 1500 亩, 新开工 5.6 万套.
_VERBS = (
    "新增", "新建", "改建", "新改建", "改扩建", "新开工", "开工", "建成", "建设", "完成", "网签",
    "收储", "供应", "报批", "征收", "出让", "投用", "交付", "改造", "培育", "引进", "认定", "入库",
    "筹集", "分配", "投入使用", "竣工", "整修", "处置", "盘活",
)  # fmt: skip
# A measure that qualifies the noun after it: 50 亿元以上高质量项目, 10 亿元高质量项目不少于 2 个.
THRESHOLD_RE = re.compile(
    r"(?:及以上|以上|以下)[\u4e00-\u9fff“]"
    r"|(?!的)[\u4e00-\u9fff“][^，。；、,;：:！？!?\d的]{0,15}?(?:不少于|不低于|不超过|超过|\d)"
)
# A verb ending the text before a number, so the noun follows it: 各开发区引进 2 个, 选取 50 个行政村.
END_VERB_RE = re.compile(
    r"(?:引进|推进|实施|打造|建设|举办|开展|启动|加快|迁建|续建|选取|培育|新增|新建|建成|开工|完成|"
    r"改造|筹集|分配|组织|抓好|设置|储备|配备|接入|办理|创建|新改建|改扩建|投用|支持)$"
)
# A threshold word right before a number inside a noun phrase: 投资超 30 亿元.
INNER_THRESHOLD_RE = re.compile(r"(?:超过|超|以上|不低于|不少于)[ \t]*$")


# Quoted names and book titles, where numbers are names: “金星啤酒 1982”, 《…(2023-2025年)》.
MASK_RE = re.compile(r"“[^“”]{0,30}”|《[^《》]*》|\"[^\"]{0,30}\"")
# A measure naming a project's capacity: 120万吨项目, 220千伏线路工程.
PROJECT_RE = re.compile(r"(?:项目|工程|线路)")
# Words after a number that are not a noun: 1个工作日内, 30 分钟以内, 60% 的.
NOT_NOUN_RE = re.compile(r"(?:以|内|之内|左右|的)")
# A conjunction opening a list item right after the previous number: 和森林生态乡村.
LEADING_JOIN_RE = re.compile(r"^[ \t]*(?:以及|和|及|与|并)")
# A conjunction left at the end of a cut metric: 行政村和.
TRAILING_JOIN_RE = re.compile(r"(?:和|及|以及|与|、)$")
# Separators of a list of metrics: 生活垃圾分类覆盖率和回收利用率, PM10、PM2.5.
LIST_JOIN_RE = re.compile(r"、|以及|和|及|与")
# Any ASCII digit: 南学街 11 条.
DIGIT_RE = re.compile(r"\d")
# A sentence boundary, across which metrics are not inherited: 。 ； ！
SENTENCE_END_RE = re.compile(r"[。；;！？!?]")
# A Chinese count closing a qualitative subject: 午餐和课后延时服务两个(全覆盖).
CN_COUNT_END_RE = re.compile(r"[一二两三四五六七八九十]+个$")
# The copula before a ratio: 三次产业比重调整为 0.1:24.2:75.7.
RATIO_VERB_RE = re.compile(r"(?:调整为|调整到|为|是)[ \t]*$")
# The partner of 同步: 城乡居民收入增长与经济增长基本同步.
WITH_RE = re.compile(r"与|和")


# ---------------------------------------------------------------- entry point


def extract_targets(text: str) -> tuple[Target, ...]:
    """All targets in *text*, in order of appearance."""
    plain = normalize_digits(text)
    masked = _masked_spans(plain)
    quantities = [q for q in scan_quantities(plain) if _is_candidate(q, plain, masked)]
    targets = _quantitative(quantities, plain, text)
    targets.extend(_ratios(plain, text))
    targets.extend(_qualitative(plain, text, targets))
    return tuple(sorted(targets, key=lambda t: (t.start, t.end)))


def _masked_spans(plain: str) -> list[tuple[int, int]]:
    """Spans inside “…” (up to 30 chars) and 《…》: names and titles, not targets."""
    spans = []
    for m in MASK_RE.finditer(plain):
        spans.append((m.start(), m.end()))
    return spans


def _is_candidate(q: Quantity, plain: str, masked: list[tuple[int, int]]) -> bool:
    """False for numbers that only describe something else (see module docstring)."""
    at = bisect_right(masked, (q.start, len(plain))) - 1
    if at >= 0 and masked[at][0] < q.start < masked[at][1]:
        return False
    before = plain[max(0, q.start - 4) : q.start]
    if CONTEXT_ONLY_RE.search(before):
        return False
    after = plain[q.end : q.end + 6]
    if q.unit_class is UnitClass.TIME and _starts_noun(after):
        return False  # 72小时过境免签
    if before.endswith("以") and after.startswith("为"):
        return False  # 以1—3平方公里为尺度
    if q.unit_class is UnitClass.MEASURE and PROJECT_RE.match(after):
        return False  # 120万吨项目
    return not (q.unit_class is UnitClass.MEASURE and _is_threshold(plain, q.end))


def _starts_noun(after: str) -> bool:
    return bool(after) and _is_cjk(after[0]) and not NOT_NOUN_RE.match(after)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch in '“"'


def _is_threshold(plain: str, end: int) -> bool:
    return THRESHOLD_RE.match(plain, end) is not None


# ---------------------------------------------------------------- quantitative targets


@dataclass(slots=True)
class _Draft:
    """Working state for one quantity while its metric and comparator are settled."""

    q: Quantity
    item_start: int  # where the list item begins
    comp_start: int  # where the text before the number stops (a comparator or the number)
    tail_end: int  # end of unit plus a trailing comparator word
    comparator: Comparator
    kind: TargetKind
    metric: str
    metric_start: int
    metric_end: int
    per: str | None = None
    each: bool = False  # 各 before the number


def _quantitative(quantities: list[Quantity], plain: str, text: str) -> list[Target]:
    drafts: list[_Draft] = []
    post_end = -1
    for q in quantities:
        inside_post = q.start < post_end
        if inside_post and INNER_THRESHOLD_RE.search(plain, max(0, q.start - 4), q.start):
            continue  # 2 个以上投资超 30 亿元: the 30 亿元 belongs to the noun
        prev_end = q.start if inside_post else (drafts[-1].tail_end if drafts else 0)
        draft = _draft(q, plain, prev_end)
        if DENG_RE.search(plain, max(0, draft.comp_start - 3), draft.comp_start):
            clause = _clause_start(plain, q.start)
            drafts = [d for d in drafts if d.q.start < clause]  # examples before 等 N 个
        if drafts and inside_post:
            _cut_post(drafts[-1], q.start, plain)
        drafts.append(draft)
        post_end = draft.metric_end if draft.metric_start >= draft.tail_end else -1
    _pair_value_lists(drafts, plain)
    _inherit_metrics(drafts, plain)
    return [t for d in drafts for t in _to_targets(d, plain, text)]


def _last_delim(plain: str, lo: int, hi: int, delims: str) -> int:
    """Index just after the last delimiter in plain[lo:hi], or *lo*."""
    for i in range(hi - 1, lo - 1, -1):
        if plain[i] in delims:
            return i + 1
    return lo


def _item_start(plain: str, lo: int, pos: int) -> int:
    """Start of the list item before *pos*; 省、市、区重点项目 keeps its one-character items."""
    start = _last_delim(plain, lo, pos, _ITEM_DELIMS)
    while start > lo and plain[start - 1] == "、":
        previous = _last_delim(plain, lo, start - 1, _ITEM_DELIMS)
        if start - 1 - previous > _SHORT_ITEM:
            break
        start = previous
    return start


def _clause_start(plain: str, pos: int) -> int:
    return _last_delim(plain, max(0, pos - 200), pos, _CLAUSE_DELIMS)


def _draft(q: Quantity, plain: str, prev_end: int) -> _Draft:
    item_start = _item_start(plain, max(prev_end, q.start - 200), q.start)
    before = plain[item_start : q.start]
    if item_start == prev_end:
        before = LEADING_JOIN_RE.sub(" ", before)  # 17 个和森林生态乡村 166 个
    per = per_denominator(before)
    if per is not None:
        before = before[: before.rindex("每")]
    word, comp_start = _prefix_comparator(before)
    suffix = SUFFIX_RE.match(plain, q.end)
    tail_end = suffix.end() if suffix else q.end
    comparator = _comparator(q, word, suffix.group("word") if suffix else "")
    pre = before[:comp_start]
    each = bool(EACH_RE.search(pre))
    kind = _kind(q, pre)
    draft = _Draft(
        q, item_start, item_start + comp_start, tail_end, comparator, kind, "", 0, 0, per, each
    )
    _choose_metric(draft, plain, pre)
    return draft


def _prefix_comparator(before: str) -> tuple[str, int]:
    """The comparator word written before the number and where it starts in *before*."""
    m = PREFIX_RE.search(before)
    if m:
        return m.group("word"), m.start()
    m = SEPARATED_RE.search(before)
    if m:
        return m.group("word"), m.start()
    return "", len(before.rstrip(" \t"))


_AT_LEAST_WORDS = frozenset(
    [
        "不少于",
        "不低于",
        "至少",
        "最少",
        "超过",
        "突破",
        "超",
        "达到",
        "达",
        "高于",
        "大于",
        "多于",
        "逾",
        "提高到",
        "提高至",
        "提升到",
        "提升至",
        "增加到",
        "增加至",
        "增至",
        "增长到",
    ]
)
_AT_MOST_WORDS = frozenset(
    [
        "不高于",
        "不超过",
        "不多于",
        "最多",
        "低于",
        "小于",
        "控制在",
        "降低到",
        "降低至",
        "降到",
        "降至",
        "下降到",
        "下降至",
        "压减至",
        "压减到",
        "压缩至",
        "压缩到",
        "减少到",
        "减少至",
        "减至",
    ]
)


_SUFFIX_COMPARATORS = {
    "以上": Comparator.AT_LEAST,
    "及以上": Comparator.AT_LEAST,
    "以下": Comparator.AT_MOST,
    "以内": Comparator.AT_MOST,
    "之内": Comparator.AT_MOST,
    "内": Comparator.AT_MOST,
    "左右": Comparator.ABOUT,
    "上下": Comparator.ABOUT,
}


def _comparator(q: Quantity, prefix: str, suffix: str) -> Comparator:
    """Suffix words win (控制在5.5%左右 is about), then 约/近, ranges, prefix words and 余."""
    if suffix in _SUFFIX_COMPARATORS:
        return _SUFFIX_COMPARATORS[suffix]
    if prefix in ("约", "近"):
        return Comparator.ABOUT
    if q.value_max is not None:
        return Comparator.BETWEEN
    if prefix in _AT_LEAST_WORDS or q.approx:
        return Comparator.AT_LEAST
    return Comparator.AT_MOST if prefix in _AT_MOST_WORDS else Comparator.EXACTLY


def _kind(q: Quantity, pre: str) -> TargetKind:
    if q.unit_class is UnitClass.PERCENT:
        head = _strip_words(
            pre.strip(), leading=(), trailing=("同比", "分别", "年均", "预计", "了")
        )
        if GROWTH_RE.search(head):
            return TargetKind.GROWTH
        if DECREASE_RE.search(head) or DECREASE_RE.search(_clean_metric(pre, percent=False)):
            return TargetKind.DECREASE
        return TargetKind.SHARE
    if q.unit_class is UnitClass.MULTIPLE:
        return TargetKind.SHARE
    if q.unit_class is UnitClass.CLASSIFIER:
        return TargetKind.COUNT
    return TargetKind.LEVEL


def _choose_metric(d: _Draft, plain: str, pre: str) -> None:
    """Metric from the words before the number, or from the noun right after it."""
    percent = d.q.unit_class is UnitClass.PERCENT
    pre_metric = _clean_metric(pre, percent=percent)
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
        d.metric = _clean_metric(plain[post_start:post_end], percent=percent, cut=False)
        d.metric_start, d.metric_end = post_start, post_end
        return
    d.metric = pre_metric
    offset = pre.find(pre_metric) if pre_metric else len(pre)
    d.metric_start = d.item_start + max(offset, 0)
    d.metric_end = d.metric_start + len(pre_metric)


def _post_span(plain: str, d: _Draft) -> tuple[int, int]:
    """The noun phrase right after the unit (up to the end of the list item)."""
    start = d.tail_end
    while start < len(plain) and plain[start] in " \t":
        start += 1
    if (
        d.q.unit_class in (UnitClass.PERCENT, UnitClass.CLASSIFIER)
        and plain[start : start + 1] == "的"
    ):
        start += 1
    if start >= len(plain) or not _is_cjk(plain[start]) or CONJUNCTION_RE.match(plain, start):
        return start, start
    end = start
    while end < len(plain) and end - start < _MAX_POST and plain[end] not in _ITEM_DELIMS:
        end += 1
    return start, end


def _is_enumeration_summary(plain: str, item_start: int) -> bool:
    """保安里、同庆里、…、南学街 11 条道路: the number counts the names listed before it."""
    if item_start == 0 or plain[item_start - 1] != "、":
        return False
    clause = _clause_start(plain, item_start)
    listed = plain[clause : item_start - 1]
    return not DIGIT_RE.search(listed) and "、" in listed


def _cut_post(d: _Draft, end: int, plain: str) -> None:
    """End a post-number metric where the next number starts: 60% 以上行政村和 80% 以上乡镇."""
    text = plain[d.metric_start : end].rstrip(" \t")
    text = TRAILING_JOIN_RE.sub("", text)
    d.metric = _clean_metric(text, percent=d.q.unit_class is UnitClass.PERCENT)
    d.metric_end = d.metric_start + len(text)


def _split_items(plain: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the items of a 、/和/及/与 list inside plain[start:end]."""
    spans, item = [], start
    for m in LIST_JOIN_RE.finditer(plain, start, end):
        spans.append((item, m.start()))
        item = m.end()
    spans.append((item, end))
    return [(s, e) for s, e in spans if e > s]


def _pair_value_lists(drafts: list[_Draft], plain: str) -> None:
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


_VALUE_JOINS = ("、", "和", "及", "与")


def _distribute(group: list[_Draft], plain: str, earlier: list[_Draft]) -> None:
    first, last = group[0], group[-1]
    for d in group[:-1]:
        if d.comparator is Comparator.EXACTLY:
            d.comparator = last.comparator
    for d in group[1:]:
        d.kind = first.kind
    items = _split_items(plain, _clause_start(plain, first.q.start), first.comp_start)
    if len(items) != len(group):
        _pair_with_earlier(group, plain, earlier)
        return
    percent = first.q.unit_class is UnitClass.PERCENT
    for d, (s, e) in zip(group, items, strict=True):
        d.metric = _clean_metric(plain[s:e], percent=percent)
        d.metric_start, d.metric_end = s, e


def _pair_with_earlier(group: list[_Draft], plain: str, earlier: list[_Draft]) -> None:
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


def _inherit_metrics(drafts: list[_Draft], plain: str) -> None:
    """``土地报批 500 亩、收储 1500 亩`` → 土地收储; an empty metric takes the previous one."""
    for prev, d in pairwise(drafts):
        if SENTENCE_END_RE.search(plain, prev.tail_end, d.q.start):
            continue
        if not d.metric:
            d.metric = prev.metric
        elif d.metric in _VERBS and prev.metric and prev.metric not in _VERBS:
            d.metric = _noun_of(prev.metric) + d.metric


def _noun_of(metric: str) -> str:
    """The noun of a verb+noun or noun+verb metric: 建成安置房 → 安置房, 土地报批 → 土地."""
    for verb in _VERBS_BY_LENGTH:
        if metric.startswith(verb) and len(metric) > len(verb):
            return metric[len(verb) :]
        if metric.endswith(verb) and len(metric) > len(verb):
            return metric[: -len(verb)]
    return metric


def _to_targets(d: _Draft, plain: str, text: str) -> list[Target]:
    if d.each:
        each_at = plain.rindex("各", d.item_start, d.q.start)
        items = _split_items(plain, _clause_start(plain, d.q.start), each_at)
        if len(items) > 1:
            return [_target(d, text, _clean_metric(plain[s:e], percent=False), s) for s, e in items]
    return [_target(d, text, d.metric, d.metric_start if d.metric else d.q.start)]


def _target(d: _Draft, text: str, metric: str, start: int) -> Target:
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


# ---------------------------------------------------------------- metric text

_LEADING_BY_LENGTH = tuple(sorted((*_LEADING, "按照", "占", "对"), key=len, reverse=True))
_TRAILING_BY_LENGTH = tuple(sorted(_TRAILING, key=len, reverse=True))
_RATE_VERBS = ("增长", "下降", "提高", "提升", "增加", "减少", "压缩", "缩减", "压减", "降低", "减")
_VERBS_BY_LENGTH = tuple(sorted(_VERBS, key=len, reverse=True))


def _clean_metric(text: str, *, percent: bool, cut: bool = True) -> str:
    """Strip hedges, scope and time words, comparators and (for rates) the rate verb."""
    s = TIME_WORDS_RE.sub("", text).strip(" \t*#")
    trailing = _TRAILING_BY_LENGTH + (_RATE_VERBS if percent else ())
    found = CUT_RE.match(s) if cut else None
    if found:
        after = _strip_words(s[found.end() :].strip(" \t"), _LEADING_BY_LENGTH, trailing)
        if _strip_quotes(after):
            s = after
    s = _strip_words(s.strip(" \t"), _LEADING_BY_LENGTH, trailing)
    s = CN_COUNT_END_RE.sub("", s)
    return _strip_quotes(s.strip(" \t"))


def _strip_words(s: str, leading: tuple[str, ...], trailing: tuple[str, ...]) -> str:
    """Repeatedly remove any of *leading* from the front and *trailing* from the back."""
    head, tail = _word_res(leading, trailing)
    while s:
        before = s
        s = head.sub("", s, count=1)
        s = tail.sub("", s, count=1)
        if s == before:
            break
    return s


@lru_cache(maxsize=16)
def _word_res(
    leading: tuple[str, ...], trailing: tuple[str, ...]
) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compiled ``^(?:words)`` and ``(?:words)$`` patterns for _strip_words."""
    head = "|".join(re.escape(w) for w in sorted(leading, key=len, reverse=True)) or "(?!)"
    tail = "|".join(re.escape(w) for w in sorted(trailing, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"^(?:{head})[ \t]*"), re.compile(rf"[ \t]*(?:{tail})$")


def _strip_quotes(s: str) -> str:
    """Drop quote marks left unmatched at either end: 环境问题“ → 环境问题."""
    while s and (s[0] in "”’、" or (s[0] == "“" and "”" not in s)):
        s = s[1:]
    while s and (s[-1] in "“‘、" or (s[-1] == "”" and "“" not in s)):
        s = s[:-1]
    return s


# ---------------------------------------------------------------- ratios and qualitative targets


def _ratios(plain: str, text: str) -> list[Target]:
    out = []
    for start, end, parts in scan_ratios(plain):
        item = _last_delim(plain, max(0, start - 60), start, _ITEM_DELIMS)
        metric = _clean_metric(RATIO_VERB_RE.sub("", plain[item:start]), percent=False)
        first = item + max(plain.find(metric, item, start), item) - item if metric else start
        out.append(
            Target(
                metric,
                TargetKind.RATIO,
                Comparator.EXACTLY,
                None,
                "",
                None,
                "",
                first,
                end,
                text[first:end],
                ratio=parts,
            )
        )
    return out


def _qualitative(plain: str, text: str, numbers: list[Target]) -> list[Target]:
    out = []
    for m in QUALITATIVE_RE.finditer(plain):
        phrase = m.group("phrase")
        clause = _last_delim(plain, max(0, m.start() - 60), m.start(), _CLAUSE_DELIMS)
        subject = plain[clause : m.start()]
        if "同步" in phrase:
            subject = WITH_RE.split(subject)[0]
        metric = _clean_metric(subject, percent=False)
        if not metric:
            metric = _previous_metric(plain, clause, numbers)
        start = (
            clause + max(plain.find(metric, clause, m.end()) - clause, 0) if metric else m.start()
        )
        out.append(
            Target(
                metric,
                TargetKind.QUALITATIVE,
                None,
                None,
                "",
                None,
                "",
                start,
                m.end(),
                text[start : m.end()],
                phrase=phrase,
            )
        )
    return out


def _previous_metric(plain: str, clause: int, numbers: list[Target]) -> str:
    """For ``…完成26.12亿元,实现正增长``: the metric of the last number in the same sentence."""
    sentence = _last_delim(plain, max(0, clause - 200), clause, "。；;！？!?\n")
    before = [t for t in numbers if sentence <= t.start and t.end <= clause and t.metric]
    return before[-1].metric if before else ""
