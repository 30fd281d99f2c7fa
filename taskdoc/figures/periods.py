"""The part of a year a reported figure covers: 上半年, 前三季度, 1-9月, 截至9月底, 全年.

A bulletin's 1-9月 figure and a year-end report's figure of the same metric are
not the same thing: completion is judged on the year, progress on the months so
far. :func:`find_periods` finds every period phrase in a text (with its span);
:func:`period_of` reads one phrase. Months are 1-based and inclusive.
"""

from __future__ import annotations

import re

from taskdoc.docvalues import Period
from taskdoc.figures.cnnum import normalize_digits

_CN_QUARTERS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_LAST_MONTH = 12
# 前两季度 is the first half, 前一季度 the first quarter.
_FIRST_QUARTERS = {1: "一季度", 2: "上半年", 3: "前三季度"}

# One period phrase; the alternatives are tried longest first.
PERIOD_RE = re.compile(
    r"(?P<range>(?P<m1>1[0-2]|0?[1-9])[ \t]*(?:月份?)?[ \t]*[-—–~～至到][ \t]*(?P<m2>1[0-2]|0?[1-9])[ \t]*月份?)"
    r"|(?P<until>截[至止](?:到)?(?:(?:19|20)\d{2}[ \t]*年)?[ \t]*(?P<m3>1[0-2]|0?[1-9])[ \t]*月(?:底|末|份)?)"
    r"|(?P<first>前(?P<q1>[一二两三1-3])[ \t]*(?:个)?季度)"
    r"|(?P<quarter>第?(?P<q2>[一二三四1-4])[ \t]*季度)"
    r"|(?P<half>(?P<h>[上下])半年)"
    r"|(?P<year>全年)"
)


def find_periods(text: str) -> list[tuple[int, int, Period]]:
    """Every period phrase of *text* as (start, end, period), in order."""
    plain = normalize_digits(text)
    out = []
    for m in PERIOD_RE.finditer(plain):
        period = _period(m)
        if period is not None:
            out.append((m.start(), m.end(), period))
    return out


def period_of(text: str) -> Period | None:
    """The first period named in *text*, or ``None``: ``前三季度落实情况`` → 1-9."""
    found = find_periods(text)
    return found[0][2] if found else None


def whole_year() -> Period:
    return Period("全年", 1, _LAST_MONTH)


def months(first: int, last: int) -> Period:
    """The period of months *first*–*last*, labelled as reports write it (1-9月, 全年)."""
    if (first, last) == (1, _LAST_MONTH):
        return whole_year()
    return Period(f"{first}-{last}月", first, last)


def _period(m: re.Match[str]) -> Period | None:
    if m.group("range"):
        first, last = int(m.group("m1")), int(m.group("m2"))
        return months(first, last) if first <= last else None
    if m.group("until"):
        return months(1, int(m.group("m3")))
    if m.group("first"):
        count = _CN_QUARTERS[m.group("q1")]
        return Period(_FIRST_QUARTERS[count], 1, count * 3)
    if m.group("quarter"):
        quarter = _CN_QUARTERS[m.group("q2")]
        return Period(f"{'一二三四'[quarter - 1]}季度", quarter * 3 - 2, quarter * 3)
    if m.group("half"):
        upper = m.group("h") == "上"
        return Period(f"{m.group('h')}半年", 1 if upper else 7, 6 if upper else _LAST_MONTH)
    return whole_year()
