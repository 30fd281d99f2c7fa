"""The import preview says, per task, where each field came from (issue 9, item 8).

An invented notice — a group heading naming the leader, trailing brackets, a label line and
a convention stated once in the preamble — is uploaded through the import page (the same
service the view uses) and the preview must show each field's Chinese description, never a
rule code. Flags on numbers are shown and stored; a hand correction in the admin turns the
field's source into 人工修改 and a re-import of the unchanged notice keeps it so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape

from duban.accounts.models import Role
from duban.accounts.services import user_create
from duban.plans.models import ImportBatch, Task
from duban.plans.provenance import MANUAL_RULE, MANUAL_WORDS, field_lines
from duban.plans.records import LeaderEntry, SourceNote, TaskRecord, UnitEntry
from taskdoc import parse_bytes
from taskdoc.model import FieldSource, Location, ParseResult, Rule, SourceSpan
from tests.duban.conftest import BASIC, Spec, make_result

pytestmark = pytest.mark.django_db

NOTICE = """青川县人民政府办公室关于印发2025年重点工作任务分解方案的通知
川政办〔2025〕3号
各乡镇人民政府，县政府各部门：
现将任务分解如下。责任单位中列第一位的为牵头单位。
一、李明副县长牵头重点工作
1.新建乡村公路80公里。（责任单位：县交通局、县财政局；完成时限：2025年10月底）
2.改造农村危房300户。
责任单位：县住建局、县民政局
配合单位：各乡镇人民政府
二、王芳副县长牵头重点工作
3.新增城镇就业2000人。（牵头单位：县人社局；配合单位：县教育局）
""".encode()

RULE_CODES = [str(rule) for rule in Rule] + [MANUAL_RULE]
FIELD_KEYS = ("leaders", "lead_units", "responsible_units", "supporting_units", "deadline")


@pytest.fixture
def office() -> Client:
    client = Client()
    client.force_login(user_create(username="office", password="pw-123456", role=Role.OFFICE))
    return client


def _upload(client: Client, data: bytes, name: str = "分解方案.txt") -> ImportBatch:
    upload = SimpleUploadedFile(name, data)
    response = client.post("/imports/", {"file": upload, "kind": "decomposition"})
    assert response.status_code == 302, response.content.decode()
    return ImportBatch.objects.latest("created_at")


def _visible(html: str) -> str:
    """The page as people read it (tags and attribute names dropped, title texts kept)."""
    titles = " ".join(re.findall(r'title="([^"]*)"', html))
    return re.sub(r"<[^>]+>", " ", html) + " " + titles


def test_preview_shows_where_each_field_came_from(office: Client) -> None:
    batch = _upload(office, NOTICE)
    html = office.get(f"/imports/{batch.pk}/").content.decode()
    expected = parse_bytes(NOTICE, filename="分解方案.txt")
    rules = {source.rule for task in expected.tasks for source in task.sources}
    assert {Rule.GROUP_HEADING, Rule.BRACKET, Rule.CONVENTION} <= rules
    for task in expected.tasks:
        assert task.sources, task.number
        for source in task.sources:
            assert escape(source.describe()) in html, source
    for label in ("责任领导", "牵头单位", "责任单位", "配合单位", "完成时限"):
        assert f"<dt>{label}</dt>" in html
    assert "据分组标题“一、李明副县长牵头重点工作”" in html
    assert "据文件约定“列第一位的为牵头单位”" in html
    for code in RULE_CODES:
        assert code not in html, code
    for key in FIELD_KEYS:
        assert key not in _visible(html), key


def test_rows_and_tasks_keep_small_sources(office: Client) -> None:
    batch = _upload(office, NOTICE)
    row = batch.rows.order_by("position").first()
    assert row is not None
    assert row.data["flags"] == []
    assert row.data["schema"] == "taskdoc.parse/2"  # the parser's own schema, versioned
    office.post(f"/imports/{batch.pk}/confirm/")
    task = Task.objects.get(number=1)
    # the task keeps its record once: small sources, no targets / milestones / issues again
    assert task.source_data["record"] == "duban.task-record/1"
    assert not {"targets", "milestones", "issues", "source", "flags"} & set(task.source_data)
    assert all(set(s) == {"field", "rule", "description"} for s in task.source_data["sources"])
    assert [s["description"] for s in task.source_data["sources"]] == [
        s["description"] for s in row.data["sources"]
    ]
    page = office.get(f"/tasks/{task.pk}/").content.decode()
    assert "各栏目的识别依据" in page
    assert escape(task.source_data["sources"][0]["description"]) in page
    assert task.source_data["sources"][0]["rule"] not in page


def _flagged(result: ParseResult) -> ParseResult:
    """BASIC with ★ on task 1 and a label source with an HTML-looking label on each field."""
    span = SourceSpan.at(Location(line=9))
    first = result.tasks[0]
    sources = (
        FieldSource("leaders", Rule.TABLE_COLUMN, "分管<b>领导</b>", span),
        FieldSource("lead_units", Rule.SENTENCE, "X牵头", span),
        FieldSource("responsible_units", Rule.INLINE_LABEL, "责任单位", span),
    )
    tasks = (first.__class__(**{**_fields(first), "flags": ("★",), "sources": sources}),)
    return ParseResult(result.document, result.lists, tasks + result.tasks[1:])


def _fields(task: Any) -> dict[str, Any]:
    return {name: getattr(task, name) for name in task.__dataclass_fields__}


def test_flags_shown_stored_and_labels_escaped(
    office: Client, fake_parse: Callable[[ParseResult], None]
) -> None:
    fake_parse(_flagged(make_result(BASIC)))
    batch = _upload(office, b"notice")
    html = office.get(f"/imports/{batch.pk}/").content.decode()
    assert '<span class="flag" title="原文序号带有标记“★”">★</span>' in html
    assert "<b>领导</b>" not in html and "分管&lt;b&gt;领导&lt;/b&gt;" in html
    assert "据表格列" in html and "据分工句式“X牵头”" in html
    office.post(f"/imports/{batch.pk}/confirm/")
    assert Task.objects.get(number=1).flags == "★"
    assert Task.objects.get(number=2).flags == ""
    detail = office.get(f"/tasks/{Task.objects.get(number=1).pk}/").content.decode()
    assert "★</span>. 任务详情" in detail


def _admin_form(response: Any) -> dict[str, Any]:
    """The admin change form's data as the page would post it back unchanged."""
    data: dict[str, Any] = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})
        forms.extend(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is not None and value is not False:
                data[form.add_prefix(name)] = value
    return data


def test_admin_correction_marks_field_by_hand_and_reimport_keeps_it(
    import_basic: Callable[..., Any],
) -> None:
    import_basic()
    admin = Client()
    admin.force_login(
        user_create(username="root", password="pw-123456", role=Role.OFFICE, superuser=True)
    )
    task = Task.objects.get(number=1)
    task.source_data = {
        **task.source_data,
        "sources": [
            {
                "field": "lead_units",
                "rule": "label_line",
                "description": "据单独成行的栏目“牵头单位”",
            },
            {
                "field": "deadline",
                "rule": "label_line",
                "description": "据单独成行的栏目“完成时限”",
            },
        ],
    }
    task.save()
    url = f"/admin/plans/task/{task.pk}/change/"
    data = _admin_form(admin.get(url))
    lead = next(k for k, v in data.items() if k.endswith("-role") and v == "lead")
    data[lead] = "supporting"
    data["deadline_text"] = "2024年9月底"
    response = admin.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    task.refresh_from_db()
    marks = {s["field"]: s["description"] for s in task.source_data["sources"]}
    assert marks == {
        "lead_units": MANUAL_WORDS,
        "supporting_units": MANUAL_WORDS,
        "deadline": MANUAL_WORDS,
    }
    detail = admin.get(f"/tasks/{task.pk}/").content.decode()
    assert f'class="why by-hand">{MANUAL_WORDS}' in detail

    # same 文号 and title, one task added: a revision, task 1 unchanged (an identical file
    # would be refused as 与已导入的文件相同)
    revised = [*BASIC, Spec(4, "建设口袋公园20个。", [("responsible", "市城管局")])]
    again = import_basic(data=b"basic, saved again", specs=revised)
    assert again.document is not None
    task.refresh_from_db()
    assert {s["field"] for s in task.source_data["sources"] if s["rule"] == MANUAL_RULE} == {
        "lead_units",
        "supporting_units",
        "deadline",
    }
    assert task.deadline_text == "2024年9月底"
    assert task.assignments.filter(role="supporting").exists()


def test_field_lines_without_sources_or_values() -> None:
    """A record without sources shows values only; a hand-added field shows its mark."""
    old = TaskRecord(
        "清单",
        (),
        1,
        "任务",
        (UnitEntry("lead", "甲局", "甲局", False, ""),),
        (LeaderEntry("张三"), LeaderEntry("区政府班子成员", collective=True)),
        "",
        (),
    )
    lines = field_lines(old)
    assert [(line.label, line.values, line.sources) for line in lines] == [
        ("责任领导", ("张三", "区政府班子成员（集体）"), ()),
        ("牵头单位", ("甲局",), ()),
    ]
    added = TaskRecord(
        "清单",
        (),
        1,
        "任务",
        (),
        (),
        "",
        (SourceNote("supporting_units", MANUAL_RULE, "人工修改"),),
    )
    assert [(line.label, line.manual) for line in field_lines(added)] == [("配合单位", True)]
