"""Unit outcomes for 赛马 ranking: what each reporting unit achieved, never how busy it looked.

Scores are computed over every task of the document (a fair race needs the whole field);
who may see which rows is decided afterwards by ``accounts.permissions.unit_scope``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from duban.accounts.permissions import unit_scope
from duban.audit.models import AuditEvent
from duban.orgs.models import OrgUnit
from duban.plans.models import SourceDocument, Task
from duban.supervision.models import ScoringScheme
from duban.supervision.rules import Outcome, Ranked, Weights, is_met, rank, year_end_ratio
from duban.supervision.snapshot import Dataset, Evaluated, on_track


def weights_current() -> Weights:
    """The newest ``ScoringScheme``, else the defaults (30/30/25/15)."""
    scheme = ScoringScheme.objects.first()
    if scheme is None:
        return Weights()
    return Weights(
        on_time=float(scheme.on_time),
        targets_met=float(scheme.targets_met),
        schedule_met=float(scheme.schedule_met),
        quality=float(scheme.quality),
    )


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _returned_reports(report_ids: set[int]) -> set[int]:
    """Reports that were ever returned (退回), from the audit trail the services write."""
    events = AuditEvent.objects.filter(
        action="report.return", object_type="progress.progressreport"
    ).values_list("object_id", flat=True)
    return {int(pk) for pk in events if pk.isdigit() and int(pk) in report_ids}


def _outcome(
    unit: tuple[int, str], rows: list[Evaluated], as_of: date, returned: set[int]
) -> Outcome:
    due = on_time = measured = met = submitted = bad = 0
    for row in rows:
        task = row.task
        closed = task.closed_on is not None and task.closed_on <= as_of
        if closed or (task.deadline is not None and task.deadline <= as_of):
            due += 1
            if closed and (task.deadline is None or task.closed_on <= task.deadline):  # type: ignore[operator]
                on_time += 1
        for target in task.targets:
            actual = row.latest.actuals.get(target.id) if row.latest else None
            ratio = year_end_ratio(
                kind=target.kind, comparator=target.comparator, goal=target.goal, actual=actual
            )
            if ratio is not None:
                measured += 1
                met += bool(is_met(ratio, comparator=target.comparator))
        for report in task.reports:
            if report.submitted_on is not None and report.submitted_on <= as_of:
                submitted += 1
                bad += report.id in returned or report.state == "returned"
    return Outcome(
        unit_id=unit[0],
        unit_name=unit[1],
        tasks=len(rows),
        on_time=_share(on_time, due),
        targets_met=_share(met, measured),
        schedule_met=_share(sum(on_track(r.status) for r in rows), len(rows)),
        quality=_share(submitted - bad, submitted),
    )


def unit_outcomes(*, data: Dataset, as_of: date) -> list[Outcome]:
    rows = data.evaluate(as_of)
    by_unit: dict[tuple[int, str], list[Evaluated]] = defaultdict(list)
    for row in rows:
        if row.task.reporting_unit is not None:
            by_unit[row.task.reporting_unit].append(row)
    report_ids = {r.id for t in data.tasks for r in t.reports}
    returned = _returned_reports(report_ids)
    return [_outcome(unit, unit_rows, as_of, returned) for unit, unit_rows in by_unit.items()]


@dataclass(frozen=True)
class Ranking:
    weights: Weights
    rows: list[Ranked]
    as_of: date


def ranking(*, user: Any, document: SourceDocument, as_of: date) -> Ranking:
    """The whole field ranked; the rows returned are those of units ``user`` may see."""
    data = Dataset(document, Task.objects.all())
    weights = weights_current()
    ranked = rank(unit_outcomes(data=data, as_of=as_of), weights)
    scope = unit_scope(user)
    if scope is not None:
        visible = set(OrgUnit.objects.filter(scope).values_list("pk", flat=True))
        ranked = [r for r in ranked if r.outcome.unit_id in visible]
    return Ranking(weights=weights, rows=ranked, as_of=as_of)
