"""撤回导入: the confirmation page (GET, read-only) and the withdrawal itself (POST)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import Perm, document_scope, within
from duban.core.exceptions import ApplicationError
from duban.plans.models import SourceDocument
from duban.progress.services.documents import document_withdraw, document_withdraw_check


@perm_required(Perm.DOCUMENT_WITHDRAW)
def document_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(
        within(SourceDocument.objects, document_scope(request.user)), pk=pk
    )
    if request.method == "POST":
        try:
            count = document_withdraw(document=document, actor=request.user)
        except ApplicationError as err:
            messages.error(request, err.message)
            return redirect("progress:document-withdraw", pk=document.pk)
        messages.success(request, f"已撤回《{document.title}》，撤销 {count} 项任务。")
        return redirect("plans:document-list")
    check = document_withdraw_check(document=document)
    return render(
        request, "progress/document_withdraw.html", {"document": document, "check": check}
    )
