"""The backup archive (``duban backup``): its layout, its manifest, and the checks that refuse
a foreign, damaged or hostile archive before anything is written.

One zip file, version 1::

    manifest.json                 format and version, creation time, source database, the
                                  applied migrations, every table (model, member, rows, bytes,
                                  sha256) and every media file (path, bytes, sha256, mtime)
    data/0001-app.model.jsonl     one member per table, one row per line: Django's serialized
                                  form of the row (``{"model", "pk", "fields"}``), lossless
    media/<path>                  every file under MEDIA_ROOT, stored as-is (not recompressed:
                                  they are .docx, .pdf and pictures already)

The archive is portable between SQLite and PostgreSQL (it holds rows, not SQL), so it also
moves a one-machine installation to PostgreSQL. Reading it trusts nothing: the member count
comes from the end record before :mod:`zipfile` parses the directory; a member that inflates
far more than JSON does is refused; every member must be named in the manifest with its true
size, every media path must stay inside the media directory; the sha256 of every member is
checked as it is read.
"""

from __future__ import annotations

import errno
import json
import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

FORMAT = "duban-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATA_PREFIX = "data/"
MEDIA_PREFIX = "media/"

MIB = 1024 * 1024
MAX_MEMBERS = 2_000_000
_CD_BYTES_PER_MEMBER = 2048  # 46 fixed bytes + a media path (≤ 300 characters) + extras
MAX_MANIFEST_BYTES = 512 * MIB
MAX_LINE_BYTES = 64 * MIB  # one row; the largest text field is far below this
# Tables of JSON rows deflate 5-50:1 (the demo's most repetitive table, task standings, 50:1);
# deflate itself cannot pass about 1,030:1, which is what a bomb is built for. A member over
# 1 MiB inflating more than this is a decompression bomb, not a table.
MAX_RATIO = 500
_RATIO_FLOOR = 1 * MIB
_SHA256 = re.compile(r"[0-9a-f]{64}")
_LABEL = re.compile(r"[a-z][a-z0-9_]*\.[a-z0-9_]+")
_MEMBER = re.compile(r"data/[0-9]{4}-[a-z][a-z0-9_]*\.[a-z0-9_]+\.jsonl")
_EOCD, _ZIP64_LOCATOR, _ZIP64_EOCD = b"PK\x05\x06", b"PK\x06\x07", b"PK\x06\x06"
_ZIP64_COUNT, _ZIP64_SIZE = 0xFFFF, 0xFFFFFFFF  # "see the zip64 record"
_MAX_PATH = 1024
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class BackupError(Exception):
    """A backup or restore refused; ``message`` is one Chinese line for the operator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class TableEntry:
    model: str  # app_label.model_name (auto-created many-to-many tables included)
    member: str
    rows: int
    bytes: int
    sha256: str


@dataclass(frozen=True, slots=True)
class FileEntry:
    path: str  # relative to MEDIA_ROOT, "/"-separated
    bytes: int
    sha256: str
    mtime: float

    @property
    def member(self) -> str:
        return MEDIA_PREFIX + self.path


@dataclass(frozen=True, slots=True)
class Manifest:
    created_at: str
    database: str  # the source's vendor: sqlite or postgresql (informative only)
    migrations: tuple[str, ...]  # "app.name", sorted
    tables: tuple[TableEntry, ...]  # in load order (referenced tables first)
    files: tuple[FileEntry, ...]

    def to_json(self) -> bytes:
        body = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": self.created_at,
            "database": self.database,
            "migrations": list(self.migrations),
            "tables": [_entry_dict(t) for t in self.tables],
            "files": [_entry_dict(f) for f in self.files],
        }
        return json.dumps(body, ensure_ascii=False, indent=1).encode()


def _entry_dict(entry: TableEntry | FileEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in entry.__slots__}


def safe_media_path(path: str) -> bool:
    """A relative, normalised path that cannot leave the media directory on any system."""
    if not path or len(path) > _MAX_PATH or path.startswith("/") or "\\" in path:
        return False
    if _CONTROL.search(path):
        return False
    parts = path.split("/")
    return all(part not in ("", ".", "..") for part in parts) and ":" not in parts[0]


def parse_manifest(raw: bytes) -> Manifest:
    """The manifest, or :class:`BackupError` naming what is wrong with it."""
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BackupError("备份文件的清单（manifest.json）已损坏，无法读取。") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise BackupError("这不是督办的备份文件（清单格式不符）。")
    if body.get("version") != VERSION:
        raise BackupError(
            f"备份格式版本 {body.get('version')!r} 不受支持（本程序只能恢复版本 {VERSION}）。"
        )
    try:
        manifest = Manifest(
            created_at=_text(body["created_at"]),
            database=_text(body["database"]),
            migrations=tuple(_text(m) for m in _list(body["migrations"])),
            tables=tuple(_table(t) for t in _list(body["tables"])),
            files=tuple(_file(f) for f in _list(body["files"])),
        )
    except (KeyError, TypeError, ValueError):
        raise BackupError("备份文件的清单（manifest.json）内容不完整或有误。") from None
    _check_unique(manifest)
    return manifest


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError
    return value


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError
    return value


def _digest(value: Any) -> str:
    if not isinstance(value, str) or not _SHA256.fullmatch(value):
        raise ValueError
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError
    return value


def _table(item: Any) -> TableEntry:
    entry = TableEntry(
        model=_text(item["model"]),
        member=_text(item["member"]),
        rows=_count(item["rows"]),
        bytes=_count(item["bytes"]),
        sha256=_digest(item["sha256"]),
    )
    if not _LABEL.fullmatch(entry.model) or not _MEMBER.fullmatch(entry.member):
        raise ValueError
    if entry.member[len(DATA_PREFIX) + 5 : -len(".jsonl")] != entry.model:
        raise ValueError
    return entry


def _file(item: Any) -> FileEntry:
    mtime = item["mtime"]
    if not isinstance(mtime, int | float) or isinstance(mtime, bool):
        raise TypeError
    entry = FileEntry(
        path=_text(item["path"]),
        bytes=_count(item["bytes"]),
        sha256=_digest(item["sha256"]),
        mtime=float(mtime),
    )
    if not safe_media_path(entry.path):
        raise BackupError(f"备份中的文件路径不安全（{entry.path[:80]!r}），已拒绝恢复。")
    return entry


def _check_unique(manifest: Manifest) -> None:
    members = [t.member for t in manifest.tables]
    models = [t.model for t in manifest.tables]
    paths = [f.path for f in manifest.files]
    if len(set(members)) != len(members) or len(set(models)) != len(models):
        raise BackupError("备份文件的清单重复列出了同一张数据表。")
    if len(set(paths)) != len(paths):
        raise BackupError("备份文件的清单重复列出了同一个文件。")
    folders = {path.rsplit("/", i)[0] for path in paths for i in range(1, path.count("/") + 1)}
    clash = folders.intersection(paths)
    if clash:
        raise BackupError(f"备份中的“{min(clash)}”既是文件又是文件夹，已拒绝恢复。")


def table_member(index: int, label: str) -> str:
    return f"{DATA_PREFIX}{index:04d}-{label}.jsonl"


def open_archive(path: Path) -> tuple[zipfile.ZipFile, Manifest]:
    """Open ``path`` and check it against its manifest; nothing is inflated but the manifest.

    The caller closes the returned archive.
    """
    try:
        with path.open("rb") as fp:
            _check_end_record(fp, path)
        archive = zipfile.ZipFile(path)
    except BackupError:
        raise
    except IsADirectoryError as err:
        raise BackupError(f"无法打开备份文件 {path}：{os_reason(err)}。") from None
    except (zipfile.BadZipFile, ValueError, EOFError, struct.error):
        raise BackupError(f"{path} 不是督办的备份文件（无法作为 zip 压缩包读取）。") from None
    except OSError as err:
        raise BackupError(f"无法打开备份文件 {path}：{os_reason(err)}。") from None
    try:
        manifest = _read_manifest(archive)
        _check_members(archive, manifest)
    except BaseException:
        archive.close()
        raise
    return archive, manifest


def _check_end_record(fp: BinaryIO, path: Path) -> None:
    """Refuse an archive whose directory would cost more than its members are worth."""
    end = _end_record(fp)
    if end is None:
        raise BackupError(f"{path} 不是督办的备份文件（不是 zip 压缩包）。")
    count, cd_size = end
    if count > MAX_MEMBERS or cd_size > max(count, 1) * _CD_BYTES_PER_MEMBER:
        raise BackupError(f"{path} 的压缩目录异常（{count:,} 个成员），疑似压缩炸弹，已拒绝恢复。")


def _end_record(fp: BinaryIO) -> tuple[int, int] | None:
    """``(member count, central directory size)`` from the zip's end records, or None."""
    size = fp.seek(0, 2)
    tail_size = min(size, 22 + 0xFFFF + 20)
    fp.seek(size - tail_size)
    tail = fp.read(tail_size)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) < at + 22:
        return None
    count, cd_size = struct.unpack_from("<HI", tail, at + 10)
    if count != _ZIP64_COUNT and cd_size != _ZIP64_SIZE:
        return count, cd_size
    locator = at - 20
    if locator < 0 or tail[locator : locator + 4] != _ZIP64_LOCATOR:
        return None
    (record,) = struct.unpack_from("<Q", tail, locator + 8)
    if record + 56 > size:
        return None
    fp.seek(record)
    head = fp.read(56)
    if head[:4] != _ZIP64_EOCD:
        return None
    count, cd_size = struct.unpack_from("<QQ", head, 32)
    return count, cd_size


