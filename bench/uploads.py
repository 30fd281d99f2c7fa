"""Time and memory to refuse a decompression bomb at each zip-based upload (issue 14).

Why: a 2 MB .docx that inflates to 2 GiB took 23 s and 4.3 GB of memory to refuse as a
notice. Goal: well under a second and a few MB, for every kind of upload. Each check runs in
a child process so its peak memory (``ru_maxrss``) is its own; ``tracemalloc`` gives the
Python allocations of the check alone. ``--before`` also opens the bomb the way the notice
reader did before the guard (python-docx reads every part: tens of seconds, gigabytes).

Usage: ``.venv/bin/python bench/uploads.py [--mib 2048] [--before]``. Prints the figures;
asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHECKS = ("notice guard", "notice parser", "evidence", "workbook", "python-docx (before)")


def _run(check: str, mib: int) -> dict[str, Any]:
    import docx  # imported before the clock starts: only the check is measured

    import taskdoc
    from duban.core import zipguard
    from duban.progress import filetypes
    from tests.zipbombs import docx_bomb, xlsx_bomb

    assert docx and taskdoc and zipguard and filetypes
    data = xlsx_bomb(mib) if check == "workbook" else docx_bomb(mib)
    tracemalloc.start()
    started = time.perf_counter()
    outcome = _attempt(check, data)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"check": check, "bytes": len(data), "seconds": seconds, "traced": peak,
            "rss": rss_kib * 1024, "outcome": outcome}  # fmt: skip


def _attempt(check: str, data: bytes) -> str:
    from duban.core import zipguard

    try:
        if check == "notice guard":
            zipguard.check(data, "通知.docx", zipguard.NOTICE)
        elif check == "notice parser":
            from taskdoc import parse_bytes

            parse_bytes(data, filename="通知.docx")
        elif check == "evidence":
            from duban.progress import filetypes

            filetypes.check(data, "佐证.docx", max_bytes=10 * 1024 * 1024)
        elif check == "workbook":
            zipguard.check(data, "填报表.xlsx", zipguard.WORKBOOK)
        else:
            import docx

            docx.Document(io.BytesIO(data))  # what the notice reader did first
    except Exception as err:
        return f"refused: {str(err)[:60]}"
    return "ACCEPTED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=2048, help="inflated size of the bomb")
    parser.add_argument("--before", action="store_true", help="also time python-docx on it")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_run(args.child, args.mib)))
        return
    checks = CHECKS if args.before else CHECKS[:-1]
    print(f"bomb: {args.mib:,} MiB of zeros in one member")
    print(f"{'check':<22}{'file':>10}{'seconds':>10}{'traced':>12}{'peak RSS':>12}  outcome")
    for check in checks:
        out = subprocess.run(
            [sys.executable, __file__, "--child", check, "--mib", str(args.mib)],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{r['check']:<22}{r['bytes'] / 1e6:>8.1f}MB{r['seconds']:>10.3f}"
            f"{r['traced'] / 1e6:>10.1f}MB{r['rss'] / 1e6:>10.0f}MB  {r['outcome']}"
        )


if __name__ == "__main__":
    main()
