"""The two-phase import: preview, name mapping, confirm, re-import and failures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from duban.audit.models import AuditEvent
from duban.core.exceptions import ApplicationError
from duban.orgs.models import CollectiveGroup, Leader, OrgUnit, UnitAlias, UnitKind, UnitLevel
from duban.orgs.services import post_assign_holder, unit_alias_add, unit_create
from duban.plans.models import (
    BatchStatus,
    ImportBatch,
    Milestone,
    NameAction,
    NameKind,
    RowChange,
    RowState,
    SourceDocument,
    Target,
    Task,
    TaskCollective,
    TaskLeader,
    TaskUnit,
)
from duban.plans.services import import_batch_confirm, import_batch_create, import_name_update
from duban.plans.services.confirm import ALREADY_IMPORTED
from taskdoc.errors import TaskdocError, UnsupportedFormatError
from tests.duban.conftest import BASIC, Spec

pytestmark = pytest.mark.django_db

DOMAIN_MODELS = (
    SourceDocument,
    Task,
    TaskUnit,
    TaskLeader,
    TaskCollective,
    OrgUnit,
    UnitAlias,
    Leader,
)


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in DOMAIN_MODELS}


def test_import_batch_create_stores_preview_only(import_basic: Callable[..., Any]) -> None:
    """A preview holds rows and names but creates no task, unit or leader."""
    batch = import_basic(confirm=False)
    assert batch.status == BatchStatus.PREVIEW
    assert batch.rows.count() == 3
    assert set(batch.rows.values_list("state", flat=True)) == {RowState.NEW}
    names = {(n.kind, n.name): n for n in batch.names.all()}
    assert names[(NameKind.UNIT, "市财政局")].action == NameAction.CREATE
    assert names[(NameKind.COLLECTIVE, "各街道办事处")].match == "streets"
    assert names[(NameKind.LEADER, "张三")].count == 2
    assert all(v == 0 for v in counts().values())
    assert AuditEvent.objects.filter(action="import.preview").count() == 1
    assert Path(batch.file.path).read_bytes() == b"basic"


def test_import_batch_confirm_creates_everything(import_basic: Callable[..., Any]) -> None:
    batch = import_basic()
    doc = batch.document
    assert batch.status == BatchStatus.CONFIRMED
    assert doc.doc_number == "测政办〔2024〕1号"
    assert doc.file.name == batch.file.name
    tasks = Task.objects.filter(task_list__document=doc).order_by("number")
    assert [t.number for t in tasks] == [1, 2, 3]
    first = tasks[0]
    assert first.baseline_text == first.text == "地区生产总值增长7%以上。"
    assert first.section_path == "一、经济发展"
    assert first.span_text == "第10行至第12行"
    roles = {(a.unit.name, a.role) for a in first.assignments.all()}
    assert roles == {("市发展和改革委员会", "lead"), ("市财政局", "responsible")}
    assert [link.post.holder.name for link in first.leader_links.all()] == ["张三"]
    city = OrgUnit.objects.get(name="市财政局")
    assert (city.level, city.kind, city.parent.name) == ("city", "department", "测试市人民政府")
    assert AuditEvent.objects.filter(action="import.confirm", object_id=str(doc.pk)).exists()


def test_import_batch_confirm_failure_leaves_nothing(
    import_basic: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure half-way through confirm rolls back units, document, tasks and audit."""
    batch = import_basic(confirm=False)
    before, audit_before = counts(), AuditEvent.objects.count()

    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("duban.plans.services.confirm.links_create", boom)
    with pytest.raises(RuntimeError):
        import_batch_confirm(batch=batch, actor=None)
    assert counts() == before
    assert AuditEvent.objects.count() == audit_before
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEW
    monkeypatch.undo()
    import_batch_confirm(batch=batch, actor=None)
    assert Task.objects.count() == 3


def test_alias_and_suffix_matching(import_basic: Callable[..., Any]) -> None:
    """Known units are matched by alias (市人社局) and by suffix/abbreviation key."""
    dev = unit_create(name="市发展改革委", level=UnitLevel.CITY, kind=UnitKind.DEPARTMENT)
    hr = unit_create(name="市人力资源和社会保障局", level=UnitLevel.CITY, kind=UnitKind.DEPARTMENT)
    unit_alias_add(unit=hr, name="市人社局")
    batch = import_basic(confirm=False)
    names = {n.name: n for n in batch.names.filter(kind=NameKind.UNIT)}
    assert (names["市发展和改革委员会"].match, names["市发展和改革委员会"].unit) == ("suffix", dev)
    assert (names["市人社局"].match, names["市人社局"].unit) == ("alias", hr)
    import_batch_confirm(batch=batch, actor=None)
    assert not OrgUnit.objects.filter(name__in=["市发展和改革委员会", "市人社局"]).exists()
    task = Task.objects.get(number=2)
    assert task.assignments.filter(unit=hr).exists()


