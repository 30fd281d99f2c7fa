"""Time expressions in task text, resolved to dates of the document's year.

A decomposition notice never writes a full date for a deadline: it says
``6月底前``, ``上半年``, ``一季度``, ``年内``, ``“五一”``, ``秋季`` or
``春节前``, all relative to the plan year. Supervision needs a calendar date
to sort and chase by, so each phrase is resolved against the ``year`` the
caller passes (the plan year, or the review year for a report's look-back)
and given a precision saying how exact the date is:

* day: ``6月8日17时前`` → 06-08 (hour kept separately), ``9月28前`` → 09-28 (the
  day without 日), ``“五一”`` → 05-01, ``春节前`` → the eve of the Spring Festival;
  a range ``7月9日至17日`` keeps both ends: ``date`` is the end (a deadline is the
  last day) and ``range_start`` the first;
* month: ``9月底前`` / ``10 月底前`` → last day of the month, ``秋季`` → 09-01
  (start of the autumn term), ``从6月份起`` → 06-01 (a start, ``is_start``);
* quarter: ``一季度`` → 03-31; half: ``上半年`` → 06-30, ``下半年`` → 12-31;
* year: ``年底前`` / ``年底`` / ``年内`` / ``全年`` → 12-31.

``春节前`` means the *next* Spring Festival after the notice: notices are
issued after that year's festival, so ``year + 1`` is used unless the caller
passes ``issued`` earlier than the festival of ``year``. Festival dates for
2015–2035 are a data table below (computed once from the lunar calendar);
outside the table ``春节`` is not resolved. Durations (``三年``, ``利用 2 年``),
plain years (``2024 年``) and recurring days (``每月10日``) are not time
expressions. Dates in one sentence that go back in the calendar
(``10月10日和1月10日``) roll over into the next year.
"""

from __future__ import annotations

import datetime
import re
from calendar import monthrange
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from taskdoc.figures.cnnum import normalize_digits, parse_cn_int
from taskdoc.values import Precision


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """One resolved phrase: ``raw`` as written, its span, the date and its precision."""

    raw: str
    start: int
    end: int
    date: date
    precision: Precision
    hour: int | None = None  # 6月8日17时前 → 17
    is_start: bool = False  # 从6月份起: a start, not a deadline
    range_start: datetime.date | None = None  # 7月9日至17日: the first day; ``date`` is the last

    def to_dict(self) -> dict[str, object]:
        return {
            "raw": self.raw,
            "start": self.start,
            "end": self.end,
            "date": self.date.isoformat(),
            "precision": str(self.precision),
            "hour": self.hour,
            "is_start": self.is_start,
            "range_start": None if self.range_start is None else self.range_start.isoformat(),
        }


# Gregorian date of the Spring Festival (正月初一), 2015–2035.
SPRING_FESTIVAL: dict[int, date] = {
    2015: date(2015, 2, 19),
    2016: date(2016, 2, 8),
    2017: date(2017, 1, 28),
    2018: date(2018, 2, 16),
    2019: date(2019, 2, 5),
    2020: date(2020, 1, 25),
    2021: date(2021, 2, 12),
    2022: date(2022, 2, 1),
    2023: date(2023, 1, 22),
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
    2029: date(2029, 2, 13),
    2030: date(2030, 2, 3),
    2031: date(2031, 1, 23),
    2032: date(2032, 2, 11),
    2033: date(2033, 1, 31),
    2034: date(2034, 2, 19),
    2035: date(2035, 2, 8),
}

_MONTH = r"(?:1[0-2]|0?[1-9])"
_YEAR = r"(?:(?P<year>(?:19|20)\d{2})[ \t]*年[ \t]*|(?P<next>次年|明年|翌年))?"
_BEFORE = r"(?:[ \t]*(?:之前|以前|前))?"

