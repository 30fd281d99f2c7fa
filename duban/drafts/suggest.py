"""Who should carry each candidate task: suggestions from last year's tasks and the directory.

Pure (no Django): the selectors hand in last year's tasks of the same government
(:class:`PastTask`) and the unit directory's names; every suggestion carries the Chinese
sentence that justifies it, shown beside the row, because the office decides, not the
program.

Order of evidence, first hit wins:

1. a target row whose metric a past task's target has (地区生产总值 → 地区生产总值): the same
   indicator is followed by the same units, year after year;
2. a past task whose text is alike (character-bigram overlap, Dice ≥ :data:`ALIKE_MIN`,
   the best one): the same topic;
3. units of the directory whose topic words the text names (区教育局 ← 教育), and as leader the
   one who led most of that unit's tasks last year.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

ALIKE_MIN = 0.3  # Dice of character bigrams: same-topic tasks score 0.3–0.6, others < 0.2
DIRECTORY_LIMIT = 3
JOIN = "、"
_TOPIC_MIN = 2
_QUOTE = 18
# What a unit's name says besides its topic: 区 / 市 before, 局 / 委员会 … after.
_PREFIX_RE = re.compile(r"^(?:[省市区县]|[\u4e00-\u9fff]{2,4}?[省市区县])")
_SUFFIX_RE = re.compile(
    r"(?:人民政府|管理委员会|委员会|管委会|街道办事处|办事处|办公室|事务局|管理局|服务中心|中心|局|委|办)$"
)
_GENERIC = frozenset({"政府", "人民", "管理", "服务", "事务", "发展", "工作"})
_NOT_CJK_RE = re.compile(r"[^\u4e00-\u9fff0-9A-Za-z]")


@dataclass(frozen=True)
class PastTask:
    """One of last year's tasks as the suggestions need it."""

    text: str
    document_title: str
    metrics: tuple[str, ...]
    leaders: tuple[str, ...]
    lead_units: tuple[str, ...]
    responsible_units: tuple[str, ...]


@dataclass
class Suggestion:
    leaders: list[str] = field(default_factory=list)
    lead_units: list[str] = field(default_factory=list)
    responsible_units: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def bigrams(text: str) -> frozenset[str]:
    plain = _NOT_CJK_RE.sub("", text)
    return frozenset(plain[i : i + 2] for i in range(len(plain) - 1))


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _quote(text: str) -> str:
    plain = "".join(text.split()).rstrip("。；;")
    return plain if len(plain) <= _QUOTE else plain[:_QUOTE] + "…"


def _who(task: PastTask) -> str:
    lead = task.lead_units or task.responsible_units[:1]
    said = f"由{JOIN.join(lead)}牵头" if lead else "未写明牵头单位"
    if task.leaders:
        said += f"，{JOIN.join(task.leaders)}负责"
    return said


def _from_past(task: PastTask, why: str) -> Suggestion:
    lead = list(task.lead_units or task.responsible_units[:1])
    rest = [u for u in task.responsible_units if u not in lead]
    return Suggestion(list(task.leaders), lead, rest, [f"{why}《{_quote(task.text)}》{_who(task)}"])


class Suggester:
    """Suggestions for the rows of one draft; last year's bigrams are computed once."""

    def __init__(self, past: Sequence[PastTask], units: Iterable[str]) -> None:
        self.past = list(past)
        self.grams = [bigrams(t.text) for t in self.past]
        self.topics = sorted(
            ((topic, name) for name in units if (topic := unit_topic(name))),
            key=lambda pair: -len(pair[0]),
        )
        self.unit_leader = _leaders_by_lead_unit(self.past)

    def for_row(self, text: str, metric: str = "") -> Suggestion:
        if metric:
            for task in self.past:
                if metric in task.metrics:
                    return _from_past(task, f"上年同一指标“{metric}”的任务")
        grams = bigrams(text)
        scored = [(dice(grams, g), i) for i, g in enumerate(self.grams)]
        best = max(scored, default=(0.0, -1))
        if best[0] >= ALIKE_MIN:
            return _from_past(self.past[best[1]], "上年同类任务")
        return self._from_directory(text)

    def _from_directory(self, text: str) -> Suggestion:
        found: list[tuple[str, str]] = []
        for topic, name in self.topics:
            if topic in text and all(topic not in seen for seen, _ in found):
                found.append((topic, name))
            if len(found) == DIRECTORY_LIMIT:
                break
        if not found:
            return Suggestion(
                reasons=["上年无同类任务，单位目录中也没有与任务内容对应的单位，请填写。"]
            )
        names = [name for _, name in found]
        reasons = [f"任务内容提到“{topic}”，单位目录中有{name}" for topic, name in found]
        leader = self.unit_leader.get(names[0])
        leaders = [leader] if leader else []
        if leader:
            reasons.append(f"上年{names[0]}牵头的任务多由{leader}负责")
        return Suggestion(leaders, names[:1], names[1:], reasons)


def unit_topic(name: str) -> str:
    """The words of a unit's name that say what it does: 区教育局 → 教育, 市发展和改革委员会 →
    发展和改革; '' when nothing specific is left (区人民政府)."""
    core = _SUFFIX_RE.sub("", _PREFIX_RE.sub("", name))
    return core if len(core) >= _TOPIC_MIN and core not in _GENERIC else ""


def _leaders_by_lead_unit(past: Sequence[PastTask]) -> dict[str, str]:
    counts: dict[str, Counter[str]] = {}
    for task in past:
        for unit in task.lead_units:
            counts.setdefault(unit, Counter()).update(task.leaders)
    return {unit: c.most_common(1)[0][0] for unit, c in counts.items() if c}
