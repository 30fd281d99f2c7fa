"""Permission-aware reads for progress: who reports what, pre-filled forms, statuses.

The reporting unit of a task is its first 牵头单位, or — for tasks that name none — its
first 责任单位 (the notice's order); every other assigned unit files its own part
(``duban.progress.parts``), which the lead's 汇总 is pre-filled from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, cast

from django.db.models import Q, QuerySet

from duban.accounts.models import Role, User
from duban.accounts.permissions import Perm, can, task_write_scope
from duban.accounts.seats import member_unit_ids
from duban.core import clock
from duban.orgs.models import OrgUnit
from duban.plans.models import SourceDocument, Target, Task, TaskUnit, UnitRole
from duban.progress.models import (
    CompletionRequest,
    Notification,
    PeriodKind,
    ProgressReport,
    ReportingPeriod,
    ReviewState,
    Revision,
    UnitPlan,
)
from duban.progress.parts import queries as parts
from duban.progress.parts.models import UnitPart
from duban.progress.standing import queries as standing
from duban.progress.standing.loading import reporting_units
from duban.progress.status import TaskStatus


def user_unit_ids(user: Any) -> list[int]:
    """The user's units (read once per request: ``accounts.seats.member_unit_ids``)."""
    return member_unit_ids(user)


def primary_unit(task: Task) -> OrgUnit | None:
    """The unit that writes the task's plan and reports (see the module docstring)."""
    unit_id = primary_units([task.pk]).get(task.pk)
    if unit_id is None:
        return None
    # the task page prefetched its assignments with their units: that unit is the same row
    assignments = getattr(task, "_prefetched_objects_cache", {}).get("assignments", ())
    unit_field = TaskUnit._meta.get_field("unit")
    for assignment in assignments:
        if assignment.unit_id == unit_id and unit_field.is_cached(assignment):
            return cast(OrgUnit, assignment.unit)
    return OrgUnit.objects.filter(pk=unit_id).first()


def primary_units(task_ids: list[int]) -> dict[int, int]:
    """task id → reporting unit id, for many tasks in one query (the read model's rule)."""
    return reporting_units(Q(task_id__in=task_ids))


def reporting_unit_for(user: Any, task: Task) -> OrgUnit | None:
    """The task's reporting unit when ``user`` may write its reports, else None.

    A member of that unit holding ``progress.submit`` on the task: the report page and the
    API ask this one question, so they refuse the same people.
    """
    unit = primary_unit(task)
    if unit is None or unit.pk not in user_unit_ids(user):
        return None
    return unit if can(user, Perm.PROGRESS_SUBMIT, task=task, unit=unit) else None


def reports_of(task: Task) -> dict[int, ProgressReport]:
    """period id → the task's report for it, with its actual values."""
    reports = (
        ProgressReport.objects.filter(task=task)
        .select_related("period", "unit")
        .prefetch_related("actuals__target")
    )
    return {report.period_id: report for report in reports}


def unit_role_on(task: Task, unit: OrgUnit) -> str:
    """``primary`` for the reporting unit, ``contributor`` for other assigned units, else ''."""
    primary = primary_unit(task)
    if primary is not None and primary.pk == unit.pk:
        return "primary"
    return "contributor" if TaskUnit.objects.filter(task=task, unit=unit).exists() else ""


def periods_of(document: SourceDocument) -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.filter(document=document).order_by("due_date", "kind")


def period_current(document: SourceDocument, *, as_of: date) -> ReportingPeriod | None:
    """The monthly period to report now: the next one due, else the last one."""
    monthly = periods_of(document).filter(kind=PeriodKind.MONTHLY)
    return monthly.filter(due_date__gte=as_of).first() or monthly.last()


