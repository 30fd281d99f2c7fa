"""Admin: the office's correction path for imported tasks (a hand edit marks its field 人工修改)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from duban.core.admin_display import yes_no
from duban.plans import admin_summary, provenance
from duban.plans.models import (
    ImportBatch,
    ImportName,
    ImportRow,
    Milestone,
    Section,
    SourceDocument,
    Target,
    Task,
    TaskCollective,
    TaskLeader,
    TaskList,
    TaskUnit,
)
from duban.plans.services import preview


class TaskUnitInline(admin.TabularInline):  # type: ignore[type-arg]
    model = TaskUnit
    extra = 0
    autocomplete_fields = ("unit",)


class TaskLeaderInline(admin.TabularInline):  # type: ignore[type-arg]
    model = TaskLeader
    extra = 0


class TaskCollectiveInline(admin.TabularInline):  # type: ignore[type-arg]
    model = TaskCollective
    extra = 0


class TargetInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Target
    extra = 0


class MilestoneInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Milestone
    extra = 0


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "number",
        "short_text",
        "task_list",
        "deadline_text",
        yes_no("is_withdrawn", "已撤销"),
    )
    list_filter = ("task_list__document", "is_withdrawn")
    search_fields = ("text",)
    readonly_fields = ("baseline_text", "parse_record")
    exclude = ("source_data",)  # program data: shown as ``parse_record``, never edited raw
    inlines = (
        TaskUnitInline,
        TaskCollectiveInline,
        TaskLeaderInline,
        TargetInline,
        MilestoneInline,
    )

    @admin.display(description="任务内容")
    def short_text(self, obj: Task) -> str:
        return obj.text[:60]

    @admin.display(description="解析记录（用于修订比对）")
    def parse_record(self, obj: Task) -> str:
        return admin_summary.record_summary(obj.source_data)

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        """After saving, record which duty fields were corrected by hand."""
        super().save_related(request, form, formsets, change)
        task = form.instance
        fields = edited_fields(form, formsets)
        if change and fields and task.source_data:
            task.source_data = provenance.mark_manual(task.source_data, fields)
            task.save(update_fields=["source_data", "updated_at"])


def edited_fields(form: Any, formsets: Any) -> set[str]:
    """The duty fields (``leaders``, ``lead_units``…, ``deadline``) an admin save changed."""
    fields = {"deadline"} if "deadline_text" in form.changed_data else set()
    for formset in formsets:
        model = formset.model
        if model not in (TaskUnit, TaskCollective, TaskLeader):
            continue
        for inline in formset.forms:
            if not (inline.has_changed() or inline in formset.deleted_forms):
                continue
            if model is TaskLeader:
                fields.add("leaders")
                continue
            roles = {inline.initial.get("role"), getattr(inline, "cleaned_data", {}).get("role")}
            fields.update(
                provenance.FIELD_OF_ROLE[r] for r in roles if r in provenance.FIELD_OF_ROLE
            )
    return fields


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "doc_number", "kind", "year", "issuer", "created_at")
    list_filter = ("kind", "year")
    search_fields = ("title", "doc_number")


admin.site.register(TaskList)
admin.site.register(Section)
# ReportingSchedule is registered in ``duban.progress.admin``: saving it regenerates the periods.


class ImportRowInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ImportRow
    extra = 0
    fields = ("position", "list_title", "number", "state", "change", "notes")
    readonly_fields = fields

    @admin.display(description="提示")
    def notes(self, obj: ImportRow) -> str:
        return admin_summary.issue_summary(obj.messages)


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("filename", "status", "created_by", "created_at", "document")
    list_filter = ("status",)
    inlines = (ImportRowInline,)
    readonly_fields = ("document_shown", "issues_shown")
    exclude = ("document_info", "issues")  # program data: shown in Chinese, never edited raw

    @admin.display(description="文件信息")
    def document_shown(self, obj: ImportBatch) -> str:
        return admin_summary.document_summary(obj.document_info)

    @admin.display(description="文件级提示")
    def issues_shown(self, obj: ImportBatch) -> str:
        return admin_summary.issue_summary(obj.issues)


class MatchFilter(admin.SimpleListFilter):
    """``match`` has no model choices (two enums share it): filter by their Chinese labels."""

    title = "匹配方式"
    parameter_name = "match"

    def lookups(self, request: Any, model_admin: Any) -> tuple[tuple[str, str], ...]:
        return preview.MATCH_CHOICES

    def queryset(self, request: Any, queryset: Any) -> Any:
        return queryset.filter(match=self.value()) if self.value() else queryset


@admin.register(ImportName)
class ImportNameAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "kind", "match_shown", "action", "unit", "batch")
    list_filter = ("kind", MatchFilter, "action")
    readonly_fields = ("match_shown", "suggestions_shown")
    exclude = ("match", "suggestions")  # the matcher's codes and scores: shown in Chinese

    @admin.display(description="匹配方式", ordering="match")
    def match_shown(self, obj: ImportName) -> str:
        return preview.match_label(obj.match)

    @admin.display(description="相似单位")
    def suggestions_shown(self, obj: ImportName) -> str:
        return admin_summary.suggestion_summary(obj.suggestions)
