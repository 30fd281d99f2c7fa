"""``duban ledger --document ID [--as-of DATE] -o FILE.xlsx``: the 台账 for a scheduled job.

The same exporter as the 台账 download on the web (``exports.registry.EXPORTERS["ledger"]``),
over every task of the document.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from duban.cli.exporting import CommandLineReader, add_arguments, run_export


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("ledger", help="导出重点任务推进台账（Excel，可由 cron 运行）")
    add_arguments(parser, ".xlsx")
    parser.set_defaults(func=run)


def _make(document: Any, as_of: date) -> tuple[bytes, str]:
    from duban.exports.base import ExportParams
    from duban.exports.registry import EXPORTERS

    params = ExportParams(user=CommandLineReader(), document=document, as_of=as_of)
    _name, _mimetype, data = EXPORTERS["ledger"].render(params)
    return data, f"《{document.title}》截至{as_of:%Y年%m月%d日}"


def run(args: argparse.Namespace) -> int:
    return run_export(args, ".xlsx", _make)
