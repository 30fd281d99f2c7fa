"""Downloads of the 交办单 (a unit's tasks) and of a recorded 督办单, as Word files.

Both are the business of the 督查室 and of the unit concerned: whoever may open the unit's
page (``Perm.UNIT_VIEW`` on it: the 督查室, the 审计 and the unit's own members) may print
them. GET only reads: the 交办 days are derived, the 督办单 was recorded when issued.
"""

from __future__ import annotations

from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import Perm, can
from duban.core import clock, params
from duban.exports.assignment_doc import render_assignment_docx
from duban.exports.supervision_doc import render_supervision_docx
from duban.plans import selectors as plan_selectors
from duban.plans.models import SourceDocument
from duban.progress.assigned import unit_assignments
from duban.progress.chase_models import ChaseKind, ChaseRecord

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _attachment(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@perm_required(Perm.PROGRESS_VIEW)
def assignment_doc_view(request: HttpRequest, pk: int) -> HttpResponse:
    """``/units/<pk>/assignment.docx[?document=]``: the unit's 交办单 (one document's tasks)."""
    unit = plan_selectors.unit_get(user=request.user, pk=pk)  # 404 / 403
    document_id = params.get_id(request.GET, "document")
    document = get_object_or_404(SourceDocument, pk=document_id) if document_id else None
    rows = unit_assignments(unit, document=document)
    data = render_assignment_docx(unit, rows, as_of=clock.today())
    return _attachment(data, f"{unit.name}任务交办单.docx")


@perm_required(Perm.PROGRESS_VIEW)
def supervision_order_view(request: HttpRequest, pk: int) -> HttpResponse:
    """``/progress/orders/<pk>.docx``: a recorded 督办单, printed again as issued."""
    record = get_object_or_404(
        ChaseRecord.objects.select_related("task__task_list__document", "unit"),
        pk=pk,
        kind=ChaseKind.SUPERVISE,
    )
    if not can(request.user, Perm.UNIT_VIEW, unit=record.unit):
        raise PermissionDenied
    return _attachment(render_supervision_docx(record), f"{record.number}督办单.docx")
