"""A task's 督办 page (statuses, periods, requests, 批示, history) and its unit plan."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import Perm, can
from duban.core import params
from duban.core.exceptions import ApplicationError
from duban.orgs.models import OrgUnit
from duban.plans.models import Target
from duban.progress import selectors, services
from duban.progress.forms import (
    CompletionForm,
    InstructionForm,
    PlanForm,
    ReviewForm,
    RevisionForm,
    StageFormSet,
)
from duban.progress.history import task_history
from duban.progress.models import (
    CompletionRequest,
    Instruction,
    Revision,
    RevisionKind,
    TaskTracking,
)
from duban.progress.parts import queries as parts
from duban.progress.services.evidence import CHOOSE_AGAIN
from duban.progress.views.chase import chase_panel
from duban.progress.views.common import as_of, get_task, is_office, part_units, reporting_unit


@perm_required(Perm.PROGRESS_VIEW)
def task_progress_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _progress_page(request, get_task(request, pk))


def _progress_page(
    request: HttpRequest, task: Any, *, completion_form: CompletionForm | None = None
) -> HttpResponse:
    """The task page; after a refused 办结申请 with the bound form, so nothing typed is lost."""
    document = task.task_list.document
    reports = {r.period_id: r for r in task.progress_reports.all()}
    filed = parts.filed_counts(task)  # period id → 分项 报送 so far
    periods = [(p, reports.get(p.pk), filed.get(p.pk, 0)) for p in selectors.periods_of(document)]
    context = {
        "task": task,
        "status": selectors.task_status(task, as_of=as_of(request)),
        "as_of": as_of(request),
        "tracking": TaskTracking.objects.filter(task=task).first(),
        "periods": periods,
        "primary": selectors.primary_unit(task),
        "plan": task.unit_plans.first(),
        "deadline": selectors.effective_deadline(task),
        "completions": CompletionRequest.objects.filter(task=task).prefetch_related("evidence"),
        "revisions": Revision.objects.filter(task=task).select_related("target"),
        "instructions": Instruction.objects.filter(task=task).select_related("author"),
        "evidence": task.evidence.select_related("report__period"),
        "history": task_history(task),
        "can_write": reporting_unit(request, task) is not None,
        "can_review": is_office(request),
        "can_instruct": can(request.user, Perm.INSTRUCTION_CREATE, task=task),
        "completion_form": completion_form or CompletionForm(),
        "revision_form": RevisionForm(task=task),
        "instruction_form": InstructionForm(),
        "review_form": ReviewForm(),
        "parts_owed": len(parts.part_units([task.pk]).get(task.pk, [])),
        "my_part_units": part_units(request, task),
        "chase": chase_panel(request, task),  # 签收 deadline, 催办/督办 (views.chase)
    }
    status = 200 if completion_form is None else 400
    return render(request, "progress/task_progress.html", context, status=status)


def _done(request: HttpRequest, pk: int, error: str, ok: str) -> HttpResponse:
    if error:
        messages.error(request, error)
    else:
        messages.success(request, ok)
    return redirect("progress:task", pk=pk)


def _form_error(form: Any) -> str:
    return "；".join(str(e) for errs in form.errors.values() for e in errs)


@require_POST
@perm_required(Perm.PROGRESS_SUBMIT)
def acknowledge_view(request: HttpRequest, pk: int) -> HttpResponse:
    """签收 for one of the user's units (``unit``; without it, their one unit that must sign)."""
    task = get_task(request, pk)
    wanted = params.get_id(request.POST, "unit")
    units = set(selectors.user_unit_ids(request.user))
    mine = [u for u in parts.signers([task.pk]).get(task.pk, []) if u in units]
    if wanted is not None:
        mine = [u for u in mine if u == wanted]
    unit = OrgUnit.objects.filter(pk=mine[0]).first() if len(mine) == 1 else None
    if unit is None:
        raise PermissionDenied
    try:
        services.task_acknowledge(task=task, unit=unit, actor=request.user)
    except ApplicationError as err:
        return _done(request, pk, err.message, "")
    return _done(request, pk, "", "已签收。")


@require_POST
@perm_required(Perm.PROGRESS_SUBMIT)
def completion_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_task(request, pk)
    unit = reporting_unit(request, task)
    if unit is None:
        raise PermissionDenied
    form = CompletionForm(request.POST, request.FILES)
    if not form.is_valid():
        return _done(request, pk, _form_error(form), "")
    upload = form.cleaned_data.get("file")
    try:
        services.completion_request_create(
            task=task,
            unit=unit,
            summary=form.cleaned_data["summary"],
            evidence=services.Upload(upload.name, upload.read()) if upload is not None else None,
            actor=request.user,
        )
    except ApplicationError as err:  # nothing saved: the page again, with what was typed
        messages.error(request, err.message + (CHOOSE_AGAIN if upload is not None else ""))
        return _progress_page(request, task, completion_form=form)
    return _done(request, pk, "", "办结申请已提交，等待督查室审核。")


