"""Chinese numerals and full-width digits (taskdoc.figures.cnnum)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from taskdoc.figures.cnnum import normalize_digits, parse_cn_int, to_decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一", 1),
        ("两", 2),
        ("三", 3),
        ("十", 10),
        ("十七", 17),
        ("二十", 20),
        ("一百二十", 120),
        ("一百零五", 105),
        ("三千五百", 3500),
        ("两万", 20000),
        ("十万", 100000),
        ("一亿二千万", 120000000),
        ("二〇二四", 2024),
    ],
)
def test_parse_cn_int(text: str, expected: int) -> None:
    assert parse_cn_int(text) == expected


@pytest.mark.parametrize("text", ["", "十七里河", "一季度", "abc", "12"])
def test_parse_cn_int_rejects_non_numerals(text: str) -> None:
    assert parse_cn_int(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.3", Decimal("1.3")),
        ("１２", Decimal(12)),
        ("640", Decimal(640)),
        ("三", Decimal(3)),
        ("x", None),
    ],
)
def test_to_decimal(text: str, expected: Decimal | None) -> None:
    assert to_decimal(text) == expected


def test_normalize_digits_keeps_offsets() -> None:
    text = "新增就业１．３万人，占比５％"
    plain = normalize_digits(text)
    assert plain == "新增就业1.3万人，占比5%"
    assert len(plain) == len(text)


def test_normalize_digits_leaves_plain_text_alone() -> None:
    text = "城镇调查失业率控制在 5.5% 以内：确保"
    assert normalize_digits(text) is text
