"""The year's reporting of bench/scale.py: reports, review steps, actuals, 办结 and 调整/延期.

A realistic mix per period: most reports submitted before the 10th, some late, some missing
(and a few tasks that fall silent), reviews a few days after; the latest period's queue is
still half unreviewed. Some tasks are closed (approved 办结申请), some have approved
revisions. Rows carry the dates they would have had, so ``created_at`` is written as given
(``historic_timestamps``), not as the moment of the build.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from scalegen import BATCH, CHUNK, TaskFacts, aware
from tqdm import tqdm

CUMULATIVE = ("count", "level")
PROBLEMS = (
    "",
    "",
    "",
    "资金拨付进度偏慢。",
    "用地指标尚未落实。",
    "施工受雨季影响。",
    "审批手续办理周期较长。",
)


@dataclass(frozen=True)
class Period:
    pk: int
    label: str
    end: date
    due: date


@contextmanager
def historic_timestamps(*models: Any) -> Iterator[None]:
    """Let ``created_at`` / ``updated_at`` be written as set (bench only; restored after)."""
    saved = []
    for model in models:
        for name in ("created_at", "updated_at"):
            f = model._meta.get_field(name)
            saved.append((f, f.auto_now, f.auto_now_add))
            f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _steps(  # noqa: PLR0911 (one return per outcome)
    rng: random.Random, f: TaskFacts, p: Period, latest: bool, now: datetime
) -> list[tuple[str, datetime]] | None:
    """The review steps of one task's report for one period; None: no report at all."""
    missing = 0.12 if f.fate == "laggard" else 0.03
    if rng.random() < missing:
        return None
    if rng.random() < 0.01:
        return []  # a draft never submitted
    late = rng.random() < (0.35 if f.fate == "laggard" else 0.08)
    day = (
        p.due + timedelta(days=rng.randint(1, 20))
        if late
        else p.due - timedelta(days=rng.randint(0, 9))
    )
    submitted = aware(day, rng.randint(8, 17), rng.randint(0, 59))
    if submitted > now:
        return None
    steps = [("submitted", submitted)]
    roll = rng.random()
    reviewed = submitted + timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 5))
    if (latest and roll < 0.45) or roll < 0.015 or reviewed > now:
        return steps
    if roll < 0.045:
        return [*steps, ("returned", reviewed)]
    if roll < 0.075:
        again = reviewed + timedelta(days=rng.randint(1, 4))
        steps += [("returned", reviewed), ("submitted", again)]
        reviewed = again + timedelta(days=rng.randint(1, 3))
        if reviewed > now:
            return steps
    return [*steps, ("approved", reviewed)]


def _actual(rng: random.Random, f: TaskFacts, kind: str, value: Decimal, share: float) -> Decimal:
    lagging = f.fate == "laggard"
    if kind in CUMULATIVE:
        factor = rng.uniform(0.4, 0.8) if lagging else rng.uniform(0.9, 1.2)
        return (value * Decimal(min(1.3, share * factor))).quantize(Decimal("0.01"))
    factor = rng.uniform(0.6, 0.9) if lagging else rng.uniform(0.85, 1.15)
    return (value * Decimal(factor)).quantize(Decimal("0.01"))


def _stage(rng: random.Random, f: TaskFacts, p: Period) -> tuple[int, str] | None:
    reached = [(pk, text) for pk, due, text in f.milestones if due <= p.end]
    if reached and rng.random() < (0.25 if f.fate == "laggard" else 0.6):
        return reached[-1]
    return None