@require_POST
@perm_required(Perm.PROGRESS_REVIEW)
def completion_review_view(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    task = get_task(request, pk)
    completion = get_object_or_404(CompletionRequest, pk=request_pk, task=task)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _done(request, pk, _form_error(form), "")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.completion_review(
            request=completion, approve=approve, note=form.cleaned_data["note"], actor=request.user
        )
    except ApplicationError as err:
        return _done(request, pk, err.message, "")
    return _done(request, pk, "", "已销号。" if approve else "已退回重办。")


@require_POST
@perm_required(Perm.PROGRESS_SUBMIT)
def revision_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_task(request, pk)
    unit = reporting_unit(request, task)
    if unit is None:
        raise PermissionDenied
    form = RevisionForm(request.POST, task=task)
    if not form.is_valid():
        return _done(request, pk, _form_error(form), "")
    data = form.cleaned_data
    target = Target.objects.filter(task=task, pk=data["target"]).first() if data["target"] else None
    try:
        services.revision_request(
            task=task,
            unit=unit,
            kind=RevisionKind(data["kind"]),
            reason=data["reason"],
            target=target,
            new_value=data["new_value"],
            new_deadline=data["new_deadline"],
            actor=request.user,
        )
    except ApplicationError as err:
        return _done(request, pk, err.message, "")
    return _done(request, pk, "", "申请已提交。")


@require_POST
@perm_required(Perm.PROGRESS_REVIEW)
def revision_decide_view(request: HttpRequest, pk: int, revision_pk: int) -> HttpResponse:
    task = get_task(request, pk)
    revision = get_object_or_404(Revision, pk=revision_pk, task=task)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _done(request, pk, _form_error(form), "")
    try:
        services.revision_decide(
            revision=revision,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
            actor=request.user,
        )
    except ApplicationError as err:
        return _done(request, pk, err.message, "")
    return _done(request, pk, "", "已审批。")


@require_POST
@perm_required(Perm.INSTRUCTION_CREATE)
def instruction_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_task(request, pk)
    form = InstructionForm(request.POST)
    if not form.is_valid():
        return _done(request, pk, _form_error(form), "")
    try:
        services.instruction_add(task=task, text=form.cleaned_data["text"], actor=request.user)
    except ApplicationError as err:
        return _done(request, pk, err.message, "")
    return _done(request, pk, "", "批示已记录。")


def _plan_initial(task: Any, plan: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    if plan is None:
        prefill = selectors.plan_prefill(task)
        return {"overall_target": prefill["overall_target"], "version": 0}, prefill["stages"]
    initial = {
        "content": plan.content,
        "overall_target": plan.overall_target,
        "responsible_person": plan.responsible_person,
        "version": plan.version,
    }
    return initial, [{"text": s.text, "due_date": s.due_date} for s in plan.stages.all()]


def _plan_post(request: HttpRequest, task: Any, plan: Any) -> tuple[Any, Any, str]:
    if request.POST.get("action") == "review":
        if not is_office(request) or plan is None:
            raise PermissionDenied
        review = ReviewForm(request.POST)
        if not review.is_valid():
            return None, None, _form_error(review)
        try:
            services.unit_plan_review(
                plan=plan,
                approve=review.cleaned_data["decision"] == "approve",
                note=review.cleaned_data["note"],
                actor=request.user,
            )
        except ApplicationError as err:
            return None, None, err.message
        return None, None, ""
    unit = reporting_unit(request, task)
    if unit is None:
        raise PermissionDenied
    form, stages = PlanForm(request.POST), StageFormSet(request.POST, prefix="stage")
    if not (form.is_valid() and stages.is_valid()):
        return form, stages, "请修正下面标出的错误。"
    try:
        services.unit_plan_save(
            task=task,
            unit=unit,
            submit=request.POST.get("action") == "submit",
            expected_version=form.cleaned_data["version"],
            actor=request.user,
            content=form.cleaned_data["content"],
            overall_target=form.cleaned_data["overall_target"],
            responsible_person=form.cleaned_data["responsible_person"],
            stages=[
                services.StageInput(
                    text=f.cleaned_data.get("text") or "", due_date=f.cleaned_data.get("due_date")
                )
                for f in stages.forms
            ],
        )
    except ApplicationError as err:
        return form, stages, err.message
    return None, None, ""


@perm_required(Perm.PROGRESS_VIEW)
def plan_view(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_task(request, pk)
    primary = selectors.primary_unit(task)
    plan = selectors.unit_plan_for(task, primary) if primary else None
    form = stages = None
    error = ""
    if request.method == "POST":
        form, stages, error = _plan_post(request, task, plan)
        if not error:
            messages.success(request, "已保存。")
            return redirect("progress:plan-edit", pk=task.pk)
    initial, stage_initial = _plan_initial(task, plan)
    editable = reporting_unit(request, task) is not None and (
        plan is None or plan.state in ("draft", "returned")
    )
    return render(
        request,
        "progress/plan_form.html",
        {
            "task": task,
            "plan": plan,
            "primary": primary,
            "form": form or PlanForm(initial=initial),
            "stages": stages or StageFormSet(initial=stage_initial, prefix="stage"),
            "editable": editable,
            "error": error,
            "can_review": is_office(request) and plan is not None and plan.state == "submitted",
            "review_form": ReviewForm(),
        },
        status=400 if error else 200,
    )
