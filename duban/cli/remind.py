"""``duban remind``: chase missing progress reports (cron-able; ``--as-of``, ``--dry-run``)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "remind", help="提醒、催办、督办未按时报送进展的单位（可由 cron 每日运行）"
    )
    parser.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=None,
        help="按该日期计算（YYYY-MM-DD，默认今天）",
    )
    parser.add_argument("--dry-run", action="store_true", help="只列出将要发送的通知，不发送")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from duban.cli.django_setup import migrate, setup

    setup()
    migrate()
    from duban.core import clock
    from duban.progress.services import reminders_run

    as_of = args.as_of or clock.today()
    outcome = reminders_run(as_of=as_of, dry_run=args.dry_run)
    verb = "将通知" if args.dry_run else "已通知"
    print(f"{as_of}：未报送 {len(outcome.items)} 项，{verb} {len(outcome.sent)} 人。")
    for username, lines in sorted(outcome.sent.items()):
        print(f"  {username}：")
        for line in lines:
            print(f"    {line}")
    if outcome.skipped:
        print(f"  间隔期内不再催办：{'、'.join(sorted(outcome.skipped))}")
    return 0
