"""Word's automatic list numbering, rendered as the text a reader sees.

Word keeps ``1.``, ``一、`` and ``（一）`` of numbered paragraphs (and of 序号
columns filled by numbering) in numbering.xml, not in the paragraph text.
Without rendering them a notice typed with automatic numbering would show no
task numbers at all. Only what the parser needs is modelled: levels, start
values, formats, level texts and per-list counters in document order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W = W
_VAL = f"{_W}val"


def int_property(parent: Any, path: str, default: int) -> int:
    element = parent.find(path) if parent is not None else None
    if element is None:
        return default
    try:
        return int(element.get(_VAL, default))
    except ValueError:
        return default


_NUM_PR, _NUM_ID, _ILVL = f"{_W}numPr", f"{_W}numId", f"{_W}ilvl"
_P_STYLE, _STYLE_ID, _BASED_ON = f"{_W}pStyle", f"{_W}styleId", f"{_W}basedOn"
_ABSTRACT_NUM, _ABSTRACT_NUM_ID, _NUM = f"{_W}abstractNum", f"{_W}abstractNumId", f"{_W}num"
_LVL, _START, _NUM_FMT, _LVL_TEXT, _SUFF = (
    f"{_W}lvl",
    f"{_W}start",
    f"{_W}numFmt",
    f"{_W}lvlText",
    f"{_W}suff",
)
_LVL_OVERRIDE, _START_OVERRIDE = f"{_W}lvlOverride", f"{_W}startOverride"
_LEVELS = 9
_PLACEHOLDER = re.compile(r"%([1-9])")
_CJK_DIGITS = "〇一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_NO_SPACE_AFTER = "、，．。）)"


@dataclass(frozen=True, slots=True)
class _Level:
    start: int = 1
    format: str = "decimal"
    text: str = ""
    suffix: str = "tab"


@dataclass(slots=True)
class ListNumbering:
    """Word's automatic numbering: definitions from numbering.xml, counters in document order."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId → levels
    instances: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → level → start
    styles: dict[str, tuple[str | None, str | None, str | None]] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @classmethod
    def from_document(cls, document: Any) -> ListNumbering:
        numbering = cls()
        try:
            numbering_element = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering_element = None
        if numbering_element is not None:
            numbering._read_definitions(numbering_element)
        numbering._read_styles(document.styles.element)
        return numbering

    def _read_definitions(self, root: Any) -> None:
        for abstract in root.iter(_ABSTRACT_NUM):
            self.levels[str(abstract.get(_ABSTRACT_NUM_ID))] = {
                _int_attr(lvl, 0): _read_level(lvl) for lvl in abstract.iter(_LVL)
            }
        for num in root.iter(_NUM):
            num_id = str(num.get(_NUM_ID))
            abstract_id = num.find(_ABSTRACT_NUM_ID)
            if abstract_id is not None:
                self.instances[num_id] = str(abstract_id.get(_VAL))
            self.overrides[num_id] = {
                _int_attr(override, 0, _ILVL): int_property(override, _START_OVERRIDE, 1)
                for override in num.iter(_LVL_OVERRIDE)
                if override.find(_START_OVERRIDE) is not None
            }

    def _read_styles(self, root: Any) -> None:
        """styleId → (numId, ilvl, basedOn) for paragraph styles."""
        for style in root:
            style_id = style.get(_STYLE_ID)
            if style_id is None:
                continue
            num_pr = style.find(f"{_W}pPr/{_NUM_PR}")
            based_on = style.find(_BASED_ON)
            self.styles[str(style_id)] = (
                _val(num_pr, _NUM_ID),
                _val(num_pr, _ILVL),
                None if based_on is None else str(based_on.get(_VAL)),
            )

    def label(self, paragraph: Any) -> str:
        """The number Word shows in front of ``paragraph`` (``"1. "``, ``"一、"``), or ``""``."""
        num_id, level = self._numbering_of(paragraph)
        if num_id is None or num_id == "0" or num_id not in self.instances:
            return ""
        abstract_id = self.instances[num_id]
        levels = self.levels.get(abstract_id, {})
        if level not in levels:
            return ""
        counters = self._advance(num_id, abstract_id, level, levels)
        text = _PLACEHOLDER.sub(
            lambda m: _format_number(counters, levels, int(m.group(1)) - 1), levels[level].text
        )
        if not text or levels[level].format in ("bullet", "none"):
            return ""
        return text + _suffix(text, levels[level].suffix)

    def _numbering_of(self, paragraph: Any) -> tuple[str | None, int]:
        num_pr = paragraph.find(f"{_W}pPr/{_NUM_PR}")
        num_id, ilvl = _val(num_pr, _NUM_ID), _val(num_pr, _ILVL)
        style = paragraph.find(f"{_W}pPr/{_P_STYLE}")
        seen: set[str] = set()
        style_id = None if style is None else str(style.get(_VAL))
        while (num_id is None or ilvl is None) and style_id and style_id not in seen:
            seen.add(style_id)
            style_num, style_ilvl, style_id = self.styles.get(style_id, (None, None, None))
            num_id = num_id or style_num
            ilvl = ilvl or style_ilvl
        try:
            level = min(max(int(ilvl or 0), 0), _LEVELS - 1)
        except ValueError:
            level = 0
        return num_id, level

    def _advance(
        self, num_id: str, abstract_id: str, level: int, levels: dict[int, _Level]
    ) -> list[int | None]:
        counters = self.counters.setdefault(abstract_id, [None] * _LEVELS)
        if num_id not in self.started:  # a list instance with a startOverride restarts
            self.started.add(num_id)
            for overridden, start in self.overrides.get(num_id, {}).items():
                if 0 <= overridden < _LEVELS:
                    counters[overridden] = start - 1
        current = counters[level]
        counters[level] = levels[level].start if current is None else current + 1
        for deeper in range(level + 1, _LEVELS):
            counters[deeper] = None
        return counters


