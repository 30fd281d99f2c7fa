"""The parser seam for execution reports and bulletins: their actuals, and matching them.

Like :mod:`duban.plans.parsing`, this module is where the system calls :mod:`taskdoc`; what
it returns are plain dicts and ids. The figure-matching rules — which target an actual may
be about, why a similar one may not (kind, unit, year), the completion ratio and "met" —
are taskdoc's (:func:`taskdoc.figures.matching.propose_matches`); this module only brings
the ledger's targets to the parser's form and reads the answer back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from duban.plans.parsing import ParseFailedError, parse_result, parser_errors
from taskdoc.docvalues import KIND_NAMES, DocumentActual, DocumentKind
from taskdoc.figures.matching import (
    Candidate,
    metric_key,
    metric_similarity,
    propose_matches,
    value_in_target_unit,
)
from taskdoc.grammar.genre import title_text
from taskdoc.readers import read_bytes
from taskdoc.values import Comparator, Target, TargetKind

ACTUAL_KINDS = {DocumentKind.PLAN_REPORT: "plan_report", DocumentKind.BULLETIN: "bulletin"}
NOT_ACTUALS = "该文件是{kind}，不是计划执行情况报告或进展通报。"
NO_ACTUALS = "文件中没有找到完成情况数据（如“地区生产总值增长7.2%”），无法导入完成值。"

# The place a report's title names: 关于郑州市管城回族区2021年… → 郑州市管城回族区
_PLACE_RE = re.compile(
    r"^(?:关于)?(?P<place>(?:[\u4e00-\u9fff]{2,8}?(?:省|自治区))?"
    r"(?:[\u4e00-\u9fff]{1,8}?(?:市|自治州|州|盟))?(?:[\u4e00-\u9fff]{1,8}?(?:区|县|旗|市))?)"
    r"(?:人民政府)?(?:19|20)\d{2}"
)


@dataclass(frozen=True)
class ReportActuals:
    """What an execution report or bulletin states as achieved, as plain values."""

    kind: str  # ActualDocumentKind: plan_report / bulletin
    document: dict[str, Any]
    title: str
    place: str  # the government's place as the title names it (郑州市管城回族区), or ""
    year: int | None
    actuals: list[dict[str, Any]]  # DocumentActual.to_dict(), in document order


def read_actuals(data: bytes, *, filename: str) -> ReportActuals:
    """Parse an execution report or bulletin; Chinese :class:`ParseFailedError` otherwise."""
    with parser_errors(filename, data):
        result = parse_result(data, filename=filename)
        title = result.document.title or title_text(read_bytes(data, filename=filename).blocks)
    kind = ACTUAL_KINDS.get(result.kind)
    if kind is None:
        raise ParseFailedError(NOT_ACTUALS.format(kind=KIND_NAMES[result.kind]))
    actuals = [a.to_dict() for a in result.actuals if a.figure.is_quantitative]
    if not actuals:
        raise ParseFailedError(NO_ACTUALS)
    info = result.document
    return ReportActuals(
        kind=kind,
        document={
            "title": info.title,
            "issuer": info.issuer,
            "doc_number": info.doc_number,
            "date": info.date,
            "year": info.year,
        },
        title=title[:500],
        place=place_of(title),
        year=info.year,
        actuals=actuals,
    )


def place_of(title: str) -> str:
    """The place a title opens with: ``关于郑州市管城回族区2021年…的报告`` → ``郑州市管城回族区``."""
    m = _PLACE_RE.match(re.sub(r"\s+", "", title))
    return m.group("place") if m else ""


def actual_of(data: dict[str, Any]) -> DocumentActual:
    """A stored actual, read back through the parser's schema (``DocumentActual.from_dict``)."""
    return DocumentActual.from_dict(data)


class LedgerTarget(Protocol):
    """A ``plans.Target`` row, as far as matching needs it."""

    metric: str
    kind: str
    comparator: str
    value: Decimal | None
    unit: str
    normalized_value: Decimal | None
    normalized_unit: str
    value_max: Decimal | None
    normalized_value_max: Decimal | None
    raw_text: str


def parser_target(row: LedgerTarget) -> Target:
    """A ledger target in the parser's form (offsets are meaningless here: 0)."""
    return Target(
        metric=row.metric,
        kind=TargetKind(row.kind),
        comparator=Comparator(row.comparator) if row.comparator else None,
        value=row.value,
        unit=row.unit,
        normalized_value=row.normalized_value,
        normalized_unit=row.normalized_unit,
        start=0,
        end=0,
        raw=row.raw_text,
        value_max=row.value_max,
        normalized_value_max=row.normalized_value_max,
    )


@dataclass(frozen=True)
class _YearTarget:
    target: Target
    year: int | None


def _candidate(c: Candidate, ids: list[int]) -> dict[str, Any]:
    return {
        "target": ids[c.index],
        "similarity": round(c.similarity, 3),
        "ratio": c.ratio,
        "met": c.met,
        "reasons": [str(m) for m in c.mismatches],
    }


def propose(
    actuals: Sequence[dict[str, Any]], targets: Sequence[tuple[int, int | None, LedgerTarget]]
) -> list[dict[str, Any]]:
    """For each stored actual: ``candidates``, ``mismatched`` (with reason codes), the
    suggested target id (``choice``) and ``ambiguous``. *targets* are (id, year, row)."""
    ids = [pk for pk, _, _ in targets]
    parsed = [_YearTarget(parser_target(row), year) for _, year, row in targets]
    proposals = propose_matches([actual_of(a) for a in actuals], parsed)
    return [
        {
            "candidates": [_candidate(c, ids) for c in p.candidates],
            "mismatched": [_candidate(c, ids) for c in p.mismatched],
            "choice": None if p.choice is None else ids[p.choice],
            "ambiguous": p.ambiguous,
        }
        for p in proposals
    ]


def value_for(actual: dict[str, Any], target: LedgerTarget) -> Decimal | None:
    """The actual in the target's own unit and sense (what a unit would type as 累计完成)."""
    return value_in_target_unit(parser_target(target), actual_of(actual).figure)


def metrics_alike(a: str, b: str) -> tuple[float, int]:
    """How alike two metrics are (taskdoc's rule: 1.0 equal, 0.9 contained, 0.75 a modifier
    dropped, else bigram Dice) and the length of the shorter normalised metric (道路 in
    道路绿化 is contained, but two characters say too little to link two governments' targets).
    """
    return metric_similarity(a, b), min(len(metric_key(a)), len(metric_key(b)))