def _read_manifest(archive: zipfile.ZipFile) -> Manifest:
    try:
        info = archive.getinfo(MANIFEST)
    except KeyError:
        raise BackupError("这不是督办的备份文件（缺少清单 manifest.json）。") from None
    if info.file_size > MAX_MANIFEST_BYTES:
        raise BackupError("备份文件的清单过大，疑似压缩炸弹，已拒绝恢复。")
    _check_ratio(info)
    return parse_manifest(read_member(archive, MANIFEST))


def _check_ratio(info: zipfile.ZipInfo) -> None:
    if info.file_size > _RATIO_FLOOR and info.file_size > max(info.compress_size, 1) * MAX_RATIO:
        ratio = info.file_size // max(info.compress_size, 1)
        raise BackupError(
            f"备份中的“{info.filename[:80]}”压缩比异常（{ratio:,}:1），疑似压缩炸弹，已拒绝恢复。"
        )


def _check_members(archive: zipfile.ZipFile, manifest: Manifest) -> None:
    infos = archive.infolist()
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        raise BackupError("备份文件中有重名的成员，已拒绝恢复。")
    expected = {t.member: t.bytes for t in manifest.tables}
    expected.update((f.member, f.bytes) for f in manifest.files)
    expected[MANIFEST] = archive.getinfo(MANIFEST).file_size
    for info in infos:
        if info.filename not in expected:
            raise BackupError(f"备份中有清单之外的成员“{info.filename[:80]}”，已拒绝恢复。")
        if info.flag_bits & 0x1:
            raise BackupError(f"备份中的“{info.filename[:80]}”已加密，无法恢复。")
        if info.file_size != expected[info.filename]:
            raise BackupError(f"备份中的“{info.filename[:80]}”大小与清单不符，备份已损坏。")
        _check_ratio(info)
    missing = set(expected).difference(names)
    if missing:
        raise BackupError(f"备份不完整：缺少“{min(missing)[:80]}”。")


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as err:
        raise damaged(name, err) from None


def damaged(name: str, err: BaseException) -> BackupError:
    """A member that cannot be inflated or fails its CRC (:mod:`zipfile` and zlib errors)."""
    del err  # the English detail helps no operator; the member's name does
    return BackupError(f"备份文件已损坏：“{name[:80]}”无法解压或校验失败。")


def os_reason(err: OSError) -> str:
    """A Chinese reason for the common file errors (``strerror`` is English)."""
    if isinstance(err, FileNotFoundError):
        return "文件或目录不存在"
    if isinstance(err, PermissionError):
        return "没有权限"
    if isinstance(err, IsADirectoryError):
        return "这是一个目录"
    if isinstance(err, NotADirectoryError):
        return "路径中有一段不是目录"
    if err.errno == errno.ENOSPC:
        return "磁盘空间不足"
    return err.strerror or type(err).__name__
