"""``duban parse FILE``: print the parse as JSON, or write an Excel 台账 with ``--xlsx``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from taskdoc import TaskdocError, parse_file
from taskdoc.docvalues import KIND_NAMES
from taskdoc.output.ledger import ledger_bytes
from taskdoc.output.serialize import to_json


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "parse",
        help="解析任务分解通知、政府工作报告、计划执行情况报告或进展通报，输出 JSON 或 Excel 台账",
        description=(
            "解析政府工作报告任务分解通知、政府工作报告、计划执行情况的报告或进展情况通报"
            "（.txt/.md/.docx/.pdf），输出文件类型、目标、完成情况、时间要求和任务（JSON），"
            "或把任务写成 Excel 台账。"
        ),
    )
    parser.add_argument("file", type=Path, help="要解析的文件")
    parser.add_argument("--xlsx", type=Path, metavar="OUT.xlsx", help="另存为 Excel 台账")
    parser.add_argument("--compact", action="store_true", help="JSON 不缩进")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Exit 0 on success, 1 when the document cannot be parsed (message on stderr)."""
    try:
        result = parse_file(args.file)
    except TaskdocError as error:
        print(f"解析失败：{error}", file=sys.stderr)
        return 1
    if args.xlsx is not None:
        try:
            args.xlsx.write_bytes(ledger_bytes(result))
        except OSError as error:
            print(f"无法写入 {args.xlsx}：{error.strerror}", file=sys.stderr)
            return 1
        kind = KIND_NAMES[result.kind]
        print(f"已写入台账 {args.xlsx}（{kind}，{len(result.tasks)} 项任务）", file=sys.stderr)
    else:
        print(to_json(result, indent=None if args.compact else 2))
    return 0
