"""督查通报: drafted from the data, edited, issued (frozen), reopened with python-docx."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import docx
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from duban.audit.models import AuditEvent
from duban.core.exceptions import ApplicationError
from duban.exports import bulletins
from duban.exports.bulletins import bulletin_context
from duban.exports.models import Bulletin
from duban.exports.services import bulletin_draft_create, bulletin_issue, bulletin_update
from duban.plans.models import Task
from duban.supervision.snapshot import Dataset
from tests.duban import docx_checks as check
from tests.duban.outputs_year import JULY, Year

pytestmark = pytest.mark.django_db


def _client(year: Year, role: str) -> Client:
    client = Client()
    client.force_login(year.users[role])
    return client


def _draft(year: Year) -> Bulletin:
    return bulletin_draft_create(document=year.document, as_of=JULY, actor=year.users["office"])


def _text(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_draft_has_the_conventional_structure_and_figures(year: Year) -> None:
    bulletin = _draft(year)
    assert bulletin.title == "关于2024年政府工作报告重点任务2024年6月推进情况的通报"
    assert bulletin.doc_number == "督查通报〔2024〕 号"
    assert [s["heading"] for s in bulletin.sections] == [
        "一、总体情况",
        "二、进展较快的任务",
        "三、进展滞后的任务",
        "四、逾期未完成的任务",
        "五、未按时报送单位",
        "六、通报表扬单位",
        "七、下步要求",
    ]
    body = {s["heading"]: s["body"] for s in bulletin.sections}
    assert body["一、总体情况"] == (
        "截至2024年7月31日，2024年政府工作报告确定的7项重点任务中，已完成1项、占比14%；"
        "达到序时进度4项、占比57%；未达到序时进度3项、占比43%，"
        "其中进展滞后1项、逾期未完成1项、未按时报送进展1项。"
    )
    assert "第7项" in body["二、进展较快的任务"] and "第2项" in body["二、进展较快的任务"]
    # the list's name and the whole first sentence; the July report is submitted, not
    # approved, so it is not quoted (tests/duban/exports/test_gbt9704.py quotes approved ones)
    assert body["三、进展滞后的任务"] == (
        "1. 《2024年重点工作任务分解》第5项：9月底前建成便民服务中心10个。（市民政局）"
    )
    assert "第3项" in body["四、逾期未完成的任务"]
    assert "未按时报送进展情况的单位有2个" in body["五、未按时报送单位"]
    assert (
        "市民政局（1项）" in body["五、未按时报送单位"]
        and "市大数据局（1项）" in body["五、未按时报送单位"]
    )
    for unit in ("市人社局", "市发展和改革委员会", "市教育局"):
        assert unit in body["六、通报表扬单位"]
    assert "市城建局" not in body["六、通报表扬单位"]
    assert bulletin.figures["on_track"] == 4
    assert AuditEvent.objects.filter(action="bulletin.draft", object_id=str(bulletin.pk)).exists()


def test_docx_matches_the_stored_text(year: Year) -> None:
    bulletin = _draft(year)
    response = _client(year, "office").get(f"/bulletins/{bulletin.pk}.docx")
    assert response.status_code == 200
    lines = _text(response.content)
    assert lines[0] == "【草稿】"
    assert lines[1] == "督查通报〔2024〕 号"
    assert lines[2] == bulletin.title
    assert lines[3] == "各区人民政府，市政府各部门："  # 主送机关
    assert "一、总体情况" in lines
    assert any(
        line.startswith("截至2024年7月31日") and "达到序时进度4项、占比57%" in line
        for line in lines
    )
    signature = lines.index("测试市人民政府督查室")
    assert lines[signature + 1] == "2024年7月31日"
    assert lines[signature + 2 :] == [""]  # the 版记 is the table anchored to this paragraph
    check.check_imprint(
        check.open_docx(response.content),
        cc="测试市委办公室，测试市人大常委会办公室，测试市政协办公室。",
        printer="测试市人民政府督查室",
        printed_on="2024年7月31日",
    )


def test_edit_then_issue_freezes_and_publishes(year: Year) -> None:
    bulletin = _draft(year)
    office, reporter = _client(year, "office"), _client(year, "reporter")
    assert reporter.get(f"/bulletins/{bulletin.pk}/").status_code == 403
    assert "关于2024年" not in reporter.get("/bulletins/").text
    sections = bulletin.sections
    response = office.post(
        f"/bulletins/{bulletin.pk}/",
        {
            "title": "关于重点任务上半年推进情况的通报",
            "doc_number": "督查通报〔2024〕7号",
            "heading": [s["heading"] for s in sections],
            "body": ["编辑后的总体情况。", *[s["body"] for s in sections[1:]]],
        },
    )
    assert response.status_code == 302
    assert office.post(f"/bulletins/{bulletin.pk}/issue/").status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.is_issued and bulletin.sections[0]["body"] == "编辑后的总体情况。"
    with pytest.raises(ApplicationError):
        bulletin_update(bulletin=bulletin, title="x", doc_number="", sections=sections, actor=None)
    with pytest.raises(ApplicationError):
        bulletin_issue(bulletin=bulletin, actor=None)
    assert "关于重点任务上半年推进情况的通报" in reporter.get("/bulletins/").text
    lines = _text(reporter.get(f"/bulletins/{bulletin.pk}.docx").content)
    assert lines[0] == "督查通报〔2024〕7号"
    assert "编辑后的总体情况。" in lines
    assert AuditEvent.objects.filter(action="bulletin.issue").count() == 1


def test_pdf_needs_libreoffice(year: Year, settings: object, tmp_path: Path) -> None:
    """Without soffice the PDF action is hidden with the reason and its address leads back to
    the page with that reason (never a 404); a stand-in soffice shows the conversion path."""
    bulletin = _draft(year)
    office = _client(year, "office")
    settings.DUBAN_SOFFICE = str(tmp_path / "missing-soffice")  # type: ignore[attr-defined]
    page = office.get(f"/bulletins/{bulletin.pk}/").text
    assert f"/bulletins/{bulletin.pk}.pdf" not in page and "未安装 LibreOffice" in page
    response = office.get(f"/bulletins/{bulletin.pk}.pdf", follow=True)
    assert response.redirect_chain == [(f"/bulletins/{bulletin.pk}/", 302)]
    assert "未安装 LibreOffice" in response.text
    fake = tmp_path / "soffice"
    fake.write_text(
        "#!/bin/sh\n"
        "# soffice --headless --convert-to pdf --outdir DIR FILE\n"
        'out="$5"; src="$6"; base=$(basename "$src" .docx)\n'
        'printf "%%PDF-1.4 stand-in" > "$out/$base.pdf"\n'
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    settings.DUBAN_SOFFICE = str(fake)  # type: ignore[attr-defined]
    response = office.get(f"/bulletins/{bulletin.pk}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-1.4")


def test_sections_name_at_most_the_limit_and_count_the_rest(
    year: Year, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the named tasks are described (their approved reports read), in the same number
    of queries whatever the limit; the rest are counted with the section's total."""
    data = Dataset(year.document, Task.objects.all())
    with CaptureQueriesContext(connection) as every:
        full = bulletin_context(data=data, as_of=JULY)
    assert sorted(line.number for line in full.fast) == [2, 7]
    monkeypatch.setattr(bulletins, "LIST_LIMIT", 1)
    data = Dataset(year.document, Task.objects.all())
    with CaptureQueriesContext(connection) as capped:
        ctx = bulletin_context(data=data, as_of=JULY)
    assert len(capped) == len(every)
    assert (ctx.done + ctx.ahead, len(ctx.fast)) == (2, 1)
    assert ctx.fast == full.fast[:1] and ctx.figures() == full.figures()
    body = {s["heading"]: s["body"] for s in bulletins.draft_sections(ctx)}
    assert body["二、进展较快的任务"] == f"1. {_named(ctx.fast[0])}\n另有1项，详见台账。"
    assert body["三、进展滞后的任务"] == f"1. {_named(ctx.lagging_tasks[0])}"  # one: no 另有


def _named(line: bulletins.TaskLine) -> str:
    note = f"——{line.note}" if line.note else ""
    return f"{line.reference}：{line.text}（{line.unit}）{note}"
