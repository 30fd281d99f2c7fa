"""Unit lists from 牵头单位 / 责任单位 / 配合单位 fields.

The conventions of these documents are handled here:

* items are separated by 、，,；; or joined by 及, but never inside brackets, so
  ``各县（市、区）政府`` stays one unit and ``市级各部门及各县政府`` is two;
* a run of bare place names shares the organisation suffix written once at
  its end: ``郑东新区、郑州高新区管委会`` names ``郑东新区管委会`` and
  ``郑州高新区管委会``; ``巩义市等相关县（市、区）人民政府`` names
  ``巩义市人民政府`` plus an unnamed group, so it is marked collective;
* collectives (``各街道办事处``, ``相关街道办事处``, ``市政府各部门``,
  ``…等有关部门``) are flagged, to be expanded against a unit directory later.
"""

from __future__ import annotations

import re
from functools import lru_cache

from taskdoc.grammar.brackets import OPENERS, depth, split_outside
from taskdoc.lexicon import collectives
from taskdoc.model import UnitRef

_SEPARATORS = "、，,；;"
_SEPARATOR_RE = re.compile("[、，,；;]")


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_PLACE = _alternation(collectives.PLACE_SUFFIXES)
_RELATED = _alternation(collectives.RELATED_WORDS)
# 金水区 / 新郑市 / 中牟县 / 郑州航空港区 / 自贸区郑州片区 / 南曹街道 / 某某镇 — a place, not yet an organisation
_PLACE_RE = re.compile(rf"^.+?(?:{_PLACE})$")
# the organisation suffix a run of places shares: 管城回族区政府 → 政府; 郑州经开区等开发区管委会 → 管委会
_SHARED_SUFFIX_RE = re.compile(
    rf"^(?P<place>.+?(?:{_PLACE}))"
    rf"(?:{collectives.ETC}(?P<others>.*?))?"
    rf"(?P<suffix>{_alternation(collectives.ORGANISATION_SUFFIXES)})$"
)
# 各街道办事处 / 相关街道办事处 / 有关单位 / 市政府各部门 / 区直各单位 / 区直相关部门 /
# …等有关部门 / 区防指成员单位
_COLLECTIVE_RE = re.compile(
    rf"^(?:{_alternation(collectives.COLLECTIVE_PREFIXES)})"
    rf"|各(?:{_alternation(collectives.COLLECTED_NOUNS)})"
    rf"|(?:{_RELATED})(?:{_alternation(collectives.RELATED_NOUNS)})"
    rf"|{collectives.ETC}(?:{_RELATED})?.*(?:{_alternation(collectives.ETC_NOUNS)})$"
    rf"|{collectives.ETC}$"
    rf"|(?:{_alternation(collectives.MEMBER_SUFFIXES)})$"
)
# 市发展改革委（牵头）: a lead unit marked inside a 责任单位 list
_LEAD_MARK_RE = re.compile(rf"[（(](?:{_alternation(collectives.LEAD_MARKS)})[）)]$")
# 国家发展改革委、财政部等: the 等 closing a list names more units than it lists
_ETC_RE = re.compile(rf"(?<=[\u4e00-\u9fff）)]){collectives.ETC}$")
# 市级各有关部门及各县市区政府: 及 joins two units (not 及其派出机构)
_JOIN_RE = re.compile(
    rf"(?<![{''.join(collectives.NOT_JOINING_STARTS)}])"
    rf"(?:{_alternation(collectives.JOINING_WORDS)})(?!其)"
)


def is_marked_lead(raw: str) -> bool:
    """True for ``市发展改革委（牵头）``: the unit leads although listed as 责任单位."""
    return _LEAD_MARK_RE.search(raw) is not None


def split_items(value: str) -> list[str]:
    """Split on 、，,；; and a joining 及, outside brackets: ``市财政局，各县（市、区）政府`` → 2."""
    return [part for item in _split_separators(value) for part in _split_joined(item)]


# a unit name has two characters at least (县委 / 某局): 及 between shorter pieces is not a join
_SHORTEST_UNIT = 2


def _split_joined(item: str) -> list[str]:
    """``市级各有关部门及各县市区政府`` → two units; 及其… and 及 inside brackets stay."""
    if "及" not in item:
        return [item]
    parts: list[str] = []
    start = 0
    for match in _JOIN_RE.finditer(item):
        head = item[start : match.start()]
        tail = len(item) - match.end()
        if depth(item[: match.start()]) == 0 and min(len(head), tail) >= _SHORTEST_UNIT:
            parts.append(head)
            start = match.end()
    parts.append(item[start:])
    return parts


def _split_separators(value: str) -> list[str]:
    if not any(char in value for char in OPENERS):
        return [cleaned for item in _SEPARATOR_RE.split(value) if (cleaned := _clean(item))]
    items = split_outside(value, _SEPARATORS)
    return [cleaned for item in items if (cleaned := _clean(item))]


def _clean(item: str) -> str:
    """Drop spaces (PDF padding) and trailing full stops: ``区商 务局。`` → ``区商务局``."""
    return "".join(item.split()).strip("。.；;：:")


def is_collective(name: str) -> bool:
    """True for a name that stands for several units: ``各县（市、区）政府``."""
    return _COLLECTIVE_RE.search(name) is not None


@lru_cache(maxsize=4096)
def parse_units(value: str, *, label: str = "") -> tuple[UnitRef, ...]:
    """Parse a unit field into :class:`UnitRef` values, suffixes distributed.

    ``二七区、金水区、管城回族区政府`` → 二七区政府, 金水区政府, 管城回族区政府.
    Cached: a notice repeats the same unit lists (``市政府各部门，各县（市、区）政府…``)
    for dozens of tasks, and the result is immutable.
    """
    items = split_items(value)
    names = _distribute_suffixes([_ETC_RE.sub("", _LEAD_MARK_RE.sub("", item)) for item in items])
    refs = []
    for raw, name in zip(items, names, strict=True):
        collective = is_collective(raw)
        refs.append(UnitRef(name=name, raw=raw, collective=collective, label=label))
    return tuple(refs)


def _distribute_suffixes(items: list[str]) -> list[str]:
    """Give each run of bare place names the suffix of the item that closes the run."""
    names = list(items)
    run_start: int | None = None
    for index, item in enumerate(items):
        if _is_bare_place(item):
            run_start = index if run_start is None else run_start
            continue
        match = _SHARED_SUFFIX_RE.match(item)
        if match is not None:
            suffix = match.group("suffix")
            names[index] = match.group("place") + suffix
            for earlier in range(run_start if run_start is not None else index, index):
                names[earlier] = items[earlier] + suffix
        run_start = None
    return names


def _is_bare_place(item: str) -> bool:
    return _PLACE_RE.match(item) is not None and not is_collective(item)
