"""Year-end completion: actual against target for every target, by list and section, and a
review draft.

The ratio and "met" are the status engine's (``progress.status.year_end_ratio``, ``is_met``).
The actual is the cumulative value in the latest report submitted by ``as_of`` — by default
the due date of the last monthly period, which is the report that covers December.

Each target is worded as offices word it (``wording.target_wording``): a rate by its
percentage points against the target ("地区生产总值增长7.2%，高于目标0.2个百分点"), an amount
by its share of the target ("完成80个，完成年度目标的80%"), caps, ranges and 左右 in their own
forms. The review paragraphs imitate the 上年工作回顾 of a 政府工作报告 and are a draft for
the office to edit. A list without sections is one group named after the list, never a
"（未分章节）" heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from duban.plans.models import SourceDocument, Target, Task
from duban.progress.standing.queries import NO_SECTION
from duban.progress.status import ScheduleStatus, is_met, year_end_ratio
from duban.supervision.models import CarriedTask
from duban.supervision.rules import number_text, percent, ratio_text
from duban.supervision.snapshot import Dataset, TargetInfo, TaskInfo
from duban.supervision.wording import TargetFigures, target_wording

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
    goal_max: Decimal | None = None  # the upper end of a range target (6%—7%)

    @property
    def wording(self) -> str:
        """The official clause: "地区生产总值增长7.61%，高于目标0.61个百分点"."""
        target = self.target
        return target_wording(
            TargetFigures(
                metric=target.metric,
                unit=target.unit,
                kind=target.kind,
                comparator=target.comparator,
                goal=target.goal,
                goal_max=self.goal_max,
                actual=self.actual,
                ratio=self.ratio,
                met=self.met,
            )
        )

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
class TaskOutcome:
    task: TaskInfo
    done: bool
    targets: list[TargetResult]


@dataclass
class SectionSummary:
    section: str  # the section title as written, or NO_SECTION
    tasks: int = 0
    done: int = 0
    targets: list[TargetResult] = field(default_factory=list)
    list_title: str = ""
    rows: list[TaskOutcome] = field(default_factory=list)

    @property
    def has_heading(self) -> bool:
        return self.section != NO_SECTION

    @property
    def title(self) -> str:
        """The section's title without its numbering; a list without sections: the list's."""
        if self.has_heading:
            return _NUMBERING_RE.sub("", self.section)
        return list_label(self.list_title)

    @property
    def label(self) -> str:
        """What a table row shows: the section as written, else the list's name."""
        return self.section if self.has_heading else list_label(self.list_title)

    @property
    def measured(self) -> int:
        return sum(1 for t in self.targets if t.ratio is not None)

    @property
    def met(self) -> int:
        return sum(1 for t in self.targets if t.met)


@dataclass
class ListSummary:
    title: str
    sections: list[SectionSummary]

    @property
    def tasks(self) -> int:
        return sum(s.tasks for s in self.sections)


_YEAR_RE = re.compile(r"^\d{4}\s*年度?")


def list_label(title: str) -> str:
    """A list's name as a group heading: "2024年区政府重点民生实事任务分解" → "区政府重点民生实事"."""
    name = _YEAR_RE.sub("", "".join(title.split()))
    for suffix in ("目标任务分解", "重点工作任务分解", "任务分解", "分解"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name.removesuffix(suffix)
    return name or title


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

    @property
    def lists(self) -> list[ListSummary]:
        """Sections grouped by their list, in the notice's order."""
        grouped: dict[str, ListSummary] = {}
        for section in self.sections:
            grouped.setdefault(
                section.list_title, ListSummary(section.list_title, [])
            ).sections.append(section)
        return list(grouped.values())

    @property
    def measured(self) -> int:
        return sum(s.measured for s in self.sections)

    @property
    def met(self) -> int:
        return sum(s.met for s in self.sections)


def default_as_of(data: Dataset) -> date:
    """The last monthly due date (the December report), else the year's last day."""
    if data.periods:
        return data.periods[-1].due_date
    return date(data.start.year, 12, 31)


def _worded(section: SectionSummary) -> list[str]:
    """The clauses of the targets that have a figure to state (qualitative ones have none)."""
    return [
        t.wording
        for t in section.targets
        if t.actual is not None and t.target.kind != "qualitative"
    ]


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
        clauses = _worded(section)
        body = "；".join(clauses) + "。" if clauses else ""
        paragraphs.append(
            f"（{_cn(position)}）{section.title}。{body}"
            f"本领域{section.tasks}项任务已完成{section.done}项。"
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


def _range_tops(document: SourceDocument) -> dict[int, Decimal]:
    """The upper ends of the document's range targets (one query)."""
    rows = Target.objects.filter(task__task_list__document=document, value_max__isnull=False)
    return {pk: top for pk, top in rows.values_list("pk", "value_max") if top is not None}


def year_end(*, data: Dataset, as_of: date | None = None) -> YearEnd:
    as_of = as_of or default_as_of(data)
    sections: dict[tuple[str, str], SectionSummary] = {}
    results: list[TargetResult] = []
    unfinished: list[TaskInfo] = []
    tops = _range_tops(data.document)
    done = 0
    for row in data.evaluate(as_of):
        task = row.task
        summary = sections.setdefault(
            (task.list_title, task.section),
            SectionSummary(section=task.section, list_title=task.list_title),
        )
        summary.tasks += 1
        finished = row.status.schedule == ScheduleStatus.DONE
        if finished:
            summary.done += 1
            done += 1
        else:
            unfinished.append(task)
        outcome = TaskOutcome(task=task, done=finished, targets=[])
        summary.rows.append(outcome)
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
                goal_max=tops.get(target.id),
            )
            results.append(result)
            summary.targets.append(result)
            outcome.targets.append(result)
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


def carried_to(task_ids: list[int]) -> dict[int, str]:
    """task id → the title of the document its 结转 successor is in (tasks carried over)."""
    links = CarriedTask.objects.filter(origin_id__in=task_ids).values_list(
        "origin_id", "successor__task_list__document__title"
    )
    return dict(links)


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
