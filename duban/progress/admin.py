from django.contrib import admin

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
