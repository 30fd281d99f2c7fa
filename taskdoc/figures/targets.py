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

This module finds the candidate figures and drafts each one; the concerns are
apart: the words in :mod:`taskdoc.lexicon.figures`, item and clause bounds in
:mod:`taskdoc.figures.items`, the metric in :mod:`taskdoc.figures.metrics`,
comparator and kind in :mod:`taskdoc.figures.comparators`, value lists and 各
in :mod:`taskdoc.figures.pairing`, ratios and qualitative targets in
:mod:`taskdoc.figures.qualitative`; the :class:`~taskdoc.values.Target` value
itself is on the ground floor, in :mod:`taskdoc.values`.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from taskdoc.figures.cnnum import normalize_digits
from taskdoc.figures.comparators import SUFFIX_RE, comparator, kind, prefix_comparator
from taskdoc.figures.draft import Draft
from taskdoc.figures.items import clause_start, is_cjk, item_start
from taskdoc.figures.metrics import DENG_RE, choose_metric, cut_post
from taskdoc.figures.pairing import inherit_metrics, pair_value_lists, to_targets
from taskdoc.figures.qualitative import qualitative, ratios
from taskdoc.figures.quantities import Quantity, UnitClass, per_denominator, scan_quantities
from taskdoc.lexicon.figures import (
    CONTEXT_WORDS,
    INNER_THRESHOLD_WORDS,
    QUOTED_TASK_VERBS,
    TEXT_PART_NOUNS,
    alternation,
)
from taskdoc.values import Target

# Ordinals and existing stock are not targets: 第 29 届, 现有9个.
CONTEXT_ONLY_RE = re.compile(rf"(?:{alternation(CONTEXT_WORDS)})[ \t]*$")
# 各 before a number distributes it over the listed items: 肺癌早期筛查各 5 万人.
EACH_RE = re.compile(r"各[ \t]*$")
# A measure that qualifies the noun after it: 50 亿元以上高质量项目, 10 亿元高质量项目不少于 2 个.
THRESHOLD_RE = re.compile(
    r"(?:及以上|以上|以下)[\u4e00-\u9fff“]"
    r"|(?!的|(?:和|及|与|或|、)[ \t]*\d)"  # 41200元和19800元 is a value list, not a threshold
    r"[\u4e00-\u9fff“][^，。；、,;：:！？!?\d的]{0,15}?(?:不少于|不低于|不超过|超过|\d)"
)
# A threshold word right before a number inside a noun phrase: 投资超 30 亿元.
INNER_THRESHOLD_RE = re.compile(rf"(?:{alternation(INNER_THRESHOLD_WORDS)})[ \t]*$")
# Quoted names and book titles, where numbers are names: “金星啤酒 1982”, 《…(2023-2025年)》.
MASK_RE = re.compile(r"“[^“”]{0,30}”|《[^《》]*》|\"[^\"]{0,30}\"")
# A count naming parts of a text: 90条措施, 从10个方面, 7个方面的工作.
TEXT_PART_RE = re.compile(rf"[ \t]*(?:{alternation(TEXT_PART_NOUNS)})")
# A quoted project title with its target: “新开工提标加固海塘18.4公里”, “完成回迁安置857户以上”.
QUOTED_TASK_RE = re.compile(rf"(?:{alternation(QUOTED_TASK_VERBS)})[^“”\"]*\d")
# A move in a ranking: 提升5位, 前移3位.
RANK_MOVE_RE = re.compile(r"(?:提升|上升|前移|前进|进位|后退|下降|下滑|后移)了?[ \t]*$")
# A count naming the set the next figures come from: 4个结构性指标中，….
AMONG_RE = re.compile(r"[^，。；、,;：:！？!?\d]{1,12}中[，,：:]")
# A measure naming a project's capacity: 120万吨项目, 220千伏线路工程.
PROJECT_RE = re.compile(r"(?:项目|工程|线路)")
# Words after a number that are not a noun: 1个工作日内, 30 分钟以内, 60% 的.
NOT_NOUN_RE = re.compile(r"(?:以|内|之内|左右|的)")
# A conjunction opening a list item right after the previous number: 和森林生态乡村.
LEADING_JOIN_RE = re.compile(r"^[ \t]*(?:以及|和|及|与|并)")


def extract_targets(text: str) -> tuple[Target, ...]:
    """All targets in *text*, in order of appearance."""
    plain = normalize_digits(text)
    masked = _masked_spans(plain)
    quantities = [q for q in scan_quantities(plain) if _is_candidate(q, plain, masked)]
    targets = _quantitative(quantities, plain, text)
    targets.extend(ratios(plain, text))
    targets.extend(qualitative(plain, text, targets))
    return tuple(sorted(targets, key=lambda t: (t.start, t.end)))


