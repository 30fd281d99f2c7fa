"""Reads of 上下级关联: the facts the proposals score, the links of a document pair, and the
upper document's tasks with their lower tasks' figures and lights as of a day.

Every page reads a fixed number of queries whatever the number of links: the links of a page
of upper tasks in one query, the lights of all their lower tasks in one (the read model,
``standing.standings_of_tasks``), the lower targets' latest reported figures in one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from duban.levels.governments import government_name, government_units
from duban.levels.models import LevelLink, LinkStatus
from duban.levels.proposals import TargetFacts, TaskFacts
from duban.plans.models import SourceDocument, Target, Task, TaskCollective, TaskUnit
from duban.progress.models import ReportActual
from duban.progress.standing.queries import Standing, standings_of_tasks

# How a notice hands a task to the lower governments: 各县（市、区）, 各区县（市）, 各县区…
ASSIGNED_COLLECTIVE = Q(raw_name__contains="各县") | Q(raw_name__contains="各区县")
ASSIGNED_COLLECTIVE |= Q(raw_name__contains="县（市、区）") | Q(raw_name__contains="县(市、区)")


def document_get(pk: int, scope: Q | None = None) -> SourceDocument:
    """A live document in ``scope`` (``permissions.document_scope``: the office's own
    government's); 404 otherwise."""
    qs = SourceDocument.objects.filter(withdrawn_at__isnull=True)
    if scope is not None:
        qs = qs.filter(scope)
    return get_object_or_404(qs, pk=pk)


def own_links(scope: Q | None) -> QuerySet[LevelLink]:
    """The links an office decides: those whose lower document is in ``scope`` (the
    district links its own tasks to the city's)."""
    if scope is None:
        return LevelLink.objects.all()
    return LevelLink.objects.filter(lower_document__in=SourceDocument.objects.filter(scope))


def live_tasks(document: SourceDocument) -> QuerySet[Task]:
    return Task.objects.filter(task_list__document=document, is_withdrawn=False).order_by(
        "task_list__position", "number", "pk"
    )


def task_facts(
    document: SourceDocument, *, assigned_to: SourceDocument | None = None
) -> list[TaskFacts]:
    """The live tasks of ``document`` with their targets, as the proposals read them (three
    queries). With ``assigned_to``, whether each task is handed to that document's
    government: a collective such as 各县（市、区）, or the government's own unit."""
    tasks = list(live_tasks(document).prefetch_related(Prefetch("targets")))
    assigned: set[int] = set()
    if assigned_to is not None:
        ids = [t.pk for t in tasks]
        assigned |= set(
            TaskCollective.objects.filter(ASSIGNED_COLLECTIVE, task_id__in=ids).values_list(
                "task_id", flat=True
            )
        )
        units = government_units(assigned_to)
        assigned |= set(
            TaskUnit.objects.filter(task_id__in=ids, unit__in=units).values_list(
                "task_id", flat=True
            )
        )
    return [
        TaskFacts(
            id=t.pk,
            text=t.text,
            targets=tuple(_target_facts(target) for target in t.targets.all()),
            assigned=t.pk in assigned,
        )
        for t in tasks
    ]


def _target_facts(target: Target) -> TargetFacts:
    return TargetFacts(
        id=target.pk,
        metric=target.metric,
        kind=target.kind,
        unit=target.normalized_unit,
        has_value=target.normalized_value is not None,
        text=target.raw_text,
    )


def existing_links(upper: SourceDocument, lower: SourceDocument) -> QuerySet[LevelLink]:
    return LevelLink.objects.filter(upper_document=upper, lower_document=lower)


def pair_links(
    upper: SourceDocument, lower: SourceDocument, status: str = ""
) -> QuerySet[LevelLink]:
    """The links of a document pair for the 上下级关联 page, in the lower notice's order."""
    qs = existing_links(upper, lower).select_related(
        "upper_task", "lower_task", "upper_target", "lower_target", "decided_by"
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by(
        "lower_task__task_list__position", "lower_task__number", "lower_target__position", "pk"
    )


def pair_counts(upper: SourceDocument, lower: SourceDocument) -> dict[str, int]:
    counts = dict.fromkeys(LinkStatus.values, 0)
    rows = existing_links(upper, lower).order_by().values_list("status").annotate(n=Count("*"))
    counts.update(dict(rows))
    return counts


def linked_documents(document: SourceDocument) -> QuerySet[SourceDocument]:
    """The lower documents with a confirmed link to ``document`` (the city page's legend)."""
    ids = LevelLink.objects.filter(upper_document=document, status=LinkStatus.CONFIRMED).values(
        "lower_document"
    )
    return SourceDocument.objects.filter(pk__in=ids).order_by("title")


# --- the upper document's page -----------------------------------------------------------------


@dataclass
class LowerLine:
    """One confirmed link as the upper page shows it: the lower task, its target, its figure."""

    link: LevelLink
    standing: Standing | None
    actual: Decimal | None = None

    @property
    def government(self) -> str:
        return government_name(self.link.lower_task.task_list.document)


@dataclass
class UpperRow:
    task: Task
    standing: Standing | None
    lines: list[LowerLine] = field(default_factory=list)


def confirmed(links: QuerySet[LevelLink]) -> QuerySet[LevelLink]:
    return links.filter(status=LinkStatus.CONFIRMED).select_related(
        "lower_task__task_list__document__government", "lower_target", "upper_target"
    )


def upper_rows(tasks: list[Task], day: date) -> list[UpperRow]:
    """A page of upper tasks, each with its confirmed lower links, their lights and figures
    on ``day`` (four queries: links, lights of both levels, figures)."""
    links = list(
        confirmed(LevelLink.objects.filter(upper_task__in=tasks)).order_by(
            "lower_document__title", "lower_task__number", "pk"
        )
    )
    states = standings_of_tasks([t.pk for t in tasks] + [ln.lower_task_id for ln in links], day)
    actuals = latest_actuals(links, states)
    by_task: dict[int, list[LowerLine]] = {}
    for link in links:
        state = states.get(link.lower_task_id)
        figure = actuals.get((link.lower_task_id, link.lower_target_id or 0))
        by_task.setdefault(link.upper_task_id, []).append(LowerLine(link, state, figure))
    return [UpperRow(t, states.get(t.pk), by_task.get(t.pk, [])) for t in tasks]


def latest_actuals(
    links: list[LevelLink], states: dict[int, Standing]
) -> dict[tuple[int, int], Decimal | None]:
    """(lower task, lower target) → the figure of the task's latest report on the day, as the
    read model names that report (one query)."""
    reports = {
        states[ln.lower_task_id].latest_report_id: ln.lower_task_id
        for ln in links
        if ln.lower_target_id and ln.lower_task_id in states
    }
    reports.pop(None, None)
    targets = {ln.lower_target_id for ln in links if ln.lower_target_id}
    rows = ReportActual.objects.filter(report_id__in=list(reports), target_id__in=targets)
    return {
        (reports[report], target): value
        for report, target, value in rows.values_list("report_id", "target_id", "value")
    }


def task_upper_links(task: Task) -> list[LevelLink]:
    """The upper tasks ``task`` implements (confirmed), for its task page."""
    qs = LevelLink.objects.filter(lower_task=task, status=LinkStatus.CONFIRMED)
    return list(
        qs.select_related("upper_task__task_list__document", "upper_target", "lower_target")
    )


def task_lower_lines(task: Task, day: date) -> list[LowerLine]:
    """The lower tasks implementing ``task`` (confirmed), with their lights and figures."""
    links = list(
        confirmed(LevelLink.objects.filter(upper_task=task)).order_by(
            "lower_document__title", "lower_task__number", "pk"
        )
    )
    states = standings_of_tasks([ln.lower_task_id for ln in links], day)
    actuals = latest_actuals(links, states)
    return [
        LowerLine(
            ln,
            states.get(ln.lower_task_id),
            actuals.get((ln.lower_task_id, ln.lower_target_id or 0)),
        )
        for ln in links
    ]
