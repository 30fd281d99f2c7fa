"""The reporting schedule a notice imposes on the units it tasks.

Besides the task list, a decomposition notice's body tells every unit when to
report back, e.g. (seed 004): unit plans due ``6月8日17时前``; from June, a
progress report ``于每月10日之前`` covering ``截至上一个月月底``; a work ledger
(台账) on ``7月10日、10月10日和2021年1月10日前``. The supervision office
builds its reminders from exactly these dates, so they are pulled out into a
:class:`~taskdoc.values.ReportingSchedule`.

Paragraphs are joined first (PDF conversion breaks sentences across lines),
then split into sentences; only sentences with a reporting verb (报, 报送,
上报, 提交) count. A sentence about 计划/方案 with a dated deadline gives
``plan_due`` (a datetime when an hour is written); 每月N日 gives the monthly
report (its start from ``从6月份起``, ``covers_previous_period`` from
上一个月/上月); 每季度 likewise; 台账 gives ``ledger_dates``; 总结 the
``summary_due``. Dates resolve against ``year`` and roll into the next year
when a list goes back in the calendar (see :mod:`taskdoc.figures.timeexpr`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from taskdoc.figures.cnnum import normalize_digits
from taskdoc.figures.timeexpr import TimeExpression, extract_time_expressions
from taskdoc.values import PeriodicReport, Precision, ReportingSchedule

# Times in the notices are Beijing time.
CHINA_TZ = timezone(timedelta(hours=8), "CST")

# A paragraph that ends a sentence (otherwise the next paragraph continues it): …上报市政府督查室。
SENTENCE_END_RE = re.compile(r"[。；！？：:;!?]$")
# One sentence: 各单位6月8日17时前将…上报市政府督查室。
SENTENCE_RE = re.compile(r"[^。；！？!?;]+[。；！？!?;]?")
# A reporting verb: 上报, 报送, 报市政府督查室, 提交.
REPORT_RE = re.compile(r"报送|上报|提交|报告|报(?=[\u4e00-\u9fff]{0,12}(?:督查|办公|督办))")
# Where reports go: 报送市政府督查室, 上报市政府督查室.
RECIPIENT_RE = re.compile(
    r"(?:报送|上报|报)(?:至|给|到)?(?P<to>[\u4e00-\u9fff]{1,12}?(?:督查室|督查局|督查科|督办室|办公室|办公厅))"
)
# A monthly report day: 每月10日之前, 每月5号前.
MONTHLY_RE = re.compile(r"每月(?P<day>[12]?\d|3[01])[ \t]*[日号]")
# A quarterly report day: 每季度末月25日前, 每季度第一个月10日.
QUARTERLY_RE = re.compile(r"每(?:个)?季度[^，。；\d]{0,6}?(?P<day>[12]?\d|3[01])[ \t]*[日号]")
# The previous period is covered: 截至上一个月月底, 上月, 上季度.
PREVIOUS_RE = re.compile(r"上一?个?月|上月|前一个月|上一?个?季度|上季度")
# A plan or programme to hand in: 项目化推进计划, 实施方案, 工作清单.
PLAN_RE = re.compile(r"计划|方案|清单")
# A ledger: 工作落实台账.
LEDGER_RE = re.compile(r"台账")
# A summary: 年度工作总结.
SUMMARY_RE = re.compile(r"总结")


def extract_schedule(paragraphs: Sequence[str], *, year: int) -> ReportingSchedule | None:
    """The reporting schedule stated in *paragraphs*, or ``None`` when there is none."""
    found = _Found()
    for sentence in _sentences(paragraphs):
        if REPORT_RE.search(sentence) and _read_sentence(sentence, year, found):
            found.raw.append(sentence)
    if not found.raw:
        return None
    return ReportingSchedule(
        plan_due=found.plan_due,
        monthly=found.monthly,
        quarterly=found.quarterly,
        ledger_dates=found.ledger_dates,
        summary_due=found.summary_due,
        recipient=found.recipient,
        raw_sentences=tuple(found.raw),
    )


@dataclass(slots=True)
class _Found:
    """What the sentences read so far scheduled; the first statement of each kind wins."""

    plan_due: datetime | date | None = None
    monthly: PeriodicReport | None = None
    quarterly: PeriodicReport | None = None
    ledger_dates: tuple[date, ...] = ()
    summary_due: date | None = None
    recipient: str | None = None
    raw: list[str] = field(default_factory=list)


def _sentences(paragraphs: Sequence[str]) -> list[str]:
    """Join paragraphs that do not end a sentence, then split into sentences."""
    blocks: list[str] = []
    for paragraph in (p.strip() for p in paragraphs):
        if not paragraph:
            continue
        if blocks and not SENTENCE_END_RE.search(blocks[-1]):
            blocks[-1] += paragraph
        else:
            blocks.append(paragraph)
    return [
        m.group().strip()
        for block in blocks
        for m in SENTENCE_RE.finditer(block)
        if m.group().strip()
    ]


def _read_sentence(sentence: str, year: int, found: _Found) -> bool:
    """Record what *sentence* schedules into *found*; True when it scheduled anything."""
    plain = normalize_digits(sentence)
    expressions = extract_time_expressions(sentence, year=year)
    days = [e for e in expressions if e.precision is Precision.DAY and not e.is_start]
    if (recipient := RECIPIENT_RE.search(plain)) and found.recipient is None:
        found.recipient = recipient.group("to")
    if (monthly := _periodic(MONTHLY_RE, "month", plain, expressions)) is not None:
        found.monthly = found.monthly or monthly
    elif (quarterly := _periodic(QUARTERLY_RE, "quarter", plain, expressions)) is not None:
        found.quarterly = found.quarterly or quarterly
    elif days and LEDGER_RE.search(plain):
        found.ledger_dates = found.ledger_dates or tuple(e.date for e in days)
    elif days and SUMMARY_RE.search(plain):
        found.summary_due = found.summary_due or days[-1].date
    elif days and PLAN_RE.search(plain):
        found.plan_due = found.plan_due or _moment(days[0])
    else:
        return False
    return True


def _periodic(
    pattern: re.Pattern[str], period: str, plain: str, expressions: Sequence[TimeExpression]
) -> PeriodicReport | None:
    m = pattern.search(plain)
    if m is None:
        return None
    start = next((e.date.month for e in expressions if e.is_start), None)
    previous = bool(PREVIOUS_RE.search(plain, m.end())) or bool(PREVIOUS_RE.search(plain))
    return PeriodicReport(period, int(m.group("day")), start, previous, plain)


def _moment(expression: TimeExpression) -> datetime | date:
    if expression.hour is None:
        return expression.date
    when = expression.date
    return datetime(when.year, when.month, when.day, expression.hour, tzinfo=CHINA_TZ)