def _masked_spans(plain: str) -> list[tuple[int, int]]:
    """Spans inside “…” (up to 30 chars) and 《…》: names and titles, not targets.

    A quoted project title that opens with a verb of delivery states its own
    target (``“新开工提标加固海塘18.4公里”``, ``“完成回迁安置857户以上”``), so it
    stays readable.
    """
    return [
        (m.start(), m.end())
        for m in MASK_RE.finditer(plain)
        if not QUOTED_TASK_RE.match(plain, m.start() + 1)
    ]


def _is_candidate(q: Quantity, plain: str, masked: list[tuple[int, int]]) -> bool:
    """False for numbers that only describe something else (see module docstring)."""
    at = bisect_right(masked, (q.start, len(plain))) - 1
    if at >= 0 and masked[at][0] < q.start < masked[at][1]:
        return False
    before = plain[max(0, q.start - 4) : q.start]
    after = plain[q.end : q.end + 6]
    measure = q.unit_class is UnitClass.MEASURE
    classifier = q.unit_class is UnitClass.CLASSIFIER
    context = (
        CONTEXT_ONLY_RE.search(before),  # 第 29 届, 现有9个, 滞后了2个月
        q.unit_class is UnitClass.TIME and _starts_noun(after),  # 72小时过境免签
        before.endswith("以") and after.startswith("为"),  # 以1—3平方公里为尺度
        measure and PROJECT_RE.match(after),  # 120万吨项目
        classifier and TEXT_PART_RE.match(after),  # 90条措施, 10个方面
        q.unit == "位" and RANK_MOVE_RE.search(before),  # 比去年同期提升5位: a ranking
        classifier and AMONG_RE.match(plain, q.end),  # 4个结构性指标中，…: a set to pick from
        measure and THRESHOLD_RE.match(plain, q.end),  # 50 亿元以上高质量项目
    )
    return not any(context)


def in_quoted_task(plain: str, pos: int) -> bool:
    """Whether *pos* is inside a quoted project title (“完成回迁安置857户以上”)."""
    opening = plain.rfind("“", max(0, pos - 30), pos)
    return (
        opening >= 0
        and "”" not in plain[opening:pos]
        and QUOTED_TASK_RE.match(plain, opening + 1) is not None
    )


def _starts_noun(after: str) -> bool:
    return bool(after) and is_cjk(after[0]) and not NOT_NOUN_RE.match(after)


def _quantitative(quantities: list[Quantity], plain: str, text: str) -> list[Target]:
    """Draft every quantity in order, then let neighbouring drafts share their words."""
    drafts: list[Draft] = []
    post_end = -1
    for q in quantities:
        inside_post = q.start < post_end
        if inside_post and INNER_THRESHOLD_RE.search(plain, max(0, q.start - 4), q.start):
            continue  # 2 个以上投资超 30 亿元: the 30 亿元 belongs to the noun
        prev_end = q.start if inside_post else (drafts[-1].tail_end if drafts else 0)
        draft = _draft(q, plain, prev_end)
        if DENG_RE.search(plain, max(0, draft.comp_start - 3), draft.comp_start):
            clause = clause_start(plain, q.start)
            # examples before 等 N 个 (a quoted project title keeps its own target)
            drafts = [d for d in drafts if d.q.start < clause or in_quoted_task(plain, d.q.start)]
        if drafts and inside_post:
            cut_post(drafts[-1], q.start, plain)
        drafts.append(draft)
        post_end = draft.metric_end if draft.metric_start >= draft.tail_end else -1
    pair_value_lists(drafts, plain)
    inherit_metrics(drafts, plain)
    return [t for d in drafts for t in to_targets(d, plain, text)]


def _draft(q: Quantity, plain: str, prev_end: int) -> Draft:
    """One quantity's comparator, kind and metric, read from its own list item."""
    start = item_start(plain, max(prev_end, q.start - 200), q.start)
    before = plain[start : q.start]
    if start == prev_end:
        before = LEADING_JOIN_RE.sub(" ", before)  # 17 个和森林生态乡村 166 个
    per = per_denominator(before)
    if per is not None:
        before = before[: before.rindex("每")]
    word, comp_start = prefix_comparator(before)
    suffix = SUFFIX_RE.match(plain, q.end)
    tail_end = suffix.end() if suffix else q.end
    pre = before[:comp_start]
    draft = Draft(
        q,
        start,
        start + comp_start,
        tail_end,
        comparator(q, word, suffix.group("word") if suffix else ""),
        kind(q, pre, plain[tail_end : tail_end + 4]),
        "",
        0,
        0,
        per,
        bool(EACH_RE.search(pre)),
    )
    choose_metric(draft, plain, pre)
    return draft
