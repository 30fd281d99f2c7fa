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
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

SAME_NUMBER_MIN = 0.5
MOVED_MIN = 0.8
COMPARED_KEYS = ("text", "units", "leaders", "deadline", "section_path")
NEAR_SAME = 0.9


@dataclass(frozen=True, slots=True)
class OldTask:
    task_id: int
    list_title: str
    number: int
    data: dict[str, Any]
    section_path: tuple[str, ...] = ()


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
    new_rows: list[dict[str, Any]], old_texts: list[tuple[str, int, str]]
) -> tuple[int, int]:
    """(new rows with a near-identical old task, new rows); old as (list, number, text)."""
    exact = {_plain(text) for _, _, text in old_texts}
    by_key: dict[tuple[str, int], list[str]] = {}
    for title, number, text in old_texts:
        by_key.setdefault((title, number), []).append(_plain(text))
    alike = 0
    for row in new_rows:
        text = _plain(str(row.get("text", "")))
        if not text:
            continue
        if text in exact:
            alike += 1
            continue
        key = (str(row.get("list", "")), int(row.get("number") or 0))
        for old in by_key.get(key, ()):
            matcher = difflib.SequenceMatcher(None, text, old, autojunk=False)
            if matcher.real_quick_ratio() >= NEAR_SAME and matcher.ratio() >= NEAR_SAME:
                alike += 1
                break
    return alike, len(new_rows)


def _same(new: dict[str, Any], old: dict[str, Any]) -> bool:
    return all(new.get(k) == old.get(k) for k in COMPARED_KEYS)


def diff_rows(new_rows: list[dict[str, Any]], old_tasks: list[OldTask]) -> Diff:
    diff = Diff()
    by_key = {(t.list_title, t.section_path, t.number): t for t in old_tasks}
    used: set[int] = set()
    pending: list[int] = []
    for index, row in enumerate(new_rows):
        key = (
            str(row.get("list", "")),
            tuple(row.get("section_path") or ()),
            int(row.get("number") or 0),
        )
        old = by_key.get(key)
        if old is not None and old.task_id not in used:
            score = similarity(row.get("text", ""), old.data.get("text", ""))
            if score >= SAME_NUMBER_MIN:
                used.add(old.task_id)
                change = "unchanged" if _same(row, old.data) else "changed"
                diff.rows[index] = (change, old.task_id, score)
                continue
        pending.append(index)
    for index in pending:
        text = new_rows[index].get("text", "")
        best: tuple[float, OldTask | None] = (0.0, None)
        for old in old_tasks:
            if old.task_id in used:
                continue
            matcher = difflib.SequenceMatcher(None, text, old.data.get("text", ""), autojunk=False)
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
