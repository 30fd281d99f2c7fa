"""``duban backup FILE`` and ``duban restore FILE``: the database and the uploaded files in one
archive, taken while the site runs, restored into an empty installation.

The archive holds rows, not SQL (format in ``duban.core.backup_format``), so it needs no
``pg_dump`` of the server's exact version, restores into SQLite or PostgreSQL alike, and its
checks are the same on both. Every refusal is one Chinese line on stderr and exit code 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

if TYPE_CHECKING:
    from duban.core.backup_dump import DumpSummary, Ticker
    from duban.core.backup_format import Manifest


def register(subparsers: Any) -> None:
    backup = subparsers.add_parser(
        "backup", help="在线备份数据库和上传文件，写成一个压缩包（SQLite、PostgreSQL 均可）"
    )
    backup.add_argument("file", metavar="FILE", type=Path, help="备份文件（建议以 .zip 结尾）")
    backup.add_argument("--force", action="store_true", help="FILE 已存在时覆盖它")
    backup.set_defaults(func=run_backup)
    restore = subparsers.add_parser(
        "restore", help="把备份恢复到空的安装（先迁移数据库；已有数据时拒绝）"
    )
    restore.add_argument("file", metavar="FILE", type=Path, help="duban backup 写出的备份文件")
    restore.add_argument(
        "--force", action="store_true", help="目标已有数据时，清除并替换全部数据（不可撤销）"
    )
    restore.set_defaults(func=run_restore)


def _bar(desc: str, total: int, unit: str) -> Ticker:
    """tqdm on stderr (only on a terminal: cron logs stay clean), bytes shown as MB."""
    return tqdm(
        total=total,
        desc=desc,
        unit=unit,
        unit_scale=unit == "B",
        unit_divisor=1024,
        disable=None,
        file=sys.stderr,
    )


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:,.1f} MB"


def run_backup(args: argparse.Namespace) -> int:
    from duban.cli.django_setup import setup

    setup()
    path: Path = args.file
    if path.is_dir():
        return _fail(f"备份失败：{path} 是一个目录，请给出文件名（如 {path / 'duban.zip'}）。")
    if path.exists() and not args.force:
        return _fail(f"备份失败：{path} 已存在（覆盖请加 --force）。")
    summary = _write(path)
    if isinstance(summary, str):
        return _fail(f"备份失败：{summary}")
    manifest = summary.manifest
    print(
        f"已备份 {len(manifest.tables)} 张表 {sum(t.rows for t in manifest.tables):,} 行、"
        f"{len(manifest.files):,} 个文件（{_size(sum(f.bytes for f in manifest.files))}）"
        f"到 {path}（{_size(summary.size)}）。"
    )
    if summary.missing_files:
        print(
            f"注意：数据库引用的 {len(summary.missing_files)} 个文件不在文件目录中"
            f"（如 {summary.missing_files[0]}），备份里也没有它们。",
            file=sys.stderr,
        )
    return 0


def _write(path: Path) -> DumpSummary | str:
    """The backup's summary, or why it failed (one Chinese line)."""
    from django.db import DatabaseError

    from duban.core.backup_dump import write_backup
    from duban.core.backup_format import BackupError, os_reason

    try:
        return write_backup(path, progress=_bar)
    except BackupError as err:
        return err.message
    except OSError as err:
        return f"无法写入 {path}：{os_reason(err)}。"
    except DatabaseError as err:
        return f"数据库错误（{_first_line(err)}）。"
    except KeyboardInterrupt:
        return "已中断，没有写出备份文件。"


def run_restore(args: argparse.Namespace) -> int:
    from duban.cli.django_setup import migrate, setup

    setup()
    from django.db import DatabaseError

    from duban.core.backup_format import BackupError, open_archive
    from duban.core.backup_load import restore_backup

    try:
        archive, manifest = open_archive(args.file)
    except BackupError as err:
        return _fail(f"恢复失败：{err.message}")
    with archive:
        try:
            migrate()
            summary = restore_backup(
                archive,
                manifest,
                force=args.force,
                progress=_bar,
                on_loaded=lambda: _audit(manifest, args.file),
            )
        except BackupError as err:
            return _fail(f"恢复失败：{err.message}")
        except DatabaseError as err:
            return _fail(f"恢复失败：数据库错误（{_first_line(err)}），数据库未改动。")
        except KeyboardInterrupt:
            return _fail("恢复已中断，数据库未改动。")
    print(
        f"已恢复 {len(manifest.tables)} 张表 {summary.rows:,} 行、{summary.files:,} 个文件"
        f"（{_size(summary.bytes)}），来自 {args.file}"
        f"（{manifest.created_at[:19].replace('T', ' ')} UTC 的备份）。"
    )
    return 0


def _audit(manifest: Manifest, path: Path) -> None:
    """The restored audit log records the restore itself (inside the restore's transaction)."""
    from duban.audit.services import audit_record

    rows = sum(t.rows for t in manifest.tables)
    audit_record(
        actor=None,
        action="backup.restore",
        summary=f"从备份恢复数据库和文件（{manifest.created_at[:19]} 的备份，{rows} 行）",
        data={
            "file": str(path),
            "created_at": manifest.created_at,
            "database": manifest.database,
            "rows": rows,
            "files": len(manifest.files),
        },
    )


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__
