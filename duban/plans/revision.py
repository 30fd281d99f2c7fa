"""Pure comparison of a revised notice with the tasks already imported from its earlier version.

Tasks are paired first by (list title, section path, number) — numbering may restart in
every group — when their texts are still similar
(``SAME_NUMBER_MIN`` = 0.5), then — for tasks renumbered or moved — by text alone
(``MOVED_MIN`` = 0.8). A paired task is *unchanged* when its text, units, leaders and
deadline are identical and *changed* otherwise; unpaired new rows are *added* and unpaired
old tasks *removed*. Similarity is ``difflib.SequenceMatcher.ratio`` on the task text.

``alike_share`` decides whether an upload without 文号 is an already imported notice
(same title and issuer): the share of new task texts that have a near-identical old task
(``NEAR_SAME`` = 0.9) — the same text once blanks are ignored, or a similar one at the same
list and number. It compares each row with at most a few old texts, so it stays cheap.

Both sides are typed :class:`~duban.plans.records.TaskRecord` values (what a confirmed
task stores, and what the seam makes of a new row), so a diff never reads dict keys.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from duban.plans.records import TaskRecord

SAME_NUMBER_MIN = 0.5
MOVED_MIN = 0.8
NEAR_SAME = 0.9


@dataclass(frozen=True, slots=True)
class OldTask:
    task_id: int
    list_title: str
    number: int
    record: TaskRecord

    @property
    def section_path(self) -> tuple[str, ...]:
        return self.record.section_path


@dataclass
class Diff:
    # row index → (change, old task id or None, similarity or None)
    rows: dict[int, tuple[str, int | None, float | None]] = field(default_factory=dict)
    removed: list[OldTask] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out = {"added": 0, "changed": 0, "unchanged": 0, "removed": len(self.removed)}
        for change, _, _ in self.rows.values():
            out[change] += 1
        return out


def similarity(a: str, b: str) -> float:
    return round(difflib.SequenceMatcher(None, a, b, autojunk=False).ratio(), 3)


def _plain(text: str) -> str:
    return "".join(text.split())


def alike_share(
    new_rows: list[TaskRecord], old_texts: list[tuple[str, int, str]]
) -> tuple[int, int]:
    """(new rows with a near-identical old task, new rows); old as (list, number, text)."""
    exact = {_plain(text) for _, _, text in old_texts}
    by_key: dict[tuple[str, int], list[str]] = {}
    for title, number, text in old_texts:
        by_key.setdefault((title, number), []).append(_plain(text))
    alike = 0
    for row in new_rows:
        text = _plain(row.text)
        if not text:
            continue
        if text in exact:
            alike += 1
            continue
        key = (row.list, row.number)
        for old in by_key.get(key, ()):
            matcher = difflib.SequenceMatcher(None, text, old, autojunk=False)
            if matcher.real_quick_ratio() >= NEAR_SAME and matcher.ratio() >= NEAR_SAME:
                alike += 1
                break
    return alike, len(new_rows)


def diff_rows(new_rows: list[TaskRecord], old_tasks: list[OldTask]) -> Diff:
    diff = Diff()
    by_key = {(t.list_title, t.section_path, t.number): t for t in old_tasks}
    used: set[int] = set()
    pending: list[int] = []
    for index, row in enumerate(new_rows):
        old = by_key.get((row.list, row.section_path, row.number))
        if old is not None and old.task_id not in used:
            score = similarity(row.text, old.record.text)
            if score >= SAME_NUMBER_MIN:
                used.add(old.task_id)
                change = "unchanged" if row.compared() == old.record.compared() else "changed"
                diff.rows[index] = (change, old.task_id, score)
                continue
        pending.append(index)
    for index in pending:
        text = new_rows[index].text
        best: tuple[float, OldTask | None] = (0.0, None)
        for old in old_tasks:
            if old.task_id in used:
                continue
            matcher = difflib.SequenceMatcher(None, text, old.record.text, autojunk=False)
            if matcher.real_quick_ratio() < MOVED_MIN or matcher.quick_ratio() < MOVED_MIN:
                continue
            score = round(matcher.ratio(), 3)
            if score >= MOVED_MIN and score > best[0]:
                best = (score, old)
        if best[1] is not None:
            used.add(best[1].task_id)
            diff.rows[index] = ("changed", best[1].task_id, best[0])
        else:
            diff.rows[index] = ("added", None, None)
    diff.removed = [t for t in old_tasks if t.task_id not in used]
    return diff
