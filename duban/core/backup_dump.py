"""``duban backup``: write the database and the media files into one archive, online.

The rows are read inside one read-only transaction, so the archive is one consistent moment
of the database while the site keeps serving: REPEATABLE READ on PostgreSQL (what pg_dump
uses), a WAL read snapshot on SQLite (writers go on). Tables are read by primary-key pages
(no server-side cursor), so memory stays flat whatever their size. Media files are read
after the snapshot: a file uploaded meanwhile is merely extra, and a file the snapshot names
but that was deleted meanwhile is reported.

The archive is written next to its destination under a temporary name, readable by its
owner only (it holds password hashes and sessions), and renamed into place when complete.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.core import serializers
from django.db import connections, models, transaction

from duban.core import clock
from duban.core.backup_format import (
    MANIFEST,
    MEDIA_PREFIX,
    BackupError,
    FileEntry,
    Manifest,
    TableEntry,
    table_member,
)
from duban.core.backup_tables import (
    applied_migrations,
    backup_models,
    encode_row,
    file_fields,
    pending_migrations,
    serialized_fields,
)

PAGE = 2000
CHUNK = 1024 * 1024
STAGING_PREFIX = ".restore-"  # duban restore inflates files there first
_ZIP_EPOCH = 315532800 + 86400  # 1980-01-02 UTC: any time zone's local time is in 1980


class Ticker(Protocol):
    """A progress bar (tqdm's interface)."""

    def update(self, n: int = 1) -> object: ...
    def close(self) -> object: ...


ProgressFactory = Callable[[str, int, str], Ticker]


class _Silent:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def silent(desc: str, total: int, unit: str) -> Ticker:
    return _Silent()


@dataclass
class DumpSummary:
    manifest: Manifest
    size: int  # bytes of the archive
    missing_files: list[str] = field(default_factory=list)  # named by rows, absent on disk


def write_backup(
    path: Path, *, using: str = "default", progress: ProgressFactory = silent
) -> DumpSummary:
    """Write the archive to ``path`` (replacing it); see the module docstring."""
    pending = pending_migrations(using)
    if pending:  # the code's models would name columns the database does not have yet
        raise BackupError(
            f"数据库还没有迁移到本程序的版本（{pending[0]} 等 {len(pending)} 个迁移未应用）："
            "请在更新程序之前备份，或先迁移（duban serve 会自动迁移）再备份。"
        )
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as raw:
            with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:
                manifest, referenced = _write_members(zf, using, progress)
            raw.flush()
            os.fsync(raw.fileno())  # on disk before it takes the real name
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    stored = {f.path for f in manifest.files}
    return DumpSummary(manifest, path.stat().st_size, sorted(referenced - stored))


def _write_members(
    zf: zipfile.ZipFile, using: str, progress: ProgressFactory
) -> tuple[Manifest, set[str]]:
    """The tables (one snapshot), then the files, then the manifest that lists them."""
    referenced: set[str] = set()
    with _snapshot(using):
        created_at = clock.now().isoformat()
        migrations = applied_migrations(using)
        tables = _dump_tables(zf, using, progress, referenced)
    files = _dump_media(zf, Path(settings.MEDIA_ROOT), progress)
    manifest = Manifest(
        created_at=created_at,
        database=connections[using].vendor,
        migrations=migrations,
        tables=tuple(tables),
        files=tuple(files),
    )
    zf.writestr(MANIFEST, manifest.to_json())
    return manifest, referenced


@contextmanager
def _snapshot(using: str) -> Iterator[None]:
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _dump_tables(
    zf: zipfile.ZipFile, using: str, progress: ProgressFactory, referenced: set[str]
) -> list[TableEntry]:
    chosen = backup_models(using)
    counts = {m: m._base_manager.using(using).count() for m in chosen}
    ticker = progress("备份数据库", sum(counts.values()), "行")
    try:
        return [
            _dump_table(zf, index, model=model, using=using, ticker=ticker, referenced=referenced)
            for index, model in enumerate(chosen, start=1)
        ]
    finally:
        ticker.close()


def _dump_table(
    zf: zipfile.ZipFile,
    index: int,
    *,
    model: type[models.Model],
    using: str,
    ticker: Ticker,
    referenced: set[str],
) -> TableEntry:
    label = model._meta.label_lower
    member = table_member(index, label)
    fields, files = serialized_fields(model), file_fields(model)
    serializer = serializers.get_serializer("python")()
    digest, size, rows = hashlib.sha256(), 0, 0
    info = zipfile.ZipInfo(member, date_time=time.localtime()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    with zf.open(info, "w", force_zip64=True) as out:
        for page in _pages(model, using):
            chunk = bytearray()
            for row in serializer.serialize(page, fields=fields):
                chunk += encode_row(row)
                referenced.update(row["fields"][name] for name in files if row["fields"][name])
            out.write(chunk)
            digest.update(chunk)
            size, rows = size + len(chunk), rows + len(page)
            ticker.update(len(page))
    return TableEntry(label, member, rows, size, digest.hexdigest())


def _pages(model: type[models.Model], using: str) -> Iterator[list[models.Model]]:
    """All rows by primary key, a page at a time (keyset paging: no OFFSET, no cursor)."""
    rows = model._base_manager.using(using).order_by("pk")
    page = list(rows[:PAGE])
    while page:
        yield page
        if len(page) < PAGE:
            return
        page = list(rows.filter(pk__gt=page[-1].pk)[:PAGE])


def _dump_media(zf: zipfile.ZipFile, root: Path, progress: ProgressFactory) -> list[FileEntry]:
    found = sorted(_media_files(root))
    ticker = progress("备份文件", sum(size for _, _, size in found), "B")
    entries = []
    try:
        for relative, path, _ in found:
            entry = _dump_file(zf, relative, path, ticker)
            if entry is not None:
                entries.append(entry)
    finally:
        ticker.close()
    return entries


def _media_files(root: Path) -> Iterator[tuple[str, Path, int]]:
    """``(relative "/" path, path, size)`` of every regular file under ``root``."""
    if not root.is_dir():
        return
    for folder, dirs, names in os.walk(root):
        if folder == str(root):  # a restore's staging folder is not media
            dirs[:] = [d for d in dirs if not d.startswith(STAGING_PREFIX)]
        dirs.sort()
        for name in names:
            path = Path(folder, name)
            try:
                if path.is_symlink() or not path.is_file():
                    continue
                size = path.stat().st_size
            except OSError:  # removed while walking
                continue
            yield path.relative_to(root).as_posix(), path, size


def _dump_file(zf: zipfile.ZipFile, relative: str, path: Path, ticker: Ticker) -> FileEntry | None:
    try:
        source = path.open("rb")
    except FileNotFoundError:  # deleted since the walk: nothing names it any more
        return None
    with source:
        stat = os.fstat(source.fileno())
        # zip dates start in 1980; the exact mtime is kept in the manifest
        stamp = time.localtime(max(stat.st_mtime, _ZIP_EPOCH))[:6]
        info = zipfile.ZipInfo(MEDIA_PREFIX + relative, date_time=stamp)
        info.compress_type = zipfile.ZIP_STORED
        info.external_attr = 0o600 << 16
        digest, size = hashlib.sha256(), 0
        with zf.open(info, "w", force_zip64=True) as out:
            while chunk := source.read(CHUNK):
                out.write(chunk)
                digest.update(chunk)
                size += len(chunk)
                ticker.update(len(chunk))
    return FileEntry(relative, size, digest.hexdigest(), stat.st_mtime)
