"""The words notices use around a target figure: comparators, rate verbs, hedges, counted verbs.

Plain data for :mod:`taskdoc.figures.targets` and its helpers, kept apart from
the algorithms so a new phrasing is added in one place. Each tuple is a set of
alternatives (the order does not matter: :func:`alternation` puts longer words
first, so ``达到`` is tried before ``达``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of *words*, escaped, longest first (so 及以上 wins over 以上)."""
    return "|".join(re.escape(word) for word in sorted(set(words), key=lambda w: (-len(w), w)))


# ---------------------------------------------------------------- comparators

# Written after the number: 640 亿元以上, 5.5% 以内, 7%左右, 1个工作日内.
AT_LEAST_AFTER = ("以上", "及以上")
AT_MOST_AFTER = ("以下", "以内", "之内", "内")
ABOUT_AFTER = ("左右", "上下")

# Written right before the number: 不少于 35 家, 突破 420 亿元, 提高到 85%.
AT_LEAST_BEFORE = (
    "不少于", "不低于", "至少", "最少", "超过", "突破", "超", "达到", "达", "高于", "大于",
    "多于", "逾", "提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增至", "增长到",
)  # fmt: skip
# 控制在 5.5%, 压减至 70 天, 不超过 3 个.
AT_MOST_BEFORE = (
    "不高于", "不超过", "不多于", "最多", "低于", "小于", "控制在", "降低到", "降低至", "降到",
    "降至", "下降到", "下降至", "压减至", "压减到", "压缩至", "压缩到", "减少到", "减少至", "减至",
)  # fmt: skip
# 约 3 万人, 近 50 个.
ABOUT_BEFORE = ("约", "近")
# Words that only link a metric to its figure (稳定在 95%, 覆盖率为 100%): exactly.
COPULAS_BEFORE = ("稳定在", "保持在", "保持", "在", "为", "是")
# Bounds that may stand apart from the number: 不低于发展预期数的 1.2 倍, 至少建成1个.
SEPARABLE_BEFORE = ("不少于", "不低于", "不高于", "不超过", "至少", "最少", "最多")

# ---------------------------------------------------------------- kinds and qualitative targets

# A percentage's verb of increase ending its metric: 增长 7%, 增速达15%, 涨幅3%.
GROWTH_VERBS = ("增长", "增幅", "增速", "涨幅", "增加", "提高", "提升", "上涨", "增")
# A percentage's verb of decrease ending its metric: 下降 4%, 缩减 83.87%.
DECREASE_VERBS = ("下降", "降低", "减少", "压减", "压缩", "缩减", "减")
# …or opening it: 压减一般性支出15%.
DECREASE_OPENERS = ("压减", "压缩", "减少", "降低", "缩减")
# Rate verbs stripped from the end of a percentage's metric: 城镇居民收入增长 → 城镇居民收入.
RATE_VERBS = ("增长", "下降", "提高", "提升", "增加", "减少", "压缩", "缩减", "压减", "降低", "减")
# Targets without a figure, at the end of a clause: 动态清零。 基本同步。 监管全覆盖。
QUALITATIVE_PHRASES = (
    "动态清零", "清零", "全员覆盖", "全覆盖", "基本同步", "同步增长", "同步", "正增长", "负增长",
    "平稳增长", "稳定增长", "稳步增长",
)  # fmt: skip

# ---------------------------------------------------------------- metric words

