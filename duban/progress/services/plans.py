"""Unit plans (项目化推进计划): written by the reporting unit, reviewed by the 督查室."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from duban.accounts.permissions import Perm
from duban.core import clock
from duban.core.actors import stored_user
from duban.core.exceptions import ApplicationError
from duban.orgs.models import OrgUnit
from duban.plans.models import Task
from duban.progress import selectors
from duban.progress.models import PlanStage, ReviewState, UnitPlan
from duban.progress.services.common import ConflictError, diff, record, require, snapshot

PLAN_FIELDS = ("content", "overall_target", "responsible_person", "state")
PLAN_LOCKED = "推进计划已报送审核或已通过，不能修改。"
PLAN_CONFLICT = "保存失败：该计划已被他人修改（当前为第 {version} 版），请刷新后再改。"


@dataclass(frozen=True)
class StageInput:
    text: str
    due_date: date | None


def _stages_text(stages: list[StageInput] | list[PlanStage]) -> str:
    return "；".join(f"{s.text}（{s.due_date or '未定'}）" for s in stages)


@transaction.atomic
def unit_plan_save(
    *,
    task: Task,
    unit: OrgUnit,
    content: str,
    overall_target: str,
    responsible_person: str,
    stages: list[StageInput],
    submit: bool,
    expected_version: int | None,
    actor: Any,
) -> UnitPlan:
    """Create or update the plan; ``submit`` sends it to the 督查室 for review."""
    require(actor, Perm.PROGRESS_SUBMIT, task=task, unit=unit)
    primary = selectors.primary_unit(task)
    if primary is None or primary.pk != unit.pk:
        raise ApplicationError("只有牵头单位可以制定推进计划。")
    plan = UnitPlan.objects.select_for_update().filter(task=task, unit=unit).first()
    if plan is None:
        plan = UnitPlan(task=task, unit=unit, version=0)
    elif (expected_version or 0) != plan.version:
        raise ConflictError(PLAN_CONFLICT.format(version=plan.version))
    if plan.state in (ReviewState.SUBMITTED, ReviewState.APPROVED):
        raise ApplicationError(PLAN_LOCKED)
    before = snapshot(plan, PLAN_FIELDS) if plan.pk else {}
    old_stages = _stages_text(list(plan.stages.all())) if plan.pk else ""
    plan.content = content.strip()
    plan.overall_target = overall_target.strip()
    plan.responsible_person = responsible_person.strip()[:100]
    plan.state = ReviewState.SUBMITTED if submit else ReviewState.DRAFT
    plan.version += 1
    plan.full_clean()
    plan.save()
    plan.stages.all().delete()
    PlanStage.objects.bulk_create(
        PlanStage(plan=plan, text=s.text[:500], due_date=s.due_date, position=i)
        for i, s in enumerate(x for x in stages if x.text.strip())
    )
    changes = diff(UnitPlan, before, snapshot(plan, PLAN_FIELDS))
    new_stages = _stages_text([s for s in stages if s.text.strip()])
    if new_stages != old_stages:
        changes.append({"field": "阶段目标", "before": old_stages, "after": new_stages})
    record(
        actor=actor,
        action="plan.submit" if submit else "plan.save",
        task=task,
        target=plan,
        summary=f"推进计划{'报送审核' if submit else '保存'}（{unit.name}）",
        changes=changes,
    )
    return plan


@transaction.atomic
def unit_plan_review(*, plan: UnitPlan, approve: bool, note: str, actor: Any) -> UnitPlan:
    """Approve, or return with a reason (the unit may then edit and resubmit)."""
    require(actor, Perm.PROGRESS_REVIEW)
    plan = UnitPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.state != ReviewState.SUBMITTED:
        raise ApplicationError("该计划不在待审核状态。")
    if not approve and not note.strip():
        raise ApplicationError("退回时请填写退回理由。")
    before = snapshot(plan, ("state", "review_note"))
    plan.state = ReviewState.APPROVED if approve else ReviewState.RETURNED
    plan.review_note = note.strip()[:500]
    plan.reviewed_by = stored_user(actor)
    plan.reviewed_at = clock.now()
    plan.version += 1
    plan.save()
    record(
        actor=actor,
        action="plan.approve" if approve else "plan.return",
        task=plan.task,
        target=plan,
        summary=f"推进计划{'审核通过' if approve else '退回'}"
        + (f"：{plan.review_note}" if plan.review_note else ""),
        changes=diff(UnitPlan, before, snapshot(plan, ("state", "review_note"))),
    )
    return plan
