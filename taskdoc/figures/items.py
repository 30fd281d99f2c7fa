"""List items and clauses around a figure: where the words that describe a number begin.

A target's metric is read inside its list item (``新增绿地 500 万平方米、新建公园
30 个``: the second figure's item starts after ``、``), a distributive ``各`` or a
value list (``分别在 95%、35%``) inside its clause, which keeps a 、-list whole.
These helpers find those boundaries by position; they know nothing of metrics.
"""

from __future__ import annotations

import re

# Characters that end a list item: 新增绿地 500 万平方米、新建公园 30 个
ITEM_DELIMS = "，。；、,;：:！？!?\n*#"
# Characters that end a clause (a 、-list stays inside): 脑卒中危险因素筛查、肺癌早期筛查各 5 万人
CLAUSE_DELIMS = "，。；,;：:！？!?\n*#"
# Characters that end a sentence, across which nothing is inherited.
SENTENCE_DELIMS = "。；;！？!?\n"
# A list item of at most this many characters belongs to the next: 省、市、区重点项目.
_SHORT_ITEM = 2
# Separators of a list of metrics: 生活垃圾分类覆盖率和回收利用率, PM10、PM2.5.
LIST_JOIN_RE = re.compile(r"、|以及|和|及|与")
# A sentence boundary, across which metrics are not inherited: 。 ； ！
SENTENCE_END_RE = re.compile(r"[。；;！？!?]")


def last_delim(plain: str, lo: int, hi: int, delims: str) -> int:
    """Index just after the last delimiter in plain[lo:hi], or *lo*."""
    for i in range(hi - 1, lo - 1, -1):
        if plain[i] in delims:
            return i + 1
    return lo


def item_start(plain: str, lo: int, pos: int) -> int:
    """Start of the list item before *pos*; 省、市、区重点项目 keeps its one-character items."""
    start = last_delim(plain, lo, pos, ITEM_DELIMS)
    while start > lo and plain[start - 1] == "、":
        previous = last_delim(plain, lo, start - 1, ITEM_DELIMS)
        if start - 1 - previous > _SHORT_ITEM:
            break
        start = previous
    return start


def clause_start(plain: str, pos: int) -> int:
    """Start of the clause holding *pos* (at most 200 characters back)."""
    return last_delim(plain, max(0, pos - 200), pos, CLAUSE_DELIMS)


def split_items(plain: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the items of a 、/和/及/与 list inside plain[start:end]."""
    spans, item = [], start
    for m in LIST_JOIN_RE.finditer(plain, start, end):
        spans.append((item, m.start()))
        item = m.end()
    spans.append((item, end))
    return [(s, e) for s, e in spans if e > s]


def is_cjk(ch: str) -> bool:
    """A Chinese character or an opening quote: the start of a word, not of a number or mark."""
    return "\u4e00" <= ch <= "\u9fff" or ch in '“"'
