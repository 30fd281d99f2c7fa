"""Every read of task state on a day: one task, rows page by page, and counts in the database.

``on_day`` is the one query shape: the spans of a document that contain the day, in that day's
month bucket (an index range), optionally narrowed to a task queryset (visibility, one unit,
one leader). Counts are ``GROUP BY`` in the database; the number of queries of each function is
fixed, whatever the number of tasks.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from duban.orgs.models import OrgUnit, Post
from duban.plans.models import Section, SourceDocument, Task
from duban.progress.models import PeriodKind, ProgressReport, ReportingPeriod, ReportStep
from duban.progress.standing import leaders
from duban.progress.standing.loading import (
    Batch,
    document_start,
    document_window,
    monthly_periods,
)
from duban.progress.standing.models import LightTally, TaskStanding
from duban.progress.status import (
    Colour,
    EvidenceStatus,
    ReportedStatus,
    ScheduleStatus,
    TaskStatus,
    elapsed_share,
)
from duban.progress.timeline import SUBMITTED, TaskHistory, bucket_of, status_on

ON_TRACK = (ScheduleStatus.DONE, ScheduleStatus.AHEAD, ScheduleStatus.ON_TRACK)
NO_SECTION = "（未分章节）"
CountKey = tuple[str, str]  # (colour, schedule)


def on_day(
    document: SourceDocument, day: date, tasks: QuerySet[Task] | None = None
) -> QuerySet[TaskStanding]:
    """The spans of ``document`` in force on ``day`` (one per live task)."""
    qs = TaskStanding.objects.filter(
        document=document,
        bucket=bucket_of(day, document_window(document)),
        valid_from__lte=day,
        valid_to__gt=day,
    )
    if tasks is not None:
        qs = qs.filter(task_id__in=tasks.values("pk"))
    return qs.order_by()


def status_of(row: TaskStanding, *, start: date, day: date) -> TaskStatus:
    """A stored span as the engine's ``TaskStatus`` (序时进度 from the dates, as the engine)."""
    return TaskStatus(
        reported=ReportedStatus(row.reported),
        evidence=EvidenceStatus(row.evidence),
        schedule=ScheduleStatus(row.schedule),
        colour=Colour(row.colour),
        elapsed=elapsed_share(start, row.deadline, day),
        completion=row.completion,
    )


@dataclass(frozen=True, slots=True)
class Standing:
    """One task's state on a day, as every page shows it."""

    task_id: int
    status: TaskStatus
    missed: int
    deadline: date | None
    latest_report_id: int | None
    reporting_unit_id: int | None


def _standing(row: TaskStanding, start: date, day: date) -> Standing:
    return Standing(
        task_id=row.task_id,
        status=status_of(row, start=start, day=day),
        missed=row.missed,
        deadline=row.deadline,
        latest_report_id=row.latest_report_id,
        reporting_unit_id=row.reporting_unit_id,
    )


Kinds = tuple[ReportedStatus, EvidenceStatus, ScheduleStatus, Colour]
_STANDING_FIELDS = ("task_id", "reported", "evidence", "schedule", "colour", "deadline",
                    "completion", "missed", "latest_report_id", "reporting_unit_id")  # fmt: skip


def standings(
    document: SourceDocument, day: date, tasks: QuerySet[Task] | None = None
) -> dict[int, Standing]:
    """task id → state on ``day``, for a page of tasks or a whole export (one query).

    Read as plain rows, not model instances (an export reads 100,000 of them); the result is
    the same ``status_of`` makes of a span: the enums looked up once per value, 序时进度 once
    per deadline.
    """
    start = document_start(document)
    rows = on_day(document, day, tasks).values_list(*_STANDING_FIELDS)
    enums: dict[tuple[str, str, str, str], Kinds] = {}
    elapsed: dict[date | None, float] = {}
    found = {}
    for row in rows:
        task_id, reported, evidence, schedule, colour, deadline, completion = row[:7]
        key = (reported, evidence, schedule, colour)
        kinds = enums.get(key)
        if kinds is None:
            kinds = enums[key] = (ReportedStatus(reported), EvidenceStatus(evidence),
                                  ScheduleStatus(schedule), Colour(colour))  # fmt: skip
        share = elapsed.get(deadline)
        if share is None:
            share = elapsed[deadline] = elapsed_share(start, deadline, day)
        status = TaskStatus(*kinds, share, completion)
        missed, latest_report_id, reporting_unit_id = row[7:]
        found[task_id] = Standing(
            task_id, status, missed, deadline, latest_report_id, reporting_unit_id
        )
    return found


