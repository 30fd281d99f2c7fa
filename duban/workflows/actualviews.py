"""The actuals import's confirm button: write the paired figures into the tasks' reports."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import Perm, government_scope, within
from duban.core.exceptions import ApplicationError
from duban.plans.actualmodels import ActualImport
from duban.workflows.actuals import actual_import_confirm


@require_POST
@perm_required(Perm.IMPORT_RUN)
def actual_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(within(ActualImport.objects, government_scope(request.user)), pk=pk)
    try:
        result = actual_import_confirm(batch=batch, actor=request.user)
    except ApplicationError as err:
        messages.error(request, err.message)
        return redirect(batch)
    messages.success(
        request,
        f"已将 {result.written} 项完成值记入 {result.reports} 份进展报告（据文件导入，待审核）。",
    )
    if len(result.documents) == 1:  # the year-end completion of that notice, figures counted
        query = f"?document={result.documents[0]}&as_of={result.as_of.isoformat()}"
        return redirect(f"{reverse('supervision:year-end')}{query}")
    return redirect(batch)
