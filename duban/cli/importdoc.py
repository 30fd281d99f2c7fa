"""``duban import FILE``: preview an import on the terminal; ``--yes`` confirms it.

Uses exactly the services behind the upload page (preview batch, then confirm).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("import", help="导入任务分解文件：先预览，加 --yes 直接确认")
    parser.add_argument("file", type=Path, help="要导入的文件")
    parser.add_argument("--yes", action="store_true", help="预览后直接确认导入")
    parser.add_argument(
        "--government",
        default=None,
        help="文件所属政府（全称或简称）；默认：发文机关所指的政府，只有一个政府时即为该政府",
    )
    parser.add_argument("--rows", action="store_true", help="逐行打印预览")
    parser.set_defaults(func=run)


def print_preview(batch: Any, *, rows: bool = False) -> None:
    from duban.plans.selectors import import_batch_summary

    s = import_batch_summary(batch=batch)
    info = batch.document_info
    print(f"文件：{batch.filename}")
    print(f"标题：{info.get('title') or '（未识别）'}  文号：{info.get('doc_number') or '—'}")
    print(f"任务 {s['rows']} 行：新增 {s['new']}，需注意 {s['warning']}，错误 {s['error']}")
    print(f"单位名称 {s['unit_names']} 个，将新建 {s['new_units']} 个")
    if batch.duplicate_of:
        print(f"该文件已导入过：{batch.duplicate_of}")
    if batch.revision_of:
        print(f"修订稿（原文件：{batch.revision_of}）：{s['changes']}")
    if rows:
        for row in batch.rows.order_by("position"):
            flag = row.get_state_display() + (f"/{row.get_change_display()}" if row.change else "")
            print(f"  [{flag}] {row.number} {row.data.get('text', '')[:50]}")
            for message in row.messages:
                print(f"      · {message}")


def run(args: argparse.Namespace) -> int:
    from duban.cli.django_setup import migrate, setup

    setup()
    migrate()
    from duban.core.exceptions import ApplicationError
    from duban.plans.services import import_batch_create
    from duban.workflows import import_confirm

    try:
        data = args.file.read_bytes()
    except OSError as err:
        print(f"无法读取 {args.file}：{err.strerror}", file=sys.stderr)
        return 1
    from duban.orgs.models import Government

    government = None
    if args.government:
        government = Government.objects.named(args.government)
        if government is None:
            known = "、".join(Government.objects.values_list("name", flat=True)) or "无"
            print(f"没有名为“{args.government}”的政府（现有：{known}）。", file=sys.stderr)
            return 1
    try:
        batch = import_batch_create(
            data=data, filename=args.file.name, actor=None, government=government
        )
    except ApplicationError as err:
        print(f"导入失败：{err.message}", file=sys.stderr)
        return 1
    print_preview(batch, rows=args.rows)
    if not args.yes:
        print(f"预览已保存（批次 {batch.pk}）。加 --yes 确认导入，或在网页“导入”中确认。")
        return 0
    try:
        doc = import_confirm(batch=batch, actor=None)
    except ApplicationError as err:
        print(f"未导入：{err.message}", file=sys.stderr)
        return 1
    print(f"已导入《{doc.title}》。")
    return 0
