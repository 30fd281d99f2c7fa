"""Unit fields: bracket-aware splitting, shared suffixes and collectives."""

from __future__ import annotations

import pytest

from taskdoc.grammar.units import is_collective, parse_units, split_items


@pytest.mark.parametrize(
    ("value", "items"),
    [
        ("市财政局、区商务局", ["市财政局", "区商务局"]),
        (
            "市政府各部门，各县（市、区）政府，开发区管委会",
            ["市政府各部门", "各县（市、区）政府", "开发区管委会"],
        ),
        (
            "郑州建中建设开发（集团）有限责任公司、相关街道办事处",
            ["郑州建中建设开发（集团）有限责任公司", "相关街道办事处"],
        ),
        ("区商 务局；区财政局。", ["区商务局", "区财政局"]),
        ("市发展改革委,市工信局", ["市发展改革委", "市工信局"]),
    ],
)
def test_split_items_never_inside_brackets(value: str, items: list[str]) -> None:
    assert split_items(value) == items


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("郑东新区、郑州高新区管委会", ["郑东新区管委会", "郑州高新区管委会"]),
        ("二七区、金水区、管城回族区政府", ["二七区政府", "金水区政府", "管城回族区政府"]),
        (
            "市工信局、郑州航空港区、郑州经开区管委会、市物流口岸局",
            ["市工信局", "郑州航空港区管委会", "郑州经开区管委会", "市物流口岸局"],
        ),
        ("郑东新区、郑州经开区等开发区管委会", ["郑东新区管委会", "郑州经开区管委会"]),
        ("新郑市、巩义市等相关县（市、区）人民政府", ["新郑市人民政府", "巩义市人民政府"]),
        ("市财政局、金水区", ["市财政局", "金水区"]),
        ("南曹街道办事处", ["南曹街道办事处"]),
    ],
)
def test_parse_units_distributes_shared_suffix(value: str, names: list[str]) -> None:
    units = parse_units(value, label="责任单位")
    assert [u.name for u in units] == names
    assert all(u.label == "责任单位" for u in units)


def test_parse_units_keeps_raw_pieces() -> None:
    units = parse_units("郑东新区、郑州高新区管委会")
    assert [u.raw for u in units] == ["郑东新区", "郑州高新区管委会"]


@pytest.mark.parametrize(
    ("name", "collective"),
    [
        ("各街道办事处", True),
        ("相关街道办事处", True),
        ("市政府各部门", True),
        ("各县（市、区）政府", True),
        ("区直各单位", True),
        ("市发展改革委等有关部门", True),
        ("郑州经开区等开发区管委会", True),
        ("区财政局", False),
        ("管城经开区管委会", False),
        ("南曹街道办事处", False),
        ("郑州建中建设开发（集团）有限责任公司", False),
    ],
)
def test_is_collective(name: str, collective: bool) -> None:
    assert is_collective(name) is collective


@pytest.mark.parametrize("name", ["区直相关部门", "市直有关单位", "区其他部门"])
def test_related_departments_are_collective(name: str) -> None:
    assert is_collective(name)
