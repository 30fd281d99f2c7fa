"""The ``duban`` command: one entry point, one module per subcommand.

Each subcommand module exposes ``register(subparsers)`` which adds its parser
and sets ``func`` to a callable taking the parsed arguments and returning an
exit code. Subcommands that need Django import it inside ``func`` so that
``duban parse`` stays a pure-library command.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence

from duban.cli import (
    backup,
    bulletin,
    demo,
    importdoc,
    ledger,
    parse,
    remind,
    serve,
    token,
    worker,
)

SUBCOMMANDS = (parse, importdoc, demo, serve, worker, remind, token, backup, ledger, bulletin)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="duban", description="督办：政府工作报告任务分解与督查督办"
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="命令")
    for module in SUBCOMMANDS:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand and return its exit code (2 for a usage error)."""
    # Piping into `head` must end quietly, as other Unix tools do.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    parser = build_parser()
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
