"""Precision and recall of the indicator extractors over the hand-labelled corpus sentences.

Reads ``tests/taskdoc/data/targets_labelled.json`` and ``time_labelled.json``
(every target and time expression a reader expects in each sentence) and
prints, per field, precision (correct / extracted) and recall (correct /
labelled). An extracted quantitative target is paired with a label of the
same sentence and the same value; a field counts as correct only on a pair.
``target`` is the headline figure: value, unit and comparator all correct.
A metric is correct when the labelled core phrase appears in the extracted
metric and the extracted one is at most 10 characters longer (quotes and
spaces ignored). Time expressions pair by overlapping raw text.

The second set is the product, not the extractor: each progress document of
``../shared/corpus-dev`` (``NN_progress_*.txt``) is parsed whole with
``taskdoc.parse_file`` and its document-level targets and actuals (or, from a
parser without them, its tasks' targets) are scored against
``tests/taskdoc/data/progress_labelled.json``, figures paired within a file by
value; ``role`` (target or actual) and, where labelled, ``period`` and
``plan_share`` are fields too. A file the parser refuses extracts nothing.

Run: ``.venv/bin/python bench/indicators.py`` (also used by the tests).
"""

from __future__ import annotations

import json
import re
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from taskdoc.figures.targets import extract_targets  # noqa: E402
from taskdoc.figures.timeexpr import TimeExpression, extract_time_expressions  # noqa: E402
from taskdoc.values import Target, TargetKind  # noqa: E402

DATA = ROOT / "tests" / "taskdoc" / "data"
CORPUS_DEV = ROOT.parent / "shared" / "corpus-dev"
TARGET_FIELDS = ("value", "unit", "comparator", "kind", "metric", "target")
PROGRESS_FIELDS = (*TARGET_FIELDS, "role", "period", "plan_share")
TIME_FIELDS = ("found", "date", "precision")
_NOISE = re.compile(r"[\s“”\"'‘’《》*]")


@dataclass
class Tally:
    """Correct pairs per field, plus how many items were extracted and labelled."""

    extracted: int = 0
    labelled: int = 0
    correct: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, ok: bool) -> None:
        self.correct[name] = self.correct.get(name, 0) + int(ok)

    def precision(self, name: str) -> float:
        return self.correct.get(name, 0) / self.extracted if self.extracted else 1.0

    def recall(self, name: str) -> float:
        return self.correct.get(name, 0) / self.labelled if self.labelled else 1.0


