"""The figures a task carries, as frozen values: targets, milestones and the reporting schedule.

These are the value types of :mod:`taskdoc.figures` (which finds them in text)
that :mod:`taskdoc.model` holds on a :class:`~taskdoc.model.Task` or a
:class:`~taskdoc.model.ParseResult`. They live on the ground floor, apart from
the extractors, so the model imports no stage of the parser and a program that
only reads results (the JSON of ``duban parse``) needs none of the algorithms.

Each type has ``to_dict`` (JSON-ready: Decimals as plain strings, dates in
ISO form) and ``from_dict``, its exact inverse: ``T.from_dict(t.to_dict()) == t``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

JsonDict = dict[str, Any]


def decimal_str(value: Decimal | None) -> str | None:
    """Plain-notation string of a Decimal for JSON (``13000``, never ``1.3E+4``)."""
    if value is None:
        return None
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _date(value: object) -> date | None:
    return None if value is None else date.fromisoformat(str(value))


class Precision(StrEnum):
    """How exact a resolved date is: ``6月8日`` is a day, ``上半年`` a half-year."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"


class Comparator(StrEnum):
    """How a target's figure bounds the result: 以上 is at least, 以内 at most."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ABOUT = "about"
    EXACTLY = "exactly"
    BETWEEN = "between"


class TargetKind(StrEnum):
    LEVEL = "level"  # an amount in a measure unit: 640 亿元, 3.28 万亩
    COUNT = "count"  # a number of things: 35 家, 1.3 万人
    GROWTH = "growth"  # a rate of increase: 增长 7%
    DECREASE = "decrease"  # a rate of decrease: 下降 4% 以上
    SHARE = "share"  # a rate, share or multiple: 覆盖率达 85%, 3 倍
    RATIO = "ratio"  # a proportion: 0.1:24.2:75.7
    QUALITATIVE = "qualitative"  # 同步, 动态清零, 全覆盖


@dataclass(frozen=True, slots=True)
class Target:
    """One target as found in a text; ``start``/``end`` are offsets into that text.

    ``value``/``unit`` are as written (``1.3``/``万人``), ``normalized_*`` in
    base units (``13000``/``人``). Ranges set ``value_max``. ``per`` is a
    denominator written before the number (``每千人`` → ``千人``). Qualitative
    targets have no value and carry the ``phrase`` (``动态清零``); ratios carry
    their ``ratio`` parts.
    """

    metric: str
    kind: TargetKind
    comparator: Comparator | None
    value: Decimal | None
    unit: str
    normalized_value: Decimal | None
    normalized_unit: str
    start: int
    end: int
    raw: str
    value_max: Decimal | None = None
    normalized_value_max: Decimal | None = None
    per: str | None = None
    ratio: tuple[Decimal, ...] = ()
    phrase: str | None = None

    @property
    def is_quantitative(self) -> bool:
        return self.value is not None

    def to_dict(self) -> dict[str, object]:
        """JSON-friendly dict; Decimals become plain strings (``"13000"``)."""
        return {
            "metric": self.metric,
            "kind": str(self.kind),
            "comparator": None if self.comparator is None else str(self.comparator),
            "value": decimal_str(self.value),
            "value_max": decimal_str(self.value_max),
            "unit": self.unit,
            "normalized_value": decimal_str(self.normalized_value),
            "normalized_value_max": decimal_str(self.normalized_value_max),
            "normalized_unit": self.normalized_unit,
            "per": self.per,
            "ratio": [decimal_str(part) for part in self.ratio],
            "phrase": self.phrase,
            "start": self.start,
            "end": self.end,
            "raw": self.raw,
        }

    @classmethod
    def from_dict(cls, data: JsonDict) -> Target:
        """The target a :meth:`to_dict` dict describes."""
        comparator = data.get("comparator")
        return cls(
            metric=data["metric"],
            kind=TargetKind(data["kind"]),
            comparator=None if comparator is None else Comparator(comparator),
            value=_decimal(data.get("value")),
            unit=data.get("unit", ""),
            normalized_value=_decimal(data.get("normalized_value")),
            normalized_unit=data.get("normalized_unit", ""),
            start=data["start"],
            end=data["end"],
            raw=data.get("raw", ""),
            value_max=_decimal(data.get("value_max")),
            normalized_value_max=_decimal(data.get("normalized_value_max")),
            per=data.get("per"),
            ratio=tuple(Decimal(str(part)) for part in data.get("ratio", ())),
            phrase=data.get("phrase"),
        )


@dataclass(frozen=True, slots=True)
class Milestone:
    """A clause of a task with its due date (or ``ongoing`` when it has none).

    ``text`` is the clause without the time phrase; ``raw`` is the time phrase
    (or the ongoing marker) as written; ``start``/``end`` span the clause in
    the task text.
    """

    text: str
    raw: str
    start: int
    end: int
    due: date | None = None
    precision: Precision | None = None
    ongoing: bool = False
    hour: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "raw": self.raw,
            "start": self.start,
            "end": self.end,
            "due": None if self.due is None else self.due.isoformat(),
            "precision": None if self.precision is None else str(self.precision),
            "ongoing": self.ongoing,
            "hour": self.hour,
        }

    @classmethod
    def from_dict(cls, data: JsonDict) -> Milestone:
        """The milestone a :meth:`to_dict` dict describes."""
        precision = data.get("precision")
        return cls(
            text=data["text"],
            raw=data["raw"],
            start=data["start"],
            end=data["end"],
            due=_date(data.get("due")),
            precision=None if precision is None else Precision(precision),
            ongoing=bool(data.get("ongoing", False)),
            hour=data.get("hour"),
        )


@dataclass(frozen=True, slots=True)
class PeriodicReport:
    """A recurring report: due on ``day`` of each ``period`` from ``start_month``."""

    period: str  # "month" or "quarter"
    day: int
    start_month: int | None
    covers_previous_period: bool
    raw: str

    def to_dict(self) -> dict[str, object]:
        return {
            "period": self.period,
            "day": self.day,
            "start_month": self.start_month,
            "covers_previous_period": self.covers_previous_period,
            "raw": self.raw,
        }

    @classmethod
    def from_dict(cls, data: JsonDict) -> PeriodicReport:
        """The report a :meth:`to_dict` dict describes."""
        return cls(
            period=data["period"],
            day=data["day"],
            start_month=data.get("start_month"),
            covers_previous_period=bool(data.get("covers_previous_period", False)),
            raw=data.get("raw", ""),
        )


@dataclass(frozen=True, slots=True)
class ReportingSchedule:
    """When units must report, as stated in a notice body.

    ``plan_due`` is a datetime (Beijing time, ``+08:00``) when the notice
    writes an hour (``6月8日17时前``), else a date.
    """

    plan_due: datetime | date | None = None
    monthly: PeriodicReport | None = None
    quarterly: PeriodicReport | None = None
    ledger_dates: tuple[date, ...] = ()
    summary_due: date | None = None
    recipient: str | None = None
    raw_sentences: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "plan_due": None if self.plan_due is None else self.plan_due.isoformat(),
            "monthly": None if self.monthly is None else self.monthly.to_dict(),
            "quarterly": None if self.quarterly is None else self.quarterly.to_dict(),
            "ledger_dates": [d.isoformat() for d in self.ledger_dates],
            "summary_due": None if self.summary_due is None else self.summary_due.isoformat(),
            "recipient": self.recipient,
            "raw_sentences": list(self.raw_sentences),
        }

    @classmethod
    def from_dict(cls, data: JsonDict) -> ReportingSchedule:
        """The schedule a :meth:`to_dict` dict describes (a ``T`` in ``plan_due`` means a datetime)."""
        monthly, quarterly = data.get("monthly"), data.get("quarterly")
        return cls(
            plan_due=_moment(data.get("plan_due")),
            monthly=None if monthly is None else PeriodicReport.from_dict(monthly),
            quarterly=None if quarterly is None else PeriodicReport.from_dict(quarterly),
            ledger_dates=tuple(date.fromisoformat(d) for d in data.get("ledger_dates", ())),
            summary_due=_date(data.get("summary_due")),
            recipient=data.get("recipient"),
            raw_sentences=tuple(data.get("raw_sentences", ())),
        )


def _moment(value: object) -> datetime | date | None:
    """An ISO date, or an ISO datetime when it has a time part (``2020-06-08T17:00:00+08:00``)."""
    if value is None:
        return None
    text = str(value)
    return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
