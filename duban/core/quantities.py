"""A figure as a unit's staff type it: "90家", "1.2万", "1,200", "６.８%", "5万人".

Why: the form asked for a bare number and refused "90家" as "不是数字", although the unit is
the target's own. A figure is read as number + optional 万/亿 + optional unit, and accepted
when its unit is the target's (or none), converting between 万/亿 scales of the same base
unit (50000人 for a target in 万人 is 5). Anything else is refused with a message saying why.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

SCALES = {"": Decimal(1), "万": Decimal(10_000), "亿": Decimal(100_000_000)}
_FIGURE = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(.*)$")
_GROUPING = re.compile(r"(?<=\d)[,，](?=\d{3})")


class QuantityError(ValueError):
    """The Chinese reason a typed figure was not taken."""


def _scaled(unit: str) -> tuple[Decimal, str]:
    """(scale, base unit): 万人 → (10000, 人); 亿元 → (1e8, 元); 万 → (10000, "")."""
    for prefix in ("亿", "万"):
        if unit.startswith(prefix):
            return SCALES[prefix], unit[len(prefix) :]
    return SCALES[""], unit


def parse_quantity(text: str, unit: str = "") -> Decimal | None:
    """The figure in the target's ``unit``; ``None`` for an empty entry."""
    typed = _GROUPING.sub("", unicodedata.normalize("NFKC", text or "").strip().replace(" ", ""))
    if not typed:
        return None
    match = _FIGURE.match(typed)
    if match is None:
        raise QuantityError(f"“{text}”不是数字。")
    try:
        number = Decimal(match.group(1))
    except InvalidOperation as err:  # pragma: no cover - the pattern admits only decimals
        raise QuantityError(f"“{text}”不是数字。") from err
    suffix = match.group(2)
    if suffix in ("", unit):  # a bare number is in the target's unit
        return number
    typed_scale, typed_base = _scaled(suffix)
    goal_scale, goal_base = _scaled(unit)
    if typed_base == goal_base or (typed_base == "" and suffix in SCALES):
        return number * typed_scale / goal_scale
    shown = unit or "（无单位）"
    raise QuantityError(f"“{text}”的单位与指标单位“{shown}”不一致。")
