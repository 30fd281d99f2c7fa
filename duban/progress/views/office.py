"""The 督查室's pages: review queue, who is late, reporting periods; everyone's notifications."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from duban.accounts.decorators import perm_required
from duban.accounts.permissions import Perm, document_scope, within
from duban.core import clock, params
from duban.core.exceptions import ApplicationError
from duban.plans.models import SourceDocument
from duban.progress import selectors, services
from duban.progress.chasing import STAGE_LABELS
from duban.progress.forms import PeriodForm
from duban.progress.models import ReportingPeriod
from duban.progress.services.chase import default_requirement
from duban.progress.services.late_parts import part_page
from duban.progress.services.reminders import late_groups
from duban.progress.views.common import as_of


@perm_required(Perm.PROGRESS_REVIEW)
def review_queue_view(request: HttpRequest) -> HttpResponse:
    """What waits for review, page by page (50 reports a page; the other lists' first 50)."""
    queue = selectors.review_queue(user=request.user)
    # the page is chosen on the sort keys alone, then its 50 reports are read whole: sorting
    # every submitted report with its texts spilled to disk at 100,000 tasks
    reports = Paginator(queue["reports"].values_list("pk", flat=True), 50).get_page(
        params.get_page(request.GET)
    )
    chosen = queue["reports"].in_bulk(list(reports.object_list))
    reports.object_list = [chosen[pk] for pk in reports.object_list if pk in chosen]
    others = {key: queue[key] for key in ("plans", "completions", "revisions")}
    context: dict[str, object] = {"reports": reports, "page": reports}
    for key, qs in others.items():
        context[key] = qs[:50]
        context[f"{key}_total"] = qs.count()
    return render(request, "progress/review_queue.html", context)


@require_POST
@perm_required(Perm.PROGRESS_REVIEW)
def review_batch_view(request: HttpRequest) -> HttpResponse:
    """批量审核通过 the ticked reports of the queue (each audited; one transaction)."""
    ids = params.get_ids(request.POST, "report")
    if not ids:
        messages.error(request, "请先勾选要审核通过的进展报告。")
    else:
        result = services.progress_reports_approve(report_ids=ids, actor=request.user)
        note = f"；{result.skipped} 份已不在待审核状态，未处理" if result.skipped else ""
        messages.success(request, f"已审核通过 {result.approved} 份进展报告{note}。")
    return redirect(f"{reverse('progress:review-queue')}?page={params.get_page(request.POST)}")


@perm_required(Perm.PROGRESS_REVIEW)
def late_list_view(request: HttpRequest) -> HttpResponse:
    """Who is late (or due soon) on ``as_of``: the same list ``duban remind`` works from."""
    day = as_of(request)
    own = document_scope(request.user)  # the office's government's documents
    page = services.late_page(as_of=day, page=params.get_page(request.GET), documents=own)
    return render(
        request,
        "progress/late_list.html",
        {
            "items": page.items,
            "page": page,
            "as_of": day,
            "stage_labels": STAGE_LABELS,
            "acknowledge_days": settings.DUBAN_ACKNOWLEDGE_DAYS,
            "chase_interval": settings.DUBAN_CHASE_INTERVAL_DAYS,
            "default_requirement": default_requirement(clock.today()),
            # the units' own parts not filed: a section of its own (services.late_parts)
            "parts": part_page(
                late_groups(as_of=day, documents=own),
                as_of=day,
                page=params.get_page(request.GET, "ppage"),
            ),
        },
    )


@perm_required(Perm.PROGRESS_REVIEW)
def periods_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(
        within(SourceDocument.objects, document_scope(request.user)), pk=pk
    )
    if request.method == "POST":
        period = get_object_or_404(
            ReportingPeriod, pk=params.get_id(request.POST, "period") or 0, document=document
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
    notes = selectors.notification_list(user=request.user)[:100]
    return render(
        request,
        "progress/notifications.html",
        {
            "notifications": notes,
            "unread": selectors.unread_notification_count(user=request.user),
        },
    )


@require_POST
@perm_required(Perm.PROGRESS_VIEW)
def notification_read_view(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(selectors.notification_list(user=request.user), pk=pk)
    services.notification_mark_read(notification=note, actor=request.user)
    return redirect("progress:notifications")


@require_POST
@perm_required(Perm.PROGRESS_VIEW)
def notification_read_all_view(request: HttpRequest) -> HttpResponse:
    count = services.notification_mark_all_read(actor=request.user)
    messages.success(request, f"已将 {count} 条通知标为已读。" if count else "没有未读通知。")
    return redirect("progress:notifications")
