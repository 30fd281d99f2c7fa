"""Evidence files (佐证): checked by content and size, stored under a private path."""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import get_valid_filename

from duban.accounts.permissions import Perm
from duban.core.actors import stored_user
from duban.core.exceptions import ApplicationError
from duban.orgs.models import OrgUnit
from duban.plans.models import Task
from duban.progress import filetypes
from duban.progress.models import CompletionRequest, Evidence, ProgressReport
from duban.progress.services.common import record, require


def evidence_add(
    *,
    task: Task,
    unit: OrgUnit,
    filename: str,
    data: bytes,
    report: ProgressReport | None = None,
    completion: CompletionRequest | None = None,
    actor: Any,
) -> Evidence:
    """Store one evidence file; ``ApplicationError`` (nothing stored) when it is refused."""
    require(actor, Perm.PROGRESS_SUBMIT, task=task, unit=unit)
    name = PurePath(filename).name[:200] or "file"
    try:
        kind = filetypes.check(data, name, max_bytes=settings.DUBAN_EVIDENCE_MAX_BYTES)
    except ValueError as err:
        raise ApplicationError(f"{name}：{err}") from err
    sha = hashlib.sha256(data).hexdigest()
    evidence = Evidence(
        task=task,
        report=report,
        completion=completion,
        unit=unit,
        filename=name,
        content_type=kind.content_type,
        size=len(data),
        sha256=sha,
        uploaded_by=stored_user(actor),
    )
    stored = f"{sha[:12]}{PurePath(get_valid_filename(name)).suffix.lower()}"
    evidence.file.save(stored, ContentFile(data), save=False)
    try:
        with transaction.atomic():
            evidence.save()
            record(
                actor=actor,
                action="evidence.add",
                task=task,
                target=evidence,
                summary=f"上传佐证材料《{name}》（{kind.label}，{len(data) // 1024 + 1} KB）",
            )
    except BaseException:
        evidence.file.delete(save=False)
        raise
    return evidence
