"""Issue 13 item 1: the 督查通报 as a GB/T 9704 公文, numbered and archived when issued.

The .docx is read back with python-docx (page, grid, fonts, page-number field, 主送机关, 版记);
task references name the list and quote the whole first sentence, on the fixture year and on
the demo notice with its two lists; the progress quoted is the latest approved by the date; 印发
is confirmed (GET writes nothing), numbered from the yearly sequence and archived byte for
byte; the PDF goes through LibreOffice where it is installed, its first page is rendered and
the 版记 stands at the foot of the last page, for a one-page 通报 and for a longer one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from duban.exports.bulletins import _line as task_line
from duban.exports.bulletins import bulletin_context, default_recipients, draft_sections
from duban.exports.models import Bulletin
from duban.exports.officialdoc import first_sentence, task_reference, tidy
from duban.exports.pdf import docx_to_pdf, soffice_path
from duban.exports.services import bulletin_draft_create, bulletin_issue
from duban.plans.models import SourceDocument, Task
from duban.plans.services import import_batch_create
from duban.progress.models import ProgressReport
from duban.progress.selectors import primary_unit
from duban.progress.services import ReportInput, progress_report_review, progress_report_save
from duban.supervision.snapshot import Dataset
from duban.workflows import import_confirm
from tests.duban import docx_checks as check
from tests.duban.outputs_year import JULY, Year, on

pytestmark = pytest.mark.django_db
ISSUE_DAY = date(2024, 8, 5)


def _client(year: Year, role: str = "office") -> Client:
    client = Client()
    client.force_login(year.users[role])
    return client


def _draft(year: Year, as_of: date = JULY) -> Bulletin:
    return bulletin_draft_create(document=year.document, as_of=as_of, actor=year.users["office"])


def _issue(year: Year, bulletin: Bulletin, mp: pytest.MonkeyPatch) -> Bulletin:
    with on(ISSUE_DAY, mp):
        return bulletin_issue(bulletin=bulletin, actor=year.users["office"])


def test_issued_docx_is_a_gbt9704_document(year: Year, monkeypatch: pytest.MonkeyPatch) -> None:
    bulletin = _issue(year, _draft(year), monkeypatch)
    data = _client(year, "reporter").get(f"/bulletins/{bulletin.pk}.docx").content
    document = check.open_docx(data)
    check.check_page(document)
    check.check_title(document, bulletin.title)
    check.check_page_numbers(document)
    lines = check.texts(document)
    assert lines[0] == "督查通报〔2024〕1号"  # issued: no 草稿 mark, numbered
    body = [line for s in bulletin.sections for line in s["body"].splitlines() if line.strip()]
    check.check_body_fonts(document, body)
    heading = check.paragraph(document, "一、总体情况")
    assert check.east_asian_font(heading.runs[0]) == "黑体"
    check.check_recipients(document, bulletin.title, "各区人民政府，市政府各部门：")
    check.check_imprint(
        document,
        cc="测试市委办公室，测试市人大常委会办公室，测试市政协办公室。",
        printer="测试市人民政府督查室",
        printed_on="2024年8月5日",
    )


def test_task_lines_name_the_list_and_quote_the_latest_approved_report(
    year: Year, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Task 5's July report (问题：选址未落实) is quoted once approved, with its month."""
    report = ProgressReport.objects.get(task=year.tasks[5], period=year.periods["2024年6月"])
    with on(date(2024, 7, 20), monkeypatch):
        progress_report_review(report=report, approve=True, note="", actor=None)
    lagging = {s["heading"]: s["body"] for s in _draft(year).sections}["三、进展滞后的任务"]
    assert lagging == (
        "1. 《2024年重点工作任务分解》第5项：9月底前建成便民服务中心10个。（市民政局）"
        "——2024年6月：选址未落实。"
    )
    before = {s["heading"]: s["body"] for s in _draft(year, date(2024, 7, 19)).sections}
    assert "选址未落实" not in before["三、进展滞后的任务"]  # not yet approved on that day
    fast = {s["heading"]: s["body"] for s in _draft(year).sections}["二、进展较快的任务"]
    assert (
        "《2024年重点工作任务分解》第7项：6月底前建成学校3所。（市教育局）——已于6月20日办结销号"
        in fast
    )


