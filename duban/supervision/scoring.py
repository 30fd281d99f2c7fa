"""Unit outcomes for 赛马 ranking: what each reporting unit achieved, never how busy it looked.

Scores are computed over every task of the document (a fair race needs the whole field);
who may see which rows is decided afterwards by ``accounts.permissions.unit_scope``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from duban.accounts.permissions import government_scope, unit_scope, within
from duban.orgs.models import OrgUnit
from duban.plans.models import SourceDocument
from duban.progress.standing import queries as standing
from duban.supervision.models import ScoringScheme
from duban.supervision.rules import Outcome, Ranked, Weights, rank


def weights_current(*, user: Any = None) -> Weights:
    """The newest ``ScoringScheme`` of ``user``'s government (any without a user), else the
    defaults (30/30/25/15)."""
    scope = government_scope(user) if user is not None else None
    scheme = within(ScoringScheme.objects, scope).first()
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


def _outcome(counts: standing.UnitOutcome) -> Outcome:
    return Outcome(
        unit_id=counts.unit_id,
        unit_name=counts.unit_name,
        tasks=counts.tasks,
        on_time=_share(counts.on_time, counts.due),
        targets_met=_share(counts.met, counts.measured),
        schedule_met=_share(counts.schedule_met, counts.tasks),
        quality=_share(counts.submitted - counts.returned, counts.submitted),
    )


def unit_outcomes(*, document: SourceDocument, as_of: date) -> list[Outcome]:
    """Every reporting unit's outcome shares on ``as_of``, from the read model's counts."""
    return [_outcome(c) for c in standing.unit_outcomes(document, as_of)]


@dataclass(frozen=True)
class Ranking:
    weights: Weights
    rows: list[Ranked]
    as_of: date


def ranking(*, user: Any, document: SourceDocument, as_of: date) -> Ranking:
    """The whole field ranked; the rows returned are those of units ``user`` may see."""
    weights = weights_current(user=user)
    ranked = rank(unit_outcomes(document=document, as_of=as_of), weights)
    scope = unit_scope(user)
    if scope is not None:
        visible = set(OrgUnit.objects.filter(scope).values_list("pk", flat=True))
        ranked = [r for r in ranked if r.outcome.unit_id in visible]
    return Ranking(weights=weights, rows=ranked, as_of=as_of)
