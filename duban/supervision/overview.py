"""The 总览: every document of the government on one day, one line each and their sum.

Why: the office reports upward on the whole year's work, not one notice at a time — the work
report's decomposition, the 民生实事 list, a leader's 批示 list. The figures are the read
model's spans on the day (the same rows the dashboard counts), grouped in one query over all
documents, so the line of a document equals that document's dashboard headline.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import or_

from django.db.models import Count, Q, QuerySet

from duban.plans.models import SourceDocument, Task
from duban.progress.standing.loading import document_window
from duban.progress.standing.models import TaskStanding
from duban.progress.standing.queries import ON_TRACK
from duban.progress.status import Colour, ScheduleStatus
from duban.progress.timeline import bucket_of

LIGHTS = (Colour.BLUE, Colour.GREEN, Colour.YELLOW, Colour.RED)


@dataclass(frozen=True)
class Line:
    """One document's counts on the day (``document`` is ``None`` for the sum)."""

    document: SourceDocument | None
    colours: Counter[str]
    schedule: Counter[str]

    @property
    def total(self) -> int:
        return sum(self.colours.values())

    @property
    def done(self) -> int:
        return self.schedule[ScheduleStatus.DONE]

    @property
    def on_track(self) -> int:
        return sum(self.schedule[s] for s in ON_TRACK)

    @property
    def lights(self) -> list[tuple[str, int]]:
        return [(str(c), self.colours[c]) for c in LIGHTS]


@dataclass(frozen=True)
class Overview:
    as_of: date
    lines: list[Line]
    total: Line


def overview(
    *, documents: list[SourceDocument], as_of: date, tasks: QuerySet[Task] | None = None
) -> Overview:
    """Counts by document on ``as_of`` in one ``GROUP BY`` (``tasks`` narrows to what the user
    may see; ``None`` counts every task)."""
    lines = {d.pk: Line(d, Counter(), Counter()) for d in documents}
    if documents:
        in_force = reduce(
            or_,
            (Q(document=d, bucket=bucket_of(as_of, document_window(d))) for d in documents),
        )
        spans = TaskStanding.objects.filter(in_force, valid_from__lte=as_of, valid_to__gt=as_of)
        if tasks is not None:
            spans = spans.filter(task_id__in=tasks.values("pk"))
        rows = (
            spans.order_by().values_list("document", "colour", "schedule").annotate(n=Count("id"))
        )
        for document_id, colour, schedule, n in rows:
            lines[document_id].colours[colour] += n
            lines[document_id].schedule[schedule] += n
    total = Line(None, Counter(), Counter())
    for line in lines.values():
        total.colours.update(line.colours)
        total.schedule.update(line.schedule)
    return Overview(as_of=as_of, lines=list(lines.values()), total=total)
