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
# which government each demo notice belongs to: 000 is 管城回族区's, 004 郑州市's
CITY, DISTRICT = "郑州市人民政府", "管城回族区人民政府"
GOVERNMENT_OF_FILE = {"000_": DISTRICT, "004_": CITY}


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


def governments() -> dict[str, Any]:
    """郑州市人民政府 (city) and 管城回族区人民政府 (district, below it); idempotent."""
    from duban.orgs.models import Government, OrgUnit

    city, _ = Government.objects.get_or_create(
        name=CITY, defaults={"short_name": "郑州市", "level": "city"}
    )
    district, _ = Government.objects.get_or_create(
        name=DISTRICT, defaults={"short_name": "管城回族区", "level": "county", "parent": city}
    )
    # the city's notice names it 管城回族区人民政府; the district's own issuer line makes
    # 郑州市管城回族区人民政府 (which the city's 各县（市、区）人民政府 reaches)
    names = (DISTRICT, "郑州市" + DISTRICT)
    unit = next((u for n in names for u in OrgUnit.objects.filter(name=n)), None)
    if unit is not None and district.unit_id is None:
        district.unit = unit
        district.save(update_fields=["unit", "updated_at"])
    return {CITY: city, DISTRICT: district}


def _import(path: Path) -> str:
    from duban.core.exceptions import ApplicationError
    from duban.plans.services import import_batch_create
    from duban.workflows import import_confirm

    government = governments()[GOVERNMENT_OF_FILE.get(path.name[:4], DISTRICT)]
    batch = import_batch_create(
        data=path.read_bytes(), filename=path.name, actor=None, government=government
    )
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
        ("office", Role.OFFICE, "管城回族区督查室", [], None, False),
        ("cityoffice", Role.OFFICE, "郑州市督查室", [], None, False),
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
    seats = governments()
    for username, role, display, units, leader_obj, superuser in specs:
        password = fixed or secrets.token_urlsafe(9)
        account = user_create(
            username=username,
            password=password,
            role=role,
            display_name=display,
            units=units,
            leader=leader_obj,
            superuser=superuser,
        )
        # the city's 督查室 acts for the city; every other demo account for the district
        account.government = (
            None if superuser else seats[CITY if username == "cityoffice" else DISTRICT]
        )
        account.save(update_fields=["government"])
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
    governments()  # the district's own unit exists once the city's notice is in
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
