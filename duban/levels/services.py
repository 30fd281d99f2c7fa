"""Writes of 上下级关联: proposing a document pair's links, and the office's decisions.

Proposing is idempotent: a pair already stored — pending, confirmed or rejected — is left
exactly as it is, so running it again adds only what is new and never undoes a decision.
Each write is atomic and audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from duban.audit.services import audit_record
from duban.core import clock
from duban.core.actors import stored_user
from duban.core.exceptions import ApplicationError
from duban.levels import selectors
from duban.levels.models import LevelLink, LinkStatus
from duban.levels.proposals import NearMiss, Proposal, propose
from duban.plans.models import SourceDocument

SAME_DOCUMENT = "上级文件和下级文件不能是同一个文件。"


@dataclass(frozen=True)
class ProposeResult:
    created: int
    kept: int
    near_misses: list[NearMiss]


def _key(p: Proposal) -> tuple[Any, ...]:
    if p.upper_target is not None:
        return ("target", p.upper_target, p.lower_target)
    return ("task", p.upper_task, p.lower_task)


def _link_key(link: LevelLink) -> tuple[Any, ...]:
    if link.upper_target_id is not None:
        return ("target", link.upper_target_id, link.lower_target_id)
    return ("task", link.upper_task_id, link.lower_task_id)


@transaction.atomic
def propose_links(
    *, upper_document: SourceDocument, lower_document: SourceDocument, actor: Any
) -> ProposeResult:
    """Store the proposals for ``lower_document``'s tasks against ``upper_document``'s."""
    if upper_document.pk == lower_document.pk:
        raise ApplicationError(SAME_DOCUMENT)
    upper = selectors.task_facts(upper_document, assigned_to=lower_document)
    lower = selectors.task_facts(lower_document)
    outcome = propose(upper, lower)
    # any stored pair of these tasks, whichever documents it was proposed for
    stored = LevelLink.objects.filter(
        upper_task__in=[t.id for t in upper], lower_task__in=[t.id for t in lower]
    )
    known = {_link_key(link) for link in stored}
    new = [
        LevelLink(
            upper_document=upper_document,
            lower_document=lower_document,
            upper_task_id=p.upper_task,
            lower_task_id=p.lower_task,
            upper_target_id=p.upper_target,
            lower_target_id=p.lower_target,
            basis=p.basis,
            score=p.score,
            reason=p.reason[:300],
        )
        for p in outcome.proposals
        if _key(p) not in known
    ]
    LevelLink.objects.bulk_create(new)
    result = ProposeResult(len(new), len(outcome.proposals) - len(new), outcome.near_misses)
    audit_record(
        actor=actor,
        action="level.propose",
        target=lower_document,
        summary=f"《{lower_document.title}》对《{upper_document.title}》：新建议 {len(new)} 项",
        data={
            "upper_document": upper_document.pk,
            "lower_document": lower_document.pk,
            "created": result.created,
            "kept": result.kept,
        },
    )
    return result


def _decide(link: LevelLink, accept: bool, actor: Any) -> tuple[str, str]:
    before = link.status
    link.status = LinkStatus.CONFIRMED if accept else LinkStatus.REJECTED
    link.decided_by = stored_user(actor)
    link.decided_at = clock.now()
    link.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    return before, link.status


@transaction.atomic
def decide_link(*, link: LevelLink, accept: bool, actor: Any) -> LevelLink:
    """确认 or 否决 one proposal; a decided link can be decided again (the office corrects
    itself), and the audit keeps both decisions."""
    locked = LevelLink.objects.select_for_update().get(pk=link.pk)
    before, after = _decide(locked, accept, actor)
    audit_record(
        actor=actor,
        action="level.decide",
        target=locked,
        summary=f"{locked.get_status_display()}：{locked.reason}",
        data={
            "task": locked.lower_task_id,
            "upper_task": locked.upper_task_id,
            "changes": [["status", before, after]],
        },
    )
    return locked


@transaction.atomic
def decide_links(*, links: Iterable[LevelLink], accept: bool, actor: Any) -> int:
    """确认 or 否决 several proposals at once (one audit record naming them all)."""
    ids = sorted({link.pk for link in links})
    locked = list(LevelLink.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    changes = []
    for link in locked:
        before, after = _decide(link, accept, actor)
        changes.append([link.pk, before, after])
    if locked:
        label = "确认" if accept else "否决"
        audit_record(
            actor=actor,
            action="level.decide_batch",
            target=locked[0].lower_document,
            summary=f"批量{label} {len(locked)} 项上下级关联",
            data={"links": changes},
        )
    return len(locked)
