"""What ``duban ledger`` and ``duban bulletin`` share: the arguments, the checks, the reader.

A scheduled job runs these on the server, so every failure is one Chinese line on stderr and
exit code 1 (a bad document id, a malformed date, an output it cannot write), never a
traceback. The exports read as the 审计 role would: every task, no write.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any


class CommandLineError(Exception):
    """A one-line message for stderr (exit code 1)."""


@dataclass(frozen=True)
class CommandLineReader:
    """The account a command-line export reads as: the 审计 role, which sees every task and
    writes nothing (the permission rules treat it as they treat an auditor)."""

    role: str = "auditor"
    is_authenticated: bool = True
    is_active: bool = True
    is_superuser: bool = False
    pk: None = None
    id: None = None
    leader_id: None = None


def add_arguments(parser: argparse.ArgumentParser, suffix: str) -> None:
    parser.add_argument("--document", required=True, metavar="ID", help="任务文件编号")
    parser.add_argument(
        "--as-of", default=None, metavar="DATE", help="数据截至日期（YYYY-MM-DD，默认今天）"
    )
    parser.add_argument(
        "-o", "--output", required=True, type=Path, metavar=f"FILE{suffix}", help="输出文件"
    )


def as_of(value: str | None) -> date:
    from duban.core import clock

    if value is None:
        return clock.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandLineError(f"日期格式应为 YYYY-MM-DD：{value}") from None


def document(value: str) -> Any:
    from duban.plans.models import SourceDocument

    if not value.isdigit():
        raise CommandLineError(f"任务文件编号应为数字：{value}")
    found = SourceDocument.objects.filter(pk=int(value), withdrawn_at__isnull=True).first()
    if found is None:
        raise CommandLineError(f"没有编号为 {value} 的任务文件（已撤回的也不能导出）。")
    return found


def output(path: Path, suffix: str) -> Path:
    if path.suffix.lower() != suffix:
        raise CommandLineError(f"输出文件应以 {suffix} 结尾：{path}")
    return path


def write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as err:
        raise CommandLineError(f"无法写入 {path}：{err.strerror or err}") from None


def run_export(args: argparse.Namespace, suffix: str, make: Any) -> int:
    """Set up Django, check the arguments, write ``make(document, as_of)`` to the output."""
    from duban.cli.django_setup import migrate, setup

    setup()
    migrate()
    try:
        target = output(args.output, suffix)
        day = as_of(args.as_of)
        chosen = document(args.document)
        data, summary = make(chosen, day)
        write(target, data)
    except CommandLineError as err:
        print(str(err), file=sys.stderr)
        return 1
    print(f"已导出：{target}（{summary}）")
    return 0
