from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from duban.core.admin_display import yes_no
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
from duban.progress.parts.models import UnitPart


@admin.register(ReportingSchedule)
class ReportingScheduleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The 督查室's correction of a notice's schedule; the periods follow it on save."""

    list_display = ("document", "__str__", yes_no("is_default", "使用默认安排"))

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


@admin.register(UnitPart)
class UnitPartAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Units' own parts (分项报送); written in the app, where locking and the audit apply."""

    list_display = ("task", "period", "unit", "state", "version", "submitted_at")
    list_filter = ("state",)
    readonly_fields = ("version", "submitted_at", "submitted_by")