def standings_of_tasks(task_ids: list[int], day: date) -> dict[int, Standing]:
    """task id → state on ``day`` for tasks of any documents (one query, by the task index).

    Why: the 上下级 pages show the lights of tasks of several governments' documents at once;
    a task's spans never overlap, so the span containing ``day`` is one row per task.
    """
    rows = TaskStanding.objects.filter(
        task_id__in=task_ids, valid_from__lte=day, valid_to__gt=day
    ).select_related("document")
    return {row.task_id: _standing(row, document_start(row.document), day) for row in rows}


def task_standing(task: Task, day: date) -> Standing | None:
    """The task page's state: the same span every list and count reads (one query)."""
    document = task.task_list.document
    row = on_day(document, day).filter(task_id=task.pk).first()
    return _standing(row, document_start(document), day) if row is not None else None


# --- counts --------------------------------------------------------------------------------


@dataclass
class Tally:
    """Counts of one group: by light and by schedule status."""

    label: str
    colours: Counter[str]
    schedule: Counter[str]

    @property
    def total(self) -> int:
        return sum(self.colours.values())

    @property
    def on_track(self) -> int:
        return sum(self.schedule[s] for s in ON_TRACK)


def _tally(label: str, rows: list[tuple[str, str, int]]) -> Tally:
    colours: Counter[str] = Counter()
    schedule: Counter[str] = Counter()
    for colour, status, n in rows:
        colours[colour] += n
        schedule[status] += n
    return Tally(label=label, colours=colours, schedule=schedule)


def totals(spans: QuerySet[TaskStanding]) -> Tally:
    rows = spans.values_list("colour", "schedule").annotate(n=Count("*"))
    return _tally("", list(rows))


def by_section(document: SourceDocument, spans: QuerySet[TaskStanding]) -> list[Tally]:
    """Counts per top-level section, in the notice's order."""
    grouped: dict[int | None, list[tuple[str, str, int]]] = {}
    for section, colour, status, n in spans.values_list("section", "colour", "schedule").annotate(
        n=Count("*")
    ):
        grouped.setdefault(section, []).append((colour, status, n))
    return _in_section_order(grouped)


def _in_section_order(grouped: dict[int | None, list[tuple[str, str, int]]]) -> list[Tally]:
    sections = Section.objects.filter(pk__in=[s for s in grouped if s is not None]).order_by(
        "task_list__position", "position", "pk"
    )
    order: list[tuple[int | None, str]] = [(s.pk, s.title) for s in sections]
    if None in grouped:
        order.append((None, NO_SECTION))
    return [_tally(title, grouped[pk]) for pk, title in order]


@dataclass(frozen=True)
class Counts:
    """A day's totals, per section and per reporting unit: what the 督查看板 counts."""

    totals: Tally
    by_section: list[Tally]
    by_unit: list[Tally]


def counts(spans: QuerySet[TaskStanding]) -> Counts:
    """``totals``, ``by_section`` and ``by_unit`` from one ``GROUP BY`` (one scan of the day).

    Why: at 100,000 tasks each scan of a day's spans is the page's cost; the three counts are
    sums over the same (section, unit, light, status) groups, so they are added up here from
    one query (plus one for section titles and one for unit names) instead of three scans.
    """
    # COUNT(*), not COUNT(id): every column read is in the day indexes (no heap reads)
    rows = list(
        spans.values_list("section", "reporting_unit", "colour", "schedule").annotate(n=Count("*"))
    )
    names = dict(
        OrgUnit.objects.filter(pk__in={u for _, u, _, _, _ in rows if u is not None}).values_list(
            "pk", "name"
        )
    )
    by_section: dict[int | None, list[tuple[str, str, int]]] = {}
    by_unit: dict[str, list[tuple[str, str, int]]] = {}
    for section, unit, colour, status, n in rows:
        by_section.setdefault(section, []).append((colour, status, n))
        if unit is not None and unit in names:
            by_unit.setdefault(names[unit], []).append((colour, status, n))
    everything = [(colour, status, n) for _, _, colour, status, n in rows]
    return Counts(
        totals=_tally("", everything),
        by_section=_in_section_order(by_section),
        by_unit=_ranked(by_unit),
    )


