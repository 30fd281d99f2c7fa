"""The candidate tasks of a work report, in the order a 目标任务分解 lists them.

First the main expected targets, one task each (地区生产总值增长7%左右): the sentence that
states them (经济社会发展主要预期目标是：…) when the report has one, else every main target
that is not part of a work item. Then the plan year's work items: one task per sub-item
under its item's title (在经济增长上聚力攻坚，积聚高质量发展动能), or the item itself when it
has no sub-items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from duban.drafts.models import RowKind
from duban.plans.parsing import ReportOutline

TARGETS_SECTION = "主要预期目标"
_MAIN_SENTENCE_RE = re.compile(r"主要预期目标|主要目标是|目标是")


@dataclass(frozen=True)
class Candidate:
    kind: str
    section: str
    text: str
    metric: str = ""
    source: str = ""


def candidate_rows(outline: ReportOutline) -> list[Candidate]:
    return [*_targets(outline), *_items(outline)]


def _targets(outline: ReportOutline) -> list[Candidate]:
    stated = [t for t in outline.targets if _MAIN_SENTENCE_RE.search(t["sentence"])]
    if not stated:
        texts = [sub["text"] for item in outline.items for sub in item["subitems"]]
        texts += [item["text"] for item in outline.items]
        stated = [t for t in outline.targets if not any(t["sentence"] in x for x in texts)]
    seen: set[str] = set()
    out = []
    for target in stated:
        if target["metric"] in seen:
            continue
        seen.add(target["metric"])
        text = "".join(target["text"].split())
        out.append(
            Candidate(RowKind.TARGET, TARGETS_SECTION, text, target["metric"], target["sentence"])
        )
    return out


def _items(outline: ReportOutline) -> list[Candidate]:
    out = []
    for item in outline.items:
        title = item["title"]
        if not item["subitems"]:
            text = f"{title}。{item['text']}" if item["text"] else title
            out.append(Candidate(RowKind.ITEM, title, text, source=text))
            continue
        for sub in item["subitems"]:
            out.append(Candidate(RowKind.ITEM, title, sub["text"], source=sub["text"]))
    return out
