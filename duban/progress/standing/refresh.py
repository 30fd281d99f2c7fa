"""Writes the read model: a task's spans after its facts changed, or a whole document's.

Every service that changes a fact the state depends on (reports and their review, 办结,
调整/延期, periods, units, import, withdrawal) calls ``refresh_tasks`` or
``rebuild_document`` inside its own transaction, so the spans and the facts commit together
— or not at all. Nothing here runs during a GET.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Q
from tqdm import tqdm

from duban.plans.models import SourceDocument, Task
from duban.progress.standing.leaders import leader_keys
from duban.progress.standing.loading import (
    Batch,
    document_start,
    document_window,
    monthly_periods,
    reporting_units,
    top_sections,
)
from duban.progress.standing.models import LightTally, TaskStanding
from duban.progress.sweep import spans
from duban.progress.timeline import Span, State, clip_to_months

BATCH = 2000
ON_TRACK = frozenset({"done", "ahead", "on_track"})
TallyKey = tuple[date, str, bool]
# A span row in ``TaskStanding``'s column order (``_write`` copies tuples, not model instances).
FIELDS = (
    "task", "document", "bucket", "valid_from", "valid_to", "colour", "schedule", "reported",
    "evidence", "missed", "completion", "deadline", "closed_on", "targets_measured",
    "targets_met", "reports_submitted", "reports_returned", "latest_report", "section",
    "reporting_unit", "list_position", "number", "leaders",
)  # fmt: skip
Row = tuple[Any, ...]
LiveTask = tuple[int, int | None, int, int]  # pk, section, list position, number


def _live_tasks(document: SourceDocument, where: Q) -> list[LiveTask]:
    rows = Task.objects.filter(where, task_list__document=document, is_withdrawn=False)
    return list(
        rows.order_by("pk").values_list("pk", "section_id", "task_list__position", "number")
    )


def _standings(
    document: SourceDocument, tasks: list[LiveTask], where: dict[str, Any]
) -> tuple[list[Row], dict[int, list[Span]]]:
    """New span rows for ``tasks`` (and the unclipped spans, for the tallies)."""
    periods = monthly_periods(document)
    window = document_window(document)
    tops = top_sections(document)
    in_document = Q(**where) & Q(task__task_list__document=document)
    reporters = reporting_units(in_document)
    leaders = leader_keys(in_document)
    histories = Batch(document, where).histories((t[0] for t in tasks), periods)
    rows: list[Row] = []
    lines: dict[int, list[Span]] = {}
    for pk, section_id, list_position, number in tasks:
        line = spans(histories[pk])
        lines[pk] = line
        section = tops.get(section_id) if section_id else None
        unit = reporters.get(pk)
        order = (list_position, number, leaders.get(pk, ""))
        for bucket, span in clip_to_months(line, window):
            s = span.state
            rows.append(
                (pk, document.pk, bucket, span.start, span.end, s.colour, s.schedule,
                 s.reported, s.evidence, s.missed, s.completion, s.deadline, s.closed_on,
                 s.measured, s.met, s.submitted, s.returned, s.latest_report_id, section, unit,
                 *order)
            )  # fmt: skip
    return rows, lines


def _write(rows: list[Row]) -> None:
    """Insert span rows: PostgreSQL's ``COPY`` (millions of rows at 100k tasks), else
    ``bulk_create``. Both inside the caller's transaction."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        TaskStanding.objects.bulk_create(
            (TaskStanding(**{f.attname: v for f, v in zip(_fields(), row, strict=True)})
             for row in rows),
            batch_size=1000,
        )  # fmt: skip
        return
    columns = ", ".join(f'"{f.column}"' for f in _fields())
    sql = f'COPY "{TaskStanding._meta.db_table}" ({columns}) FROM STDIN'
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for offset in range(0, len(rows), 10000):
            copy.write("".join(_copy_line(row) for row in rows[offset : offset + 10000]))


def _copy_line(row: Row) -> str:
    """One row in COPY's text format. The values are ids, dates, counts, floats, the status
    words of the engine and the leader links (JSON: names may hold a backslash), so only
    strings are escaped."""
    return "\t".join(_copy_value(v) for v in row) + "\n"