def test_within_batch_variants_become_aliases(import_basic: Callable[..., Any]) -> None:
    specs = [
        Spec(1, "任务一。", [("responsible", "市发展和改革委员会")]),
        Spec(2, "任务二。", [("responsible", "市发改委")]),
    ]
    import_basic(specs=specs)
    unit = OrgUnit.objects.get(name="市发展和改革委员会")
    assert UnitAlias.objects.get(name="市发改委").unit == unit
    assert TaskUnit.objects.filter(unit=unit).count() == 2


def test_name_mapping_in_preview(import_basic: Callable[..., Any]) -> None:
    """An unknown name mapped to an existing unit creates no unit and records an alias."""
    finance = unit_create(name="市财政局（国资委）", level=UnitLevel.CITY)
    batch = import_basic(confirm=False)
    name = batch.names.get(name="市财政局")
    import_name_update(name=name, action=NameAction.USE, unit=finance, actor=None)
    import_batch_confirm(batch=batch, actor=None)
    assert not OrgUnit.objects.filter(name="市财政局").exists()
    assert UnitAlias.objects.get(name="市财政局").unit == finance
    assert Task.objects.get(number=1).assignments.filter(unit=finance).exists()


def test_fuzzy_name_warns_and_defaults_to_create(import_basic: Callable[..., Any]) -> None:
    unit_create(name="市城乡建设局", level=UnitLevel.CITY, kind=UnitKind.DEPARTMENT)
    batch = import_basic(confirm=False)
    name = batch.names.get(name="市城建局")
    assert name.match == "fuzzy"
    assert name.action == NameAction.CREATE
    assert name.suggestions[0]["name"] == "市城乡建设局"
    row = batch.rows.get(number=3)
    assert row.state == RowState.WARNING
    assert "市城乡建设局" in row.messages[0]


def test_collective_expansion(import_basic: Callable[..., Any]) -> None:
    """各街道办事处 expands to every street office in the directory."""
    streets = [
        unit_create(name=n, level=UnitLevel.STREET, kind=UnitKind.STREET_OFFICE)
        for n in ("南关街道办事处", "城东路街道办事处")
    ]
    unit_create(name="区财政局", level=UnitLevel.COUNTY, kind=UnitKind.DEPARTMENT)
    import_basic()
    task = Task.objects.get(number=2)
    expanded = task.assignments.filter(via_collective__name="各街道办事处")
    assert {a.unit for a in expanded} == set(streets)
    collective = task.collectives.get()
    assert (collective.group.rule, collective.expanded_count) == ("streets", 2)
    assert CollectiveGroup.objects.get(name="各街道办事处").rule == "streets"


def test_collective_explicit_members(import_basic: Callable[..., Any]) -> None:
    a = unit_create(name="甲街道办事处", level=UnitLevel.STREET, kind=UnitKind.STREET_OFFICE)
    unit_create(name="乙街道办事处", level=UnitLevel.STREET, kind=UnitKind.STREET_OFFICE)
    group = CollectiveGroup.objects.create(name="各街道办事处", rule="explicit")
    group.members.add(a)
    import_basic()
    units = Task.objects.get(number=2).assignments.filter(via_collective=group)
    assert [x.unit for x in units] == [a]


def test_reimport_same_file_is_refused(import_basic: Callable[..., Any]) -> None:
    first = import_basic()
    again = import_basic(confirm=False)
    assert again.duplicate_of == first.document
    with pytest.raises(ApplicationError) as err:
        import_batch_confirm(batch=again, actor=None)
    assert err.value.message == ALREADY_IMPORTED.format(doc=first.document)
    assert Task.objects.count() == 3


def test_reimport_revised_notice_shows_and_applies_changes(
    import_basic: Callable[..., Any],
) -> None:
    """Same 文号 + title, different content: changed/added/removed, no duplicated tasks."""
    first = import_basic()
    kept = Task.objects.get(number=1)
    changed = Task.objects.get(number=2)
    removed = Task.objects.get(number=3)
    revised = [
        BASIC[0],
        Spec(2, "新增城镇就业6万人以上。", [("responsible", "市人社局")], ("李四",)),
        Spec(4, "建设口袋公园20个。", [("responsible", "市城管局")], ("王五",)),
    ]
    batch = import_basic(confirm=False, specs=revised, data=b"revised")
    assert batch.revision_of == first.document
    changes = {r.number: r.change for r in batch.rows.all() if r.change != RowChange.REMOVED}
    assert changes == {1: "unchanged", 2: "changed", 4: "added"}
    gone = batch.rows.get(change=RowChange.REMOVED)
    assert gone.previous_task == removed
    doc = import_batch_confirm(batch=batch, actor=None)
    assert doc.supersedes == first.document
    assert Task.objects.count() == 4
    changed.refresh_from_db()
    assert changed.text == "新增城镇就业6万人以上。"
    assert changed.baseline_text == "新增城镇就业5万人。"
    assert not changed.collectives.exists()
    assert set(changed.assignments.values_list("unit__name", flat=True)) == {"市人社局"}
    removed.refresh_from_db()
    assert removed.is_withdrawn
    kept.refresh_from_db()
    assert kept.task_list.document == doc
    assert Task.objects.filter(is_withdrawn=False, task_list__document=doc).count() == 3