def _ranked(groups: dict[str, list[tuple[str, str, int]]]) -> list[Tally]:
    tallies = [_tally(label, rows) for label, rows in groups.items()]
    return sorted(tallies, key=lambda t: (-t.colours[Colour.RED], -t.total, t.label))


def by_unit(spans: QuerySet[TaskStanding]) -> list[Tally]:
    """Counts per reporting unit, most red first."""
    groups: dict[str, list[tuple[str, str, int]]] = {}
    rows = spans.filter(reporting_unit__isnull=False).values_list(
        "reporting_unit__name", "colour", "schedule"
    )
    for name, colour, status, n in rows.annotate(n=Count("*")):
        groups.setdefault(name, []).append((colour, status, n))
    return _ranked(groups)


def by_leader(spans: QuerySet[TaskStanding]) -> list[Tally]:
    """Counts per 责任领导 (a task counts once for each of its leaders), most red first.

    The day's spans grouped by their copied leader links (``standing.leaders``): no join to
    the tasks; each post is named by its holder now, else by the notice's name (two queries).
    """
    rows = list(spans.values_list("leaders", "colour", "schedule").annotate(n=Count("*")))
    links = {key: leaders.decode(key) for key in {key for key, _, _, _ in rows}}
    posts = {post for found in links.values() for post, _ in found}
    holders = dict(
        Post.objects.filter(pk__in=posts, holder__isnull=False).values_list("pk", "holder__name")
    )
    groups: dict[str, list[tuple[str, str, int]]] = {}
    for key, colour, status, n in rows:
        for post, raw in links[key]:
            name = holders.get(post) or raw
            if name:
                groups.setdefault(name, []).append((colour, status, n))
    return _ranked(groups)


# --- trend and lateness --------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    label: str
    as_of: date
    colours: Counter[str]
    on_track: int
    total: int


def monthly_due(document: SourceDocument, day: date) -> list[ReportingPeriod]:
    periods = ReportingPeriod.objects.filter(
        document=document, kind=PeriodKind.MONTHLY, due_date__lte=day
    )
    return list(periods.order_by("due_date", "pk"))


def trend(
    document: SourceDocument, day: date, tasks: QuerySet[Task] | None = None
) -> list[TrendPoint]:
    """Lights on each period's due date up to ``day``: the document's tallies (two queries)
    for the whole document, else the spans of the chosen tasks on each date."""
    periods = monthly_due(document, day)
    if tasks is None:
        counts: dict[date, Counter[tuple[str, bool]]] = {}
        rows = LightTally.objects.filter(document=document, day__lte=day).exclude(colour="")
        for on, colour, on_track, n in rows.values_list("day", "colour", "on_track", "count"):
            counts.setdefault(on, Counter())[(colour, on_track)] += n
        return [_point(p, counts.get(p.due_date, Counter())) for p in periods]
    points = []
    for period in periods:
        spans = on_day(document, period.due_date, tasks)
        grouped: Counter[tuple[str, bool]] = Counter()
        for colour, status, n in spans.values_list("colour", "schedule").annotate(n=Count("*")):
            grouped[(colour, status in ON_TRACK)] += n
        points.append(_point(period, grouped))
    return points


def _point(period: ReportingPeriod, grouped: Counter[tuple[str, bool]]) -> TrendPoint:
    colours: Counter[str] = Counter()
    for (colour, _), n in grouped.items():
        colours[colour] += n
    return TrendPoint(
        label=period.label,
        as_of=period.due_date,
        colours=colours,
        on_track=sum(n for (_, met), n in grouped.items() if met),
        total=sum(grouped.values()),
    )