def _copy_value(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    return str(value)


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _fields() -> list[Any]:
    return [TaskStanding._meta.get_field(name) for name in FIELDS]


def _tally(lines: Iterable[list[Span]], days: list[date]) -> Counter[TallyKey]:
    """Each line's state on each trend day, counted: one walk along the line (days sorted)."""
    counts: Counter[TallyKey] = Counter()
    for line in lines:
        i, last = 0, len(line) - 1
        for day in days:
            while i < last and line[i].end <= day:
                i += 1
            span = line[i] if line else None
            if span is not None and span.start <= day < span.end:
                state = span.state
                counts[(day, state.colour, state.schedule in ON_TRACK)] += 1
    return counts


def _stored_lines(task_ids: list[int]) -> dict[int, list[Span]]:
    """The spans now stored for these tasks, as ``Span``s (only what the tallies need)."""
    lines: dict[int, list[Span]] = defaultdict(list)
    rows = TaskStanding.objects.filter(task_id__in=task_ids).order_by("task_id", "valid_from")
    for task_id, start, end, colour, schedule in rows.values_list(
        "task_id", "valid_from", "valid_to", "colour", "schedule"
    ):
        state = State(colour, schedule, "", "", 0, None, None, None)
        lines[task_id].append(Span(start, end, state))
    return lines


def _apply_tally(document_id: int, delta: Counter[TallyKey]) -> None:
    for (day, colour, on_track), change in sorted(delta.items()):
        if change == 0:
            continue
        tally, _ = LightTally.objects.select_for_update().get_or_create(
            document_id=document_id, day=day, colour=colour, on_track=on_track
        )
        LightTally.objects.filter(pk=tally.pk).update(count=F("count") + change)


def _trend_days(document: SourceDocument) -> list[date]:
    return sorted({due for _, due in monthly_periods(document)})


@transaction.atomic
def refresh_tasks(task_ids: Iterable[int]) -> None:
    """Rewrite the spans of these tasks (any documents), and move the trend tallies by the
    difference. A document never built before is built whole."""
    by_document: dict[int, list[int]] = defaultdict(list)
    for pk, document_id in Task.objects.filter(pk__in=list(task_ids)).values_list(
        "pk", "task_list__document_id"
    ):
        by_document[document_id].append(pk)
    for document_id, ids in by_document.items():
        document = SourceDocument.objects.get(pk=document_id)
        if not LightTally.objects.filter(document=document).exists():
            rebuild_document(document.pk)
            continue
        days = _trend_days(document)
        before = _tally(_stored_lines(ids).values(), days)
        TaskStanding.objects.filter(task_id__in=ids).delete()
        rows: list[Row] = []
        lines: dict[int, list[Span]] = {}
        if document.withdrawn_at is None:
            live = _live_tasks(document, Q(pk__in=ids))
            rows, lines = _standings(document, live, {"task_id__in": ids})
        _write(rows)
        delta = _tally(lines.values(), days)
        delta.subtract(before)
        _apply_tally(document.pk, delta)


def refresh_task(task: Task) -> None:
    refresh_tasks([task.pk])


def _day_order(row: Row) -> tuple[Any, ...]:
    """Rows as a day reads them (bucket, end, task): written so, a day's spans of a batch
    share a few pages. Written task by task, the 100,000 spans of one day lay on 70,000
    pages, and the 台账, 通报, ranking and dashboard each read them all from disk."""
    return (row[2], row[4], row[0])


@transaction.atomic
def rebuild_document(document_id: int, *, progress: bool = False) -> int:
    """All spans and tallies of one document, from its facts; returns the number of spans."""
    document = SourceDocument.objects.get(pk=document_id)
    TaskStanding.objects.filter(document=document).delete()
    LightTally.objects.filter(document=document).delete()
    if document.withdrawn_at is not None:
        return 0
    days = _trend_days(document)
    tasks = _live_tasks(document, Q())
    counts: Counter[TallyKey] = Counter()
    written = 0
    chunks = range(0, len(tasks), BATCH)
    for offset in tqdm(chunks, desc=document.title[:20], disable=not progress, unit="批"):
        part = tasks[offset : offset + BATCH]
        where = {"task_id__gte": part[0][0], "task_id__lte": part[-1][0]}
        rows, lines = _standings(document, part, where)
        rows.sort(key=_day_order)
        _write(rows)
        counts.update(_tally(lines.values(), days))
        written += len(rows)
    tallies = [
        LightTally(document=document, day=d, colour=c, on_track=o, count=n)
        for (d, c, o), n in sorted(counts.items())
    ]
    # A document without periods still gets one (empty) row: it says "built" to refresh_tasks.
    built = LightTally(document=document, day=document_start(document), colour="", on_track=False)
    LightTally.objects.bulk_create(tallies or [built])
    return written


def rebuild_all(*, progress: bool = False) -> int:
    """Every live document (the ``duban standing`` command and the migration)."""
    total = 0
    for pk in SourceDocument.objects.order_by("pk").values_list("pk", flat=True):
        total += rebuild_document(pk, progress=progress)
    return total


def build_missing(*, using: str = "default") -> int:
    """Build every document that has no tallies yet (documents imported before the model)."""
    built = LightTally.objects.using(using).values("document_id")
    missing = SourceDocument.objects.using(using).exclude(pk__in=built).order_by("pk")
    return sum(rebuild_document(pk) for pk in missing.values_list("pk", flat=True))
