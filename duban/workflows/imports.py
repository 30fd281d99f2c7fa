"""Confirm an import and everything it implies, atomically."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from duban.plans.models import ImportBatch, SourceDocument
from duban.plans.services import import_batch_confirm
from duban.progress.services import periods_ensure
from duban.progress.standing.refresh import rebuild_document


@transaction.atomic
def import_confirm(*, batch: ImportBatch, actor: Any) -> SourceDocument:
    """Turn the preview into a document with its tasks and its reporting periods.

    One transaction: if generating the periods fails, the document is not imported either.
    The web page, ``duban import --yes`` and ``duban demo`` all confirm through here.
    """
    document = import_batch_confirm(batch=batch, actor=actor)
    periods_ensure(document=document, actor=actor)
    rebuild_document(document.pk)  # the read model knows the new tasks from the same commit
    if document.supersedes_id is not None:
        rebuild_document(document.supersedes_id)  # its replaced tasks are withdrawn
    return document
