"""A work report → a draft decomposition → edited → the Word notice → confirmed as tasks.

Suggestions come from last year's tasks of the same government (same metric, alike text)
and from the unit directory, each with its reason.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document

from duban.audit.models import AuditEvent
from duban.core.exceptions import ApplicationError
from duban.drafts import selectors, services
from duban.drafts.models import DraftRow, RowKind
from duban.plans.models import BatchStatus, SourceDocument, Task
from duban.progress.models import ReportingPeriod
from duban.workflows import import_confirm
from tests.duban.drafts.conftest import REPORT
from tests.taskdoc.conftest import CORPUS

pytestmark = pytest.mark.django_db


def _draft(actor: Any, text: str = REPORT) -> Any:
    return services.draft_create(data=text.encode(), filename="报告.txt", actor=actor)


def _rows(draft: Any) -> list[DraftRow]:
    return list(selectors.draft_rows(draft=draft))


def test_the_invented_report_becomes_targets_and_items(office_user: Any) -> None:
    draft = _draft(office_user)
    assert draft.year == 2025 and draft.title == "2025年政府工作报告目标任务分解"
    rows = _rows(draft)
    targets = [r.text for r in rows if r.kind == RowKind.TARGET]
    assert targets == ["地区生产总值增长6%左右", "城镇调查失业率控制在5.5%以内"]
    items = [(r.section, r.text[:8]) for r in rows if r.kind == RowKind.ITEM]
    assert items == [
        ("办好人民满意教育", "办好人民满意教育"),
        ("加强生态环境保护", "加强生态环境保护"),
        ("推动产业转型升级", "壮大先进制造业。"),
        ("推动产业转型升级", "发展现代服务业。"),
    ]
    assert all(r.deadline == "2025年12月底" for r in rows)
    assert AuditEvent.objects.filter(action="draft.create").count() == 1


def test_suggestions_follow_last_years_tasks_with_reasons(office_user: Any, last_year: Any) -> None:
    rows = _rows(_draft(office_user))
    gdp, jobs, school, green = rows[0], rows[1], rows[2], rows[3]
    # same metric → same units and leader
    assert (gdp.leaders, gdp.lead_units, gdp.responsible_units) == (
        "张三", "市发展和改革委员会", "市统计局",
    )  # fmt: skip
    assert gdp.reasons == [
        "上年同一指标“地区生产总值”的任务《地区生产总值增长6%左右》由市发展和改革委员会牵头，张三负责"
    ]
    # alike text → the same topic's units
    assert (school.leaders, school.lead_units) == ("李四", "市教育局")
    assert school.reasons[0].startswith("上年同类任务《推进义务教育优质均衡发展")
    assert "由市教育局牵头" in school.reasons[0]
    # no past task: the directory's unit whose topic the text names
    assert green.lead_units == "市生态环境局"
    assert green.reasons[0] == "任务内容提到“生态环境”，单位目录中有市生态环境局"
    assert jobs.lead_units == "" and "请填写" in jobs.reasons[0]


def test_another_governments_tasks_are_not_suggested(office_user: Any, last_year: Any) -> None:
    assert selectors.past_tasks(year=2025, government="测试市人民政府")
    assert selectors.past_tasks(year=2025, government="别的市人民政府") == []
    assert selectors.past_tasks(year=2026, government="") == []


def test_edit_add_delete_and_a_stale_save(office_user: Any) -> None:
    draft = _draft(office_user)
    first = _rows(draft)[0]
    values = {"text": "地区生产总值增长6.5%左右", "leaders": "王五", "lead_units": "市发展改革委",
              "responsible_units": "市统计局、市财政局", "deadline": "2025年12月31日"}  # fmt: skip
    saved = services.row_update(row=first, values=values, version=first.version, actor=office_user)
    assert saved.version == first.version + 1 and saved.leaders == "王五"
    with pytest.raises(ApplicationError, match="已被他人修改"):
        services.row_update(row=first, values=values, version=first.version, actor=office_user)
    with pytest.raises(ApplicationError, match="不能为空"):
        services.row_update(row=saved, values={**values, "text": " "}, version=saved.version,
                            actor=office_user)  # fmt: skip
    added = services.row_add(draft=draft, after=saved, actor=office_user)
    assert [r.pk for r in _rows(draft)][1] == added.pk and added.section == saved.section
    services.row_delete(row=added, actor=office_user)
    assert added.pk not in [r.pk for r in _rows(draft)]
    event = AuditEvent.objects.filter(action="draft.row.update").get()
    assert ["leaders", "", "王五"] in event.data["changes"]


def _docx_table(data: bytes) -> Any:
    tables = Document(io.BytesIO(data)).tables
    assert len(tables) == 1
    return tables[0]


def test_the_word_notice_has_the_official_table(office_user: Any, last_year: Any) -> None:
    draft = _draft(office_user)
    table = _docx_table(services.draft_docx(draft=draft))
    assert [c.text for c in table.rows[0].cells] == [
        "序号", "任务", "责任领导", "牵头单位", "责任单位", "完成时限",
    ]  # fmt: skip
    assert table.rows[1].cells[0].text == "一、主要预期目标"  # a merged part row
    assert [c.text for c in table.rows[2].cells] == [
        "1", "地区生产总值增长6%左右", "张三", "市发展和改革委员会", "市统计局", "2025年12月底",
    ]  # fmt: skip
    assert table.rows[4].cells[0].text == "二、办好人民满意教育"


def test_confirm_imports_the_notice_as_the_years_tasks(office_user: Any, last_year: Any) -> None:
    draft = _draft(office_user)
    rows = _rows(draft)
    services.row_update(
        row=rows[1], values={"text": rows[1].text, "lead_units": "市人力资源和社会保障局",
                             "leaders": "赵六"}, version=rows[1].version, actor=office_user,
    )  # fmt: skip
    batch = services.draft_to_batch(draft=draft, actor=office_user)
    assert batch.status == BatchStatus.PREVIEW and batch.rows.count() == len(rows)
    with pytest.raises(ApplicationError, match="导入预览"):  # the draft is locked meanwhile
        services.row_add(draft=draft, after=None, actor=office_user)
    document = import_confirm(batch=batch, actor=office_user)
    assert document.year == 2025 and document.title.startswith(
        "关于印发《2025年政府工作报告目标任务分解》"
    )
    tasks = list(Task.objects.filter(task_list__document=document).order_by("number"))
    assert [t.number for t in tasks] == list(range(1, len(rows) + 1))
    jobs = tasks[1]
    assert jobs.text == "城镇调查失业率控制在5.5%以内"
    assert [a.unit.name for a in jobs.assignments.all()] == ["市人力资源和社会保障局"]
    assert [link.raw_name for link in jobs.leader_links.all()] == ["赵六"]
    assert tasks[0].targets.get().metric == "地区生产总值"
    assert ReportingPeriod.objects.filter(document=document).exists()
    draft.refresh_from_db()
    with pytest.raises(ApplicationError, match="已确认为任务"):
        services.row_add(draft=draft, after=None, actor=office_user)
    assert SourceDocument.objects.filter(year=2025).count() == 1


def test_sample_003_drafts_exports_and_confirms(office_user: Any) -> None:
    data = next(CORPUS.glob("003_*.txt")).read_bytes()
    draft = services.draft_create(data=data, filename="003.txt", actor=office_user)
    rows = _rows(draft)
    targets = [r.text for r in rows if r.kind == RowKind.TARGET]
    assert targets[:2] == ["地区生产总值增长7%左右", "固定资产投资增长8%以上"]
    assert len(targets) == 6
    items = [r for r in rows if r.kind == RowKind.ITEM]
    assert items[0].text.startswith("加力提效扩大投资。") and len(items) == 28
    table = _docx_table(services.draft_docx(draft=draft))
    assert len(table.rows) == 1 + len(rows) + 1 + 11  # header, rows, 目标 + 11 item parts
    batch = services.draft_to_batch(draft=draft, actor=office_user)
    document = import_confirm(batch=batch, actor=office_user)
    assert Task.objects.filter(task_list__document=document).count() == len(rows)


def test_not_a_work_report_is_refused_in_chinese(office_user: Any) -> None:
    data = next(CORPUS.glob("000_*.txt")).read_bytes()
    with pytest.raises(ApplicationError, match="不是政府工作报告"):
        services.draft_create(data=data, filename="000.txt", actor=office_user)
    with pytest.raises(ApplicationError, match="文件为空"):
        services.draft_create(data=b"", filename="x.txt", actor=office_user)
