"""Permission-aware reads for progress: who reports what, pre-filled forms, statuses.

The reporting unit of a task is its first 牵头单位, or — for tasks that name none — its
first 责任单位 (the notice's order); every other assigned unit contributes its part.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from duban.accounts.permissions import task_scope
from duban.orgs.models import OrgUnit
from duban.plans.models import Milestone, SourceDocument, Target, Task, TaskUnit, UnitRole
from duban.progress.models import (
    CompletionRequest,
    Notification,
    PeriodKind,
    ProgressReport,
    ReportingPeriod,
    ReviewState,
    Revision,
    RevisionKind,
    TaskTracking,
    UnitPlan,
)
from duban.progress.status import MilestoneFact, TargetFact, TaskFacts, TaskStatus, evaluate


def user_unit_ids(user: Any) -> list[int]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(user.memberships.values_list("unit_id", flat=True))


def primary_unit(task: Task) -> OrgUnit | None:
    """The unit that writes the task's plan and reports (see the module docstring)."""
    links = TaskUnit.objects.filter(task=task).select_related("unit")
    for role in (UnitRole.LEAD, UnitRole.RESPONSIBLE):
        link = links.filter(role=role).order_by("position", "id").first()
        if link is not None:
            return link.unit
    return None


def primary_units(task_ids: list[int]) -> dict[int, int]:
    """task id → reporting unit id, for many tasks in one query."""
    rank = {str(UnitRole.LEAD): 0, str(UnitRole.RESPONSIBLE): 1}
    best: dict[int, tuple[tuple[int, int, int], int]] = {}
    rows = TaskUnit.objects.filter(
        task_id__in=task_ids, role__in=[UnitRole.LEAD, UnitRole.RESPONSIBLE]
    ).values_list("task_id", "unit_id", "role", "position", "id")
    for task_id, unit_id, role, position, pk in rows:
        key = (rank[role], position, pk)
        if task_id not in best or key < best[task_id][0]:
            best[task_id] = (key, unit_id)
    return {task_id: value[1] for task_id, value in best.items()}


def unit_role_on(task: Task, unit: OrgUnit) -> str:
    """``primary`` for the reporting unit, ``contributor`` for other assigned units, else ''."""
    primary = primary_unit(task)
    if primary is not None and primary.pk == unit.pk:
        return "primary"
    return "contributor" if TaskUnit.objects.filter(task=task, unit=unit).exists() else ""


def visible_tasks(user: Any) -> QuerySet[Task]:
    qs = Task.objects.filter(is_withdrawn=False)
    scope = task_scope(user)
    if scope is not None:
        qs = qs.filter(pk__in=Task.objects.filter(scope).values("pk"))
    return qs


def periods_of(document: SourceDocument) -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.filter(document=document).order_by("due_date", "kind")


def period_current(document: SourceDocument, *, as_of: date) -> ReportingPeriod | None:
    """The monthly period to report now: the next one due, else the last one."""
    monthly = periods_of(document).filter(kind=PeriodKind.MONTHLY)
    return monthly.filter(due_date__gte=as_of).first() or monthly.last()


def report_for(task: Task, period: ReportingPeriod) -> ProgressReport | None:
    return (
        ProgressReport.objects.filter(task=task, period=period)
        .prefetch_related("actuals", "evidence", "contributions__unit")
        .first()
    )


def report_previous(task: Task, period: ReportingPeriod) -> ProgressReport | None:
    """The latest earlier report of the same task: the source of the pre-filled form."""
    return (
        ProgressReport.objects.filter(
            task=task, period__due_date__lt=period.due_date, period__kind=period.kind
        )
        .order_by("-period__due_date")
        .prefetch_related("actuals")
        .first()
    )


@dataclass
class Prefill:
    """Initial values of a report form; ``source`` says where they came from."""

    values: dict[str, Any] = field(default_factory=dict)
    actuals: dict[int, Decimal | None] = field(default_factory=dict)
    source: str = ""


def report_prefill(task: Task, period: ReportingPeriod) -> Prefill:
    """The saved report itself, else the previous period's report (cumulative values carry)."""
    report = report_for(task, period)
    source = "本期已保存的内容"
    if report is None:
        report = report_previous(task, period)
        source = f"上期（{report.period.label}）报送的内容" if report else ""
    if report is None:
        return Prefill()
    values = {
        "progress": report.progress,
        "stage": report.stage_id,
        "stage_text": report.stage_text,
        "problems": report.problems,
        "next_steps": report.next_steps,
    }
    actuals = {a.target_id: a.value for a in report.actuals.all()}
    return Prefill(values=values, actuals=actuals, source=source)


def effective_deadline(task: Task) -> date | None:
    """The latest approved extension, else the last dated milestone (the baseline)."""
    extension = (
        Revision.objects.filter(task=task, kind=RevisionKind.EXTEND, state=ReviewState.APPROVED)
        .order_by("-decided_at")
        .first()
    )
    if extension is not None and extension.new_deadline:
        return extension.new_deadline
    last = Milestone.objects.filter(task=task, due_date__isnull=False).order_by("-due_date").first()
    return last.due_date if last is not None else None


def effective_goal(target: Target) -> Decimal | None:
    """An approved adjustment's value, else the imported baseline."""
    revision = (
        Revision.objects.filter(target=target, kind=RevisionKind.ADJUST, state=ReviewState.APPROVED)
        .order_by("-decided_at")
        .first()
    )
    if revision is not None and revision.new_value is not None:
        return revision.new_value
    return target.value


