"""What a whole document states, apart from its tasks: its kind, targets, actuals and times.

A decomposition notice is a list of tasks, but the other documents of the
supervision cycle are not: a work report (政府工作报告) sets the year's targets
and reviews the last year's, a plan-execution report (计划执行情况的报告) does
the same for the plan, and a progress bulletin (进展情况 / 完成情况 / 督查通报)
says what was achieved so far. Every kind gives document-level values:

* :class:`DocumentTarget` — a figure the document sets for ``year`` (``main`` for
  the 主要预期目标);
* :class:`DocumentActual` — a figure achieved in ``year`` over ``period``
  (上半年, 1-9月, 全年), with the plan figure and completion share when stated;
* :class:`DocumentTime` — a deadline, start or recurring report day stated
  outside the tasks (每月10日前, 6月8日17时前, 从6月份起).

Each figure keeps the sentence it stands in; the :class:`~taskdoc.values.Target`
offsets are offsets into that sentence, and ``span`` says where the sentence is in
the file. Like :mod:`taskdoc.values` this module is ground floor: values only,
each with ``to_dict`` and its exact inverse ``from_dict``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from taskdoc.spans import Location, SourceSpan
from taskdoc.values import Precision, Target

JsonDict = dict[str, Any]


class DocumentKind(StrEnum):
    """The genre of a document, which decides what the parser looks for in it."""

    NOTICE = "notice"  # 目标任务分解 / 责任分工 notice: numbered tasks with units
    WORK_REPORT = "work_report"  # 政府工作报告 (or its digest): review + the year's targets
    PLAN_REPORT = "plan_execution_report"  # 计划执行情况与…计划（草案）的报告
    BULLETIN = "bulletin"  # 进展情况 / 完成情况 / 督查通报: what was achieved so far


KIND_NAMES = {
    DocumentKind.NOTICE: "任务分解通知",
    DocumentKind.WORK_REPORT: "政府工作报告",
    DocumentKind.PLAN_REPORT: "计划执行情况的报告",
    DocumentKind.BULLETIN: "进展情况通报",
}


@dataclass(frozen=True, slots=True)
class Period:
    """The months an actual covers, ``first``–``last`` of its year: 1-9月 is (1, 9).

    ``label`` is the period as the document names it, normalised (``上半年``,
    ``前三季度``, ``1-9月``, ``一季度``, ``全年``).
    """

    label: str
    first: int
    last: int

    def to_dict(self) -> dict[str, object]:
        return {"label": self.label, "first": self.first, "last": self.last}

    @classmethod
    def from_dict(cls, data: JsonDict) -> Period:
        return cls(str(data["label"]), int(data["first"]), int(data["last"]))


def _span_dict(span: SourceSpan) -> JsonDict:
    """The span as ``taskdoc.output.serialize`` writes spans everywhere else."""

    def location(loc: Location) -> JsonDict:
        return {key: value for key, value in asdict(loc).items() if value is not None}

    return {
        "start": location(span.start),
        "end": location(span.end),
        "description": span.describe(),
    }


_LOCATION_KEYS = ("line", "paragraph", "page", "table", "row", "column")


def _span(data: JsonDict) -> SourceSpan:
    def location(part: JsonDict) -> Location:
        unknown = set(part) - set(_LOCATION_KEYS)
        if unknown:
            raise ValueError(f"位置中有未知的键 {sorted(unknown)}")
        return Location(**{key: _int_or_none(part.get(key)) for key in _LOCATION_KEYS})

    return SourceSpan(location(data["start"]), location(data["end"]))


def _int_or_none(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{value!r} 不是整数")
    return value


def _period(data: object) -> Period | None:
    return None if data is None else Period.from_dict(_dict(data))


def _dict(value: object) -> JsonDict:
    if not isinstance(value, dict):
        raise TypeError(f"{value!r} 不是对象")
    return value


@dataclass(frozen=True, slots=True)
class DocumentTarget:
    """A target the document sets for ``year``; ``target`` offsets are into ``sentence``.

    ``main`` marks the 主要预期目标 (the headline indicators); ``section`` is the
    heading the target stands under; ``task`` the index (0-based) into the
    result's ``tasks`` when the target is a task's; ``period`` a part of the year
    (上半年 6%) when the target is an interim one.
    """

    target: Target
    year: int | None
    sentence: str
    span: SourceSpan
    main: bool = False
    section: str = ""
    task: int | None = None
    period: Period | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "target": self.target.to_dict(),
            "year": self.year,
            "main": self.main,
            "period": None if self.period is None else self.period.to_dict(),
            "section": self.section,
            "task": self.task,
            "sentence": self.sentence,
            "source": _span_dict(self.span),
        }

    @classmethod
    def from_dict(cls, data: JsonDict) -> DocumentTarget:
        return cls(
            target=Target.from_dict(_dict(data["target"])),
            year=_int_or_none(data["year"]),
            sentence=str(data["sentence"]),
            span=_span(_dict(data["source"])),
            main=bool(data["main"]),
            section=str(data["section"]),
            task=_int_or_none(data["task"]),
            period=_period(data["period"]),
        )


@dataclass(frozen=True, slots=True)
class DocumentActual:
    """A figure the document reports as achieved in ``year`` over ``period``.

    ``plan_share`` is the stated completion of the plan in percent (``占年度目标的
    111.5%`` → 111.5); ``plan_value`` the plan figure when stated (``完成年计划
    12亿元的85%``, ``年度计划投资2.47亿元…完成投资2.41亿元``); ``difference`` a
    stated gap to the target or to a benchmark (``低于目标0.5个百分点``: its
    metric is what was compared with, its comparator at_most for 低于, at_least for
    高于). Offsets of every figure are into ``sentence``.
    """

    figure: Target
    year: int | None
    sentence: str
    span: SourceSpan
    period: Period | None = None
    plan_share: Decimal | None = None
    plan_value: Target | None = None
    difference: Target | None = None
    section: str = ""
    task: int | None = None

    def to_dict(self) -> dict[str, object]:
        share = self.plan_share
        return {
            "figure": self.figure.to_dict(),
            "year": self.year,
            "period": None if self.period is None else self.period.to_dict(),
            "plan_share": None if share is None else format(share, "f"),
            "plan_value": None if self.plan_value is None else self.plan_value.to_dict(),
            "difference": None if self.difference is None else self.difference.to_dict(),
            "section": self.section,
            "task": self.task,
            "sentence": self.sentence,
            "source": _span_dict(self.span),
        }

    @classmethod
    def from_dict(cls, data: JsonDict) -> DocumentActual:
        share, plan, gap = data["plan_share"], data["plan_value"], data["difference"]
        return cls(
            figure=Target.from_dict(_dict(data["figure"])),
            year=_int_or_none(data["year"]),
            sentence=str(data["sentence"]),
            span=_span(_dict(data["source"])),
            period=_period(data["period"]),
            plan_share=None if share is None else Decimal(str(share)),
            plan_value=None if plan is None else Target.from_dict(_dict(plan)),
            difference=None if gap is None else Target.from_dict(_dict(gap)),
            section=str(data["section"]),
            task=_int_or_none(data["task"]),
        )


class TimeRole(StrEnum):
    """What a document-level time expression asks for."""

    DEADLINE = "deadline"  # 6月8日17时前 上报; 7月9日至17日 (the end of a range)
    START = "start"  # 从6月份起
    RECURRING = "recurring"  # 每月10日前, 每季度末月25日前


@dataclass(frozen=True, slots=True)
class DocumentTime:
    """A time stated outside the tasks: a deadline, a start or a recurring report day.

    ``due`` is the deadline (the end of a range), ``start`` the first day of a
    range or of a rule (``从6月份起`` → 06-01); a recurring rule has ``every``
    (``month``/``quarter``) and ``day`` and no ``due``. ``raw`` is the phrase as
    written, ``sentence`` the sentence it stands in.
    """

    raw: str
    role: TimeRole
    sentence: str
    span: SourceSpan
    due: date | None = None
    start: date | None = None
    precision: Precision | None = None
    hour: int | None = None
    every: str | None = None
    day: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "raw": self.raw,
            "role": str(self.role),
            "due": None if self.due is None else self.due.isoformat(),
            "start": None if self.start is None else self.start.isoformat(),
            "precision": None if self.precision is None else str(self.precision),
            "hour": self.hour,
            "every": self.every,
            "day": self.day,
            "sentence": self.sentence,
            "source": _span_dict(self.span),
        }

    @classmethod
    def from_dict(cls, data: JsonDict) -> DocumentTime:
        due, start, precision = data["due"], data["start"], data["precision"]
        every = data["every"]
        return cls(
            raw=str(data["raw"]),
            role=TimeRole(data["role"]),
            sentence=str(data["sentence"]),
            span=_span(_dict(data["source"])),
            due=None if due is None else date.fromisoformat(str(due)),
            start=None if start is None else date.fromisoformat(str(start)),
            precision=None if precision is None else Precision(precision),
            hour=_int_or_none(data["hour"]),
            every=None if every is None else str(every),
            day=_int_or_none(data["day"]),
        )
