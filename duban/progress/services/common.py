"""Helpers shared by the progress services: permission guard, tracking row, audit with diffs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Q

from duban.accounts.permissions import Perm, can
from duban.audit.services import audit_record
from duban.core import clock
from duban.core.exceptions import ApplicationError
from duban.core.numbers import plain
from duban.plans.models import Target, Task
from duban.progress.models import ProgressReport, ReportStep, TaskTracking
from duban.progress.services.signing import signed_by_report
from duban.progress.standing.loading import reporting_units
from duban.progress.standing.refresh import refresh_tasks
from duban.progress.workflow import TaskEvent, TaskState, TransitionError, task_next


class ConflictError(ApplicationError):
    """Someone else saved the object since the form was opened (optimistic locking)."""


def require(actor: Any, perm: Perm, **objects: Any) -> None:
    """Services refuse actors without ``perm``; ``actor=None`` is the system (CLI, import)."""
    if actor is None:
        return
    if not can(actor, perm, **objects):
        raise PermissionDenied


def tracking_for(task: Task, *, lock: bool = False) -> TaskTracking:
    qs = TaskTracking.objects.select_for_update() if lock else TaskTracking.objects
    tracking, _ = qs.get_or_create(task=task)
    return tracking


def trackings_ensure(task_ids: Iterable[int]) -> None:
    """Tracking rows for handed-over tasks that have none, made now: their creation is the
    交办 day every unit's 签收 deadline counts from (``assigned.assigned_days``), so it must
    not wait for the first unit to sign."""
    ids = set(task_ids)
    have = set(TaskTracking.objects.filter(task_id__in=ids).values_list("task_id", flat=True))
    TaskTracking.objects.bulk_create(
        [TaskTracking(task_id=pk) for pk in sorted(ids - have)], ignore_conflicts=True
    )


def _show(value: Any) -> str:
    return "" if value is None else str(value)


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, str]:
    return {name: _show(getattr(obj, name)) for name in fields}


def _label(model: type[models.Model], name: str) -> str:
    """A field's Chinese verbose name (the name itself for anything else)."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(getattr(field, "verbose_name", name))


def _worded(model: type[models.Model], name: str, value: str) -> str:
    """A stored code in its field's Chinese choice label (状态 ``submitted`` → 已报送)."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return value
    labels = {str(code): str(label) for code, label in getattr(field, "flatchoices", ())}
    return labels.get(value, value)


def diff(
    model: type[models.Model], before: dict[str, str], after: dict[str, str]
) -> list[dict[str, str]]:
    """Changed fields as ``{"field": 中文名, "before": …, "after": …}`` for the history page,
    codes in their Chinese labels (the page shows them as stored)."""
    return [
        {
            "field": _label(model, name),
            "before": _worded(model, name, before.get(name, "")),
            "after": _worded(model, name, new),
        }
        for name, new in after.items()
        if before.get(name, "") != new
    ]


def record(
    *,
    actor: Any,
    action: str,
    task: Task,
    target: models.Model | None = None,
    summary: str = "",
    changes: list[dict[str, str]] | None = None,
    **data: Any,
) -> None:
    """One audit event tied to ``task`` (``data.task``) so the task's history can list it."""
    audit_record(
        actor=actor,
        action=action,
        target=target if target is not None else task,
        summary=summary,
        data={"task": task.pk, "changes": changes or [], **data},
    )


def advance(task: Task, event: TaskEvent, *, actor: Any) -> TaskTracking:
    """Move the task along the workflow (ApplicationError when the step is not allowed)."""
    tracking = tracking_for(task, lock=True)
    before = TaskState(tracking.state)
    try:
        after = task_next(before, event)
    except TransitionError as err:
        raise ApplicationError(err.message) from err
    if after != before:
        tracking.state = after
        if before is TaskState.ASSIGNED and event is not TaskEvent.ACKNOWLEDGE:
            # the reporting unit reporting without 签收: its report counts as its 签收
            lead = reporting_units(Q(task_id=task.pk)).get(task.pk)
            signed_by_report(task, lead, actor=actor)
        if after is TaskState.CLOSED:
            tracking.closed_at = clock.now()
        tracking.save()
        record(
            actor=actor,
            action="task.state",
            task=task,
            target=tracking,
            summary=f"督办状态：{TaskTracking(state=before).get_state_display()} → "
            f"{tracking.get_state_display()}",
            changes=[
                {
                    "field": "督办状态",
                    "before": TaskTracking(state=before).get_state_display(),
                    "after": tracking.get_state_display(),
                }
            ],
        )
    return tracking


def standing_refresh(*tasks: Task) -> None:
    """The tasks' facts changed: rewrite their read-model spans in this same transaction."""
    refresh_tasks([t.pk for t in tasks])


def report_step(report: ProgressReport, state: str) -> None:
    """Keep the review step as it happened (the read model reads the past from these)."""
    ReportStep.objects.create(report=report, task_id=report.task_id, state=state, at=clock.now())


def changed_figures(
    task_id: int,
    stored: Mapping[int, Decimal | None],
    actuals: Mapping[int, Decimal | None],
    label: str,
) -> list[tuple[Target, Decimal | None, dict[str, str]]]:
    """The figures of ``actuals`` that differ from ``stored``, each with its audit change row.

    Shared by the 汇总 and the units' parts so that both count 6.8 and 6.80 as the same figure
    and word the audit alike; ids of targets not on the task are ignored.
    """
    targets = {t.pk: t for t in Target.objects.filter(task=task_id)}
    changed = []
    for target_id, value in actuals.items():
        target = targets.get(target_id)
        if target is None:
            continue
        old = stored.get(target_id)
        if old == value or (old is not None and value is not None and old.compare(value) == 0):
            continue
        change = {
            "field": f"{target.metric}{label}",
            "before": "" if old is None else plain(old),
            "after": "" if value is None else plain(value),
        }
        changed.append((target, value, change))
    return changed