def _missed_periods(task: Task, as_of: date) -> int:
    due = list(
        ReportingPeriod.objects.filter(
            document_id=task.task_list.document_id, kind=PeriodKind.MONTHLY, due_date__lt=as_of
        ).order_by("-due_date")
    )
    done = set(
        ProgressReport.objects.filter(task=task, submitted_at__isnull=False).values_list(
            "period_id", flat=True
        )
    )
    missed = 0
    for period in due:
        if period.pk in done:
            break
        missed += 1
    return missed


def _start(task: Task) -> date:
    document = task.task_list.document
    if document.issued_on is not None:
        return document.issued_on
    return date(document.year or task.created_at.year, 1, 1)


def task_facts(task: Task, *, as_of: date) -> TaskFacts:
    tracking = TaskTracking.objects.filter(task=task).first()
    state = tracking.state if tracking else "assigned"
    latest = (
        ProgressReport.objects.filter(task=task, submitted_at__isnull=False)
        .order_by("-period__due_date")
        .prefetch_related("actuals")
        .first()
    )
    actuals = {a.target_id: a.value for a in latest.actuals.all()} if latest else {}
    reached_until = latest.stage.due_date if latest and latest.stage else None
    review = {"submitted": "pending", "returned": "returned", "approved": "approved"}
    return TaskFacts(
        start=_start(task),
        deadline=effective_deadline(task),
        closed=state == "closed",
        claimed_done=state == "completion_requested",
        has_report=latest is not None,
        missed_periods=_missed_periods(task, as_of),
        latest_review=review.get(latest.state, "") if latest else "",
        milestones=tuple(
            MilestoneFact(
                due=m.due_date,
                reached=bool(reached_until and m.due_date and m.due_date <= reached_until),
            )
            for m in task.milestones.all()
            if not m.ongoing
        ),
        targets=tuple(
            TargetFact(
                kind=t.kind,
                comparator=t.comparator,
                goal=effective_goal(t),
                actual=actuals.get(t.pk),
            )
            for t in task.targets.all()
        ),
    )


def task_status(task: Task, *, as_of: date) -> TaskStatus:
    return evaluate(task_facts(task, as_of=as_of), as_of=as_of)


def unit_plan_for(task: Task, unit: OrgUnit) -> UnitPlan | None:
    return UnitPlan.objects.filter(task=task, unit=unit).prefetch_related("stages").first()


def plan_prefill(task: Task) -> dict[str, Any]:
    """A new plan starts from the task's parsed targets and milestones."""
    targets = "；".join(t.raw_text for t in task.targets.all() if t.raw_text)
    stages = [
        {"text": (m.text or m.raw_phrase)[:500], "due_date": m.due_date}
        for m in task.milestones.all()
        if not m.ongoing
    ]
    return {"overall_target": targets, "stages": stages}


def completion_open(task: Task) -> CompletionRequest | None:
    return CompletionRequest.objects.filter(task=task, state=ReviewState.SUBMITTED).first()


def review_queue() -> dict[str, Any]:
    """What waits for the 督查室: submitted reports, plans, completion and revision requests."""
    pending = Q(state=ReviewState.SUBMITTED)
    return {
        "reports": ProgressReport.objects.filter(state="submitted")
        .select_related("task", "period", "unit")
        .order_by("period__due_date", "task__number"),
        "plans": UnitPlan.objects.filter(pending).select_related("task", "unit"),
        "completions": CompletionRequest.objects.filter(pending).select_related("task", "unit"),
        "revisions": Revision.objects.filter(pending).select_related("task", "target"),
    }


def unit_period_tasks(unit: OrgUnit, period: ReportingPeriod) -> list[Task]:
    """The tasks ``unit`` reports on in ``period``'s document, in ledger order."""
    tasks = Task.objects.filter(
        task_list__document_id=period.document_id,
        is_withdrawn=False,
        assignments__unit=unit,
        assignments__role__in=[UnitRole.LEAD, UnitRole.RESPONSIBLE],
    ).distinct()
    ids = [t.pk for t in tasks]
    primary = primary_units(ids)
    mine = [t for t in tasks if primary.get(t.pk) == unit.pk]
    return sorted(mine, key=lambda t: (t.task_list.position, t.number, t.pk))


def unit_period_rows(unit: OrgUnit, period: ReportingPeriod) -> list[dict[str, Any]]:
    """One row per task for the bulk page and the workbook: task, report, prefill, targets."""
    rows = []
    for task in unit_period_tasks(unit, period):
        report = report_for(task, period)
        prefill = report_prefill(task, period)
        targets = list(task.targets.exclude(kind="qualitative"))
        rows.append(
            {
                "task": task,
                "report": report,
                "prefill": prefill,
                "version": report.version if report else 0,
                "targets": [(t, prefill.actuals.get(t.pk)) for t in targets],
            }
        )
    return rows


def unit_periods(unit_ids: list[int]) -> list[ReportingPeriod]:
    """Monthly periods of the documents in which these units have tasks."""
    docs = (
        TaskUnit.objects.filter(unit_id__in=unit_ids)
        .values("task__task_list__document_id")
        .distinct()
    )
    return list(
        ReportingPeriod.objects.filter(document_id__in=docs, kind=PeriodKind.MONTHLY)
        .select_related("document")
        .order_by("due_date")
    )


def notification_list(*, user: Any) -> QuerySet[Notification]:
    """The user's own notifications, newest first (nobody sees anyone else's)."""
    return Notification.objects.filter(recipient_id=user.pk).order_by("-created_at", "-pk")


def unread_notification_count(*, user: Any) -> int:
    """One indexed COUNT (recipient, read_at) for the badge in the navigation bar."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()
