"""Pages whose POST runs a workflow (the import's confirm button)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import Perm
from duban.core import params
from duban.core.exceptions import ApplicationError
from duban.plans import selectors
from duban.workflows.imports import import_confirm


@require_POST
@perm_required(Perm.IMPORT_RUN)
def import_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.import_batch_get(user=request.user, pk=pk)
    take_notice = params.get_ids(request.POST, "take_notice")  # 修订冲突 settled for the notice
    try:
        doc = import_confirm(batch=batch, actor=request.user, take_notice=take_notice)
    except ApplicationError as err:
        messages.error(request, err.message)
        return redirect(batch)
    messages.success(request, f"已导入《{doc.title}》。")
    return redirect(f"/tasks/?document={doc.pk}")