def unreported(
    document: SourceDocument,
    period: ReportingPeriod,
    day: date,
    tasks: QuerySet[Task] | None = None,
) -> QuerySet[TaskStanding]:
    """Tasks (their spans on ``day``) with a reporting unit, not 销号, and no report for
    ``period`` submitted by ``day``: the late list, the reminders and the 通报's 未按时报送.

    "Submitted" reads the report's steps, or its own ``submitted_at`` when it has none — the
    same reading as ``loading._steps``. As the services write them, ``submitted_at`` is the
    moment of the report's latest 报送 step, so a report with ``submitted_at`` by ``day`` was
    报送 by then whether or not it has steps; only the others need a look at their steps
    (an index probe each), instead of a scan of every step of every period. "By ``day``" is
    "before the next local midnight", the same as ``__date__lte`` but comparable in an index.
    """
    before = end_of(day)
    first = ReportStep.objects.filter(report=OuterRef("pk"), state=SUBMITTED, at__lt=before)
    submitted = ProgressReport.objects.filter(period=period).filter(
        Q(submitted_at__lt=before) | Exists(first)
    )
    spans = on_day(document, day, tasks).exclude(schedule=ScheduleStatus.DONE)
    return spans.filter(reporting_unit__isnull=False).exclude(
        task_id__in=submitted.values("task_id")
    )


def end_of(day: date) -> datetime:
    """The first moment after local ``day`` (``at < end_of(day)`` is ``at__date <= day``)."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def late_by_unit(
    document: SourceDocument, period: ReportingPeriod, tasks: QuerySet[Task] | None = None
) -> dict[int, int]:
    """未按时报送: reporting unit id → its tasks not reported for ``period`` by its due date."""
    late = unreported(document, period, period.due_date, tasks)
    return dict(late.values_list("reporting_unit").annotate(n=Count("*")))


def in_notice_order(spans: QuerySet[TaskStanding]) -> QuerySet[TaskStanding]:
    """Spans in the notice's order (list, number): what a page of rows shows."""
    return spans.order_by("list_position", "number", "task_id")


# --- one task --------------------------------------------------------------------------------


def task_line(task: Task) -> list[TaskStanding]:
    """All stored spans of one task, in order (its timeline reads states on many days)."""
    return list(TaskStanding.objects.filter(task=task).order_by("valid_from"))


def standing_in(line: list[TaskStanding], task: Task, day: date) -> Standing | None:
    document = task.task_list.document
    row = next((r for r in line if r.valid_from <= day < r.valid_to), None)
    return _standing(row, document_start(document), day) if row is not None else None


def task_history(task: Task) -> TaskHistory:
    """The facts of one task as a history (a handful of queries)."""
    document = task.task_list.document
    batch = Batch(document, {"task_id": task.pk})
    return batch.histories([task.pk], monthly_periods(document))[task.pk]


def live_status(task: Task, day: date) -> TaskStatus:
    """The engine on the task's facts, not the stored spans: for a withdrawn task (which has
    no spans) and as the reference the agreement test checks the spans against."""
    return status_on(task_history(task), day)


# --- outcomes by unit (the ranking) ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitOutcome:
    """One reporting unit's outcome counts on a day (the ranking turns them into shares)."""

    unit_id: int
    unit_name: str
    tasks: int
    due: int  # 销号 by then, or past their deadline
    on_time: int  # 销号 by their deadline
    measured: int  # targets with a figure to compare
    met: int
    schedule_met: int  # 达到序时进度
    submitted: int = 0  # reports submitted by then
    returned: int = 0  # of which returned at least once by then


def unit_outcomes(
    document: SourceDocument, day: date, tasks: QuerySet[Task] | None = None
) -> list[UnitOutcome]:
    """Outcome counts per reporting unit, counted in the database (one query)."""
    spans = on_day(document, day, tasks).filter(reporting_unit__isnull=False)
    done = Q(schedule=ScheduleStatus.DONE)
    rows = spans.values_list("reporting_unit", "reporting_unit__name").annotate(
        tasks=Count("id"),
        due=Count("id", filter=done | Q(deadline__lte=day)),
        on_time=Count(
            "id", filter=done & (Q(deadline__isnull=True) | Q(closed_on__lte=F("deadline")))
        ),
        measured=Sum("targets_measured"),
        met=Sum("targets_met"),
        schedule_met=Count("id", filter=Q(schedule__in=ON_TRACK)),
        submitted=Sum("reports_submitted"),
        returned=Sum("reports_returned"),
    )
    return [UnitOutcome(*row) for row in rows]
