"""Progress writes, one module per topic; every write is atomic and audited."""

from duban.progress.services.common import ConflictError
from duban.progress.services.evidence import Upload, evidence_add
from duban.progress.services.notifications import (
    notification_mark_all_read,
    notification_mark_read,
)
from duban.progress.services.parts import unit_part_save
from duban.progress.services.periods import (
    Regenerated,
    period_update,
    periods_ensure,
    periods_regenerate,
)
from duban.progress.services.plans import StageInput, unit_plan_review, unit_plan_save
from duban.progress.services.reminders import late_items, late_page, reminders_run
from duban.progress.services.reports import (
    ReportInput,
    progress_report_review,
    progress_report_save,
)
from duban.progress.services.review_batch import BatchResult, progress_reports_approve
from duban.progress.services.workbook import WorkbookError, workbook_export, workbook_import
from duban.progress.services.workflow import (
    completion_request_create,
    completion_review,
    instruction_add,
    revision_decide,
    revision_request,
    task_acknowledge,
)

__all__ = [
    "BatchResult",
    "ConflictError",
    "Regenerated",
    "ReportInput",
    "StageInput",
    "Upload",
    "WorkbookError",
    "completion_request_create",
    "completion_review",
    "evidence_add",
    "instruction_add",
    "late_items",
    "late_page",
    "notification_mark_all_read",
    "notification_mark_read",
    "period_update",
    "periods_ensure",
    "periods_regenerate",
    "progress_report_review",
    "progress_report_save",
    "progress_reports_approve",
    "reminders_run",
    "revision_decide",
    "revision_request",
    "task_acknowledge",
    "unit_part_save",
    "unit_plan_review",
    "unit_plan_save",
    "workbook_export",
    "workbook_import",
]
