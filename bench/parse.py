"""Parser throughput and memory on the corpus and on a synthetic 2,000-task notice.

Why: a city's decomposition notice has 150 tasks, a province's can have
thousands, and uploads are parsed while the user waits. This prints, per
document, the best-of-N wall time, the throughput in MB/s and the peak
Python heap (tracemalloc) of ``taskdoc.parse_file`` / ``taskdoc.parse_text``,
then the per-file time of seed 004, the reference notice, and the total time
of the corpus-dev notices (``../shared/corpus-dev/*.txt``). It asserts nothing;
a document that raises :class:`taskdoc.TaskdocError` is reported, not fatal.

    .venv/bin/python bench/parse.py [--runs 5] [--tasks 2000]
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import taskdoc

REPO = Path(__file__).resolve().parents[1]
SEED_004 = "004_87fdf972b4e7a4f0"
MB = 1_000_000
MIB = 1024 * 1024

_TASK_START = re.compile(r"^(\d{1,4})(?=[.．、]\s*\S)", re.MULTILINE)
_SECTION = re.compile(r"^[一二三四五六七八九十]+、", re.MULTILINE)
_FIELD = re.compile(r"^(?:责任单位|牵头单位|责任领导)[:：].*$", re.MULTILINE)


@dataclass(frozen=True)
class Measurement:
    name: str
    size: int  # bytes
    seconds: float | None  # best of N; None when the parse failed
    peak: int | None  # bytes
    tasks: int
    error: str | None = None
    cold: float | None = None  # one parse right after the memo tables were emptied
    cold_gc: float | None = None  # the same, without collecting earlier garbage first


def shared_dir() -> Path:
    return Path(os.environ.get("DUBAN_SHARED", REPO.parent / "shared"))


def measure(
    name: str, size: int, parse: Callable[[], taskdoc.ParseResult], runs: int
) -> Measurement:
    """Best-of-``runs`` time and the peak traced memory of one extra run."""
    try:
        tasks = len(parse().tasks)  # warm-up: imports, regex compilation
    except taskdoc.TaskdocError as error:
        return Measurement(name, size, None, None, 0, str(error))
    taskdoc.clear_caches()
    start = time.perf_counter()
    parse()
    cold_gc = time.perf_counter() - start  # may include a collection pass owed to earlier work
    # The same cold parse with the earlier garbage collected first: a collection pass that
    # lands in the timed run moves the figure by ~10 ms, depending on allocation counts.
    taskdoc.clear_caches()
    gc.collect()
    start = time.perf_counter()
    parse()
    cold = time.perf_counter() - start
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        parse()
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    try:
        parse()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return Measurement(name, size, best, peak, tasks, cold=cold, cold_gc=cold_gc)


def synthetic_notice(source: str, tasks: int) -> str:
    """``source``'s header, then its task list cycled and renumbered up to ``tasks`` tasks.

    Section headings travel with the tasks that follow them, so the result has
    as many sections as the cycles bring; the closing lines are left out.
    """
    starts = [match.start() for match in _TASK_START.finditer(source)]
    if not starts:
        raise ValueError("the source notice has no numbered tasks")
    sections = [match.start() for match in _SECTION.finditer(source, 0, starts[0])]
    body_start = sections[-1] if sections else starts[0]
    fields = list(_FIELD.finditer(source))
    body_end = fields[-1].end() if fields else len(source)
    prefix = source[body_start : starts[0]]
    bounds = [*starts, body_end]
    chunks = [source[bounds[i] : bounds[i + 1]] for i in range(len(starts))]
    parts = [source[:body_start]]
    for index in range(tasks):
        if index and index % len(chunks) == 0:
            parts.append("\n\n" + prefix)
        parts.append(_TASK_START.sub(str(index + 1), chunks[index % len(chunks)], count=1))
    return "".join(parts) + "\n"


def corpus_measurements(corpus: Path, runs: int) -> list[Measurement]:
    return [
        measure(path.stem, path.stat().st_size, partial(taskdoc.parse_file, path), runs)
        for path in sorted(corpus.glob("*.txt"))
    ]


def corpus_dev_total(corpus_dev: Path, runs: int) -> tuple[int, float, int]:
    """(files, best-of-``runs`` total seconds, files refused) over the corpus-dev notices."""
    paths = sorted(corpus_dev.glob("*.txt"))
    best = float("inf")
    refused = 0
    for _ in range(runs):
        refused = 0
        start = time.perf_counter()
        for path in paths:
            try:
                taskdoc.parse_file(path)
            except taskdoc.TaskdocError:
                refused += 1
        best = min(best, time.perf_counter() - start)
    return len(paths), best, refused


def synthetic_measurement(corpus: Path, tasks: int, runs: int) -> Measurement:
    text = synthetic_notice((corpus / f"{SEED_004}.txt").read_text(encoding="utf-8"), tasks)
    return measure(f"synthetic-{tasks}", len(text.encode()), lambda: taskdoc.parse_text(text), runs)


def print_table(results: list[Measurement], runs: int) -> None:
    print(
        f"taskdoc parse throughput (best of {runs} runs; cold = first parse with empty memo"
        " tables after gc.collect(); +gc = the same with earlier garbage left to collect;"
        " peak = tracemalloc peak)"
    )
    print(
        f"{'document':<24} {'size KB':>8} {'tasks':>6} {'cold ms':>9} {'+gc ms':>8}"
        f" {'best ms':>9}"
        f" {'MB/s':>7} {'peak MiB':>9}"
    )
    for result in results:
        head = f"{result.name:<24} {result.size / 1000:>8.1f}"
        if result.seconds is None or result.peak is None:
            print(f"{head} {'-':>6} error: {result.error}")
            continue
        print(
            f"{head} {result.tasks:>6} {(result.cold or 0) * 1000:>9.2f}"
            f" {(result.cold_gc or 0) * 1000:>8.2f} {result.seconds * 1000:>9.2f}"
            f" {result.size / MB / result.seconds:>7.2f} {result.peak / MIB:>9.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per document (best kept)")
    parser.add_argument("--tasks", type=int, default=2000, help="tasks in the synthetic notice")
    args = parser.parse_args()
    runs = max(args.runs, 1)
    corpus = shared_dir() / "corpus"
    if not corpus.is_dir():
        print(f"corpus not found at {corpus}; set DUBAN_SHARED")
        return
    results = corpus_measurements(corpus, runs)
    if (corpus / f"{SEED_004}.txt").is_file():
        results.append(synthetic_measurement(corpus, args.tasks, runs))
    else:
        print(f"seed {SEED_004} not found: no synthetic notice")
    print_table(results, runs)
    seed = next((r for r in results if r.name == SEED_004), None)
    if seed is not None and seed.seconds is not None:
        print(
            f"seed 004: {(seed.cold or 0) * 1000:.2f} ms cold"
            f" ({(seed.cold_gc or 0) * 1000:.2f} ms with a collection pass),"
            f" {seed.seconds * 1000:.2f} ms best"
        )
    elif seed is not None:
        print(f"seed 004: error: {seed.error}")
    synthetic = next((r for r in results if r.name.startswith("synthetic-")), None)
    if synthetic is not None and synthetic.seconds is not None:
        print(f"synthetic {args.tasks} tasks: {synthetic.size / MB / synthetic.seconds:.2f} MB/s")
    corpus_dev = shared_dir() / "corpus-dev"
    if corpus_dev.is_dir():
        files, total, refused = corpus_dev_total(corpus_dev, runs)
        print(
            f"corpus-dev: {files} files in {total * 1000:.2f} ms total"
            f" (best of {runs}; {refused} refused with TaskdocError)"
        )
    else:
        print(f"corpus-dev not found at {corpus_dev}")


if __name__ == "__main__":
    main()