def _report(  # noqa: PLR0917
    rng: random.Random,
    f: TaskFacts,
    p: Period,
    steps: list[tuple[str, datetime]],
    users: dict[int, int],
    office: int,
) -> Any:
    from duban.progress.models import ProgressReport

    user = users.get(f.unit_id)
    state = steps[-1][0] if steps else "draft"
    first = steps[0][1] if steps else aware(p.due - timedelta(days=3))
    stage = _stage(rng, f, p)
    reviewed = steps[-1][1] if state in ("returned", "approved") else None
    return ProgressReport(
        task_id=f.pk,
        period_id=p.pk,
        unit_id=f.unit_id,
        state=state,
        progress=f"截至{p.end.month}月底，{stage[1] if stage else '各项工作按计划推进'}，"
        f"累计完成年度计划的{rng.randint(5, 100)}%，已召开专题推进会{rng.randint(1, 5)}次。",
        stage_id=stage[0] if stage else None,
        stage_text=stage[1] if stage else "",
        problems=rng.choice(PROBLEMS),
        next_steps="下一步将加大协调力度，确保按期完成年度目标。",
        version=1 + sum(1 for s, _ in steps if s == "submitted"),
        updated_by_id=user,
        submitted_at=first if steps else None,
        submitted_by_id=user if steps else None,
        review_note="请补充量化进展和佐证材料。" if state == "returned" else "",
        reviewed_by_id=office if reviewed else None,
        reviewed_at=reviewed,
        created_at=first - timedelta(days=rng.randint(0, 3)),
        updated_at=steps[-1][1] if steps else first,
    )


def build_reports(
    *,
    facts: list[TaskFacts],
    periods: list[Period],
    users: dict[int, int],
    office: int,
    now: datetime,
    with_steps: bool,
    rng: random.Random,
) -> set[int]:
    """Every task's reports over the periods; returns the tasks with a submitted report."""
    from duban.progress import models
    from duban.progress.models import ProgressReport, ReportActual

    step = getattr(models, "ReportStep", None)  # newer than some checkouts

    due = [k for k, p in enumerate(periods) if aware(p.due) <= now]
    latest = due[-1] if due else -1
    reported: set[int] = set()
    chunks = range(0, len(facts), CHUNK)
    bar = tqdm(total=len(periods) * len(chunks), desc="reports", unit="chunk", leave=False)
    with historic_timestamps(ProgressReport):
        for k, p in enumerate(periods):
            share = (k + 1) / len(periods)
            for start in chunks:
                rows, keep = [], []
                for f in facts[start : start + CHUNK]:
                    if (f.fate == "closed" and k > f.turn) or (f.fate == "silent" and k >= f.turn):
                        continue
                    steps = _steps(rng, f, p, k == latest, now)
                    if steps is None:
                        continue
                    rows.append(_report(rng, f, p, steps, users, office))
                    keep.append((f, steps))
                ProgressReport.objects.bulk_create(rows, batch_size=BATCH)
                actuals, trail = [], []
                for report, (f, steps) in zip(rows, keep, strict=True):
                    if steps:
                        reported.add(f.pk)
                    actuals += [
                        ReportActual(
                            report=report, target_id=t, value=_actual(rng, f, kind, v, share)
                        )
                        for t, kind, v in f.targets
                    ]
                    if step is not None:
                        trail += [
                            step(report=report, task_id=f.pk, state=s, at=at) for s, at in steps
                        ]
                ReportActual.objects.bulk_create(actuals, batch_size=BATCH * 2)
                if with_steps and step is not None:
                    step.objects.bulk_create(trail, batch_size=BATCH * 2)
                bar.update(1)
    bar.close()
    return reported


