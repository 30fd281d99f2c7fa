"""Figures typed with their unit (issue 12, item 8): accepted when the unit is the target's."""

from __future__ import annotations

from decimal import Decimal

import pytest

from duban.core.quantities import QuantityError, parse_quantity


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("90家", "家", "90"),
        ("90", "家", "90"),
        (" 1,200 ", "个", "1200"),
        ("６.８%", "%", "6.8"),
        ("1.2万", "人", "12000"),
        ("1.2万", "万人", "1.2"),
        ("5万人", "万人", "5"),
        ("50000人", "万人", "5"),
        ("3.5亿元", "万元", "35000"),
        ("", "家", None),
        ("-2.5", "%", "-2.5"),
    ],
)
def test_accepted(text: str, unit: str, value: str | None) -> None:
    got = parse_quantity(text, unit)
    assert got == (None if value is None else Decimal(value))


@pytest.mark.parametrize(
    ("text", "unit", "message"),
    [
        ("90个", "家", "单位与指标单位“家”不一致"),
        ("约90", "家", "不是数字"),
        ("abc", "", "不是数字"),
        ("12公里", "", "（无单位）"),
    ],
)
def test_refused_with_the_reason(text: str, unit: str, message: str) -> None:
    with pytest.raises(QuantityError, match=message):
        parse_quantity(text, unit)
