"""Milestones: the dated clauses of a task, and the clauses that never end.

A task such as ``加快 10 所医院建设，6 月底前郑州市大肠肛门病医院实现开诊，
年底前管城总医院主体完工…`` holds several deliverables with their own
deadlines. Supervisors chase each one, so the task text is split into clauses
(on ，；。 and their ASCII forms, which some reports use) and every clause
with a time expression (see :mod:`taskdoc.figures.timeexpr`) becomes a
:class:`~taskdoc.values.Milestone` due on that date; the clause text, minus the time phrase,
says what is due. A clause with two dates yields two milestones.

Clauses without a date but with a standing-work phrase (``持续推进``,
``长期坚持``, ``常态化``, ``长效机制``…) are kept as *ongoing* milestones with
no due date, so a task made only of such work is visibly open-ended rather
than silently undated. Other undated clauses yield nothing.
"""

from __future__ import annotations

import re
from datetime import date

from taskdoc.figures.timeexpr import TimeExpression, extract_time_expressions
from taskdoc.values import Milestone

# Clause boundaries: ，；。 and ASCII ,; (003-style reports use half-width commas).
CLAUSE_RE = re.compile(r"[^，；。,;！？!?\n]+")
# Standing work with no end date: 持续推进, 长期坚持, 常态化开展, 长效机制, 不断完善.
ONGOING_RE = re.compile(r"持续|长期|常态化|长效|不断|始终|经常性|逐年")
# Text that only joined two removed dates: 7月10日、10月10日和2021年1月10日.
_JOINERS_RE = re.compile(r"^[\s、和及与]+$")
# Leftover joiners at either end of a clause once the time phrase is removed: 前, 、, 和.
_EDGE_RE = re.compile(r"^[\s、和及并]+|[\s、和及并]+$")


def extract_milestones(
    text: str, *, year: int, issued: date | None = None
) -> tuple[Milestone, ...]:
    """Milestones of *text* in order: one per dated clause and time phrase, plus ongoing clauses."""
    expressions = extract_time_expressions(text, year=year, issued=issued)
    out: list[Milestone] = []
    next_expression = 0
    for clause in CLAUSE_RE.finditer(text):
        first = next_expression
        while (
            next_expression < len(expressions) and expressions[next_expression].start < clause.end()
        ):
            next_expression += 1
        inside = [e for e in expressions[first:next_expression] if e.start >= clause.start()]
        if inside:
            out.extend(_dated(clause, e, inside) for e in inside)
            continue
        marker = ONGOING_RE.search(clause.group())
        if marker:
            out.append(_ongoing(clause, marker.group()))
    return tuple(out)


def _dated(
    clause: re.Match[str], expression: TimeExpression, inside: list[TimeExpression]
) -> Milestone:
    """The clause text with every time phrase cut out, due on *expression*'s date."""
    pieces, cursor = [], clause.start()
    for other in inside:
        pieces.append(clause.string[cursor : other.start])
        cursor = other.end
    pieces.append(clause.string[cursor : clause.end()])
    last = len(pieces) - 1
    trimmed = [_JOINERS_RE.sub("", p) if 0 < i < last else p for i, p in enumerate(pieces)]
    if last:
        trimmed[0] = trimmed[0].rstrip(" \t、和及与")
        trimmed[last] = trimmed[last].lstrip(" \t、和及与")
    text = _EDGE_RE.sub("", "".join(trimmed))
    return Milestone(
        text=text,
        raw=expression.raw,
        start=clause.start(),
        end=clause.end(),
        due=expression.date,
        precision=expression.precision,
        hour=expression.hour,
    )


def _ongoing(clause: re.Match[str], marker: str) -> Milestone:
    text = _EDGE_RE.sub("", clause.group())
    return Milestone(text=text, raw=marker, start=clause.start(), end=clause.end(), ongoing=True)