def test_issue_is_confirmed_numbered_and_archived(
    year: Year, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    office = _client(year)
    first, second = _draft(year), _draft(year)
    with CaptureQueriesContext(connection) as queries:
        page = office.get(f"/bulletins/{first.pk}/issue/")
    assert page.status_code == 200 and "确认印发" in page.text
    assert "督查通报〔" in page.text and "1号" in page.text
    write = re.compile(r"\s*(INSERT|UPDATE|DELETE)")
    writes = [q["sql"] for q in queries.captured_queries if write.match(q["sql"])]
    assert writes == []  # the confirmation writes nothing
    first.refresh_from_db()
    assert not first.is_issued
    assert f'href="/bulletins/{first.pk}/issue/"' in office.get(f"/bulletins/{first.pk}/").text
    with on(ISSUE_DAY, monkeypatch):
        assert office.post(f"/bulletins/{first.pk}/issue/").status_code == 302
    settings.DUBAN_BULLETIN_NUMBER = "测督〔{year}〕{number}号"
    second = _issue(year, second, monkeypatch)
    first.refresh_from_db()
    assert (first.doc_number, first.serial_year, first.serial) == ("督查通报〔2024〕1号", 2024, 1)
    assert (second.doc_number, second.serial) == ("测督〔2024〕2号", 2)
    archived = first.issued_file.read()
    assert hashlib.sha256(archived).hexdigest() == first.issued_sha256
    # the data moves on (a new report); the issued file does not
    _resubmit_task_5(year, monkeypatch)
    assert _client(year, "reporter").get(f"/bulletins/{first.pk}.docx").content == archived
    assert office.get(f"/bulletins/{first.pk}/issue/").status_code == 302  # already issued


def _resubmit_task_5(year: Year, mp: pytest.MonkeyPatch) -> None:
    task = year.tasks[5]
    with on(date(2024, 8, 9), mp):
        progress_report_save(
            task=task,
            period=year.periods["2024年7月"],
            unit=primary_unit(task),  # type: ignore[arg-type]
            data=ReportInput(progress="已完成选址。", actuals={}),
            expected_version=None,
            submit=True,
            actor=None,
        )


def test_a_tampered_archive_is_refused_not_served(
    year: Year, monkeypatch: pytest.MonkeyPatch
) -> None:
    bulletin = _issue(year, _draft(year), monkeypatch)
    Path(bulletin.issued_file.path).write_bytes(b"not the issued file")
    response = _client(year).get(f"/bulletins/{bulletin.pk}.docx", follow=True)
    assert response.redirect_chain == [(f"/bulletins/{bulletin.pk}/", 302)]
    assert "校验值不符" in response.text


def test_an_office_number_is_kept_and_a_taken_one_refused(
    year: Year, monkeypatch: pytest.MonkeyPatch
) -> None:
    from duban.core.exceptions import ApplicationError
    from duban.exports.services import bulletin_update

    first, second = _draft(year), _draft(year)
    for bulletin in (first, second):
        bulletin_update(
            bulletin=bulletin,
            title=bulletin.title,
            doc_number="督查通报〔2024〕7号",
            sections=bulletin.sections,
            actor=None,
        )
    assert _issue(year, first, monkeypatch).serial == 7
    with pytest.raises(ApplicationError, match="已被另一份通报使用"):
        _issue(year, second, monkeypatch)
    assert _issue(year, _draft(year), monkeypatch).doc_number == "督查通报〔2024〕8号"


@pytest.fixture
def demo(corpus_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> SourceDocument:
    """The demo notice 000 (two lists, 第1–43项 and 第1–16项), every task reported and approved
    once, so that every task appears in some part of the 通报."""
    path = corpus_file("000")
    with on(date(2024, 3, 1), monkeypatch):
        batch = import_batch_create(data=path.read_bytes(), filename=path.name, actor=None)
        document = import_confirm(batch=batch, actor=None)
    period = document.periods.filter(kind="monthly").order_by("due_date")[2]
    for task in Task.objects.filter(task_list__document=document):
        unit = primary_unit(task)
        if unit is None:
            continue
        with on(period.due_date, monkeypatch):
            report = progress_report_save(
                task=task,
                period=period,
                unit=unit,
                data=ReportInput(progress=task.text, problems="推进偏慢。原因另报。"),
                expected_version=None,
                submit=True,
                actor=None,
            )
            progress_report_review(report=report, approve=True, note="", actor=None)
    return document


def test_no_quoted_task_text_is_cut_mid_sentence_on_the_demo_notice(demo: SourceDocument) -> None:
    ctx = bulletin_context(data=Dataset(demo, Task.objects.all()), as_of=date(2025, 1, 15))
    lines = ctx.fast + ctx.lagging_tasks + ctx.overdue_tasks
    tasks = {
        task_reference(t.task_list.title, t.number): t
        for t in Task.objects.filter(task_list__document=demo)
    }
    assert len(lines) >= 15  # the dated tasks (overdue by then) and the closed ones
    references = [line.reference for line in lines]
    assert len(set(references)) == len(references)  # 第12项 of each list named apart
    assert "《2024年区〈政府工作报告〉目标任务分解》第12项" in references
    assert "《2024年区政府重点民生实事任务分解》第12项" in references
    for line in lines:
        text = tidy(tasks[line.reference].text)
        assert text.startswith(line.text)
        assert line.text == text or line.text[-1] in "。！？", line.text  # a whole sentence
        assert line.text == first_sentence(text)
        if line.note and not line.note.endswith("办结销号"):
            quoted = line.note.split("：", 1)[1]
            assert quoted in ("推进偏慢。", first_sentence(text)), line.note
    data = Dataset(demo, Task.objects.all())
    for row in data.evaluate(date(2025, 1, 15)):  # every task, as any part would quote it
        line = task_line(row, {}, date(2025, 1, 15))
        assert line.text == first_sentence(row.task.text) and tidy(row.task.text).startswith(
            line.text
        )
    body = "".join(s["body"] for s in draft_sections(ctx))
    assert "政策性资金，引导（" not in body  # the cut the issue saw on 第2项


def test_recipients_come_from_the_setting_the_notice_or_the_level(
    year: Year, settings: Any
) -> None:
    document = year.document
    assert (document.level, document.recipients) == ("市", "")
    assert default_recipients(document) == "各区人民政府，市政府各部门："
    document.level = ""
    document.issuer = "测试区人民政府办公室"
    assert default_recipients(document) == "各街道办事处，区政府各部门："
    document.recipients = "各街道办事处，区政府各部门"  # the notice's own 主送, as parsed
    assert default_recipients(document) == "各街道办事处，区政府各部门："
    settings.DUBAN_BULLETIN_RECIPIENTS = "各县（市、区）人民政府，市人民政府各部门："
    assert default_recipients(document) == "各县（市、区）人民政府，市人民政府各部门："


def test_the_office_edits_the_recipients_on_the_draft(year: Year) -> None:
    bulletin = _draft(year)
    assert bulletin.recipients == "各区人民政府，市政府各部门："
    office = _client(year)
    page = office.get(f"/bulletins/{bulletin.pk}/")
    assert 'name="recipients"' in page.text and "各区人民政府，市政府各部门：" in page.text
    form = {
        "title": bulletin.title,
        "doc_number": bulletin.doc_number,
        "cc": bulletin.cc,
        "recipients": "  市政府各部门：  ",
        "heading": [s["heading"] for s in bulletin.sections],
        "body": [s["body"] for s in bulletin.sections],
    }
    assert office.post(f"/bulletins/{bulletin.pk}/", form).status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.recipients == "市政府各部门："
    document = check.open_docx(office.get(f"/bulletins/{bulletin.pk}.docx").content)
    check.check_recipients(document, bulletin.title, "市政府各部门：")
    del form["recipients"]  # a form without the field leaves it as it was
    assert office.post(f"/bulletins/{bulletin.pk}/", form).status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.recipients == "市政府各部门："


TEXT_BOTTOM_PT = (297 - 35) / 25.4 * 72  # the 版心's lower edge: 35 mm above the page's


def _imprint_on_last_page(pdf: bytes, path: Path, printed: str) -> tuple[int, float]:
    """Where the rendered 版记 stands: (pages, lowest body text above it on the last page).

    The 版记 is on the last page: its three rules as wide as the 版心 (28 mm to 184 mm), the
    last one on the 版心's lower edge, the 印发 line just above it, 抄送 above that, and every
    other line of that page above the first rule."""
    import pdfplumber

    path.write_bytes(pdf)
    with pdfplumber.open(path) as document:
        last = document.pages[-1]
        rules = sorted(line["top"] for line in last.lines)
        assert len(rules) == 3, rules
        for line in last.lines:
            assert abs(line["x0"] - 28 / 25.4 * 72) < 2 and abs(line["x1"] - 184 / 25.4 * 72) < 2
        assert abs(rules[-1] - TEXT_BOTTOM_PT) < 3, rules
        lines = last.extract_text_lines()
        printed_line = next(line for line in lines if line["text"].endswith(f"{printed}印发"))
        assert rules[1] < printed_line["top"] < printed_line["bottom"] < rules[2]
        cc_line = next(line for line in lines if line["text"].startswith("抄送："))
        assert rules[0] < cc_line["top"] < rules[1]
        above = [
            line for line in lines if line["bottom"] < TEXT_BOTTOM_PT and line["top"] < rules[0]
        ]
        assert all(line["bottom"] < rules[0] for line in above)
        lowest = max((line["bottom"] for line in above), default=0.0)
        return len(document.pages), lowest


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) 未安装")
def test_the_imprint_stands_at_the_foot_of_the_last_page(
    year: Year, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A one-page 通报 keeps the gap between its 署名 and the 版记 (the 版记 is not in the flow
    right after the 署名); the drafted 通报 of several pages has it on its last page."""
    from duban.exports.services import bulletin_update

    bulletin = _draft(year)
    office = _client(year)
    pdf = docx_to_pdf(office.get(f"/bulletins/{bulletin.pk}.docx").content)
    assert pdf is not None
    pages, _ = _imprint_on_last_page(pdf, tmp_path / "long.pdf", "2024年7月31日")
    assert pages >= 2
    bulletin_update(
        bulletin=bulletin,
        title=bulletin.title,
        doc_number=bulletin.doc_number,
        sections=bulletin.sections[:1],
        actor=None,
    )
    pdf = docx_to_pdf(office.get(f"/bulletins/{bulletin.pk}.docx").content)
    assert pdf is not None
    pages, lowest = _imprint_on_last_page(pdf, tmp_path / "short.pdf", "2024年7月31日")
    # the 版记 takes three lines (抄送 wraps once); the 署名 ends two lines or more above it
    assert pages == 1 and lowest < TEXT_BOTTOM_PT - 5 * 28.95


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) 未安装")
def test_pdf_through_libreoffice_keeps_the_layout(
    year: Year, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import pdfplumber

    bulletin = _issue(year, _draft(year), monkeypatch)
    pdf = docx_to_pdf(bulletin.issued_file.read())
    assert pdf is not None and pdf.startswith(b"%PDF")
    (tmp_path / "bulletin.pdf").write_bytes(pdf)
    with pdfplumber.open(tmp_path / "bulletin.pdf") as document:
        first = document.pages[0]
        assert abs(first.width - 595.3) < 2 and abs(first.height - 841.9) < 2  # A4
        text = first.extract_text()
        assert "督查通报〔2024〕1号" in text.replace(" ", "")
        assert re.search(r"—\s*1\s*—", text)
        words = first.extract_words()
        left = min(w["x0"] for w in words if w["top"] < first.height - 100)
        assert abs(left - 28 / 25.4 * 72) < 3  # the 28 mm left margin
        # 28 characters a line: the longest all-Chinese line of the body (no half-width text)
        lines = [line for page in document.pages for line in page.extract_text().splitlines()]
        chinese = [  # 正文 lines: the 版记's 抄送 is in the smaller 4号
            line
            for line in lines
            if line and not re.search(r"[ -~]", line) and not line.startswith("抄送")
        ]
        assert max(len(line) for line in chinese) == 28
        body_lines = [line for line in first.extract_text().splitlines() if "—" not in line]
        assert len(body_lines) <= 22
        image = first.to_image(resolution=60)
        image.save(tmp_path / "page1.png")
    assert (tmp_path / "page1.png").stat().st_size > 1000
    response = _client(year).get(f"/bulletins/{bulletin.pk}.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
