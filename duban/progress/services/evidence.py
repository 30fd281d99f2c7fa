"""Evidence files (佐证): checked by content and size, stored under a private path.

A file and its row are one write. The file is written inside the transaction, just before
the row, and removed again if the transaction does not commit (:func:`files_or_nothing`);
a row deleted — directly or by cascade from its report, request or task, in the product or
the admin — takes its file with it once the deletion commits (:func:`evidence_file_release`,
a ``post_delete`` receiver). So no row points to a missing file and no file outlives its row.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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
from duban.progress.parts.models import UnitPart
from duban.progress.services.common import record, require

logger = logging.getLogger(__name__)
STORE_FAILED = "佐证材料保存失败（服务器存储不可用），本次填写的内容均未保存，请稍后重试。"
# Appended by the forms' views to a refusal: a browser never refills a file input.
CHOOSE_AGAIN = "（所选佐证材料未上传，请重新选择文件。）"


@dataclass(frozen=True)
class Upload:
    """An evidence file as received: its name on the user's computer and its bytes."""

    filename: str
    data: bytes


@dataclass(frozen=True)
class Checked:
    """An upload that passed the checks: what the row records about it."""

    name: str
    kind: filetypes.FileKind
    sha256: str
    data: bytes


def evidence_check(upload: Upload) -> Checked:
    """Refuse a bad file (``ApplicationError``) before anything is written for it."""
    name = PurePath(upload.filename).name[:200] or "file"
    try:
        kind = filetypes.check(upload.data, name, max_bytes=settings.DUBAN_EVIDENCE_MAX_BYTES)
    except ValueError as err:
        raise ApplicationError(f"{name}：{err}") from err
    return Checked(name, kind, hashlib.sha256(upload.data).hexdigest(), upload.data)


@contextmanager
def files_or_nothing(*, with_files: bool = True) -> Iterator[list[str]]:
    """A transaction whose stored files (names appended to the list) go if it fails.

    There is no rollback hook in Django, and only the outermost transaction knows whether it
    commits: a write that stores files is therefore ``durable`` — called inside a caller's
    transaction it raises ``RuntimeError`` instead of leaving a file behind a later rollback.
    ``with_files=False`` (a save without upload) keeps the plain, nestable transaction.
    """
    written: list[str] = []
    try:
        with transaction.atomic(durable=with_files):
            yield written
    except BaseException:
        for name in written:
            _delete(name)
        raise


def _delete(name: str) -> None:
    """Best effort: a storage that fails here must not hide the error that brought us here."""
    try:
        Evidence.file.field.storage.delete(name)
    except OSError:
        logger.exception("佐证材料文件未能删除：%s", name)


def _store(evidence: Evidence, data: bytes, written: list[str]) -> None:
    """Write the file under a name of its own (so a failed write may remove it)."""
    suffix = PurePath(get_valid_filename(evidence.filename)).suffix.lower()
    field = Evidence.file.field
    name = ""
    while not name or field.storage.exists(name):
        stored = f"{evidence.sha256[:12]}-{secrets.token_hex(4)}{suffix}"
        name = field.generate_filename(evidence, stored)
    try:
        evidence.file.name = field.storage.save(name, ContentFile(data), max_length=300)
    except OSError as err:  # disk full, share gone: the partial file, if any, is ours
        _delete(name)
        raise ApplicationError(STORE_FAILED) from err
    written.append(evidence.file.name)


def evidence_attach(
    checked: Checked,
    *,
    task: Task,
    unit: OrgUnit,
    written: list[str],
    report: ProgressReport | None = None,
    completion: CompletionRequest | None = None,
    part: UnitPart | None = None,
    actor: Any,
) -> Evidence:
    """Inside :func:`files_or_nothing`: store the file, then its row and audit record.

    The caller has checked ``actor``'s permission on ``task`` and ``unit``.
    """
    evidence = Evidence(
        task=task,
        report=report,
        completion=completion,
        part=part,
        unit=unit,
        filename=checked.name,
        content_type=checked.kind.content_type,
        size=len(checked.data),
        sha256=checked.sha256,
        uploaded_by=stored_user(actor),
    )
    _store(evidence, checked.data, written)
    evidence.save()
    record(
        actor=actor,
        action="evidence.add",
        task=task,
        target=evidence,
        summary=f"上传佐证材料《{checked.name}》（{checked.kind.label}，"
        f"{len(checked.data) // 1024 + 1} KB）",
    )
    return evidence


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
    """Store one evidence file on its own; ``ApplicationError`` (nothing stored) if refused.

    A report or a completion request with its file is one call instead
    (``progress_report_save`` / ``completion_request_create`` with ``evidence=``).
    """
    require(actor, Perm.PROGRESS_SUBMIT, task=task, unit=unit)
    checked = evidence_check(Upload(filename, data))
    with files_or_nothing() as written:
        return evidence_attach(
            checked,
            task=task,
            unit=unit,
            written=written,
            report=report,
            completion=completion,
            actor=actor,
        )


def evidence_file_release(sender: Any, instance: Evidence, using: str, **_: Any) -> None:
    """``post_delete``: once the deletion commits, remove the file no row refers to any more.

    Run after the commit so that a deletion rolled back keeps its file; a file another row
    still names (copied in the admin) stays until that row goes too.
    """
    name, storage = instance.file.name, instance.file.storage
    if not name:
        return

    def remove() -> None:
        if not Evidence.objects.using(using).filter(file=name).exists():
            storage.delete(name)

    transaction.on_commit(remove, using=using)