def build_workflow(
    *,
    facts: list[TaskFacts],
    periods: list[Period],
    reported: set[int],
    users: dict[int, int],
    office: int,
    now: datetime,
    rng: random.Random,
) -> None:
    """督办 state per task, 办结申请 (closed tasks approved), and 调整/延期 decisions."""
    from duban.progress.models import CompletionRequest, Revision, TaskTracking
    from duban.progress.parts.models import UnitSignature

    tracking, requests, revisions, signatures = [], [], [], []
    year_end = periods[-1].end
    last_due = max((p.due for p in periods if aware(p.due) <= now), default=periods[0].due)
    with historic_timestamps(TaskTracking, CompletionRequest, Revision, UnitSignature):
        for f in facts:
            user = users.get(f.unit_id)
            state, closed_at = ("reporting" if f.pk in reported else "acknowledged"), None
            roll = rng.random()
            if f.fate == "closed":
                closed_at = min(aware(periods[f.turn].due + timedelta(days=20), 16), now)
                state = "closed"
                requests.append(
                    _request(f, "approved", closed_at - timedelta(days=5), closed_at, user, office)
                )
            elif roll < 0.01 or (roll < 0.015 and f.pk in reported):
                asked = min(aware(last_due + timedelta(days=3)), now)
                outcome = "submitted" if roll < 0.01 else "returned"
                state = "completion_requested" if outcome == "submitted" else "returned"
                decided = asked + timedelta(days=2) if outcome == "returned" else None
                requests.append(_request(f, outcome, asked, decided, user, office))
            start = aware(periods[0].due - timedelta(days=25))
            tracking.append(
                TaskTracking(
                    task_id=f.pk,
                    state=state,
                    closed_at=closed_at,
                    created_at=start,
                    updated_at=closed_at or start,
                )
            )
            signatures.append(  # the reporting unit signed (签收 is per unit)
                UnitSignature(
                    task_id=f.pk,
                    unit_id=f.unit_id,
                    signed_at=start,
                    signed_by_id=user,
                    created_at=start,
                    updated_at=start,
                )
            )
            revision = _revision(rng, f, year_end, users, office, now)
            if revision is not None:
                revisions.append(revision)
        TaskTracking.objects.bulk_create(tracking, batch_size=BATCH)
        UnitSignature.objects.bulk_create(signatures, batch_size=BATCH)
        CompletionRequest.objects.bulk_create(requests, batch_size=BATCH)
        Revision.objects.bulk_create(revisions, batch_size=BATCH)


def _request(  # noqa: PLR0917
    f: TaskFacts,
    state: str,
    asked: datetime,
    decided: datetime | None,
    user: int | None,
    office: int,
) -> Any:
    from duban.progress.models import CompletionRequest

    return CompletionRequest(
        task_id=f.pk,
        unit_id=f.unit_id,
        summary="年度目标任务已全面完成，相关佐证材料已上传。",
        state=state,
        requested_by_id=user,
        review_note="佐证材料不足，请补充。" if state == "returned" else "",
        reviewed_by_id=office if decided else None,
        reviewed_at=decided,
        created_at=asked,
        updated_at=decided or asked,
    )


def _revision(  # noqa: PLR0917
    rng: random.Random,
    f: TaskFacts,
    year_end: date,
    users: dict[int, int],
    office: int,
    now: datetime,
) -> Any:
    """2% approved, 0.5% pending, 0.3% rejected; an extension or a target adjustment."""
    from duban.progress.models import Revision

    roll = rng.random()
    if roll >= 0.028 or not (f.targets or f.milestones):
        return None
    state = "approved" if roll < 0.02 else "submitted" if roll < 0.025 else "returned"
    asked = min(aware(date(year_end.year, rng.randint(5, 9), rng.randint(1, 28))), now)
    decided = asked + timedelta(days=rng.randint(2, 10)) if state != "submitted" else None
    common = {
        "task_id": f.pk,
        "reason": "受项目前期手续影响，申请调整。",
        "state": state,
        "requested_by_id": users.get(f.unit_id),
        "decision_note": "同意。" if state == "approved" else ("理由不充分。" if decided else ""),
        "decided_by_id": office if decided else None,
        "decided_at": decided,
        "created_at": asked,
        "updated_at": decided or asked,
    }
    if f.milestones and (not f.targets or rng.random() < 0.5):
        last = max(due for _, due, _ in f.milestones)
        return Revision(
            kind="extend", new_deadline=min(last + timedelta(days=90), year_end), **common
        )
    target, _, value = f.targets[0]
    return Revision(kind="adjust", target_id=target, new_value=value * Decimal("0.8"), **common)
