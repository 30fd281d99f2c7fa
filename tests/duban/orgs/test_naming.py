"""Pure name rules: normalisation, matching keys, collectives, level inference."""

from __future__ import annotations

import pytest

from duban.orgs.naming import (
    MatchKind,
    MatchTable,
    collective_rule,
    government_of,
    guess_unit,
    is_collective,
    match_name,
    normalize_name,
    suffix_key,
)

UNITS = [
    (1, "市发展和改革委员会"),
    (2, "十八里河街道办事处"),
    (3, "区人民政府"),
    (4, "市工业和信息化局"),
    (5, "区财政局"),
    (6, "管城经开区管理委员会"),
]
ALIASES = [(1, "市发改委")]


@pytest.fixture
def table() -> MatchTable:
    return MatchTable.build(UNITS, ALIASES)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("各县(市、区) 政府", "各县（市、区）政府"),
        ("市财政局、", "市财政局"),
        (" 区 商务局 ", "区商务局"),
    ],
)
def test_normalize_name(raw: str, expected: str) -> None:
    assert normalize_name(raw) == expected


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("十八里河街道办", "十八里河街道"),
        ("十八里河街道办事处", "十八里河街道"),
        ("区人民政府", "区政府"),
        ("开发区管理委员会", "开发区"),
        ("开发区管委会", "开发区"),
        ("市发展和改革委员会", "市发改委"),
        ("市发展改革委", "市发改委"),
        ("市工业和信息化局", "市工信局"),
    ],
)
def test_suffix_key(name: str, key: str) -> None:
    assert suffix_key(name) == key


@pytest.mark.parametrize(
    ("name", "kind", "unit_id"),
    [
        ("市发展和改革委员会", MatchKind.EXACT, 1),
        ("市发改委", MatchKind.ALIAS, 1),
        ("市发展改革委", MatchKind.SUFFIX, 1),
        ("十八里河街道办", MatchKind.SUFFIX, 2),
        ("区政府", MatchKind.SUFFIX, 3),
        ("市工信局", MatchKind.SUFFIX, 4),
        ("管城经开区管委会", MatchKind.SUFFIX, 6),
        ("区人力资源和社会保障局", MatchKind.UNKNOWN, None),
    ],
)
def test_match_name(table: MatchTable, name: str, kind: MatchKind, unit_id: int | None) -> None:
    match = match_name(name, table)
    assert (match.kind, match.unit_id) == (kind, unit_id)


def test_match_name_fuzzy_only_suggests(table: MatchTable) -> None:
    """A near miss is offered as a suggestion, never applied."""
    match = match_name("十八里河街道", MatchTable.build([(9, "十八里河镇街道")], []))
    assert match.kind == MatchKind.FUZZY
    assert match.unit_id is None
    assert match.suggestions[0].unit_id == 9


def test_match_name_fuzzy_respects_tier(table: MatchTable) -> None:
    """市财政局 is not suggested for 区财政局 (different tiers)."""
    match = match_name("市财政局", table)
    assert all(s.unit_id != 5 for s in match.suggestions)


@pytest.mark.parametrize(
    ("name", "collective", "rule"),
    [
        ("各街道办事处", True, "streets"),
        ("各县（市、区）政府", True, "county_governments"),
        ("各县(市、区)人民政府", True, "county_governments"),
        ("市政府各部门", True, "city_departments"),
        ("市人民政府各部门", True, "city_departments"),
        ("区政府各部门", True, "county_departments"),
        ("相关街道办事处", True, "unresolved"),
        ("各有关单位", True, "unresolved"),
        ("区财政局", False, "unresolved"),
    ],
)
def test_collectives(name: str, collective: bool, rule: str) -> None:
    assert is_collective(name) is collective
    assert collective_rule(name) == rule


def test_government_of() -> None:
    assert government_of("郑州市管城回族区人民政府办公室") == ("郑州市管城回族区人民政府", "county")
    assert government_of("郑州市人民政府办公厅") == ("郑州市人民政府", "city")
    assert government_of("某某委员会") is None


@pytest.mark.parametrize(
    ("name", "level", "kind", "parent"),
    [
        ("市财政局", "city", "department", "C"),
        ("区财政局", "county", "department", "D"),
        ("南曹街道办事处", "street", "street_office", "D"),
        ("管城经开区管委会", "other", "zone", "D"),
        ("中牟县政府", "county", "government", "C"),
        ("巩义市人民政府", "county", "government", "C"),
        ("市供电公司", "city", "enterprise", "C"),
    ],
)
def test_guess_unit(name: str, level: str, kind: str, parent: str) -> None:
    guess = guess_unit(name, city_gov="C郑州市人民政府", county_gov="D")
    assert (guess.level, guess.kind) == (level, kind)
    assert (guess.parent_name or "")[:1] == parent
