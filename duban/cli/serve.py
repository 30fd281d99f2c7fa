"""``duban serve``: apply migrations, then run the web server on 127.0.0.1."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("serve", help="迁移数据库并启动网页服务（默认 127.0.0.1:8000）")
    parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from duban.cli.django_setup import migrate, setup

    setup()
    migrate()
    from django.core.management import call_command

    print(f"督办已启动：http://{args.host}:{args.port}/  （Ctrl+C 退出）", flush=True)
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False)
    return 0