# Hedges, scope and action words stripped from the front of a metric: 力争, 确保, 全年, 完成…
METRIC_LEADING = (
    "力争", "确保", "争取", "努力", "全力", "计划", "预计", "累计", "全年", "年内", "今年",
    "当年", "其中", "同比", "分别", "实现", "完成", "达到", "和", "及", "以及", "与", "对", "重点推进",
    "重点抓好", "重点实施", "推进", "推动", "加快", "积极", "持续", "继续", "进一步", "全面", "着力",
    "大力", "全区", "全市", "全省", "全县", "市区", "辖区", "我区", "我市", "围绕", "设立", "开展",
    "实施", "谋划实施", "启动", "发放", "提供", "组织", "抓好", "高标准", "梯次", "带动", "共计",
    "新一轮", "扎实", "稳步", "培育提升", "培育", "引育", "打造", "建立", "组建", "支持",
    "举办", "剩余", "已谋划的", "提速", "了", "按照", "占",
)  # fmt: skip
# Words stripped from the end of a metric: 增长, 达到, 控制在, 的…
METRIC_TRAILING = (
    "同比", "分别", "预计", "年均", "累计", "的", "占", "共计", "共", "力争", "确保",
    "完成", "实现", "达到", "达", "为", "是", "在", "约", "近", "超", "突破", "各", "均",
)  # fmt: skip
# Words stripped from the end of the words before a percentage when its verb is looked for.
RATE_HEAD_TRAILING = ("同比", "分别", "年均", "预计", "了")
# Verbs after which the metric starts: …进行脑卒中危险因素筛查, …确保规上工业企业….
METRIC_CUT_VERBS = (
    "进行", "确保", "力争", "争取", "实现", "推动", "带动", "提供", "发放", "开展", "推进", "启动",
    "聚焦", "用于", "建立",
)  # fmt: skip
# Where the counted noun after a number ends and its predicate starts: 50 个行政村开展….
POST_STOP_WORDS = ("达到", "达标", "开展", "进行", "实现", "全部", "基本", "全面")
# Verbs that can stand alone as a list item and borrow the previous noun: 收储 1500 亩, 新开工 5.6 万套.
ITEM_VERBS = (
    "新增", "新建", "改建", "新改建", "改扩建", "新开工", "开工", "建成", "建设", "完成", "网签",
    "收储", "供应", "报批", "征收", "出让", "投用", "交付", "改造", "培育", "引进", "认定", "入库",
    "筹集", "分配", "投入使用", "竣工", "整修", "处置", "盘活",
)  # fmt: skip
# A verb ending the text before a number, so the noun follows it: 各开发区引进 2 个, 选取 50 个行政村.
END_VERBS = (
    "引进", "推进", "实施", "打造", "建设", "举办", "开展", "启动", "加快", "迁建", "续建", "选取",
    "培育", "新增", "新建", "建成", "开工", "完成", "改造", "筹集", "分配", "组织", "抓好", "设置",
    "储备", "配备", "接入", "办理", "创建", "新改建", "改扩建", "投用", "支持",
)  # fmt: skip
# A threshold word right before a number inside a noun phrase: 投资超 30 亿元.
INNER_THRESHOLD_WORDS = ("超过", "超", "以上", "不低于", "不少于")
# Verbs opening a quoted project title that states its own target: “新开工提标加固海塘18.4公里”.
QUOTED_TASK_VERBS = (
    "新开工", "新建", "新增", "新改建", "完成", "实施", "建设", "建成", "改造", "开工", "筹集", "创建",
)  # fmt: skip
# Words before a number that make it context, not a target: 第 29 届, 现有9个, 滞后了2个月.
CONTEXT_WORDS = ("第", "现有", "已有", "滞后", "滞后了", "延后", "延期", "推迟", "推迟了", "拖后")
# Nouns after a count that name parts of a text, not things to deliver: 90条措施, 从10个方面,
# 做了7个方面工作, 15条硬措施.
TEXT_PART_NOUNS = ("措施", "硬措施", "举措", "方面", "条意见", "项举措", "大行动", "部分", "章")
# Time phrases, not part of a metric: 9月底前27个保交楼项目, 实现年内覆盖率, 1-9月, 前三季度.
TIME_WORDS_PATTERN = (
    r"\d{1,2}[ \t]*[-—–~～至到][ \t]*\d{1,2}[ \t]*月(?:份)?|\d{1,2}[ \t]*月(?:底|末)?(?:前)?"
    r"|年底前|年底|年末|年内|全年|[上下]半年|前?[一二三四]季度|秋季|春季|今年以来"
)
# Words that only say what a figure is compared with, left before a rate: 比上年同期增长 4.3%.
COMPARISON_BASES = (
    "比上年同期", "比去年同期", "较上年同期", "较去年同期", "比上年", "比去年", "较上年", "较去年",
    "与上年同期相比", "与去年同期相比", "与上年相比", "同比", "环比",
)  # fmt: skip
# Collective metrics a value list spreads over its members: 三次产业分别增长 a%、b%、c%.
METRIC_MEMBERS = {
    "三次产业": ("第一产业", "第二产业", "第三产业"),
    "一二三产业": ("第一产业", "第二产业", "第三产业"),
    "一、二、三产业": ("第一产业", "第二产业", "第三产业"),
    "城乡居民": ("城镇居民", "农村居民"),
}