def report_for(task: Task, period: ReportingPeriod) -> ProgressReport | None:
    return (
        ProgressReport.objects.filter(task=task, period=period)
        .prefetch_related("actuals", "evidence")
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


class Unread(Enum):
    """A fact the caller has not read yet (``None`` is a fact: no report)."""

    UNREAD = "unread"


UNREAD = Unread.UNREAD


def _parts_of(task: Task, period: ReportingPeriod, found: list[UnitPart] | None) -> list[UnitPart]:
    return parts.parts_of([task.pk], period).get(task.pk, []) if found is None else found


def report_prefill(
    task: Task,
    period: ReportingPeriod,
    *,
    report: ProgressReport | Unread | None = UNREAD,
    found: list[UnitPart] | None = None,
) -> Prefill:
    """The saved report itself, else the units' parts of the period over the previous
    period's report (cumulative values carry; see :func:`_with_parts`). ``report`` (from
    :func:`report_for`) and ``found`` (the parts, ``parts.parts_of``) when the page has them."""
    report = report_for(task, period) if report is UNREAD else report
    if report is not None:
        return _prefill_of(report, "本期已保存的内容")
    previous = report_previous(task, period)
    base = _prefill_of(previous, f"上期（{previous.period.label}）报送的内容" if previous else "")
    return _with_parts(base, _parts_of(task, period, found), task)


def summary_prefill(
    task: Task,
    period: ReportingPeriod,
    *,
    report: ProgressReport | Unread | None = UNREAD,
    found: list[UnitPart] | None = None,
) -> Prefill | None:
    """The 汇总 drawn afresh from the parts over the saved report (the lead's 按各单位报送
    内容生成汇总); None when no part was 报送 yet."""
    filed = [p for p in _parts_of(task, period, found) if p.submitted_at]
    if not filed:
        return None
    report = report_for(task, period) if report is UNREAD else report
    report = report or report_previous(task, period)
    return _with_parts(_prefill_of(report, ""), filed, task)


def _with_parts(base: Prefill, found: list[UnitPart], task: Task) -> Prefill:
    """``base`` with what the 报送 parts say: their texts (each under its unit's name) in
    place of the lead's, and amount figures summed (``parts.summary_of``)."""
    filed = [p for p in found if p.submitted_at is not None]
    if not filed:
        return base
    texts, sums = parts.summary_of(filed, task.targets.all())
    values = dict(base.values) | {name: text for name, text in texts.items() if text}
    actuals: dict[int, Decimal | None] = {**base.actuals, **sums}
    source = f"{len(filed)} 个单位本期报送的分项内容" + (f"和{base.source}" if base.source else "")
    return Prefill(values=values, actuals=actuals, source=source)


def effective_deadline(task: Task, *, as_of: date | None = None) -> date | None:
    """The latest extension approved by ``as_of`` (default today), else the baseline."""
    return standing.task_history(task).deadline_on(as_of or clock.today())


def effective_goal(target: Target, *, as_of: date | None = None) -> Decimal | None:
    """An adjustment approved by ``as_of`` (default today), else the imported baseline."""
    history = standing.task_history(target.task)
    found = next((t for t in history.targets if t.id == target.pk), None)
    return found.goal_on(as_of or clock.today()) if found else target.value


def task_standing(task: Task, *, as_of: date) -> standing.Standing | None:
    """The task's state on ``as_of``: the read model's span (what every list and count shows)."""
    return standing.task_standing(task, as_of)


def task_status(task: Task, *, as_of: date) -> TaskStatus:
    """The task's statuses on ``as_of``, from the read model (live only for a task without
    spans: a withdrawn one)."""
    found = standing.task_standing(task, as_of)
    return found.status if found is not None else standing.live_status(task, as_of)


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


def review_queue(*, user: Any = None) -> dict[str, Any]:
    """What waits for the 督查室 (``user``'s own government's tasks): submitted reports, plans,
    completion and revision requests."""
    scope = task_write_scope(user) if user is not None else None
    own = Q() if scope is None else Q(task__in=Task.objects.filter(scope).values("pk"))
    pending = Q(state=ReviewState.SUBMITTED) & own
    return {
        "reports": ProgressReport.objects.filter(own, state="submitted")
        .select_related("task", "period", "unit")
        .order_by("period__due_date", "task__number", "pk"),
        "plans": UnitPlan.objects.filter(pending).select_related("task", "unit"),
        "completions": CompletionRequest.objects.filter(pending).select_related("task", "unit"),
        "revisions": Revision.objects.filter(pending).select_related("task", "target"),
    }


def unit_period_tasks(unit: OrgUnit, period: ReportingPeriod) -> list[Task]:
    """The tasks ``unit`` reports on in ``period``'s document, in ledger order (two queries,
    with milestones and targets prefetched for the forms)."""
    candidates = Task.objects.filter(
        task_list__document_id=period.document_id,
        is_withdrawn=False,
        assignments__unit=unit,
        assignments__role__in=[UnitRole.LEAD, UnitRole.RESPONSIBLE],
    ).values("pk")
    mine = [t for t, u in reporting_units(Q(task_id__in=candidates)).items() if u == unit.pk]
    tasks = (
        Task.objects.filter(pk__in=mine)
        .select_related("task_list")
        .prefetch_related("milestones", "targets")
        .order_by("task_list__position", "number", "pk")
    )
    return list(tasks)


def _prefills(tasks: list[Task], period: ReportingPeriod) -> dict[int, tuple[Any, Prefill]]:
    """task id → (this period's report or None, its pre-fill): a fixed number of queries
    for all tasks."""
    ids = [t.pk for t in tasks]
    current = {
        r.task_id: r
        for r in ProgressReport.objects.filter(task_id__in=ids, period=period).prefetch_related(
            "actuals", "evidence"
        )
    }
    earlier = (
        ProgressReport.objects.filter(
            task_id__in=[pk for pk in ids if pk not in current],
            period__kind=period.kind,
            period__due_date__lt=period.due_date,
        )
        .select_related("period")
        .prefetch_related("actuals")
        .order_by("task_id", "-period__due_date")
    )
    previous: dict[int, ProgressReport] = {}
    for row in earlier:
        previous.setdefault(row.task_id, row)
    found = parts.parts_of([pk for pk in ids if pk not in current], period)
    result: dict[int, tuple[Any, Prefill]] = {}
    for task in tasks:
        report = current.get(task.pk)
        source: ProgressReport | None = report or previous.get(task.pk)
        label = (
            "本期已保存的内容"
            if report
            else (f"上期（{source.period.label}）报送的内容" if source else "")
        )
        prefill = _prefill_of(source, label)
        if report is None:
            prefill = _with_parts(prefill, found.get(task.pk, []), task)
        result[task.pk] = (report, prefill)
    return result


def _prefill_of(report: ProgressReport | None, source: str) -> Prefill:
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


def unit_period_rows(
    unit: OrgUnit, period: ReportingPeriod, tasks: list[Task] | None = None
) -> list[dict[str, Any]]:
    """One row per task for the bulk page and the workbook: task, report, prefill, targets.

    ``tasks`` (a page of ``unit_period_tasks``) limits the rows; queries do not grow with it.
    """
    tasks = unit_period_tasks(unit, period) if tasks is None else tasks
    prefills = _prefills(tasks, period)
    rows = []
    for task in tasks:
        report, prefill = prefills[task.pk]
        targets = [t for t in task.targets.all() if t.kind != "qualitative"]
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


def unit_reporters(unit: OrgUnit | None) -> QuerySet[User]:
    """The active 填报员 of ``unit``: who a notice to the unit (退回, 批示, 催办) reaches."""
    if unit is None:
        return User.objects.none()
    return User.objects.filter(role=Role.REPORTER, is_active=True, memberships__unit=unit)
