"""A unit's own part of a task: its page (phone-sized form, who else has filed) and the
part section of the bulk page. The writes are ``services.unit_part_save``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import Perm
from duban.core import params
from duban.core.exceptions import ApplicationError
from duban.orgs.models import OrgUnit
from duban.plans.models import Task
from duban.progress import selectors, services
from duban.progress.forms import PartForm
from duban.progress.models import PeriodKind, ReportingPeriod
from duban.progress.parts import queries
from duban.progress.parts import selectors as part_selectors
from duban.progress.parts.models import UnitPart
from duban.progress.services.evidence import CHOOSE_AGAIN
from duban.progress.services.parts import summary_locked
from duban.progress.views.common import get_task, part_unit, part_units

PART_ACTIONS = ("part_save", "part_submit")
PAGE_PARTS = 20


def _initial(part: UnitPart | None, prefill: selectors.Prefill) -> dict[str, Any]:
    initial = dict(prefill.values, version=part.version if part else 0)
    initial.update({f"actual_{k}": v for k, v in prefill.actuals.items()})
    return initial


def editable(part: UnitPart | None, locked: bool) -> bool:
    """A part is open until 报送; a filed one may be corrected until the 汇总 is 报送."""
    return part is None or part.submitted_at is None or not locked


def _save(
    request: HttpRequest, task: Task, period: ReportingPeriod, unit: OrgUnit, form: PartForm
) -> tuple[str, int]:
    """Save the part and its file in one service call: (the error or '', HTTP status)."""
    upload = form.cleaned_data.get("evidence")
    try:
        services.unit_part_save(
            task=task,
            period=period,
            unit=unit,
            data=form.to_input(),
            expected_version=form.cleaned_data.get("version"),
            submit=request.POST.get("action") in ("submit", "part_submit"),
            evidence=services.Upload(upload.name, upload.read()) if upload is not None else None,
            actor=request.user,
        )
    except ApplicationError as err:
        status = 409 if isinstance(err, services.ConflictError) else 400
        return err.message + (CHOOSE_AGAIN if upload is not None else ""), status
    return "", 200


@perm_required(Perm.PROGRESS_VIEW)
def part_view(request: HttpRequest, pk: int, period_pk: int) -> HttpResponse:
    """本单位分项报送 for one period; below it, who on the task has and has not filed."""
    task = get_task(request, pk)
    period = get_object_or_404(
        ReportingPeriod,
        pk=period_pk,
        document_id=task.task_list.document_id,
        kind=PeriodKind.MONTHLY,
    )
    unit = part_unit(request, task, params.get_id(request.GET, "unit"))
    form, error, status = None, "", 200
    if request.method == "POST":
        if unit is None:
            raise PermissionDenied
        form = PartForm(request.POST, request.FILES, task=task)
        if not form.is_valid():
            error, status = "请修正下面标出的错误。", 400
        else:
            error, status = _save(request, task, period, unit, form)
        if not error:
            done = "已报送。" if request.POST.get("action") == "submit" else "已保存。"
            messages.success(request, done)
            return redirect(request.get_full_path())
    part, prefill = (None, selectors.Prefill())
    if unit is not None:
        part, prefill = part_selectors.part_prefills(unit, period, [task])[task.pk]
    locked = summary_locked(task, period)
    context = {
        "task": task,
        "period": period,
        "unit": unit,
        "units": part_units(request, task),
        "part": part,
        "form": form or PartForm(initial=_initial(part, prefill), task=task),
        "prefill_source": prefill.source if part is None else "",
        "editable": unit is not None and editable(part, locked),
        "locked": locked,
        "error": error,
        "lines": part_selectors.part_lines(task, period),
        "periods": selectors.periods_of(task.task_list.document).filter(kind=PeriodKind.MONTHLY),
    }
    return render(request, "progress/part_form.html", context, status=status)


# --- the bulk page's part section ---------------------------------------------------------


@dataclass
class PartSection:
    """The bulk page's "本单位分项报送" rows (one page of them) and how saving went."""

    page: Page[Task]
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: int = 0


def part_section(
    request: HttpRequest, unit: OrgUnit, period: ReportingPeriod, *, posted: bool
) -> PartSection:
    """The rows of the page ``ppage``; on a part POST (``posted``) every changed row is
    saved (报送: every row with 本单位进展情况), each in its own transaction."""
    tasks = queries.unit_part_tasks(unit.pk, period).prefetch_related("milestones", "targets")
    page = Paginator(tasks, PAGE_PARTS).get_page(params.get_page(request.GET, "ppage"))
    locked = queries.locked_tasks([t.pk for t in page.object_list], period)
    section = PartSection(page, part_selectors.unit_part_rows(unit, period, list(page.object_list)))
    data, files = (request.POST, request.FILES) if posted else (None, None)
    for row in section.rows:
        task, part = row["task"], row["part"]
        row["form"] = PartForm(
            data, files, initial=_initial(part, row["prefill"]), task=task, prefix=f"p{task.pk}"
        )
        row["editable"] = editable(part, task.pk in locked)
        row["filed"] = part is not None and part.submitted_at is not None
        if posted:
            section.errors += _bulk_row(request, unit, period, row)
    return section


def _bulk_row(
    request: HttpRequest, unit: OrgUnit, period: ReportingPeriod, row: dict[str, Any]
) -> int:
    """Save one row of a part POST; 1 when it could not be saved."""
    form, submit = row["form"], request.POST.get("action") == "part_submit"
    if not row["editable"] or (not form.has_changed() and not submit):
        return 0
    if not form.is_valid():
        return 1
    if submit and not form.cleaned_data.get("progress"):
        return 0  # nothing written for this task yet: left as it is
    if row["filed"] and not submit:
        return 0  # a filed part changes only by 更正并报送
    error, _ = _save(request, row["task"], period, unit, form)
    row["error"] = error
    return 1 if error else 0
