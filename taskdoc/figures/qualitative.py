"""Targets without a single figure: ratios (``0.1:24.2:75.7``) and qualitative phrases.

A ratio's metric is the item before it, minus its copula (``三次产业比重调整为``
→ ``三次产业比重``). A qualitative target (``动态清零``, ``全覆盖``, ``基本同步``)
ends a clause; its metric is the clause before the phrase — for 同步 only the
part before its partner (``城乡居民收入增长与经济增长基本同步``) — or, when the
clause has none (``…完成26.12亿元，实现正增长``), the metric of the last figure
of the same sentence.
"""

from __future__ import annotations

import re

from taskdoc.figures.items import CLAUSE_DELIMS, ITEM_DELIMS, SENTENCE_DELIMS, last_delim
from taskdoc.figures.metrics import clean_metric
from taskdoc.figures.quantities import scan_ratios
from taskdoc.lexicon.figures import QUALITATIVE_PHRASES, alternation
from taskdoc.values import Comparator, Target, TargetKind

# Qualitative targets at the end of a clause: 动态清零。 基本同步。 监管全覆盖。
QUALITATIVE_RE = re.compile(
    rf"(?P<phrase>{alternation(QUALITATIVE_PHRASES)})(?=[”\"’]?(?:[，。；、,;！!？?\n]|$))"
)
# The copula before a ratio: 三次产业比重调整为 0.1:24.2:75.7.
RATIO_VERB_RE = re.compile(r"(?:调整为|调整到|为|是)[ \t]*$")
# The partner of 同步: 城乡居民收入增长与经济增长基本同步.
WITH_RE = re.compile(r"与|和")


def ratios(plain: str, text: str) -> list[Target]:
    """Colon ratios of *plain* with the metric written before them."""
    out = []
    for start, end, parts in scan_ratios(plain):
        item = last_delim(plain, max(0, start - 60), start, ITEM_DELIMS)
        metric = clean_metric(RATIO_VERB_RE.sub("", plain[item:start]), percent=False)
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


def qualitative(plain: str, text: str, numbers: list[Target]) -> list[Target]:
    """Qualitative phrases of *plain*; *numbers* are the figures found, for a borrowed metric."""
    out = []
    for m in QUALITATIVE_RE.finditer(plain):
        phrase = m.group("phrase")
        clause = last_delim(plain, max(0, m.start() - 60), m.start(), CLAUSE_DELIMS)
        subject = plain[clause : m.start()]
        if "同步" in phrase:
            subject = WITH_RE.split(subject)[0]
        metric = clean_metric(subject, percent=False)
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
    sentence = last_delim(plain, max(0, clause - 200), clause, SENTENCE_DELIMS)
    before = [t for t in numbers if sentence <= t.start and t.end <= clause and t.metric]
    return before[-1].metric if before else ""
