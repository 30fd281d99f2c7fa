"""``duban restore``: put an archive written by ``duban backup`` into an empty installation.

Order, so that a refusal or a failure leaves the installation as it was:

1. the archive is checked against its manifest (:func:`backup_format.open_archive`);
2. the target must have applied exactly the archive's migrations, hold the same tables, and
   be empty — no rows but the content types and permissions ``migrate`` writes itself, no
   media files — unless ``force``;
3. the media files are inflated into a staging folder inside MEDIA_ROOT and checked against
   their sha256 (disk space checked first);
4. one transaction: every table is emptied, every row inserted as stored (primary keys
   included, no ``save()``: no signals, no ``auto_now``), foreign keys checked, the
   PostgreSQL sequences reset past the largest id (Django's ``sqlsequencereset``);
5. only after the commit are the staged files moved into MEDIA_ROOT.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, IntegrityError, connections, models, transaction

from duban.core.backup_dump import CHUNK, STAGING_PREFIX, ProgressFactory, Ticker, silent
from duban.core.backup_format import (
    MAX_LINE_BYTES,
    MIB,
    BackupError,
    Manifest,
    TableEntry,
    damaged,
    os_reason,
)
from duban.core.backup_tables import CREATED_BY_MIGRATE, applied_migrations, backup_models

BATCH = 1000
_ROW_ERRORS = (
    DeserializationError,
    ValidationError,
    ValueError,
    TypeError,
    KeyError,
    AttributeError,
    LookupError,
    RecursionError,
)
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError)


@dataclass(frozen=True)
class RestoreSummary:
    manifest: Manifest
    rows: int
    files: int
    bytes: int  # of media


def restore_backup(
    archive: zipfile.ZipFile,
    manifest: Manifest,
    *,
    using: str = "default",
    force: bool = False,
    progress: ProgressFactory = silent,
    on_loaded: Callable[[], object] | None = None,
) -> RestoreSummary:
    """Restore ``archive`` (checked by ``open_archive``); ``on_loaded`` runs inside the
    transaction after the rows are in (the CLI audits the restore there)."""
    media_root = Path(settings.MEDIA_ROOT)
    chosen = _check_target(manifest, using, force, media_root)
    staging = _stage_media(archive, manifest, media_root, progress)
    try:
        with transaction.atomic(using=using):
            _load_tables(archive, manifest, chosen, using, progress)
            if on_loaded is not None:
                on_loaded()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()  # the ids are the archive's now
    _move_media(staging, manifest, media_root)
    shutil.rmtree(staging, ignore_errors=True)
    rows = sum(t.rows for t in manifest.tables)
    return RestoreSummary(manifest, rows, len(manifest.files), sum(f.bytes for f in manifest.files))


def _check_target(
    manifest: Manifest, using: str, force: bool, media_root: Path
) -> dict[str, type[models.Model]]:
    local, archived = set(applied_migrations(using)), set(manifest.migrations)
    if archived - local:
        newer = sorted(archived - local)
        raise BackupError(
            f"备份来自较新版本的督办（本程序没有迁移 {newer[0]} 等 {len(newer)} 个），"
            "请用生成备份的同一版本督办恢复。"
        )
    if local - archived:
        older = sorted(local - archived)
        raise BackupError(
            f"备份来自较早版本的督办（备份时尚无迁移 {older[0]} 等 {len(older)} 个），"
            "请用生成备份的同一版本督办恢复后再升级。"
        )
    chosen = {model._meta.label_lower: model for model in backup_models(using)}
    listed = {t.model for t in manifest.tables}
    if listed != chosen.keys():
        odd = sorted(listed ^ chosen.keys())
        raise BackupError(f"备份中的数据表与本程序不一致（{'、'.join(odd[:3])}），无法恢复。")
    if force:
        _check_media_targets(manifest, media_root)
    else:
        _check_empty(chosen.values(), using, media_root)
    return chosen


def _check_empty(chosen: Iterable[type[models.Model]], using: str, media_root: Path) -> None:
    filled = [
        model
        for model in chosen
        if model._meta.label_lower not in CREATED_BY_MIGRATE
        and model._base_manager.using(using).exists()
    ]
    if filled:
        first = filled[0]
        rows = first._base_manager.using(using).count()
        raise BackupError(
            f"目标数据库不是空的（{first._meta.label_lower} 已有 {rows} 行，共 {len(filled)} 张表"
            "有数据）：恢复会清除并替换全部数据，确认请加 --force。"
        )
    if media_root.is_dir() and any(p.is_file() for p in media_root.rglob("*")):
        raise BackupError(f"文件目录 {media_root} 不是空的：恢复会覆盖同名文件，确认请加 --force。")


def _check_media_targets(manifest: Manifest, media_root: Path) -> None:
    """With ``force``: no existing folder stands where a file goes, and the reverse."""
    folders: set[Path] = set()
    for entry in manifest.files:
        dest = media_root.joinpath(*entry.path.split("/"))
        if dest.is_dir() and not dest.is_symlink():
            raise BackupError(f"文件目录中的“{entry.path}”是一个目录，与备份中的同名文件冲突。")
        folders.update(dest.parents)
    for folder in sorted(folders):
        if folder.exists() and not folder.is_dir():
            raise BackupError(f"“{folder}”是一个文件，与备份中的同名目录冲突。")


def _stage_media(
    archive: zipfile.ZipFile, manifest: Manifest, media_root: Path, progress: ProgressFactory
) -> Path:
    """Inflate and check every media file into a hidden folder of MEDIA_ROOT."""
    total = sum(f.bytes for f in manifest.files)
    try:
        media_root.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(media_root).free
    except OSError as err:
        raise BackupError(f"无法使用文件目录 {media_root}：{os_reason(err)}。") from None
    if total + 64 * MIB > free:
        raise BackupError(
            f"磁盘空间不足：恢复文件需要 {total / MIB:,.0f} MB，{media_root} 只有 "
            f"{free / MIB:,.0f} MB 可用。"
        )
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=media_root))
    ticker = progress("校验文件", total, "B")
    try:
        for entry in manifest.files:
            target = staging.joinpath(*entry.path.split("/"))
            digest = _copy_member(archive, entry.member, target, ticker)
            if digest != entry.sha256:
                raise BackupError(f"备份已损坏：文件“{entry.path}”的校验和与清单不符。")
            os.utime(target, (entry.mtime, entry.mtime))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        ticker.close()
    return staging


def _copy_member(archive: zipfile.ZipFile, member: str, target: Path, ticker: Ticker) -> str:
    digest = hashlib.sha256()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(member) as source, target.open("xb") as out:
            while chunk := source.read(CHUNK):
                out.write(chunk)
                digest.update(chunk)
                ticker.update(len(chunk))
    except _ZIP_ERRORS as err:
        raise damaged(member, err) from None
    except OSError as err:
        raise BackupError(f"无法写入文件 {target}：{os_reason(err)}。") from None
    return digest.hexdigest()


def _move_media(staging: Path, manifest: Manifest, media_root: Path) -> None:
    """After the commit: the checked files take their places (a rename on one file system)."""
    try:
        for entry in manifest.files:
            parts = entry.path.split("/")
            dest = media_root.joinpath(*parts)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(staging.joinpath(*parts), dest)
    except OSError as err:
        raise BackupError(
            f"数据库已恢复，但文件未能全部放回 {media_root}（{os_reason(err)}）："
            f"其余文件在 {staging}，请手工移入。"
        ) from None


def _load_tables(
    archive: zipfile.ZipFile,
    manifest: Manifest,
    chosen: dict[str, type[models.Model]],
    using: str,
    progress: ProgressFactory,
) -> None:
    connection = connections[using]
    tables = [model._meta.db_table for model in chosen.values()]
    with connection.cursor() as cursor:
        for sql in connection.ops.sql_flush(no_style(), tables):
            cursor.execute(sql)
    ticker = progress("恢复数据库", sum(t.rows for t in manifest.tables), "行")
    try:
        for entry in manifest.tables:
            _load_table(archive, entry, chosen[entry.model], using, ticker)
    finally:
        ticker.close()
    try:
        connection.check_constraints(table_names=tables)
    except IntegrityError:
        raise BackupError("备份数据不完整：有的行引用了备份中没有的记录。") from None
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(chosen.values())):
            cursor.execute(sql)


def _load_table(
    archive: zipfile.ZipFile,
    entry: TableEntry,
    model: type[models.Model],
    using: str,
    ticker: Ticker,
) -> None:
    digest, size, rows = hashlib.sha256(), 0, 0
    batch: list[Any] = []
    try:
        with archive.open(entry.member) as stream:
            while line := stream.readline(MAX_LINE_BYTES + 1):
                if not line.endswith(b"\n"):
                    raise BackupError(f"备份已损坏：数据表 {entry.model} 有一行过长或不完整。")
                digest.update(line)
                size += len(line)
                batch.append(json.loads(line))
                if len(batch) == BATCH:
                    rows += _insert(model, batch, using, ticker)
                    batch = []
            rows += _insert(model, batch, using, ticker)
    except _ZIP_ERRORS as err:
        raise damaged(entry.member, err) from None
    except _ROW_ERRORS:
        raise BackupError(
            f"备份已损坏：数据表 {entry.model} 第 {rows + len(batch)} 行附近的数据无法读取。"
        ) from None
    except DatabaseError:
        raise BackupError(
            f"备份中数据表 {entry.model} 的数据无法写入数据库（与数据库约束冲突）。"
        ) from None
    if (rows, size, digest.hexdigest()) != (entry.rows, entry.bytes, entry.sha256):
        raise BackupError(f"备份已损坏：数据表 {entry.model} 的内容与清单不符（校验和不一致）。")


def _insert(model: type[models.Model], batch: list[Any], using: str, ticker: Ticker) -> int:
    """Insert the rows as stored: raw (no ``pre_save``, so ``auto_now`` keeps the stored time)."""
    objs = []
    for item in serializers.deserialize("python", batch, using=using):
        if type(item.object) is not model or item.m2m_data:
            raise BackupError(f"备份已损坏：数据表 {model._meta.label_lower} 中有不属于它的行。")
        objs.append(item.object)
    if not objs:
        return 0
    fields = model._meta.local_concrete_fields
    step = max(1, connections[using].ops.bulk_batch_size(list(fields), objs))
    manager: Any = model._base_manager.using(using)
    for start in range(0, len(objs), step):
        manager._insert(objs[start : start + step], fields=fields, using=using, raw=True)
    ticker.update(len(objs))
    return len(objs)
