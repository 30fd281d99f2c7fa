from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from duban.plans.models import ReportingSchedule
from duban.progress import services
from duban.progress.models import (
    CompletionRequest,
    Evidence,
    Instruction,
    Notification,
    ProgressReport,
    ReportingPeriod,
    Revision,
    TaskTracking,
    UnitPlan,
)


@admin.register(ReportingSchedule)
class ReportingScheduleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The 督查室's correction of a notice's schedule; the periods follow it on save."""

    list_display = ("document", "__str__", "is_default")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)  # the admin wraps this in a transaction
        services.periods_regenerate(document=obj.document, actor=request.user)


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("label", "kind", "document", "start", "end", "due_date")
    list_filter = ("kind", "document")


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("task", "period", "unit", "state", "version", "submitted_at")
    list_filter = ("state",)
    readonly_fields = ("version",)


for model in (
    TaskTracking,
    UnitPlan,
    CompletionRequest,
    Evidence,
    Revision,
    Instruction,
    Notification,
):
    admin.site.register(model)
