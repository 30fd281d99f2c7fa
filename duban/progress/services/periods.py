"""Reporting periods: generated once from a document's schedule, then edited by the 督查室."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from duban.accounts.permissions import Perm
from duban.audit.services import audit_record
from duban.plans.models import ReportingSchedule, SourceDocument
from duban.progress.models import ReportingPeriod
from duban.progress.periodrules import ScheduleSpec, build_periods
from duban.progress.services.common import require


def _spec(schedule: ReportingSchedule | None) -> ScheduleSpec:
    if schedule is None:
        return ScheduleSpec()  # the default: monthly, the 10th, covering the previous month
    ledger = tuple(date.fromisoformat(d) for d in schedule.ledger_dates)
    return ScheduleSpec(
        monthly_day=schedule.monthly_day,
        monthly_start_month=schedule.monthly_start_month,
        monthly_covers_previous=schedule.monthly_covers_previous,
        quarterly_day=schedule.quarterly_day,
        quarterly_covers_previous=schedule.quarterly_covers_previous,
        ledger_dates=ledger,
    )


def _year(document: SourceDocument) -> int:
    if document.year:
        return document.year
    return document.issued_on.year if document.issued_on else document.created_at.year


@transaction.atomic
def periods_ensure(*, document: SourceDocument, actor: Any = None) -> list[ReportingPeriod]:
    """Create the document's periods if it has none yet (idempotent; never touches edits)."""
    existing = list(ReportingPeriod.objects.filter(document=document).order_by("due_date"))
    if existing:
        return existing
    schedule = ReportingSchedule.objects.filter(document=document).first()
    specs = build_periods(_spec(schedule), year=_year(document), issued_on=document.issued_on)
    periods = ReportingPeriod.objects.bulk_create(
        ReportingPeriod(
            document=document, kind=s.kind, label=s.label, start=s.start, end=s.end, due_date=s.due
        )
        for s in specs
    )
    audit_record(
        actor=actor,
        action="period.generate",
        target=document,
        summary=f"《{document.title}》生成 {len(periods)} 个报送期",
    )
    return periods


@transaction.atomic
def period_update(
    *, period: ReportingPeriod, due_date: date, label: str, actor: Any
) -> ReportingPeriod:
    """Move a due date or rename a period (督查室 only); the change is audited."""
    require(actor, Perm.PROGRESS_REVIEW)
    before = {"due_date": period.due_date.isoformat(), "label": period.label}
    period.due_date = due_date
    period.label = label[:50] or period.label
    period.full_clean()
    period.save()
    after = {"due_date": period.due_date.isoformat(), "label": period.label}
    audit_record(
        actor=actor,
        action="period.update",
        target=period,
        summary=f"报送期 {period.label}：截止 {before['due_date']} → {after['due_date']}",
        data={"before": before, "after": after},
    )
    return period
