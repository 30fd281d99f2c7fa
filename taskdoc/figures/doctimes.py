"""Time expressions a document states outside its tasks: report days, deadlines, starts.

A notice's preamble and closing set the rhythm of supervision for every unit:
``各单位6月8日17时前将…推进计划上报``, ``从6月份起，于每月10日之前将…报市政府督查室``,
``7月9日至17日开展专项督查``. These are read sentence by sentence (lines joined
where a sentence runs on) into :class:`~taskdoc.docvalues.DocumentTime` values:

* a recurring report day: ``每月10日前`` / ``每季度末月25日前`` (``every`` and ``day``,
  with the start month when the sentence says ``从6月份起``);
* a start: ``从6月份起`` / ``自7月1日起``;
* a deadline: a date followed by 前/之前/以前 or a range (``7月9日至17日``: due the
  last day, started the first), or any dated phrase of a sentence that asks for
  a report (报送, 上报, 提交…).

Dates that only say when the document itself was made are no deadline: a date
alone on its line (the signature, ``2024年3月7日`` or ``二○二二年十二月二十日``), a
speech or meeting date (``——2024年1月22日在…会议上``, ``2月3日上午``) and the
document's issue date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from taskdoc.docvalues import DocumentTime, TimeRole
from taskdoc.figures.cnnum import normalize_digits
from taskdoc.figures.schedule import MONTHLY_RE, QUARTERLY_RE, REPORT_RE
from taskdoc.figures.timeexpr import TimeExpression, extract_time_expressions
from taskdoc.lexicon.figures import alternation
from taskdoc.lexicon.reports import CN_DATE_DIGITS, SPEECH_AFTER_WORDS
from taskdoc.spans import SourceSpan
from taskdoc.text.repair import Line
from taskdoc.values import Precision

# A line that is only a date (the signature of a notice or a bulletin).
DATE_ONLY_RE = re.compile(
    rf"^[\s—-]*(?:(?:19|20)\d{{2}}[ \t]*年[ \t]*\d{{1,2}}[ \t]*月[ \t]*\d{{1,2}}[ \t]*日"
    rf"|[{CN_DATE_DIGITS}]{{4}}年[{CN_DATE_DIGITS}]{{1,3}}月[{CN_DATE_DIGITS}]{{1,3}}日)"
    r"(?:印发|发布)?[\s）)]*$"
)
# What makes a dated phrase the date of a speech or meeting: 在…会议上, 上午, 召开.
SPEECH_RE = re.compile(rf"[ \t]*(?:{alternation(SPEECH_AFTER_WORDS)})")
# A start: 从6月份起, 自7月1日起.
START_RE = re.compile(r"(?:从|自)[^，。；]{0,12}?(?:起|开始)")
# A deadline word after the date: 前, 之前, 以前.
BEFORE_RE = re.compile(r"(?:之前|以前|前)$")
_SENTENCE_RE = re.compile(r"[^。；！？!?;]+[。；！？!?;]?")
_SENTENCE_END = "。；！？：:;!?"


def document_times(
    lines: Sequence[Line], *, year: int, issued: date | None = None, asked_only: bool = False
) -> tuple[DocumentTime, ...]:
    """The report days, starts and deadlines of *lines* (text outside the tasks).

    With *asked_only* (a report, whose dated clauses are its plan's milestones) a
    deadline counts only in a sentence that asks for a report.
    """
    out: list[DocumentTime] = []
    for sentence, span in _sentences(lines):
        out.extend(_sentence_times(sentence, span, year, issued, asked_only))
    return tuple(out)


def _sentences(lines: Sequence[Line]) -> list[tuple[str, SourceSpan]]:
    """Lines joined where a sentence runs on, then split into sentences (spans per line run)."""
    runs: list[tuple[str, SourceSpan]] = []
    for line in lines:
        text = line.text.strip()
        if not text or DATE_ONLY_RE.match(text):
            continue  # a signature date is never a deadline
        if runs and not runs[-1][0].endswith(tuple(_SENTENCE_END)):
            joined, span = runs[-1]
            runs[-1] = (joined + text, SourceSpan(span.start, line.span.end))
        else:
            runs.append((text, line.span))
    return [(m.group().strip(), span) for text, span in runs for m in _SENTENCE_RE.finditer(text)]


def _sentence_times(
    sentence: str, span: SourceSpan, year: int, issued: date | None, asked_only: bool
) -> list[DocumentTime]:
    plain = normalize_digits(sentence)
    expressions = [
        e for e in extract_time_expressions(sentence, year=year) if _is_rule(e, sentence, issued)
    ]
    out: list[DocumentTime] = []
    for pattern, every in ((MONTHLY_RE, "month"), (QUARTERLY_RE, "quarter")):
        m = pattern.search(plain)
        if m is not None:
            start = next((e.date for e in expressions if e.is_start), None)
            raw = sentence[m.start() : m.end()]
            day = int(m.group("day"))
            rule = DocumentTime(raw, TimeRole.RECURRING, sentence, span, start=start, every=every)
            out.append(replace(rule, day=day))
    asks = bool(REPORT_RE.search(plain))
    for e in expressions:
        if e.is_start:
            if START_RE.search(sentence):
                out.append(_time(e, TimeRole.START, sentence, span, start=e.date))
            continue
        before = bool(BEFORE_RE.search(e.raw))
        dated = asks and (e.precision is not Precision.YEAR or before)  # not 全年 of a figure
        if ((before or e.range_start is not None) and not asked_only) or dated:
            out.append(_time(e, TimeRole.DEADLINE, sentence, span, due=e.date))
    return out


def _is_rule(e: TimeExpression, sentence: str, issued: date | None) -> bool:
    """False for the dates that only date the document: a speech, a meeting, the issue date."""
    if e.precision is Precision.DAY and issued is not None and e.date == issued:
        return False
    return not SPEECH_RE.match(sentence, e.end)


def _time(
    e: TimeExpression,
    role: TimeRole,
    sentence: str,
    span: SourceSpan,
    *,
    due: date | None = None,
    start: date | None = None,
) -> DocumentTime:
    return DocumentTime(
        e.raw,
        role,
        sentence,
        span,
        due=due,
        start=start if start is not None else e.range_start,
        precision=e.precision,
        hour=e.hour,
    )
