"""``duban token USER``: issue an API token for a system account (replaces its old token).

Other systems call the API with ``Authorization: Token <key>``; the key is printed once and
stored by Django REST framework's token table, the issue itself is audited.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("token", help="为系统账号签发 API 令牌（旧令牌随即作废）")
    parser.add_argument("username", metavar="USER", help="用户名")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from duban.cli.django_setup import migrate, setup

    setup()
    migrate()
    from duban.accounts.services import token_issue
    from duban.core.exceptions import ApplicationError

    try:
        key = token_issue(username=args.username)
    except ApplicationError as err:
        print(err.message, file=sys.stderr)
        return 1
    print(f"已为 {args.username} 签发 API 令牌（请妥善保存，只显示这一次）：")
    print(key)
    print(f"调用方式：Authorization: Token {key}")
    return 0
