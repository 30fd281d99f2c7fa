"""A preview row decoded for the confirm: the parser's typed task, its record, its figures.

Rows are read only through :func:`duban.plans.parsing.decode_row` (the parser schema's
``from_dict``); targets and milestones become model rows from the typed values, so no key
of the stored dict is looked up here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from duban.core.exceptions import ApplicationError
from duban.plans import parsing
from duban.plans.models import Milestone, Target, Task
from duban.plans.records import TaskRecord


@dataclass(frozen=True)
class Row:
    """One preview row decoded: the parser's typed task and the record the task keeps."""

    parsed: parsing.ParsedTask
    record: TaskRecord


def decode(data: Any, *, number: int | None) -> Row:
    """The row's task and record; a row of another schema refuses the confirm (Chinese)."""
    try:
        parsed = parsing.decode_row(data)
    except parsing.RowFormatError as err:
        raise ApplicationError(f"第{number}项：{err.message}") from err
    return Row(parsed, parsing.record_of(parsed))


def target_of(task: Task, position: int, t: parsing.ParsedTarget) -> Target:
    return Target(
        task=task,
        position=position,
        metric=t.metric[:200],
        value=t.value,
        value_max=t.value_max,
        unit=t.unit[:20],
        normalized_value=t.normalized_value,
        normalized_value_max=t.normalized_value_max,
        normalized_unit=t.normalized_unit[:20],
        comparator=str(t.comparator) if t.comparator is not None else "",
        kind=str(t.kind),
        phrase=(t.phrase or "")[:100],
        raw_text=t.raw[:500],
    )


def milestone_of(task: Task, position: int, m: parsing.ParsedMilestone) -> Milestone:
    return Milestone(
        task=task,
        position=position,
        due_date=m.due,
        precision=str(m.precision) if m.precision is not None else "",
        ongoing=m.ongoing,
        raw_phrase=m.raw[:100],
        text=m.text[:500],
    )
