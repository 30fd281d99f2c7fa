"""The 督查室's pages: review queue, who is late, reporting periods; everyone's notifications."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import Perm
from duban.core.exceptions import ApplicationError
from duban.plans.models import SourceDocument
from duban.progress import selectors, services
from duban.progress.chasing import STAGE_LABELS
from duban.progress.forms import PeriodForm
from duban.progress.models import Notification, ReportingPeriod
from duban.progress.views.common import as_of


@perm_required(Perm.PROGRESS_REVIEW)
def review_queue_view(request: HttpRequest) -> HttpResponse:
    return render(request, "progress/review_queue.html", selectors.review_queue())


@perm_required(Perm.PROGRESS_REVIEW)
def late_list_view(request: HttpRequest) -> HttpResponse:
    """Who is late (or due soon) on ``as_of``: the same list ``duban remind`` works from."""
    day = as_of(request)
    items = services.late_items(as_of=day)
    return render(
        request,
        "progress/late_list.html",
        {"items": items, "as_of": day, "stage_labels": STAGE_LABELS},
    )


@perm_required(Perm.PROGRESS_REVIEW)
def periods_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(SourceDocument, pk=pk)
    services.periods_ensure(document=document, actor=request.user)
    if request.method == "POST":
        period = get_object_or_404(
            ReportingPeriod, pk=request.POST.get("period") or 0, document=document
        )
        form = PeriodForm(request.POST)
        if form.is_valid():
            try:
                services.period_update(
                    period=period,
                    due_date=form.cleaned_data["due_date"],
                    label=form.cleaned_data["label"],
                    actor=request.user,
                )
            except ApplicationError as err:
                messages.error(request, err.message)
            else:
                messages.success(request, f"已更新报送期：{period.label}。")
        else:
            messages.error(request, "请填写正确的名称和日期。")
        return redirect("progress:periods", pk=document.pk)
    schedule = getattr(document, "reporting_schedule", None)
    return render(
        request,
        "progress/periods.html",
        {"document": document, "schedule": schedule, "periods": selectors.periods_of(document)},
    )


@perm_required(Perm.PROGRESS_VIEW)
def notifications_view(request: HttpRequest) -> HttpResponse:
    notes = Notification.objects.filter(recipient_id=request.user.pk)[:100]
    return render(request, "progress/notifications.html", {"notifications": notes})
