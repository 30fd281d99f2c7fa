"""Chinese numerals and digit normalisation.

Government documents mix three ways of writing a number: ASCII digits
(``1.3 万人``), full-width digits from word processors (``１２``) and Chinese
numerals (``一季度``, ``三年``, ``两个``, ``十个公建项目``). The extractors
match on ASCII digits only, so :func:`normalize_digits` first maps full-width
characters to ASCII *one for one*: character offsets found in the normalised
text are valid in the original. Chinese numerals are parsed separately by
:func:`parse_cn_int`, which the time and target extractors call only where the
context makes a numeral a number (a place name such as ``十七里河`` is never
handed to it).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Full-width digits, point, percent and minus map to ASCII; the mapping keeps string length.
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")

# Any full-width digit or sign that normalize_digits maps: １２．５％.
FULLWIDTH_RE = re.compile("[０-９．％]")

CN_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}

# Characters a Chinese numeral is made of: 一 / 十七 / 一百二十 / 两万 / 二〇二四.
CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿"
# One Chinese numeral, e.g. 十七, 一百二十, 两.
CN_NUMERAL_RE = re.compile(f"[{CN_NUMERAL_CHARS}]+")
# An ASCII decimal number, e.g. 1.3 or 640.
ARABIC_RE = re.compile(r"\d+(?:\.\d+)?")


def normalize_digits(text: str) -> str:
    """Map full-width digits and signs to ASCII without changing any offset."""
    if not FULLWIDTH_RE.search(text):
        return text  # the common case, and translate() is slow on long CJK text
    return text.translate(_FULLWIDTH)


def parse_cn_int(text: str) -> int | None:
    """Value of a Chinese integer numeral, or ``None`` when *text* is not one.

    ``十七`` → 17, ``一百二十`` → 120, ``两万`` → 20000, ``二〇二四`` → 2024
    (digit-by-digit style), ``十`` → 10. Anything with a non-numeral character
    returns ``None``.
    """
    if not text or any(ch not in CN_NUMERAL_CHARS for ch in text):
        return None
    if all(ch in CN_DIGITS for ch in text):
        if len(text) == 1:
            return CN_DIGITS[text]
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    return _parse_positional(text)


def _parse_positional(text: str) -> int | None:
    """Parse numerals with place units: 十 / 百 / 千 scale a digit, 万 a group, 亿 all before it."""
    total = 0  # completed 万/亿 groups
    section = 0  # value below the current 万 group
    digit: int | None = None
    for ch in text:
        if ch in CN_DIGITS:
            if digit not in (None, 0) and CN_DIGITS[ch] != 0:
                return None  # two digits in a row inside a positional numeral
            digit = CN_DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        elif ch == "万":
            total += (section + (digit or 0)) * _BIG_UNITS[ch]
            section, digit = 0, None
        else:
            total = (total + section + (digit or 0)) * _BIG_UNITS[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def to_decimal(text: str) -> Decimal | None:
    """Exact value of an ASCII, full-width or Chinese number, or ``None``."""
    cleaned = normalize_digits(text.strip())
    if ARABIC_RE.fullmatch(cleaned):
        try:
            return Decimal(cleaned)
        except InvalidOperation:  # pragma: no cover - the regex admits only valid numbers
            return None
    value = parse_cn_int(cleaned)
    return None if value is None else Decimal(value)
