"""``duban demo``: a demo site from the sample corpus, built through the real import services.

Imports the two decomposition notices (000_* and 004_*) exactly as an upload would
(preview batch → confirm), then creates one demo user per role and prints the passwords. Only the 系统管理员
(``sysadmin``) is a superuser; the 督查室 (``office``) is not.
Running it again skips documents already imported and resets the demo passwords.
"""

from __future__ import annotations

import argparse
import os
import secrets
from pathlib import Path
from typing import Any

from tqdm import tqdm

from duban.cli import demo_levels

DEMO_FILES = ("000_*", "004_*")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("demo", help="用样例文件创建演示数据和各角色演示账号")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="样例文件目录（默认 ../shared/corpus，或环境变量 DUBAN_CORPUS）",
    )
    parser.set_defaults(func=run)


def corpus_dir(arg: Path | None) -> Path:
    if arg is not None:
        return arg
    if os.environ.get("DUBAN_CORPUS"):
        return Path(os.environ["DUBAN_CORPUS"])
    return Path(__file__).resolve().parents[3] / "shared" / "corpus"


def _import(path: Path) -> str:
    from duban.core.exceptions import ApplicationError
    from duban.plans.services import import_batch_create
    from duban.workflows import import_confirm

    batch = import_batch_create(data=path.read_bytes(), filename=path.name, actor=None)
    if batch.duplicate_of is not None:
        return f"{path.name}：已导入过，跳过"
    try:
        doc = import_confirm(batch=batch, actor=None)
    except ApplicationError as err:
        return f"{path.name}：未导入（{err.message}）"
    return f"{path.name}：已导入《{doc.title}》，{doc.lists.count()} 个清单"


def _users() -> list[tuple[str, str, str]]:
    from duban.accounts.models import Role
    from duban.accounts.services import user_create
    from duban.orgs.models import Leader, OrgUnit

    fixed = os.environ.get("DUBAN_DEMO_PASSWORD")
    leader = Leader.objects.filter(name="史建伟").first() or Leader.objects.first()
    unit = (
        OrgUnit.objects.filter(name="区发展和改革委员会").first()
        or OrgUnit.objects.filter(assignments__isnull=False).first()
    )
    street = OrgUnit.objects.filter(kind="street_office", assignments__isnull=False).first()
    specs: list[tuple[str, Role, str, list[Any], Any, bool]] = [
        ("office", Role.OFFICE, "督查室", [], None, False),
        ("sysadmin", Role.ADMIN, "系统管理员", [], None, True),  # accounts, in the admin
        ("auditor", Role.AUDITOR, "审计员", [], None, False),
        ("leader", Role.LEADER, leader.name if leader else "领导", [], leader, False),
        (
            "reporter",
            Role.REPORTER,
            f"{unit}填报员" if unit else "填报员",
            [unit] if unit else [],
            None,
            False,
        ),
        (
            "street",
            Role.REPORTER,
            f"{street}填报员" if street else "街道填报员",
            [street] if street else [],
            None,
            False,
        ),
    ]
    out = []
    for username, role, display, units, leader_obj, superuser in specs:
        password = fixed or secrets.token_urlsafe(9)
        user_create(
            username=username,
            password=password,
            role=role,
            display_name=display,
            units=units,
            leader=leader_obj,
            superuser=superuser,
        )
        out.append((username, password, f"{role.label}：{display}"))
    return out


def run(args: argparse.Namespace) -> int:
    from duban.cli.django_setup import migrate, setup

    corpus = corpus_dir(args.corpus)
    files = [p for pattern in DEMO_FILES for p in sorted(corpus.glob(pattern + ".txt"))]
    if not files:
        print(
            f"在 {corpus} 中没有找到样例文件（{', '.join(DEMO_FILES)}）。可用 --corpus 指定目录。"
        )
        return 1
    steps = tqdm(total=len(files) + 2, desc="创建演示数据", unit="步")
    setup()
    migrate()
    steps.update()
    results = []
    for path in files:
        results.append(_import(path))
        steps.update()
    results.append(demo_levels.seed(corpus))  # 001 as the city's tasks, 000 linked to them
    users = _users()
    from duban.messaging.services import schedules_ensure

    schedules_ensure()  # the worker's daily reminders and resends (make run starts it)
    steps.update()
    steps.close()
    for line in results:
        print(line)
    print("演示账号（用户名 / 密码 / 角色）：")
    for username, password, label in users:
        print(f"  {username:10s} {password:16s} {label}")
    return 0