def test_parse_failure_is_a_chinese_message_and_stores_nothing(
    monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    def fail(data: bytes, *, filename: str) -> Any:
        raise TaskdocError("第3段无法识别", where="x.txt")

    monkeypatch.setattr("duban.plans.parsing.parse_result", fail)
    with pytest.raises(ApplicationError) as err:
        import_batch_create(data=b"x", filename="x.txt", actor=None)
    assert err.value.message.startswith("无法解析该文件")
    assert ImportBatch.objects.count() == 0
    assert not Path(settings.MEDIA_ROOT).exists() or not any(
        Path(settings.MEDIA_ROOT).rglob("*.txt")
    )


def test_unsupported_format_message(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(data: bytes, *, filename: str) -> Any:
        raise UnsupportedFormatError(".wps 文件")

    monkeypatch.setattr("duban.plans.parsing.parse_result", fail)
    with pytest.raises(ApplicationError, match="暂不支持该文件格式"):
        import_batch_create(data=b"x", filename="x.wps", actor=None)


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("notice.exe", b"x", "不支持的文件类型"),
        ("notice.txt", b"", "文件为空"),
        ("notice.txt", b"x" * 2048, "文件过大"),
    ],
)
def test_upload_limits(settings: Any, filename: str, data: bytes, message: str) -> None:
    settings.DUBAN_UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ApplicationError, match=message):
        import_batch_create(data=data, filename=filename, actor=None)
    assert ImportBatch.objects.count() == 0


def test_error_rows_block_confirm(import_basic: Callable[..., Any]) -> None:
    specs = [Spec(1, "任务一。", [("responsible", "市财政局")]), Spec(1, "任务一重复。")]
    batch = import_basic(confirm=False, specs=specs)
    assert batch.rows.filter(state=RowState.ERROR).count() == 1
    with pytest.raises(ApplicationError, match="存在错误"):
        import_batch_confirm(batch=batch, actor=None)
    assert Task.objects.count() == 0


def test_successor_inherits_tasks(import_basic: Callable[..., Any]) -> None:
    import_basic()
    post = Leader.objects.get(name="张三").posts.get()
    successor = Leader.objects.create(name="赵六")
    post_assign_holder(post=post, leader=successor)
    holders = {link.post.holder for link in TaskLeader.objects.filter(raw_name="张三")}
    assert holders == {successor}
    assert post.holdings.count() == 2


def test_import_corpus_004(corpus_file: Callable[[str], Path]) -> None:
    """The real notice 004 goes through parse → preview → confirm (146 tasks)."""
    path = corpus_file("004")
    batch = import_batch_create(data=path.read_bytes(), filename=path.name, actor=None)
    assert batch.rows.count() == 146
    doc = import_batch_confirm(batch=batch, actor=None)
    assert doc.doc_number == "郑政办〔2020〕29号"
    assert Task.objects.filter(task_list__document=doc).count() == 146
    assert OrgUnit.objects.filter(name="市发展和改革委员会").exists()
    assert UnitAlias.objects.filter(name="市发展改革委").exists()
    again = import_batch_create(data=path.read_bytes(), filename=path.name, actor=None)
    assert again.duplicate_of == doc


def test_import_keeps_targets_and_milestones(corpus_file: Callable[[str], Path]) -> None:
    """Targets and dated milestones read by the parser are stored with their tasks."""
    path = corpus_file("000")
    batch = import_batch_create(data=path.read_bytes(), filename=path.name, actor=None)
    doc = import_batch_confirm(batch=batch, actor=None)
    first_list = doc.lists.order_by("position").first()
    employment = Target.objects.get(task__task_list=first_list, task__number=29, metric="新增就业")
    assert employment.normalized_value == Decimal(13000)
    assert (employment.normalized_unit, employment.comparator) == ("人", "exactly")
    opening = Milestone.objects.get(
        task__task_list=first_list, task__number=27, text__contains="开诊"
    )
    assert opening.due_date == date(2024, 6, 30)
    assert opening.precision == "month"
    assert Target.objects.filter(kind="qualitative").exists()
