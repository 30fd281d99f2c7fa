"""Confirm an import and everything it implies, atomically."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.db import transaction

from duban.core import clock
from duban.plans.models import ImportBatch, RowChange, SourceDocument, Task
from duban.plans.services import import_batch_confirm
from duban.progress.services import periods_ensure
from duban.progress.services.assignment import assignment_send
from duban.progress.services.common import trackings_ensure
from duban.progress.standing.refresh import rebuild_document


@transaction.atomic
def import_confirm(
    *, batch: ImportBatch, actor: Any, take_notice: Collection[int] = ()
) -> SourceDocument:
    """Turn the preview into a document with its tasks and its reporting periods.

    One transaction: if generating the periods fails, the document is not imported either,
    and the 交办 notices to the assigned units are rows of it (sent out after the commit).
    The web page, ``duban import --yes`` and ``duban demo`` all confirm through here;
    ``take_notice`` are the rows whose 修订冲突 the office settled for the notice's version
    (the others keep what was edited in the app).
    """
    kept = _kept_tasks(batch)
    document = import_batch_confirm(batch=batch, actor=actor, take_notice=take_notice)
    periods_ensure(document=document, actor=actor)
    handed = list(
        Task.objects.filter(task_list__document=document, is_withdrawn=False).exclude(pk__in=kept)
    )
    trackings_ensure(t.pk for t in handed)  # the 交办 day, for every unit's 签收
    assignment_send(tasks=handed, as_of=clock.today(), actor=actor)
    rebuild_document(document.pk)  # the read model knows the new tasks from the same commit
    if document.supersedes_id is not None:
        rebuild_document(document.supersedes_id)  # its replaced tasks are withdrawn
    return document


def _kept_tasks(batch: ImportBatch) -> set[int]:
    """A revised notice's tasks that stay as they were: their units were told already (the
    new and the changed ones are handed over again)."""
    if batch.revision_of_id is None:
        return set()
    old = Task.objects.filter(task_list__document_id=batch.revision_of_id)
    changed = batch.rows.filter(change=RowChange.CHANGED, previous_task__isnull=False)
    changed_ids = changed.values("previous_task_id")
    return set(old.exclude(pk__in=changed_ids).values_list("pk", flat=True))
