"""Adding a task by hand and editing a task, in the app (督查室), each in one transaction.

Why a workflow: both write ``plans`` (the task and its links) and ``progress`` (the dated
revision, the 督办 tracking row, the document's reporting periods, the read model), which
``plans`` may not import. A hand-added task then follows the imported ones' road: it has
its tracking row and the document's periods, the read model knows it, and its units get
the 交办 notice (``assignment_send``).

An edit is kept three ways: a ``Revision`` of kind ``edit`` (dated, with the field changes,
listed on the task page beside the 调整/延期), an audit event tied to the task (its
history), and — for an imported task — its provenance saying 人工修改 for the duty fields
changed. A hand-added task is marked in ``source_data`` so that importing a revised notice
of its document does not take it for a task the new version deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max

from duban.accounts.permissions import Perm
from duban.audit.services import audit_record
from duban.core import clock
from duban.core.actors import stored_user
from duban.core.exceptions import ApplicationError
from duban.plans.models import Section, SourceDocument, Task, TaskList
from duban.plans.records import HAND_ENTERED
from duban.progress.models import ReviewState, Revision, RevisionKind
from duban.progress.services import periods_ensure
from duban.progress.services.assignment import assignment_send
from duban.progress.services.common import require, tracking_for
from duban.progress.standing.refresh import refresh_tasks
from duban.workflows import taskedit
from duban.workflows.taskedit import TaskInput

DOCUMENT_WITHDRAWN = "《{doc}》已撤回，不能再添加任务。"
DOCUMENT_SUPERSEDED = "《{doc}》已被修订稿《{newer}》替代，请在新版文件中添加任务。"
TASK_WITHDRAWN = "该任务已撤销，不能修改。"
NOTHING_CHANGED = "没有修改任何内容。"
NO_REASON = "请填写修改说明。"
SECTION_ELSEWHERE = "所选章节不属于该清单。"


@dataclass(frozen=True)
class Placement:
    """Where a hand-added task goes: a list of an existing document, a section, a number."""

    task_list: TaskList
    section: Section | None
    number: int


def next_number(task_list: TaskList) -> int:
    """The number a new task of ``task_list`` gets unless the 督查室 types another."""
    return (Task.objects.filter(task_list=task_list).aggregate(n=Max("number"))["n"] or 0) + 1


def _check_document(document: SourceDocument) -> None:
    if document.is_withdrawn:
        raise ApplicationError(DOCUMENT_WITHDRAWN.format(doc=document.title))
    newer = SourceDocument.objects.filter(supersedes=document, withdrawn_at__isnull=True).first()
    if newer is not None:
        raise ApplicationError(DOCUMENT_SUPERSEDED.format(doc=document.title, newer=newer.title))


def _write_links(task: Task, data: TaskInput) -> None:
    taskedit.write_leaders(task, data.leaders)
    taskedit.write_units(task, data.units)
    taskedit.write_milestones(task, data.milestones)
    taskedit.write_targets(task, data.targets)


@transaction.atomic
def task_add(*, placement: Placement, data: TaskInput, actor: Any) -> Task:
    """A task the notice did not list (领导批示, 会议议定, 上级交办…), added to a document's list.

    Refused (Chinese ApplicationError) for a withdrawn or superseded document, a section of
    another list, and input :func:`taskedit.check_input` refuses. Audited (``task.add``);
    the new task's units are told (交办) in the same transaction.
    """
    require(actor, Perm.TASK_MANAGE)
    task_list = TaskList.objects.select_related("document").get(pk=placement.task_list.pk)
    document = task_list.document
    _check_document(document)
    section = placement.section
    if section is not None and section.task_list_id != task_list.pk:
        raise ApplicationError(SECTION_ELSEWHERE)
    taskedit.check_input(None, data)
    task = Task.objects.create(
        task_list=task_list,
        section=section,
        number=placement.number,
        text=data.text.strip(),
        baseline_text=data.text.strip(),
        section_path=section.path if section else "",
        span_text="督查室手工添加",
        deadline_text=data.deadline_text.strip()[:200],
        leader_label="责任领导",
        source=data.source,
        source_data={HAND_ENTERED: True},
    )
    _write_links(task, data)
    periods_ensure(document=document, actor=actor)  # a document always has its periods
    tracking_for(task)  # 已交办, waiting for 签收
    after = taskedit.task_facts(task)
    audit_record(
        actor=actor,
        action="task.add",
        target=task,
        summary=f"手工添加任务 {task.number}（{task.get_source_display()}）：{task.text[:100]}",
        data={"task": task.pk, "document": document.pk, "changes": _added(after)},
    )
    refresh_tasks([task.pk])
    assignment_send(tasks=[task], as_of=clock.today(), actor=actor)
    return task


def _added(facts: dict[str, str]) -> list[dict[str, str]]:
    return [{"field": k, "before": "", "after": v} for k, v in facts.items() if v]


@transaction.atomic
def task_edit(*, task: Task, data: TaskInput, reason: str, actor: Any) -> Revision:
    """Change a task's text, source, 完成时限, leaders, units, milestones and targets.

    Refuses a withdrawn task, an edit that changes nothing and one without a reason (修改
    说明). Records a dated ``edit`` revision with the changes, audits ``task.edit`` and
    refreshes the task's read model (its lateness follows the new milestones).
    """
    require(actor, Perm.TASK_MANAGE, task=task)  # the own government's tasks only
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.is_withdrawn:
        raise ApplicationError(TASK_WITHDRAWN)
    if not reason.strip():
        raise ApplicationError(NO_REASON)
    taskedit.check_input(task, data)
    before = taskedit.task_facts(task)
    task.text = data.text.strip()
    task.deadline_text = data.deadline_text.strip()[:200]
    task.source = data.source
    _write_links(task, data)
    changes = taskedit.changes_between(before, taskedit.task_facts(task))
    if not changes:
        raise ApplicationError(NOTHING_CHANGED)  # rolls back the rewritten links too
    taskedit.mark_by_hand(task, changes)
    task.save()
    now = clock.now()
    revision = Revision.objects.create(
        task=task,
        kind=RevisionKind.EDIT,
        reason=reason.strip(),
        state=ReviewState.APPROVED,
        requested_by=stored_user(actor),
        decided_by=stored_user(actor),
        decided_at=now,
        decision_note="督查室修改",
        changes=changes,
    )
    audit_record(
        actor=actor,
        action="task.edit",
        target=task,
        summary=f"修改任务 {task.number}：{'、'.join(c['field'] for c in changes)}（{revision.reason[:100]}）",
        data={"task": task.pk, "revision": revision.pk, "changes": changes},
    )
    refresh_tasks([task.pk])
    return revision