def load(name: str) -> list[dict[str, Any]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        items: list[dict[str, Any]] = json.load(handle)["items"]
    return items


def _norm(text: str) -> str:
    return _NOISE.sub("", text).replace("(", "（").replace(")", "）")


def metric_ok(expected: str, got: str) -> bool:
    want, have = _norm(expected), _norm(got)
    return want in have and len(have) <= len(want) + 10


def _value_key(target: Target) -> tuple[str, ...]:
    if target.kind is TargetKind.RATIO:
        return tuple(str(part.normalize()) for part in target.ratio)
    assert target.value is not None
    high = "" if target.value_max is None else str(target.value_max.normalize())
    return (str(target.value.normalize()), high)


def _label_key(label: dict[str, Any]) -> tuple[str, ...]:
    if label["kind"] == "ratio":
        return tuple(str(Decimal(p).normalize()) for p in label["ratio"])
    high = "" if label["value_max"] is None else str(Decimal(label["value_max"]).normalize())
    return (str(Decimal(label["value"]).normalize()), high)


def score_targets(items: list[dict[str, Any]]) -> tuple[Tally, Tally]:
    """Quantitative tally and qualitative tally over all labelled sentences."""
    numbers, words = Tally(), Tally()
    for item in items:
        found = extract_targets(item["sentence"])
        quantitative = [t for t in found if t.kind is not TargetKind.QUALITATIVE]
        _score_numbers(numbers, quantitative, item["targets"])
        qualitative = [t for t in found if t.kind is TargetKind.QUALITATIVE]
        _score_words(words, qualitative, item["qualitative"])
    return numbers, words


def _score_numbers(tally: Tally, found: list[Target], labels: list[dict[str, Any]]) -> None:
    tally.extracted += len(found)
    tally.labelled += len(labels)
    unused = list(found)
    for label in labels:
        candidates = [t for t in unused if _value_key(t) == _label_key(label)]
        if not candidates:
            continue
        same_unit = [t for t in candidates if _norm(t.unit) == _norm(label["unit"])]
        got = (same_unit or candidates)[0]
        unused.remove(got)
        unit = _norm(got.unit) == _norm(label["unit"])
        comparator = str(got.comparator) == label["comparator"]
        tally.add("value", True)
        tally.add("unit", unit)
        tally.add("comparator", comparator)
        tally.add("kind", str(got.kind) == label["kind"])
        tally.add("metric", metric_ok(label["metric"], got.metric))
        tally.add("target", unit and comparator)


def _score_words(tally: Tally, found: list[Target], labels: list[dict[str, Any]]) -> None:
    tally.extracted += len(found)
    tally.labelled += len(labels)
    unused = list(found)
    for label in labels:
        got = next((t for t in unused if label["phrase"] in (t.phrase or "")), None)
        if got is None:
            continue
        unused.remove(got)
        tally.add("phrase", True)
        tally.add("metric", metric_ok(label["metric"], got.metric))


def score_times(items: list[dict[str, Any]]) -> Tally:
    tally = Tally()
    for item in items:
        found = list(extract_time_expressions(item["sentence"], year=item["year"]))
        tally.extracted += len(found)
        tally.labelled += len(item["times"])
        for label in item["times"]:
            got = _pair_time(found, label)
            if got is None:
                continue
            found.remove(got)
            tally.add("found", True)
            tally.add("date", got.date.isoformat() == label["date"])
            tally.add("precision", str(got.precision) == label["precision"])
    return tally


def _pair_time(found: list[TimeExpression], label: dict[str, Any]) -> TimeExpression | None:
    want = _norm(label["raw"])
    for expression in found:
        have = _norm(expression.raw)
        if want in have or have in want:
            return expression
    return None


@dataclass(frozen=True)
class Figure:
    """One figure the whole parse gives: the value, its role and what it is attached to."""

    target: Target
    role: str
    period: str | None = None
    plan_share: Decimal | None = None


def document_figures(path: Path) -> list[Figure]:
    """The document-level figures of a parse (its tasks' targets from a parser without them)."""
    from taskdoc import TaskdocError, parse_file

    try:
        result = parse_file(path)
    except TaskdocError:
        return []
    if not hasattr(result, "actuals"):
        return [Figure(t, "target") for task in result.tasks for t in task.targets]
    figures = [Figure(t.target, "target", _label(t.period)) for t in result.targets]
    figures.extend(
        Figure(a.figure, "actual", _label(a.period), a.plan_share) for a in result.actuals
    )
    return figures


def _label(period: Any) -> str | None:
    return None if period is None else str(period.label)


def score_progress(documents: list[dict[str, Any]]) -> Tally:
    """The product's figures of each progress document against the labels of that document."""
    tally = Tally()
    for document in documents:
        path = CORPUS_DEV / document["file"]
        found = [f for f in document_figures(path) if f.target.kind is not TargetKind.QUALITATIVE]
        tally.extracted += len(found)
        tally.labelled += len(document["figures"])
        for label in document["figures"]:
            got = _pair_figure(found, label)
            if got is not None:
                found.remove(got)
                _score_figure(tally, got, label)
    return tally


def _pair_figure(found: list[Figure], label: dict[str, Any]) -> Figure | None:
    candidates = [f for f in found if _value_key(f.target) == _label_key(label)]
    ranked = sorted(
        candidates,
        key=lambda f: (
            _norm(f.target.unit) != _norm(label["unit"]),
            f.role != label["role"],
            not metric_ok(label["metric"], f.target.metric),
        ),
    )
    return ranked[0] if ranked else None


def _score_figure(tally: Tally, got: Figure, label: dict[str, Any]) -> None:
    target = got.target
    unit = _norm(target.unit) == _norm(label["unit"])
    comparator = str(target.comparator) == label["comparator"]
    tally.add("value", True)
    tally.add("unit", unit)
    tally.add("comparator", comparator)
    tally.add("kind", str(target.kind) == label["kind"])
    tally.add("metric", metric_ok(label["metric"], target.metric))
    tally.add("target", unit and comparator)
    tally.add("role", got.role == label["role"])
    tally.add("period", got.period == label["period"] if "period" in label else True)
    share = label.get("plan_share")
    tally.add("plan_share", share is None or got.plan_share == Decimal(share))


def load_documents(name: str) -> list[dict[str, Any]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        documents: list[dict[str, Any]] = json.load(handle)["documents"]
    return documents


def _print(title: str, tally: Tally, fields: tuple[str, ...]) -> None:
    print(f"{title}: {tally.labelled} labelled, {tally.extracted} extracted")
    for name in fields:
        print(
            f"  {name:<11} precision {tally.precision(name):.3f}  recall {tally.recall(name):.3f}"
        )


def _timing() -> float:
    """Milliseconds for extract_targets over the whole text of corpus 004 (best of 5)."""
    corpus = ROOT.parent / "shared" / "corpus"
    paths = sorted(corpus.glob("004_*.txt"))
    if not paths:
        return float("nan")
    text = paths[0].read_text(encoding="utf-8")
    best = float("inf")
    for _ in range(5):
        began = time.perf_counter()
        extract_targets(text)
        best = min(best, time.perf_counter() - began)
    return best * 1000


def main() -> None:
    numbers, words = score_targets(load("targets_labelled.json"))
    _print("targets (quantitative)", numbers, TARGET_FIELDS)
    _print("targets (qualitative)", words, ("phrase", "metric"))
    _print("time expressions", score_times(load("time_labelled.json")), TIME_FIELDS)
    progress = score_progress(load_documents("progress_labelled.json"))
    _print("progress documents (whole parse, corpus-dev)", progress, PROGRESS_FIELDS)
    print(f"extract_targets over corpus 004: {_timing():.1f} ms")


if __name__ == "__main__":
    main()
