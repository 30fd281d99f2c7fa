"""Numbers with units: find them in text and normalise them exactly.

A supervision office compares ``新增就业 1.3 万人`` with ``新增城镇就业 12650 人``,
so every quantity is kept twice: as written (``1.3`` ``万人``) and normalised
to a base unit (``13000`` ``人``). Values are :class:`decimal.Decimal`, so
``1.3 万`` is exactly 13000 and ``2.11 万亿元`` exactly 2110000000000.

Units are grouped by what they measure, because the target extractor treats
them differently: a *measure* (元, 亩, 平方米, 公里…) gives a level, a
*classifier* (个, 家, 所, 人, 套…) gives a count, a *percent* a rate or share,
*time* units (天, 小时, 个工作日) a duration, and 倍 a multiple. Years (年)
are deliberately not units: ``2024 年`` is a date, ``三年行动`` a plan name.

The scanner is one linear regex pass; positions are character offsets into the
text given (full-width digits are normalised one for one, so offsets hold).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from taskdoc.figures.cnnum import normalize_digits, parse_cn_int


class UnitClass(StrEnum):
    """What a unit measures; decides a target's kind."""

    MEASURE = "measure"  # 元, 亩, 平方米, 公里, 吨, 微克/立方米, 标箱
    CLASSIFIER = "classifier"  # 个, 家, 所, 人, 套, 座, 条…
    PERCENT = "percent"  # %, 个百分点
    TIME = "time"  # 天, 小时, 个工作日
    MULTIPLE = "multiple"  # 倍


# Written unit → (base unit, class). 套（间）counts 套; currencies keep their name.
UNITS: dict[str, tuple[str, UnitClass]] = {
    "%": ("%", UnitClass.PERCENT),
    "个百分点": ("个百分点", UnitClass.PERCENT),
    "倍": ("倍", UnitClass.MULTIPLE),
    "个工作日": ("个工作日", UnitClass.TIME),
    "个月": ("个月", UnitClass.TIME),
    "工作日": ("个工作日", UnitClass.TIME),
    "小时": ("小时", UnitClass.TIME),
    "分钟": ("分钟", UnitClass.TIME),
    "天": ("天", UnitClass.TIME),
    "元": ("元", UnitClass.MEASURE),
    "美元": ("美元", UnitClass.MEASURE),
    "欧元": ("欧元", UnitClass.MEASURE),
    "平方公里": ("平方公里", UnitClass.MEASURE),
    "平方米": ("平方米", UnitClass.MEASURE),
    "立方米": ("立方米", UnitClass.MEASURE),
    "微克/立方米": ("微克/立方米", UnitClass.MEASURE),
    "毫克/立方米": ("毫克/立方米", UnitClass.MEASURE),
    "公顷": ("公顷", UnitClass.MEASURE),
    "亩": ("亩", UnitClass.MEASURE),
    "公里": ("公里", UnitClass.MEASURE),
    "千米": ("公里", UnitClass.MEASURE),
    "米": ("米", UnitClass.MEASURE),
    "公斤": ("公斤", UnitClass.MEASURE),
    "吨": ("吨", UnitClass.MEASURE),
    "斤": ("斤", UnitClass.MEASURE),
    "千瓦时": ("千瓦时", UnitClass.MEASURE),
    "千瓦": ("千瓦", UnitClass.MEASURE),
    "标箱": ("标箱", UnitClass.MEASURE),
    "人次": ("人次", UnitClass.CLASSIFIER),
    "剂次": ("剂次", UnitClass.CLASSIFIER),
    "场次": ("场次", UnitClass.CLASSIFIER),
    "套（间）": ("套", UnitClass.CLASSIFIER),
    "套(间)": ("套", UnitClass.CLASSIFIER),
}
for _classifier in "人名个家所套间座条场项户辆台张件次宗株处部支起栋只头棵位轮本":
    UNITS.setdefault(_classifier, (_classifier, UnitClass.CLASSIFIER))

MULTIPLIERS: dict[str, Decimal] = {
    "万亿": Decimal(10) ** 12,
    "千亿": Decimal(10) ** 11,
    "百亿": Decimal(10) ** 10,
    "亿": Decimal(10) ** 8,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "十万": Decimal(10) ** 5,
    "万": Decimal(10) ** 4,
}
# The traditional forms (億元, 萬人) scale as the simplified ones do; the unit stays as written.
_TRADITIONAL_MULT = str.maketrans("億萬", "亿万")
for _written in list(MULTIPLIERS):
    if "亿" in _written or "万" in _written:
        MULTIPLIERS[_written.replace("亿", "億").replace("万", "萬")] = MULTIPLIERS[_written]