# A day with optional year and hour: 6月8日17时前, 2021年1月10日前, 2月3日(上午).
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
FULL_DATE_RE = re.compile(
    rf"{_YEAR}(?P<month>{_MONTH})[ \t]*月[ \t]*(?P<day>{_DAY})"
    r"(?:[ \t]*[日号]|(?=[ \t]*(?:前|之前|以前|起|[，。；、,;）)\s]|$)))"  # 9月28前: still a day
    rf"(?:[ \t]*(?P<hour>[01]?\d|2[0-3])[ \t]*[时点])?"
    rf"(?:[ \t]*[至到—~～-][ \t]*(?:(?P<month2>{_MONTH})[ \t]*月[ \t]*)?(?P<day2>{_DAY})[ \t]*[日号])?"
    rf"{_BEFORE}"
)
# A month, its end or its parts: 9月底前, 10 月底前, 6月份, 3月, 十月底, 4月中旬.
MONTH_RE = re.compile(
    rf"{_YEAR}(?:(?P<month>{_MONTH})|(?P<cnmonth>十[一二]?|[一二三四五六七八九](?=月[底末份上中下])))"
    rf"[ \t]*月(?P<part>底|末|份|上旬|中旬|下旬|初)?{_BEFORE}(?P<since>[ \t]*(?:起|开始|以来))?"
)
# A quarter: 一季度, 第三季度, 二季度末, 前三季度, 4季度.
QUARTER_RE = re.compile(
    r"(?P<first>前)?第?(?P<quarter>[一二三四1-4])[ \t]*季度(?:末|底)?" + _BEFORE
)
# Half a year: 上半年, 下半年(度), 年中.
HALF_RE = re.compile(r"(?P<half>上|下)半年度?" + _BEFORE + r"|(?P<mid>年中)" + _BEFORE)
# The year's end: 年底前, 年底, 年末, 年内, 全年, 2025年底前 (not 三年内 / 2 年内, which are durations).
YEAR_END_RE = re.compile(
    r"(?P<year>(?:19|20)\d{2})[ \t]*年(?:底|末|内)"
    + _BEFORE
    + r"|(?<![\d一二两三四五六七八九十个多半])(?:年底|年末|年内|全年)"
    + _BEFORE
)
# Holidays: “五一”, 五一劳动节前, 国庆节前, 春节前.
HOLIDAY_RE = re.compile(
    r"(?P<mayday>[“\"]五一[”\"]|五一(?=劳动节|节|假期|前))(?:劳动节|节)?"
    + _BEFORE
    + r"|(?P<national>国庆)(?:节)?"
    + _BEFORE
    + r"|(?P<spring>春节)(?P<sbefore>[ \t]*(?:之前|以前|前))?"
)
# School terms: 秋季 → 09-01, 春季 → 03-01 (never 秋冬季 / 春夏 seasons of pollution control).
SEASON_RE = re.compile(r"(?<![春夏冬])(?P<season>秋|春)季(?!冬|夏|攻坚)" + _BEFORE)
# Sentence ends reset the month roll-over.
_SENTENCE_END_RE = re.compile(r"[。；;！？!?\n]")

_DECEMBER = 12
# How far a time expression reaches on either side of its anchor word (月, 季度…).
_REACH = 20
_QUARTER_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    month: int  # month of a yearless day-date (10月10日), for roll-over; 0 otherwise
    make: Callable[[int], TimeExpression | None]  # plan year → expression


def extract_time_expressions(
    text: str, *, year: int, issued: date | None = None
) -> tuple[TimeExpression, ...]:
    """All time expressions in *text*, resolved against *year*, in text order."""
    plain = normalize_digits(text)
    hits = _non_overlapping(_all_hits(plain, text, issued))
    out: list[TimeExpression] = []
    last_month = 0
    last_end = 0
    for hit in hits:
        if _SENTENCE_END_RE.search(plain, last_end, hit.start):
            last_month = 0
        ref_year = year + 1 if 0 < hit.month < last_month else year
        expression = hit.make(ref_year)
        if expression is not None:
            out.append(expression)
            if expression.date.year == ref_year:
                last_month = max(last_month, hit.month)
        last_end = hit.end
    return tuple(out)


def _all_hits(plain: str, text: str, issued: date | None) -> Iterator[_Hit]:
    for m in _near(FULL_DATE_RE, plain, ("月",)):
        yield _full_date_hit(m, text)
    for m in _near(MONTH_RE, plain, ("月",)):
        hit = _month_hit(m, text)
        if hit is not None:
            yield hit
    for m in _near(QUARTER_RE, plain, ("季度",)):
        yield _quarter_hit(m, text)
    for m in _near(HALF_RE, plain, ("半年", "年中")):
        yield _half_hit(m, text)
    for m in _near(YEAR_END_RE, plain, ("年底", "年末", "年内", "全年")):
        yield _year_end_hit(m, text)
    for m in _near(HOLIDAY_RE, plain, ("五一", "国庆", "春节")):
        yield _holiday_hit(m, text, issued)
    for m in _near(SEASON_RE, plain, ("季",)):
        yield _season_hit(m, text)


def _near(
    pattern: re.Pattern[str], plain: str, anchors: tuple[str, ...]
) -> Iterator[re.Match[str]]:
    """Matches of *pattern* around each anchor word only (fast on long text; same results).

    Every expression contains its anchor (月, 季度…) and is shorter than
    ``_REACH`` characters on either side of it, so scanning those windows finds
    exactly what a full scan would.
    """
    seen: set[tuple[int, int]] = set()
    for anchor in anchors:
        pos = plain.find(anchor)
        while pos != -1:
            window = pattern.finditer(
                plain, max(0, pos - _REACH), min(len(plain), pos + len(anchor) + _REACH)
            )
            for m in window:
                if m.span() not in seen:
                    seen.add(m.span())
                    yield m
            pos = plain.find(anchor, pos + len(anchor))