def _read_level(lvl: Any) -> _Level:
    return _Level(
        start=int_property(lvl, _START, 1),
        format=_val(lvl.find(_NUM_FMT), None) or "decimal",
        text=_val(lvl.find(_LVL_TEXT), None) or "",
        suffix=_val(lvl.find(_SUFF), None) or "tab",
    )


def _val(parent: Any, child: str | None) -> str | None:
    """``w:val`` of ``parent``'s ``child`` element (or of ``parent`` itself when child is None)."""
    if parent is None:
        return None
    element = parent if child is None else parent.find(child)
    if element is None:
        return None
    value = element.get(_VAL)
    return None if value is None else str(value)


def _int_attr(element: Any, default: int, attribute: str = _ILVL) -> int:
    try:
        return int(element.get(attribute, default))
    except ValueError:
        return default


def _format_number(counters: list[int | None], levels: dict[int, _Level], level: int) -> str:
    definition = levels.get(level, _Level())
    value = counters[level]
    return format_number(definition.start if value is None else value, definition.format)


def format_number(value: int, number_format: str) -> str:
    """A list counter in one of Word's number formats (``chineseCounting`` 12 → ``十二``)."""
    if value < 0:
        return str(value)
    formatters: dict[str, Callable[[int], str]] = {
        "decimalZero": lambda n: f"{n:02d}",
        "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH_DIGITS),
        "decimalEnclosedCircle": _circled,
        "decimalEnclosedCircleChinese": _circled,
        "decimalEnclosedParen": lambda n: f"({n})",
        "upperLetter": lambda n: _letters(n).upper(),
        "lowerLetter": _letters,
        "upperRoman": _roman,
        "lowerRoman": lambda n: _roman(n).lower(),
        "chineseCounting": chinese_number,
        "chineseCountingThousand": chinese_number,
        "ideographTraditional": lambda n: _TIANGAN[(n - 1) % 10] if n else "〇",
        "taiwaneseCountingThousand": chinese_number,
    }
    formatter: Callable[[int], str] = formatters.get(number_format, str)
    return formatter(value)


_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def _circled(value: int) -> str:
    return _CIRCLED[value - 1] if 1 <= value <= len(_CIRCLED) else str(value)


def _letters(value: int) -> str:
    if value <= 0:
        return str(value)
    letter = chr(ord("a") + (value - 1) % 26)
    return letter * ((value - 1) // 26 + 1)  # Word repeats: y, z, aa, bb…


def _roman(value: int) -> str:
    if value <= 0:
        return str(value)
    result = ""
    for amount, numeral in _ROMAN:
        count, value = divmod(value, amount)
        result += numeral * count
    return result


def chinese_number(value: int) -> str:
    """Chinese numerals as list numbers are written: 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五."""
    ten, hundred, thousand = 10, 100, 1000
    if value < ten:
        return _CJK_DIGITS[value]
    if value < hundred:
        tens, units = divmod(value, ten)
        return (
            ("" if tens == 1 else _CJK_DIGITS[tens]) + "十" + (_CJK_DIGITS[units] if units else "")
        )
    if value < thousand:
        hundreds, rest = divmod(value, hundred)
        if rest == 0:
            return _CJK_DIGITS[hundreds] + "百"
        return _CJK_DIGITS[hundreds] + "百" + ("零" if rest < ten else "") + _tens_in_hundreds(rest)
    return str(value)


def _tens_in_hundreds(value: int) -> str:
    """Inside a larger number 十 keeps its 一: 110 → 一百一十."""
    text = chinese_number(value)
    return "一" + text if text.startswith("十") else text


def _suffix(text: str, suffix: str) -> str:
    """What Word puts between the number and the text: a tab or a space, or nothing."""
    if suffix == "nothing" or text[-1] in _NO_SPACE_AFTER:
        return ""
    return " "