# The denominator of a compound unit: 亿元/平方公里, 万元/亩, 吨/万元 (always a measure).
PER_UNITS = ("平方公里", "平方米", "公顷", "亩", "人", "户", "吨", "千瓦时", "万元", "元")
# A bare multiplier after a verb of reaching, with no digits: 突破千亿 is 1000 亿(元).
BARE_VALUES = {
    "万亿": (Decimal(1), "万亿"),
    "千亿": (Decimal(1000), "亿"),
    "百亿": (Decimal(100), "亿"),
}

_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_MULT_ALT = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))
_PER_ALT = "|".join(sorted(PER_UNITS, key=len, reverse=True))
_NUM = r"\d+(?:\.\d+)?"

# A number with an optional range, multiplier and unit: 1.3 万人, 5—6个, 6%—7%, 640 亿元, 200余个, 7%,
# 120亿元/平方公里.
QUANTITY_RE = re.compile(
    rf"(?P<num>\d(?<![A-Za-z0-9.:_/\-]\d)\d*(?:\.\d+)?)"
    rf"(?:[ \t]*%?[ \t]*[-—–~～至到][ \t]*(?P<num2>{_NUM}))?"
    rf"[ \t]*(?P<approx1>余|多)?(?P<mult>{_MULT_ALT})?(?P<approx2>余|多)?[ \t]*"
    rf"(?P<unit>{_UNIT_ALT})(?:/(?P<per>{_PER_ALT}))?"
)
# A number scaled by 万/亿 with no unit after it: 减少60万以上, 常住人口达到120万。
UNITLESS_RE = re.compile(
    r"(?P<num>\d(?<![A-Za-z0-9.:_/\-]\d)\d*(?:\.\d+)?)[ \t]*(?P<mult>万|亿|萬|億)"
    r"(?=以上|以下|以内|左右|[，。；、,;）)]|$)"
)
# 突破千亿, 迈上万亿台阶: a bare multiplier after a verb of reaching (never 千亿级, a class name).
BARE_RE = re.compile(
    r"(?:突破|超过|超|达到|迈上|跨越|跃上|站上)(?P<mult>万亿|千亿|百亿)(?P<unit>元)?(?![元]?级)"
)
# A Chinese numeral counted after a verb or 等: 新增两个, 等十个公建项目, 建成三所.
CN_QUANTITY_RE = re.compile(
    r"(?:新增|新建|建成|建设|完成|达到|引进|培育|打造|举办|开工|改造|等|共|累计)"
    r"(?P<num>[一二两三四五六七八九十百千]+)(?P<unit>个|家|所|项|座|条|场|名|套)"
    r"(?![一二两三四五六七八九十])"
)
# A proportion written with colons: 0.1:24.2:75.7 (never a time of day: at least one decimal or three parts).
RATIO_RE = re.compile(
    rf"(?P<ratio>\d(?<![\d.:]\d)\d*(?:\.\d+)?(?:[ \t]*[:：][ \t]*{_NUM}){{1,4}})(?![\d:])"
)
# A colon ratio of this many parts is never a clock time: 0:24:75.
_MIN_RATIO_PARTS = 3
# A time of day, never a ratio: 16:20:35 in a page's 发布时间 2023-10-12 16:20:35.
CLOCK_RE = re.compile(r"^(?:[01]?\d|2[0-3])[:：][0-5]\d(?:[:：][0-5]\d)?$")
# The separator of a ratio's parts: 0.1:24.2 or 0.1：24.2.
RATIO_SEP_RE = re.compile(r"[:：]")
# “每千人”-style denominator directly before a number: 每千人4.9个.
PER_RE = re.compile(
    r"每(?P<per>[一二两三四五六七八九十百千万]?[千万百]?(?:人口|人|户|平方公里))[ \t]*$"
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number with its unit, as written and normalised.

    ``value``/``unit`` are as written (``1.3``/``万人``); ``normalized_value``/
    ``normalized_unit`` in base units (``13000``/``人``). A range (``5—6个``)
    sets the ``*_max`` fields. ``approx`` marks ``余``/``多`` (more than).
    ``start``/``end`` are offsets of the whole match in the scanned text.
    """

    value: Decimal
    unit: str
    normalized_value: Decimal
    normalized_unit: str
    unit_class: UnitClass
    start: int
    end: int
    value_max: Decimal | None = None
    normalized_value_max: Decimal | None = None
    approx: bool = False
    chinese: bool = False


def normalize(value: Decimal, multiplier: str, unit: str) -> tuple[Decimal, str, UnitClass]:
    """Scale *value* by a written multiplier (万, 亿…) and map *unit* to its base.

    >>> normalize(Decimal("1.3"), "万", "人")
    (Decimal('13000.0'), '人', <UnitClass.CLASSIFIER: 'classifier'>)
    """
    base, unit_class = UNITS[unit]
    factor = MULTIPLIERS.get(multiplier.translate(_TRADITIONAL_MULT), Decimal(1))
    return value * factor, base, unit_class


def scan_quantities(text: str) -> list[Quantity]:
    """Every number-with-unit in *text*, Arabic and (after a verb or 等) Chinese, in order."""
    plain = normalize_digits(text)
    found = [_from_match(m) for m in QUANTITY_RE.finditer(plain)]
    found.extend(_from_cn_match(m) for m in CN_QUANTITY_RE.finditer(plain))
    found.extend(_unitless(m) for m in UNITLESS_RE.finditer(plain))
    found.extend(_bare(m) for m in BARE_RE.finditer(plain))
    return sorted(found, key=lambda q: q.start)


def _from_match(m: re.Match[str]) -> Quantity:
    multiplier = m.group("mult") or ""
    unit = m.group("unit")
    per = m.group("per")
    value = Decimal(m.group("num"))
    norm, base, unit_class = normalize(value, multiplier, unit)
    value_max = Decimal(m.group("num2")) if m.group("num2") else None
    norm_max = normalize(value_max, multiplier, unit)[0] if value_max is not None else None
    if per:
        base, unit_class = f"{base}/{per}", UnitClass.MEASURE
    return Quantity(
        value=value,
        unit=multiplier + unit + (f"/{per}" if per else ""),
        normalized_value=_tidy(norm),
        normalized_unit=base,
        unit_class=unit_class,
        start=m.start(),
        end=m.end(),
        value_max=value_max,
        normalized_value_max=None if norm_max is None else _tidy(norm_max),
        approx=bool(m.group("approx1") or m.group("approx2")),
    )


def _unitless(m: re.Match[str]) -> Quantity:
    """``60万``: a count of things the sentence names elsewhere, in base units without a name."""
    value = Decimal(m.group("num"))
    norm = value * MULTIPLIERS[m.group("mult")]
    unit = m.group("mult")
    return Quantity(value, unit, _tidy(norm), "", UnitClass.CLASSIFIER, m.start(), m.end())


def _bare(m: re.Match[str]) -> Quantity:
    """``突破千亿``: 1000 亿元, starting at the multiplier (the verb is the comparator).

    A sum of money is what the genre leaves unnamed at this size (产值, 规模, 收入突破千亿),
    so the unit is 元 whether or not it is written.
    """
    value, multiplier = BARE_VALUES[m.group("mult")]
    norm, base, unit_class = normalize(value, multiplier, "元")
    return Quantity(
        value, multiplier + "元", _tidy(norm), base, unit_class, m.start("mult"), m.end()
    )


def _from_cn_match(m: re.Match[str]) -> Quantity:
    number = parse_cn_int(m.group("num"))
    value = Decimal(number if number is not None else 0)
    unit = m.group("unit")
    base, unit_class = UNITS[unit]
    return Quantity(value, unit, value, base, unit_class, m.start("num"), m.end(), chinese=True)


def _tidy(value: Decimal) -> Decimal:
    """Drop a meaningless fractional zero: 13000.0 → 13000, keep 0.5 as is."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def parse_ratio(text: str) -> tuple[Decimal, ...]:
    """Parts of a colon ratio: ``0.1:24.2:75.7`` → (0.1, 24.2, 75.7)."""
    return tuple(Decimal(part.strip()) for part in RATIO_SEP_RE.split(normalize_digits(text)))


def scan_ratios(text: str) -> list[tuple[int, int, tuple[Decimal, ...]]]:
    """Colon ratios in *text* as (start, end, parts); clock times like 17:30 are skipped."""
    out: list[tuple[int, int, tuple[Decimal, ...]]] = []
    if ":" not in text and "：" not in text:
        return out
    for m in RATIO_RE.finditer(normalize_digits(text)):
        raw = m.group("ratio")
        parts = parse_ratio(raw)
        if (len(parts) >= _MIN_RATIO_PARTS or "." in raw) and not CLOCK_RE.match(raw):
            out.append((m.start(), m.end(), parts))
    return out


def per_denominator(before: str) -> str | None:
    """The ``每千人`` denominator written right before a number, e.g. ``千人``."""
    m = PER_RE.search(before)
    return m.group("per") if m else None
