"""Year-end completion: actual against target for every target, by section, and a review draft.

The ratio follows ``rules.year_end_ratio`` (the ``taskdoc.figures.matching.completion_ratio``
semantics). The actual is the cumulative value in the latest report submitted by
``as_of`` — by default the due date of the last monthly period, which is the report that
covers December. The review paragraphs imitate the 上年工作回顾 of a 政府工作报告
("地区生产总值增长7.5%，完成年度目标的107.1%") and are a draft for the office to edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from duban.plans.models import SourceDocument, Task
from duban.progress.status import ScheduleStatus, is_met, year_end_ratio
from duban.supervision.models import CarriedTask
from duban.supervision.rules import number_text, percent, ratio_text
from duban.supervision.snapshot import Dataset, TargetInfo, TaskInfo

# Numbering in front of a section title: 一、 （一） 1. 第一部分
_NUMBERING_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])\s*"
)


@dataclass(frozen=True)
class TargetResult:
    task: TaskInfo
    target: TargetInfo
    actual: Decimal | None
    ratio: float | None
    met: bool | None

    @property
    def ratio_label(self) -> str:
        if self.ratio is not None:
            return f"完成年度目标的{ratio_text(self.ratio)}"
        if self.target.kind == "qualitative":
            return "定性指标"
        return "未报送完成值" if self.actual is None else "无法计算"

    @property
    def actual_text(self) -> str:
        return f"{number_text(self.actual)}{self.target.unit}" if self.actual is not None else ""


@dataclass
class SectionSummary:
    section: str
    tasks: int = 0
    done: int = 0
    targets: list[TargetResult] = field(default_factory=list)

    @property
    def measured(self) -> int:
        return sum(1 for t in self.targets if t.ratio is not None)

    @property
    def met(self) -> int:
        return sum(1 for t in self.targets if t.met)


@dataclass
class YearEnd:
    as_of: date
    tasks: int
    done: int
    unfinished: list[TaskInfo]
    targets: list[TargetResult]
    sections: list[SectionSummary]
    paragraphs: list[str]

    @property
    def done_share(self) -> str:
        return percent(self.done, self.tasks, digits=1)


def default_as_of(data: Dataset) -> date:
    """The last monthly due date (the December report), else the year's last day."""
    if data.periods:
        return data.periods[-1].due_date
    return date(data.start.year, 12, 31)


def _clause(result: TargetResult) -> str:
    return f"{result.target.metric}{result.actual_text}，{result.ratio_label}"


def review_paragraphs(summary: list[SectionSummary], *, tasks: int, done: int) -> list[str]:
    """The 上年工作回顾 draft: one opening paragraph, then one paragraph per section."""
    measured = sum(s.measured for s in summary)
    met = sum(s.met for s in summary)
    opening = (
        f"过去一年，我们认真落实年初部署的{tasks}项重点任务，已完成{done}项、"
        f"占比{percent(done, tasks, digits=1)}；{measured}项量化指标中，"
        f"{met}项达到或超过年度目标。"
    )
    paragraphs = [opening]
    for position, section in enumerate(summary, start=1):
        title = _NUMBERING_RE.sub("", section.section)
        clauses = [_clause(t) for t in section.targets if t.ratio is not None]
        body = "；".join(clauses) + "。" if clauses else ""
        paragraphs.append(
            f"（{_cn(position)}）{title}。{body}本领域{section.tasks}项任务已完成{section.done}项。"
        )
    return paragraphs


_CN_ORDINALS = "一二三四五六七八九十"


def _cn(n: int) -> str:
    """Section ordinals for （一）…（二十）; longer lists fall back to digits."""
    if n <= len(_CN_ORDINALS):
        return _CN_ORDINALS[n - 1]
    if n < 2 * len(_CN_ORDINALS):
        return "十" + _CN_ORDINALS[n - 11]
    return str(n)


def year_end(*, data: Dataset, as_of: date | None = None) -> YearEnd:
    as_of = as_of or default_as_of(data)
    sections: dict[str, SectionSummary] = {}
    results: list[TargetResult] = []
    unfinished: list[TaskInfo] = []
    done = 0
    for row in data.evaluate(as_of):
        task = row.task
        summary = sections.setdefault(task.section, SectionSummary(section=task.section))
        summary.tasks += 1
        if row.status.schedule == ScheduleStatus.DONE:
            summary.done += 1
            done += 1
        else:
            unfinished.append(task)
        for target in task.targets:
            actual = row.latest.actuals.get(target.id) if row.latest else None
            ratio = year_end_ratio(
                kind=target.kind, comparator=target.comparator, goal=target.goal, actual=actual
            )
            result = TargetResult(
                task=task,
                target=target,
                actual=actual,
                ratio=ratio,
                met=is_met(ratio, comparator=target.comparator),
            )
            results.append(result)
            summary.targets.append(result)
    ordered = list(sections.values())
    return YearEnd(
        as_of=as_of,
        tasks=len(data.tasks),
        done=done,
        unfinished=unfinished,
        targets=results,
        sections=ordered,
        paragraphs=review_paragraphs(ordered, tasks=len(data.tasks), done=done),
    )


@dataclass(frozen=True)
class CarryOverPlan:
    """What 结转 would do with ``as_of`` as the cut-off; the page and the write both use it.

    ``pending`` are the tasks not 已完成 on ``as_of``, minus those carried over before and
    those 销号 since the cut-off (a task closed now is never carried). Withdrawn tasks are
    not in the dataset at all.
    """

    as_of: date
    pending: list[TaskInfo]
    already: int  # carried over before
    closed_since: int  # unfinished on ``as_of`` but 销号 after it


def carry_over_plan(*, document: SourceDocument, as_of: date | None = None) -> CarryOverPlan:
    """The 结转 of ``document``'s tasks with ``as_of`` as the cut-off (default: year end).

    Over every task of the document (not one user's view): this is what a write would do.
    """
    data = Dataset(document, Task.objects.all())
    result = year_end(data=data, as_of=as_of)
    carried = set(
        CarriedTask.objects.filter(origin__task_list__document=document).values_list(
            "origin_id", flat=True
        )
    )
    pending: list[TaskInfo] = []
    already = closed_since = 0
    for task in result.unfinished:
        if task.id in carried:
            already += 1
        elif task.closed_on is not None:
            closed_since += 1
        else:
            pending.append(task)
    return CarryOverPlan(
        as_of=result.as_of, pending=pending, already=already, closed_since=closed_since
    )