def _non_overlapping(hits: Iterator[_Hit]) -> list[_Hit]:
    """Keep the longest match where matches overlap, then sort by position."""
    ordered = sorted(hits, key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[_Hit] = []
    for hit in ordered:
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


def _explicit_year(m: re.Match[str], ref_year: int) -> tuple[int, bool]:
    """The year written in the match (2021年, 次年) or the reference year; flag if written."""
    if m.group("year"):
        return int(m.group("year")), True
    if m.groupdict().get("next"):
        return ref_year + 1, True
    return ref_year, False


def _full_date_hit(m: re.Match[str], text: str) -> _Hit:
    month, day = int(m.group("month")), int(m.group("day"))
    hour = int(m.group("hour")) if m.group("hour") else None
    last_month = int(m.group("month2")) if m.group("month2") else month
    last_day = int(m.group("day2")) if m.group("day2") else None

    def make(ref_year: int) -> TimeExpression | None:
        y, _ = _explicit_year(m, ref_year)
        if day > monthrange(y, month)[1]:
            return None
        first = date(y, month, day)
        if last_day is None:
            return _expr(m, text, first, Precision.DAY, hour=hour)
        end_year = y + 1 if (last_month, last_day) < (month, day) else y
        if last_day > monthrange(end_year, last_month)[1]:
            return None
        end = date(end_year, last_month, last_day)
        return _expr(m, text, end, Precision.DAY, hour=hour, range_start=first)

    return _Hit(m.start(), m.end(), 0 if m.group("year") else month, make)


def _month_hit(m: re.Match[str], text: str) -> _Hit | None:
    month = int(m.group("month")) if m.group("month") else parse_cn_int(m.group("cnmonth") or "")
    if month is None or not 1 <= month <= _DECEMBER:
        return None
    part = m.group("part") or ""
    since = bool(m.group("since")) or part == "初"

    def make(ref_year: int) -> TimeExpression | None:
        y, _ = _explicit_year(m, ref_year)
        last = monthrange(y, month)[1]
        day = {"上旬": 10, "中旬": 20, "初": 1}.get(part, 1 if since else last)
        precision = Precision.DAY if part in ("上旬", "中旬", "下旬") else Precision.MONTH
        return _expr(m, text, date(y, month, day), precision, is_start=since)

    return _Hit(m.start(), m.end(), 0, make)


def _quarter_hit(m: re.Match[str], text: str) -> _Hit:
    quarter = _QUARTER_NUM[m.group("quarter")]
    month = quarter * 3

    def make(ref_year: int) -> TimeExpression:
        end = date(ref_year, month, monthrange(ref_year, month)[1])
        return _expr(m, text, end, Precision.QUARTER)

    return _Hit(m.start(), m.end(), 0, make)


def _half_hit(m: re.Match[str], text: str) -> _Hit:
    end = date(1, 12, 31) if m.group("half") == "下" else date(1, 6, 30)

    def make(ref_year: int) -> TimeExpression:
        return _expr(m, text, end.replace(year=ref_year), Precision.HALF)

    return _Hit(m.start(), m.end(), 0, make)


def _year_end_hit(m: re.Match[str], text: str) -> _Hit:
    def make(ref_year: int) -> TimeExpression:
        y = int(m.group("year")) if m.group("year") else ref_year
        return _expr(m, text, date(y, 12, 31), Precision.YEAR)

    return _Hit(m.start(), m.end(), 0, make)


def _holiday_hit(m: re.Match[str], text: str, issued: date | None) -> _Hit:
    if m.group("mayday"):
        return _Hit(m.start(), m.end(), 0, lambda y: _expr(m, text, date(y, 5, 1), Precision.DAY))
    if m.group("national"):
        return _Hit(m.start(), m.end(), 0, lambda y: _expr(m, text, date(y, 10, 1), Precision.DAY))
    before = bool(m.group("sbefore"))

    def make(ref_year: int) -> TimeExpression | None:
        festival = SPRING_FESTIVAL.get(ref_year)
        if issued is None or festival is None or issued >= festival:
            festival = SPRING_FESTIVAL.get(ref_year + 1)
        if festival is None:
            return None
        due = festival - timedelta(days=1) if before else festival
        return _expr(m, text, due, Precision.DAY)

    return _Hit(m.start(), m.end(), 0, make)


def _season_hit(m: re.Match[str], text: str) -> _Hit:
    month = 9 if m.group("season") == "秋" else 3
    return _Hit(m.start(), m.end(), 0, lambda y: _expr(m, text, date(y, month, 1), Precision.MONTH))


def _expr(
    m: re.Match[str],
    text: str,
    when: date,
    precision: Precision,
    *,
    hour: int | None = None,
    is_start: bool = False,
    range_start: date | None = None,
) -> TimeExpression:
    start, end = m.start(), m.end()
    while end > start and text[end - 1] in " \t":
        end -= 1
    return TimeExpression(text[start:end], start, end, when, precision, hour, is_start, range_start)
