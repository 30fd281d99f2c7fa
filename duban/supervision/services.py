"""Supervision writes: scoring weights, the publish switch, carrying unfinished tasks over.

Each is keyword-only, atomic and audited; ``actor=None`` is the system (CLI, tests).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from duban.accounts.permissions import Perm, acts_for, can
from duban.audit.services import audit_record
from duban.core.actors import stored_user
from duban.core.exceptions import ApplicationError
from duban.orgs.models import Government
from duban.plans.models import (
    DocumentKind,
    Section,
    SourceDocument,
    Target,
    Task,
    TaskLeader,
    TaskList,
    TaskUnit,
)
from duban.progress.services import periods_ensure
from duban.progress.standing.refresh import rebuild_document
from duban.supervision.models import CarriedTask, Publication, ScoringScheme
from duban.supervision.snapshot import TaskInfo
from duban.supervision.yearend import carry_over_plan

WEIGHTS_INVALID = "权重不能为负数，且合计须大于0。"
CARRY_LIST_TITLE = "上年未完成结转任务"


def _require(actor: Any, perm: Perm) -> None:
    if actor is not None and not can(actor, perm):
        raise PermissionDenied


@transaction.atomic
def scoring_scheme_create(
    *,
    on_time: Decimal,
    targets_met: Decimal,
    schedule_met: Decimal,
    quality: Decimal,
    note: str = "",
    actor: Any,
) -> ScoringScheme:
    """A new set of 赛马 weights; it applies from now and the old one stays on record."""
    _require(actor, Perm.PROGRESS_REVIEW)
    values = (on_time, targets_met, schedule_met, quality)
    if any(v < 0 for v in values) or sum(values) <= 0:
        raise ApplicationError(WEIGHTS_INVALID)
    scheme = ScoringScheme(
        on_time=on_time,
        targets_met=targets_met,
        schedule_met=schedule_met,
        quality=quality,
        note=note.strip()[:200],
        owner=Government.objects.for_actor(actor),
        created_by=stored_user(actor),
    )
    scheme.full_clean()
    scheme.save()
    audit_record(
        actor=actor,
        action="scoring.weights",
        target=scheme,
        summary=f"赛马评分权重调整为 {scheme}",
        data={"weights": [str(v) for v in values]},
    )
    return scheme


@transaction.atomic
def publication_set(*, document: SourceDocument, published: bool, actor: Any) -> Publication:
    """Turn the public view of a document's headline figures on or off."""
    _require(actor, Perm.PROGRESS_REVIEW)
    if actor is not None and not acts_for(actor, document.government_id):
        raise PermissionDenied  # another government's document
    publication, _ = Publication.objects.select_for_update().get_or_create(document=document)
    publication.is_published = published
    publication.changed_by = stored_user(actor)
    publication.save()
    audit_record(
        actor=actor,
        action="publication.set",
        target=document,
        summary=f"《{document.title}》公开展示{'开启' if published else '关闭'}",
        data={"published": published},
    )
    return publication


@dataclass(frozen=True)
class CarryOverResult:
    document: SourceDocument
    created: list[Task]
    skipped: int  # already carried over before


def _carry_document(origin: SourceDocument, year: int, actor: Any) -> SourceDocument:
    key = hashlib.sha256(f"carry-over:{origin.pk}:{year}".encode()).hexdigest()
    document, _ = SourceDocument.objects.get_or_create(
        sha256=key,
        defaults={
            "kind": DocumentKind.DECOMPOSITION,
            "title": f"{year}年结转任务（{origin.title}未完成事项）",
            "issuer": origin.issuer,
            "year": year,
            "level": origin.level,
            "filename": "",
            "imported_by": stored_user(actor),
        },
    )
    return document


def _copy_task(
    info: TaskInfo, task_list: TaskList, number: int, sections: dict[str, Section]
) -> Task:
    origin = Task.objects.get(pk=info.id)
    if info.section not in sections:
        sections[info.section] = Section.objects.create(
            task_list=task_list, title=info.section, path=info.section, position=len(sections)
        )
    task = Task.objects.create(
        task_list=task_list,
        section=sections[info.section],
        number=number,
        text=origin.text,
        baseline_text=origin.text,
        section_path=origin.section_path,
        leader_label=origin.leader_label,
        source_data={"carried_from": origin.pk},
    )
    TaskUnit.objects.bulk_create(
        TaskUnit(
            task=task, unit_id=u.unit_id, role=u.role, position=u.position, raw_name=u.raw_name
        )
        for u in TaskUnit.objects.filter(task=origin)
    )
    TaskLeader.objects.bulk_create(
        TaskLeader(task=task, post_id=link.post_id, raw_name=link.raw_name, position=link.position)
        for link in TaskLeader.objects.filter(task=origin)
    )
    targets = list(Target.objects.filter(task=origin))
    for target in targets:
        target.pk = None
        target.task = task
    Target.objects.bulk_create(targets)
    return task


def carry_year_check(*, document: SourceDocument, year: int) -> None:
    """结转 goes forward only: the target year must come after the document's."""
    if document.year and year <= document.year:
        raise ApplicationError("结转年度须晚于原任务年度。")


@transaction.atomic
def tasks_carry_over(
    *,
    document: SourceDocument,
    year: int,
    as_of: date | None = None,
    expected: int | None = None,
    actor: Any,
) -> CarryOverResult:
    """Create next-year tasks from the tasks not 已完成 by ``as_of`` (default: year end).

    What is carried is ``yearend.carry_over_plan`` — the list the year-end page shows and
    asks to confirm: tasks 销号 since the cut-off, withdrawn tasks and tasks carried before
    are left out. With ``expected`` (the count the user confirmed) nothing is written unless
    the plan still has exactly that many tasks.

    The new tasks go into a 结转 document for ``year`` (created once), keep the units,
    leaders and targets of their origin, drop its dates (a new deadline is set next year)
    and are linked to it by ``CarriedTask``. Running it again only adds what is missing.
    """
    _require(actor, Perm.PROGRESS_REVIEW)
    carry_year_check(document=document, year=year)
    plan = carry_over_plan(document=document, as_of=as_of)
    pending = plan.pending
    if expected is not None and len(pending) != expected:
        raise ApplicationError(
            f"待结转任务已变化：确认时为{expected}项，现为{len(pending)}项。请重新确认。"
        )
    target = _carry_document(document, year, actor)
    task_list, _ = TaskList.objects.get_or_create(document=target, title=CARRY_LIST_TITLE)
    sections = {s.title: s for s in Section.objects.filter(task_list=task_list)}
    number = Task.objects.filter(task_list=task_list).aggregate(n=Max("number"))["n"] or 0
    created = []
    for info in pending:
        number += 1
        task = _copy_task(info, task_list, number, sections)
        CarriedTask.objects.create(origin_id=info.id, successor=task, created_by=stored_user(actor))
        created.append(task)
    periods_ensure(document=target, actor=actor)  # the 结转 document reports from day one
    rebuild_document(target.pk)
    audit_record(
        actor=actor,
        action="task.carry_over",
        target=target,
        summary=f"《{document.title}》{len(created)}项未完成任务结转至{year}年"
        f"（截至{plan.as_of.year}年{plan.as_of.month}月{plan.as_of.day}日）",
        data={
            "as_of": plan.as_of.isoformat(),
            "origins": [t.id for t in pending],
            "successors": [t.pk for t in created],
        },
    )
    return CarryOverResult(document=target, created=created, skipped=plan.already)
