"""The report page of one task and period: the lead's 汇总 (fill/submit, pre-filled from the
units' parts, which it lists), the 督查室's review; evidence files."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import Perm, can
from duban.core import params
from duban.core.exceptions import ApplicationError
from duban.plans.models import Task
from duban.progress import selectors, services
from duban.progress.forms import ReportForm, ReviewForm
from duban.progress.models import Evidence, ProgressReport, ReportingPeriod
from duban.progress.parts import queries as parts
from duban.progress.parts.models import UnitPart
from duban.progress.parts.selectors import part_lines
from duban.progress.services.evidence import CHOOSE_AGAIN
from duban.progress.views.common import get_task, is_office, part_units, reporting_unit


def _initial(
    task: Task,
    period: ReportingPeriod,
    report: ProgressReport | None,
    found: list[UnitPart],
    *,
    from_parts: bool = False,
) -> tuple[dict[str, Any], str]:
    """The form's start: the saved ``report`` or its pre-fill; ``from_parts`` (按各单位报送内容
    生成汇总) draws the 汇总 afresh from the parts filed (``found``), over what is saved."""
    prefill = selectors.report_prefill(task, period, report=report, found=found)
    if from_parts:
        prefill = selectors.summary_prefill(task, period, report=report, found=found) or prefill
    initial = dict(prefill.values)
    for target_id, value in prefill.actuals.items():
        initial[f"actual_{target_id}"] = value
    initial["version"] = report.version if report else 0
    return initial, prefill.source


def _save(request: HttpRequest, task: Task, period: ReportingPeriod, form: ReportForm) -> str:
    """Save the form and its evidence file in one service call; returns an error or ''.

    On an error nothing was saved; the bound form shows again with what was typed, but a
    browser never refills a file input, hence the hint to choose the file again.
    """
    unit = reporting_unit(request, task)
    if unit is None:
        raise PermissionDenied
    upload = form.cleaned_data.get("evidence")
    try:
        services.progress_report_save(
            task=task,
            period=period,
            unit=unit,
            data=form.to_input(),
            expected_version=form.cleaned_data.get("version"),
            submit=request.POST.get("action") == "submit",
            evidence=services.Upload(upload.name, upload.read()) if upload is not None else None,
            actor=request.user,
        )
    except ApplicationError as err:
        return err.message + (CHOOSE_AGAIN if upload is not None else "")
    return ""


def _review(request: HttpRequest, report: ProgressReport | None) -> str:
    if not is_office(request):
        raise PermissionDenied
    review = ReviewForm(request.POST)
    if report is None or not review.is_valid():
        return "请选择审核结果。"
    try:
        services.progress_report_review(
            report=report,
            approve=review.cleaned_data["decision"] == "approve",
            note=review.cleaned_data["note"],
            actor=request.user,
        )
    except ApplicationError as err:
        return err.message
    return ""


def _handle_post(
    request: HttpRequest, task: Task, period: ReportingPeriod
) -> tuple[ReportForm | None, str, int]:
    """Returns (the bound report form to show again or None, error, status)."""
    action = request.POST.get("action", "")
    if action in ("save", "submit"):
        form = ReportForm(request.POST, request.FILES, task=task)
        if not form.is_valid():
            return form, "请修正下面标出的错误。", 400
        error = _save(request, task, period, form)
        return (form, error, 409) if error else (None, "", 200)
    if action == "review":
        error = _review(request, selectors.report_for(task, period))
    else:
        error = "无法识别的操作。"
    return None, error, 400 if error else 200


# what the unit is told after each action ("已报送" after 报送, not "已保存")
DONE = {"submit": "已报送。", "review": "审核意见已记录。"}


@perm_required(Perm.PROGRESS_VIEW)
def report_view(request: HttpRequest, pk: int, period_pk: int) -> HttpResponse:
    task = get_task(request, pk)
    period = get_object_or_404(
        ReportingPeriod, pk=period_pk, document_id=task.task_list.document_id
    )
    form, error, status = None, "", 200
    if request.method == "POST":
        form, error, status = _handle_post(request, task, period)
        if not error:
            messages.success(request, DONE.get(request.POST.get("action", ""), "已保存。"))
            return redirect("progress:report-edit", pk=task.pk, period_pk=period.pk)
    # each fact read once: the report, who owes parts, the parts filed
    report = selectors.report_for(task, period)
    owed = parts.part_units([task.pk]).get(task.pk, [])
    found = parts.parts_of([task.pk], period).get(task.pk, [])
    editable = reporting_unit(request, task) is not None and (
        report is None or report.state in ("draft", "returned")
    )
    from_parts = editable and params.get_choice(request.GET, "prefill", ["parts"]) == "parts"
    initial, source = _initial(task, period, report, found, from_parts=from_parts)
    monthly = period.kind == "monthly"
    context = {
        "task": task,
        "period": period,
        "report": report,
        "form": form or ReportForm(initial=initial, task=task),
        "prefill_source": source if report is None or from_parts else "",
        "editable": editable,
        "error": error,
        "part_units": part_units(request, task, owed),
        "lines": part_lines(task, period, owed=owed, parts=found) if monthly else [],
        "can_review": is_office(request) and report is not None and report.state == "submitted",
        "review_form": ReviewForm(),
        "periods": selectors.periods_of(task.task_list.document),
    }
    return render(request, "progress/report_form.html", context, status=status)


@perm_required(Perm.PROGRESS_VIEW)
def evidence_download_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The only way to fetch an evidence file: the task's visibility decides."""
    evidence = get_object_or_404(Evidence.objects.select_related("task"), pk=pk)
    if not can(request.user, Perm.PROGRESS_VIEW, task=evidence.task):
        raise PermissionDenied
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.filename,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return cast(HttpResponse, response)


def report_list_for(task: Task) -> dict[int, ProgressReport]:
    return {r.period_id: r for r in ProgressReport.objects.filter(task=task)}
