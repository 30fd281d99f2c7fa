"""Pure name rules for units: normalisation, matching keys, collectives, level inference.

No Django here: the functions take and return plain values so they can be tested as a
table and reused by the importer and the directory tools alike.

Matching order (first hit wins), see ``match_name``:

1. exact — the normalised name equals a unit's name;
2. alias — it equals a recorded alias (市发改委 → 市发展和改革委员会);
3. suffix — it equals a unit's name once both are reduced to a key: a known suffix variant
   dropped (十八里河街道办 = 十八里河街道办事处; 区政府 = 区人民政府; 开发区管委会 =
   开发区管理委员会) and common full department names shortened (``ABBREVIATIONS``:
   市发展和改革委员会 = 市发展改革委 = 市发改委);
4. fuzzy — otherwise up to three suggestions from ``difflib.get_close_matches`` with
   ``FUZZY_CUTOFF`` = 0.6. Fuzzy hits are *never* applied automatically; the preview shows
   them as choices. 0.6 accepts 市工信局 ↔ 市工业和信息化局 (0.67) and 市发改委 ↔ 市发展改革委
   (0.8) while rejecting most unrelated 市X局 pairs that share only 市 and 局 (0.5).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

FUZZY_CUTOFF = 0.6
FUZZY_LIMIT = 3

_SPACE = re.compile(r"\s+")
# Suffix variants dropped for the "suffix" key, longest first: 十八里河街道办事处 → 十八里河街道
_SUFFIXES = ("街道办事处", "街道办", "办事处", "管理委员会", "管委会", "人民政府", "政府", "公司")
# 人民政府 and 政府 are interchangeable in notices: 区人民政府各部门 = 区政府各部门
_GOV = re.compile(r"人民政府")


def normalize_name(name: str) -> str:
    """Collapse spaces and use full-width brackets: ``各县(市、区) 政府`` → ``各县（市、区）政府``."""
    name = _SPACE.sub("", name)
    return name.replace("(", "（").replace(")", "）").strip("，,、；;。")


# Full forms → the usual short form, applied inside the matching key only (longest first).
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("发展和改革委员会", "发改委"),
    ("发展改革委员会", "发改委"),
    ("发展改革委", "发改委"),
    ("工业和信息化局", "工信局"),
    ("卫生健康委员会", "卫健委"),
    ("卫生健康委", "卫健委"),
    ("人力资源和社会保障局", "人社局"),
    ("自然资源和规划局", "资源规划局"),
    ("资源和规划局", "资源规划局"),
    ("退役军人事务局", "退役军人局"),
    ("市场监督管理局", "市场监管局"),
    ("住房和城乡建设局", "住建局"),
    ("文化广电和旅游局", "文广旅局"),
    ("国有资产监督管理委员会", "国资委"),
    ("大数据管理局", "大数据局"),
    ("城市管理局", "城管局"),
    ("应急管理局", "应急局"),
    ("交通运输局", "交通局"),
    ("生态环境局", "环境局"),
    ("农业农村局", "农委"),
)


def suffix_key(name: str) -> str:
    """The matching key: ``十八里河街道办`` → ``十八里河街道``, ``市发展和改革委员会`` → ``市发改委``."""
    name = _GOV.sub("政府", normalize_name(name))
    for full, short in ABBREVIATIONS:
        name = name.replace(full, short)
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            stem = name[: -len(suffix)]
            return stem + "街道" if suffix.startswith("街道") else stem
    return name


class MatchKind(StrEnum):
    EXACT = "exact"
    ALIAS = "alias"
    SUFFIX = "suffix"
    FUZZY = "fuzzy"
    UNKNOWN = "unknown"


MATCH_LABELS = {
    MatchKind.EXACT: "完全一致",
    MatchKind.ALIAS: "别名",
    MatchKind.SUFFIX: "后缀一致",
    MatchKind.FUZZY: "相似（需确认）",
    MatchKind.UNKNOWN: "目录中没有",
}


@dataclass(frozen=True, slots=True)
class Suggestion:
    unit_id: int
    name: str
    score: float


@dataclass(frozen=True, slots=True)
class NameMatch:
    kind: MatchKind
    unit_id: int | None = None
    suggestions: tuple[Suggestion, ...] = ()


@dataclass
class MatchTable:
    """Lookup structures built once per preview from the directory."""

    names: dict[str, int] = field(default_factory=dict)
    aliases: dict[str, int] = field(default_factory=dict)
    suffixes: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(
        cls, units: Iterable[tuple[int, str]], aliases: Iterable[tuple[int, str]]
    ) -> MatchTable:
        table = cls()
        for unit_id, name in units:
            table.names[normalize_name(name)] = unit_id
            table.suffixes.setdefault(suffix_key(name), unit_id)
        for unit_id, alias in aliases:
            table.aliases[normalize_name(alias)] = unit_id
            table.suffixes.setdefault(suffix_key(alias), unit_id)
        return table

    def add(self, unit_id: int, name: str) -> None:
        self.names[normalize_name(name)] = unit_id
        self.suffixes.setdefault(suffix_key(name), unit_id)


_TIER_PREFIXES = ("市", "区", "县")


def _same_tier(a: str, b: str) -> bool:
    """市财政局 is never suggested for 区财政局: a leading 市/区/县 must agree when both have one."""
    pa, pb = a[:1], b[:1]
    return pa == pb or pa not in _TIER_PREFIXES or pb not in _TIER_PREFIXES


def match_name(name: str, table: MatchTable) -> NameMatch:
    """Match one unit name against the directory (see the module docstring for the order)."""
    key = normalize_name(name)
    if key in table.names:
        return NameMatch(MatchKind.EXACT, table.names[key])
    if key in table.aliases:
        return NameMatch(MatchKind.ALIAS, table.aliases[key])
    skey = suffix_key(key)
    if skey in table.suffixes:
        return NameMatch(MatchKind.SUFFIX, table.suffixes[skey])
    pool = {k: v for k, v in {**table.aliases, **table.names}.items() if _same_tier(key, k)}
    close = difflib.get_close_matches(key, list(pool), n=FUZZY_LIMIT * 2, cutoff=FUZZY_CUTOFF)
    seen: set[int] = set()
    suggestions: list[Suggestion] = []
    for candidate in close:
        unit_id = pool[candidate]
        if unit_id in seen:
            continue
        seen.add(unit_id)
        score = difflib.SequenceMatcher(None, key, candidate).ratio()
        suggestions.append(Suggestion(unit_id, candidate, round(score, 2)))
    if suggestions:
        return NameMatch(MatchKind.FUZZY, None, tuple(suggestions[:FUZZY_LIMIT]))
    return NameMatch(MatchKind.UNKNOWN)


# --- collectives -------------------------------------------------------------------------

# (pattern, rule) — the rule values are CollectiveRule values in models.py.
COLLECTIVE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # 各街道办事处 / 各街道
    (re.compile(r"^各街道(办事处|办)?$"), "streets"),
    # 各县（市、区）政府 / 各县（市、区）人民政府 / 各县（市）区政府
    (re.compile(r"^各县（市、?区?）区?(人民)?政府$"), "county_governments"),
    # 市政府各部门 / 市人民政府各部门
    (re.compile(r"^市(人民)?政府各(部门|单位)$"), "city_departments"),
    # 区政府各部门 / 县政府各部门
    (re.compile(r"^[区县](人民)?政府各(部门|单位)$"), "county_departments"),
)
_COLLECTIVE_HINT = re.compile(r"^(各|相关|有关|其他)|各(部门|单位)$|等有关(部门|单位)$")


def is_collective(name: str) -> bool:
    """``各街道办事处``, ``相关街道办事处``, ``市政府各部门``, ``各有关单位`` are collectives."""
    return bool(_COLLECTIVE_HINT.search(normalize_name(name)))


def collective_rule(name: str) -> str:
    """The expansion rule for a collective name; ``unresolved`` when none applies."""
    key = normalize_name(name)
    for pattern, rule in COLLECTIVE_RULES:
        if pattern.match(key):
            return rule
    return "unresolved"


# --- directory bootstrap -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitGuess:
    """What a unit name alone says about the unit (values of UnitLevel / UnitKind)."""

    level: str
    kind: str
    parent_name: str | None


def government_of(issuer: str | None) -> tuple[str, str] | None:
    """The government behind an issuer and its level.

    ``郑州市管城回族区人民政府办公室`` → (``郑州市管城回族区人民政府``, ``county``);
    ``郑州市人民政府办公厅`` → (``郑州市人民政府``, ``city``).
    """
    if not issuer:
        return None
    name = normalize_name(issuer)
    name = re.sub(r"(办公室|办公厅)$", "", name)
    if not name.endswith("政府"):
        return None
    place = name.removesuffix("人民政府").removesuffix("政府")
    if re.search(r"[区县]$", place) or re.search(r"市.+市$", place):
        return place + "人民政府", "county"
    if place.endswith("市"):
        return place + "人民政府", "city"
    if place.endswith("省"):
        return place + "人民政府", "province"
    return None


def city_government_of(county_government: str) -> str | None:
    """``郑州市管城回族区人民政府`` → ``郑州市人民政府``."""
    m = re.match(r"^(.+?市)", county_government)
    return m.group(1) + "人民政府" if m else None


def guess_unit(name: str, *, city_gov: str | None, county_gov: str | None) -> UnitGuess:  # noqa: PLR0911
    """Infer level, kind and parent from prefixes (市/区/县) and suffixes (街道办事处…)."""
    name = normalize_name(name)
    if name.endswith(("街道办事处", "街道办", "街道")) or re.search(r"[乡镇](人民)?政府$", name):
        return UnitGuess("street", "street_office", county_gov)
    if name.endswith("政府"):
        place = name.removesuffix("人民政府").removesuffix("政府")
        if name.startswith(("区", "县")) or place.endswith(("区", "县")):
            return UnitGuess("county", "government", city_gov)
        if place.endswith("市") and place != "市":
            # 巩义市政府 under 郑州市人民政府 is a county-level city
            if city_gov and not city_gov.startswith(place):
                return UnitGuess("county", "government", city_gov)
            return UnitGuess("city", "government", None)
        return UnitGuess("city" if name.startswith("市") else "other", "government", None)
    kind = "department"
    if name.endswith(("管委会", "管理委员会")):
        kind = "zone"
    elif name.endswith("公司") or "公司" in name:
        kind = "enterprise"
    if name.startswith("市"):
        return UnitGuess("city", kind, city_gov)
    if name.startswith(("区", "县")):
        return UnitGuess("county", kind, county_gov)
    return UnitGuess("other", "other" if kind == "department" else kind, county_gov or city_gov)
