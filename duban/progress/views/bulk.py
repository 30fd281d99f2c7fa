"""A unit's whole period on one page — the tasks it reports (汇总) and those it files a part
of — and the 汇总 rows as an Excel sheet (download / upload)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import Perm, can
from duban.core import params
from duban.core.exceptions import ApplicationError
from duban.orgs.models import OrgUnit
from duban.progress import selectors, services
from duban.progress.forms import ReportForm, UploadForm
from duban.progress.models import ReportingPeriod
from duban.progress.views.common import as_of, user_units
from duban.progress.views.parts import PART_ACTIONS, part_section

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_TASKS = 20  # tasks a page: a phone screen's worth of forms, queries independent of it


def _choose(
    request: HttpRequest,
) -> tuple[OrgUnit | None, ReportingPeriod | None, list[ReportingPeriod]]:
    """The unit (one of the user's) and period from the query, with sensible defaults."""
    units = user_units(request)
    unit_id = params.get_id(request.GET, "unit")  # malformed → HTTP 400
    unit = (units.filter(pk=unit_id).first() if unit_id else None) or units.first()
    if unit is None:
        return None, None, []
    periods = selectors.unit_periods([unit.pk])
    period_id = params.get_id(request.GET, "period")
    period = next((p for p in periods if p.pk == period_id), None)
    if period is None:
        today = as_of(request)
        period = next((p for p in periods if p.due_date >= today), periods[-1] if periods else None)
    return unit, period, periods


def _forms(rows: list[dict[str, Any]], data: Any = None) -> list[dict[str, Any]]:
    for row in rows:
        task, prefill = row["task"], row["prefill"]
        initial = dict(prefill.values, version=row["version"])
        initial.update({f"actual_{k}": v for k, v in prefill.actuals.items()})
        row["form"] = ReportForm(data, initial=initial, task=task, prefix=f"t{task.pk}")
        row["editable"] = row["report"] is None or row["report"].state in ("draft", "returned")
    return rows


def _bulk_save(
    request: HttpRequest, unit: OrgUnit, period: ReportingPeriod, rows: list[dict[str, Any]]
) -> int:
    """Save every changed row (submit: every row with 进展情况); returns the number of errors."""
    submit = request.POST.get("action") == "submit"
    errors = 0
    for row in rows:
        form = row["form"]
        if not row["editable"] or (not form.has_changed() and not submit):
            continue
        if not form.is_valid():
            errors += 1
            continue
        if submit and not form.cleaned_data.get("progress"):
            continue  # nothing written for this task yet: left as it is
        try:
            services.progress_report_save(
                task=row["task"],
                period=period,
                unit=unit,
                data=form.to_input(),
                expected_version=form.cleaned_data.get("version"),
                submit=submit,
                actor=request.user,
            )
        except ApplicationError as err:
            row["error"] = err.message
            errors += 1
    return errors


@perm_required(Perm.PROGRESS_SUBMIT)
def bulk_view(request: HttpRequest) -> HttpResponse:
    unit, period, periods = _choose(request)
    if unit is None or period is None:
        return render(request, "progress/bulk.html", {"unit": unit, "periods": periods, "rows": []})
    page = Paginator(selectors.unit_period_tasks(unit, period), PAGE_TASKS).get_page(
        params.get_page(request.GET)
    )
    # a POST is either the 汇总 rows' (save/submit) or the unit's own parts' (part_*)
    posted_parts = request.method == "POST" and request.POST.get("action") in PART_ACTIONS
    posted_reports = request.method == "POST" and not posted_parts
    rows = _forms(
        selectors.unit_period_rows(unit, period, tasks=list(page.object_list)),
        request.POST if posted_reports else None,
    )
    section = part_section(request, unit, period, posted=posted_parts)
    if request.method == "POST":
        errors = _bulk_save(request, unit, period, rows) if posted_reports else section.errors
        if not errors:
            submitted = request.POST.get("action") in ("submit", "part_submit")
            messages.success(request, "已全部报送。" if submitted else "已全部保存。")
            return redirect(
                f"{reverse('progress:bulk')}?unit={unit.pk}&period={period.pk}"
                f"&page={page.number}&ppage={section.page.number}"
            )
        messages.error(request, f"{errors} 项未能保存，请查看标出的任务；其余已保存。")
    context = {
        "unit": unit,
        "period": period,
        "periods": periods,
        "units": user_units(request),
        "rows": rows,
        "page": page,
        "parts": section,
        "upload_form": UploadForm(),
    }
    return render(
        request, "progress/bulk.html", context, status=400 if request.method == "POST" else 200
    )


def _unit_period(request: HttpRequest, source: Any) -> tuple[OrgUnit, ReportingPeriod]:
    unit = get_object_or_404(OrgUnit, pk=params.get_id(source, "unit") or 0)
    if unit.pk not in selectors.user_unit_ids(request.user) or not can(
        request.user, Perm.PROGRESS_SUBMIT, unit=unit
    ):
        raise PermissionDenied
    period = get_object_or_404(ReportingPeriod, pk=params.get_id(source, "period") or 0)
    return unit, period


@perm_required(Perm.PROGRESS_SUBMIT)
def workbook_download_view(request: HttpRequest) -> HttpResponse:
    unit, period = _unit_period(request, request.GET)
    data = services.workbook_export(unit=unit, period=period)
    response = HttpResponse(data, content_type=XLSX)
    name = f"进展填报-{unit.name}-{period.label}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@require_POST
@perm_required(Perm.PROGRESS_SUBMIT)
def workbook_upload_view(request: HttpRequest) -> HttpResponse:
    unit, period = _unit_period(request, request.POST)
    form = UploadForm(request.POST, request.FILES)
    back = f"{reverse('progress:bulk')}?unit={unit.pk}&period={period.pk}"
    if not form.is_valid():
        messages.error(request, "请选择要上传的填报表。")
        return redirect(back)
    try:
        upload = form.cleaned_data["file"]
        summary = services.workbook_import(
            unit=unit, period=period, data=upload.read(), actor=request.user, filename=upload.name
        )
    except services.WorkbookError as err:
        return render(
            request,
            "progress/upload_errors.html",
            {"errors": err.errors, "message": err.message, "back": back},
            status=400,
        )
    except ApplicationError as err:
        messages.error(request, err.message)
        return redirect(back)
    messages.success(
        request,
        f"已读取 {summary.rows} 项任务，更新 {summary.changed} 项（保存为草稿，请核对后报送）。",
    )
    return redirect(back)
