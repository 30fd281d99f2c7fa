"""Shared fixtures: a private media dir, hand-made parse results, persona users."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from taskdoc.model import DocumentInfo, Location, ParseResult, SourceSpan, Task, TaskList, UnitRef
from tests.duban.chromium import browser  # noqa: F401  (a fixture for the browser tests)

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
LIST = "2024年重点工作任务分解"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Spec:
    """A task as a test writes it: units are (role, name) pairs."""

    number: int
    text: str
    units: list[tuple[str, str]] = field(default_factory=list)
    leaders: tuple[str, ...] = ()
    section: tuple[str, ...] = ("一、经济发展",)
    list: str = LIST


def _ref(name: str) -> UnitRef:
    collective = name.startswith(("各", "相关")) or name.endswith("各部门")
    return UnitRef(name=name, raw=name, collective=collective, label="责任单位")


def make_result(
    specs: list[Spec],
    *,
    title: str = "关于印发2024年重点工作任务分解的通知",
    doc_number: str | None = "测政办〔2024〕1号",
    issuer: str = "测试市人民政府办公厅",
) -> ParseResult:
    tasks = []
    for i, s in enumerate(specs):
        by_role: dict[str, list[UnitRef]] = {"lead": [], "responsible": [], "supporting": []}
        for role, name in s.units:
            by_role[role].append(_ref(name))
        tasks.append(
            Task(
                list=s.list,
                section_path=s.section,
                number=s.number,
                text=s.text,
                leaders=s.leaders,
                lead_units=tuple(by_role["lead"]),
                responsible_units=tuple(by_role["responsible"]),
                supporting_units=tuple(by_role["supporting"]),
                span=SourceSpan(Location(line=10 + i * 3), Location(line=12 + i * 3)),
                leader_label="责任领导",
            )
        )
    doc = DocumentInfo(
        title=title, issuer=issuer, doc_number=doc_number, date="2024-03-07", year=2024, level="市"
    )
    return ParseResult(
        document=doc, lists=(TaskList(LIST, SourceSpan.at(Location(line=5))),), tasks=tuple(tasks)
    )


@pytest.fixture
def fake_parse(monkeypatch: pytest.MonkeyPatch) -> Callable[[ParseResult], None]:
    """Make the importer's parser return ``result`` for any bytes."""

    def install(result: ParseResult) -> None:
        monkeypatch.setattr("duban.plans.parsing.parse_result", lambda data, *, filename: result)

    return install


BASIC = [
    Spec(
        1,
        "地区生产总值增长7%以上。",
        [("lead", "市发展和改革委员会"), ("responsible", "市财政局")],
        ("张三",),
    ),
    Spec(
        2,
        "新增城镇就业5万人。",
        [("responsible", "市人社局"), ("responsible", "各街道办事处")],
        ("李四",),
    ),
    Spec(3, "完成老旧小区改造100个。", [("responsible", "市城建局")], ("张三",)),
]


@pytest.fixture
def import_basic(fake_parse: Callable[[ParseResult], None]) -> Callable[..., Any]:
    """Preview (and optionally confirm) the BASIC document; returns the batch."""
    from duban.plans.services import import_batch_create
    from duban.workflows import import_confirm

    def run(
        *, confirm: bool = True, specs: list[Spec] | None = None, data: bytes = b"basic", **kw: Any
    ) -> Any:
        fake_parse(make_result(specs or BASIC, **kw))
        batch = import_batch_create(data=data, filename="notice.txt", actor=None)
        if confirm:
            import_confirm(batch=batch, actor=None)
            batch.refresh_from_db()
        return batch

    return run


@pytest.fixture
def corpus_file() -> Iterator[Callable[[str], Path]]:
    def find(prefix: str) -> Path:
        matches = sorted(CORPUS.glob(f"{prefix}_*.txt"))
        if not matches:
            pytest.fail(f"sample corpus missing: no {prefix}_*.txt in {CORPUS}")
        return matches[0]

    yield find
