"""The report samples against figures checked by hand before the report parser ran on them.

``data/report_expectations.json`` lists, for corpus 001 (work-report digest), 002
(plan-execution report) and 003 (district work report), targets and actuals read off
the page by a person: value, unit, comparator, kind, year, metric (and where stated
main, period, plan share and plan figure). Each is looked for among the parse's
document-level ``targets`` or ``actuals`` with the same value and unit; then every
stated field must agree. The metric agrees when the labelled core phrase is in the
extracted one and the extracted one is at most 10 characters longer (as in
``bench/indicators.py``).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from taskdoc import ParseResult, parse_file
from taskdoc.values import Target

from .conftest import CORPUS

DATA = Path(__file__).parent / "data" / "report_expectations.json"
_NOISE = re.compile(r"[\s“”\"'‘’《》*]")
_MAX_LONGER = 10


def _documents() -> list[dict[str, Any]]:
    documents: list[dict[str, Any]] = json.loads(DATA.read_text(encoding="utf-8"))["documents"]
    return documents


def _cases() -> list[tuple[str, str, int, dict[str, Any]]]:
    return [
        (doc["doc"], role, index, figure)
        for doc in _documents()
        for role in ("targets", "actuals")
        for index, figure in enumerate(doc[role])
    ]


@cache
def _parse(stem: str) -> ParseResult:
    paths = sorted(CORPUS.glob(f"{stem}_*.txt"))
    if not paths:
        pytest.fail(f"sample corpus missing: no {stem}_*.txt in {CORPUS} (set DUBAN_SHARED)")
    return parse_file(paths[0])


def _norm(text: str) -> str:
    return _NOISE.sub("", text).replace("(", "（").replace(")", "）")


def metric_ok(expected: str, got: str) -> bool:
    want, have = _norm(expected), _norm(got)
    return want in have and len(have) <= len(want) + _MAX_LONGER


def _candidates(result: ParseResult, role: str) -> list[tuple[Target, Any]]:
    if role == "targets":
        return [(t.target, t) for t in result.targets]
    return [(a.figure, a) for a in result.actuals]


def mismatches(result: ParseResult, role: str, label: dict[str, Any]) -> list[str]:
    """What is wrong with the best-matching extracted figure (empty when it agrees)."""
    value = Decimal(label["value"])
    same = [
        (figure, item)
        for figure, item in _candidates(result, role)
        if figure.value == value and _norm(figure.unit) == _norm(label["unit"])
    ]
    if not same:
        return [f"no {role[:-1]} {label['value']}{label['unit']} ({label['metric']})"]
    scored = [(_problems(figure, item, label), figure) for figure, item in same]
    problems, _ = min(scored, key=lambda pair: len(pair[0]))
    return problems


def _problems(figure: Target, item: Any, label: dict[str, Any]) -> list[str]:
    out = []
    if not metric_ok(label["metric"], figure.metric):
        out.append(f"metric {figure.metric!r} ≠ {label['metric']!r}")
    for name, got in (("comparator", figure.comparator), ("kind", figure.kind)):
        if str(got) != label[name]:
            out.append(f"{name} {got} ≠ {label[name]}")
    if item.year != label["year"]:
        out.append(f"year {item.year} ≠ {label['year']}")
    if "main" in label and getattr(item, "main", None) is not label["main"]:
        out.append(f"main {getattr(item, 'main', None)} ≠ {label['main']}")
    if "period" in label and (item.period is None or item.period.label != label["period"]):
        out.append(f"period {item.period} ≠ {label['period']}")
    if "plan_share" in label and item.plan_share != Decimal(label["plan_share"]):
        out.append(f"plan_share {item.plan_share} ≠ {label['plan_share']}")
    if "plan_value" in label:
        plan = item.plan_value
        if plan is None or plan.value != Decimal(label["plan_value"]):
            out.append(f"plan_value {plan and plan.value} ≠ {label['plan_value']}")
    return out


@pytest.mark.parametrize(
    ("doc", "role", "index", "label"),
    _cases(),
    ids=[f"{d}-{r}-{i}-{f['metric']}{f['value']}" for d, r, i, f in _cases()],
)
def test_hand_checked_figure(doc: str, role: str, index: int, label: dict[str, Any]) -> None:
    assert mismatches(_parse(doc), role, label) == []


@pytest.mark.parametrize(("doc", "kind"), [(d["doc"], d["kind"]) for d in _documents()], ids=str)
def test_kind_of_report_sample(doc: str, kind: str) -> None:
    assert str(_parse(doc).kind) == kind
