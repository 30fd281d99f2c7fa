"""``duban bulletin --document ID [--as-of DATE] -o FILE.docx``: a 督查通报 draft from the data.

The same figures, text and Word layout as the draft the 督查室 starts from on the web
(``bulletin_context`` → ``draft_content`` → ``render_bulletin_docx``), marked 草稿 and with the
blank 文号: a file to read or edit, not an issue — 印发 (numbering and archiving) stays on the
web, where it is confirmed and audited. Nothing is written to the database.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from duban.cli.exporting import add_arguments, run_export


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "bulletin", help="根据数据起草督查通报（Word 草稿，可由 cron 运行）"
    )
    add_arguments(parser, ".docx")
    parser.set_defaults(func=run)


def _make(document: Any, as_of: date) -> tuple[bytes, str]:
    from duban.exports.bulletins import bulletin_context, draft_content, render_bulletin_docx
    from duban.plans.models import Task
    from duban.supervision.snapshot import Dataset

    data = Dataset(document, Task.objects.all())
    ctx = bulletin_context(data=data, as_of=as_of)
    content = draft_content(ctx, document)
    return render_bulletin_docx(content), f"{content.title}，草稿"


def run(args: argparse.Namespace) -> int:
    return run_export(args, ".docx", _make)
