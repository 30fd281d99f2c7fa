"""Downloads (台账 and other registered exporters) and the 督查通报 pages.

印发 is two steps: GET shows what will be issued (the 文号 it will get) and writes nothing;
POST issues. A PDF is offered only where LibreOffice is installed; elsewhere the page says
why, and a PDF address followed anyway leads back to the page with that reason, not a 404.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import Perm, can
from duban.core import clock
from duban.core.exceptions import ApplicationError
from duban.exports import selectors, services
from duban.exports.base import ExportParams
from duban.exports.forms import BulletinForm
from duban.exports.pdf import FAILED, docx_to_pdf, unavailable_reason
from duban.exports.registry import EXPORTERS, extension
from duban.orgs.models import Leader, OrgUnit
from duban.progress.models import ReportingPeriod
from duban.supervision.views.common import int_param, page_params

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _attachment(data: bytes, filename: str, mimetype: str) -> HttpResponse:
    response = HttpResponse(data, content_type=mimetype)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@perm_required(Perm.TASK_VIEW)
def export_view(request: HttpRequest, identifier: str, fmt: str = "xlsx") -> HttpResponse:
    """``/exports/ledger.xlsx?document=&as_of=&unit=&leader=``; unit/leader must be in scope.
    Reports in Word (``/exports/yearend-report.docx``) answer only to their own suffix."""
    exporter = EXPORTERS.get(identifier)
    if exporter is None or extension(exporter) != fmt:
        raise Http404("没有这种导出")
    if not can(request.user, exporter.perm):
        raise PermissionDenied
    params = page_params(request)
    unit_id, leader_id = int_param(request, "unit"), int_param(request, "leader")
    if unit_id is not None and not can(
        request.user, Perm.UNIT_VIEW, unit=get_object_or_404(OrgUnit, pk=unit_id)
    ):
        raise PermissionDenied
    if leader_id is not None and not can(
        request.user, Perm.LEADER_VIEW, leader=get_object_or_404(Leader, pk=leader_id)
    ):
        raise PermissionDenied
    export = ExportParams(
        user=request.user,
        document=params.document,
        as_of=params.as_of,
        unit_id=unit_id,
        leader_id=leader_id,
    )
    filename, mimetype, data = exporter.render(export)
    return _attachment(data, filename, mimetype)


@perm_required(Perm.PROGRESS_VIEW)
def bulletin_list_view(request: HttpRequest) -> HttpResponse:
    office = can(request.user, Perm.PROGRESS_REVIEW)
    if request.method == "POST":
        if not office:
            raise PermissionDenied
        params = page_params(request)
        period_id = int_param(request, "period")
        period = ReportingPeriod.objects.filter(pk=period_id or 0, document=params.document).first()
        bulletin = services.bulletin_draft_create(
            document=params.document, as_of=params.as_of, period=period, actor=request.user
        )
        return redirect(bulletin)
    context: dict[str, Any] = {
        "bulletins": selectors.bulletin_list(user=request.user),
        "office": office,
    }
    if office:
        context["params"] = page_params(request)
        context["periods"] = ReportingPeriod.objects.filter(
            document=context["params"].document, kind="monthly"
        )
    return render(request, "exports/bulletin_list.html", context)


@perm_required(Perm.PROGRESS_VIEW)
def bulletin_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = selectors.bulletin_get(user=request.user, pk=pk)
    office = can(request.user, Perm.PROGRESS_REVIEW)
    form = BulletinForm(
        initial={
            "title": bulletin.title,
            "doc_number": bulletin.doc_number,
            "cc": bulletin.cc,
            "recipients": bulletin.recipients,
        }
    )
    if request.method == "POST":
        if not office:
            raise PermissionDenied
        form = BulletinForm(request.POST)
        if form.is_valid():
            try:
                services.bulletin_update(
                    bulletin=bulletin,
                    title=form.cleaned_data["title"],
                    doc_number=form.cleaned_data["doc_number"],
                    sections=form.sections,
                    cc=form.cleaned_data["cc"] if "cc" in request.POST else None,
                    recipients=(
                        form.cleaned_data["recipients"] if "recipients" in request.POST else None
                    ),
                    actor=request.user,
                )
                messages.success(request, "通报已保存。")
                return redirect(bulletin)
            except ApplicationError as err:
                messages.error(request, err.message)
    return render(
        request,
        "exports/bulletin_detail.html",
        {
            "bulletin": bulletin,
            "form": form,
            "office": office,
            "pdf_unavailable": unavailable_reason(),
        },
    )


@require_http_methods(["GET", "POST"])
@perm_required(Perm.PROGRESS_REVIEW)
def bulletin_issue_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the confirmation (title, 文号 to be given, what freezes); POST: 印发."""
    bulletin = selectors.bulletin_get(user=request.user, pk=pk)
    if request.method == "GET":
        if bulletin.is_issued:
            messages.error(request, services.ALREADY_ISSUED)
            return redirect(bulletin)
        number = services.issue_preview(bulletin, today=clock.today())
        return render(
            request, "exports/bulletin_issue_confirm.html", {"bulletin": bulletin, "number": number}
        )
    try:
        services.bulletin_issue(bulletin=bulletin, actor=request.user)
        messages.success(request, "通报已印发并存档，各单位可在通报列表中查看。")
    except ApplicationError as err:
        messages.error(request, err.message)
    return redirect(bulletin)


@perm_required(Perm.PROGRESS_VIEW)
def bulletin_file_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("docx", "pdf"):
        raise Http404("没有这种格式")
    bulletin = selectors.bulletin_get(user=request.user, pk=pk)
    reason = unavailable_reason() if fmt == "pdf" else None
    if reason is not None:
        messages.error(request, reason)
        return redirect(bulletin)
    try:
        data = selectors.bulletin_docx(bulletin)
    except ApplicationError as err:
        messages.error(request, err.message)
        return redirect(bulletin)
    name = f"{bulletin.title}.{fmt}"
    if fmt == "docx":
        return _attachment(data, name, DOCX)
    pdf = docx_to_pdf(data)
    if pdf is None:
        messages.error(request, FAILED)
        return redirect(bulletin)
    return _attachment(pdf, name, "application/pdf")
