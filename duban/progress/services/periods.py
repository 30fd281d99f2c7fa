"""Reporting periods: generated once from a document's schedule, then edited by the 督查室."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from duban.accounts.permissions import Perm
from duban.audit.services import audit_record
from duban.core import clock
from duban.plans.models import ReportingSchedule, SourceDocument
from duban.progress.models import ProgressReport, ReportingPeriod
from duban.progress.periodrules import PeriodSpec, ScheduleSpec, build_periods
from duban.progress.services.common import require
from duban.progress.standing.refresh import rebuild_document


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


def _specs(document: SourceDocument) -> list[PeriodSpec]:
    schedule = ReportingSchedule.objects.filter(document=document).first()
    return build_periods(_spec(schedule), year=_year(document), issued_on=document.issued_on)


@transaction.atomic
def periods_ensure(*, document: SourceDocument, actor: Any = None) -> list[ReportingPeriod]:
    """Create the document's periods if it has none yet (idempotent; never touches edits).

    Called by the workflows that create documents (import confirm, carry-over), never by a
    page: a GET request writes nothing.
    """
    existing = list(ReportingPeriod.objects.filter(document=document).order_by("due_date"))
    if existing:
        return existing
    periods = ReportingPeriod.objects.bulk_create(
        ReportingPeriod(
            document=document, kind=s.kind, label=s.label, start=s.start, end=s.end, due_date=s.due
        )
        for s in _specs(document)
    )
    audit_record(
        actor=actor,
        action="period.generate",
        target=document,
        summary=f"《{document.title}》生成 {len(periods)} 个报送期",
    )
    return periods


@dataclass(frozen=True)
class Regenerated:
    created: int
    changed: int
    deleted: int
    kept: int  # periods the new schedule no longer has, kept because reports were made on them


@transaction.atomic
def periods_regenerate(*, document: SourceDocument, actor: Any = None) -> Regenerated:
    """Bring the document's periods in line with its (edited) reporting schedule.

    A period is known by its kind and start: one the schedule still yields takes the
    schedule's label, end and due date (a due date moved by hand follows the schedule
    again); one it yields no more is deleted, unless reports were made on it, then kept.
    """
    specs = {(s.kind, s.start): s for s in _specs(document)}
    existing = {
        (p.kind, p.start): p
        for p in ReportingPeriod.objects.select_for_update().filter(document=document)
    }
    changed = []
    for key, period in existing.items():
        spec = specs.get(key)
        if spec is None:
            continue
        if (period.label, period.end, period.due_date) != (spec.label, spec.end, spec.due):
            period.label, period.end, period.due_date = spec.label, spec.end, spec.due
            period.updated_at = clock.now()
            changed.append(period)
    ReportingPeriod.objects.bulk_update(changed, ["label", "end", "due_date", "updated_at"])
    gone = [p.pk for key, p in existing.items() if key not in specs]
    used = set(
        ProgressReport.objects.filter(period_id__in=gone).values_list("period_id", flat=True)
    )
    ReportingPeriod.objects.filter(pk__in=set(gone) - used).delete()
    created = ReportingPeriod.objects.bulk_create(
        ReportingPeriod(
            document=document, kind=s.kind, label=s.label, start=s.start, end=s.end, due_date=s.due
        )
        for key, s in specs.items()
        if key not in existing
    )
    outcome = Regenerated(
        created=len(created), changed=len(changed), deleted=len(gone) - len(used), kept=len(used)
    )
    audit_record(
        actor=actor,
        action="period.regenerate",
        target=document,
        summary=f"《{document.title}》按报送安排重新生成报送期：新增 {outcome.created} 个，"
        f"修改 {outcome.changed} 个，删除 {outcome.deleted} 个，保留 {outcome.kept} 个（已有报送）",
        data=dataclasses.asdict(outcome),
    )
    rebuild_document(document.pk)  # lateness and lights follow the new due dates
    return outcome


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
    rebuild_document(period.document_id)
    return period
