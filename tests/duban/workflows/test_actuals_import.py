"""An execution report imports: its actuals matched, confirmed and shown as year-end completion.

Sample 002 (管城回族区, 2021 执行情况) against an invented 2021 notice of the same district, and
an invented report with one target/actual pair of every kind against an invented notice, plus
the pairs that must be refused (another unit, kind or year) — shown, never paired.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from duban.accounts.models import Role
from duban.accounts.services import user_create
from duban.audit.models import AuditEvent
from duban.core.exceptions import ApplicationError
from duban.plans.actualmodels import ActualImport, ActualRow, MatchDecision
from duban.plans.models import SourceDocument, Target, Task
from duban.plans.services import import_batch_create
from duban.plans.services.actuals import actual_import_create, actual_row_decide
from duban.progress.models import ProgressReport, ReportActual
from duban.supervision.snapshot import Dataset
from duban.supervision.yearend import year_end
from duban.workflows import import_confirm
from duban.workflows.actuals import actual_import_confirm

pytestmark = pytest.mark.django_db

NOTICE_2021 = """郑州市管城回族区人民政府办公室
关于印发《2021年区〈政府工作报告〉目标任务分解》的通知

各街道办事处，区政府各部门：

《2021年区〈政府工作报告〉目标任务分解》已经区政府同意，现印发给你们，请认真抓好落实。

2021年3月1日

2021年区《政府工作报告》目标任务分解

一、经济发展

1. 地区生产总值增长7%以上。
责任领导：张三
牵头单位：区发展改革委

2. 固定资产投资增长10%左右。
责任领导：张三
牵头单位：区发展改革委

3. 社会消费品零售总额增长8%。
责任领导：李四
牵头单位：区商务局

4. 一般公共预算收入增长5%。
责任领导：李四
牵头单位：区财政局

5. 全年完成土地收储2000亩。
责任领导：王五
牵头单位：区自然资源局

6. 新增城镇就业1.2万人。
责任领导：王五
牵头单位：区人社局
"""
NOTICE_2023 = """测试市测试区人民政府办公室
关于印发《2023年区〈政府工作报告〉目标任务分解》的通知

各街道办事处，区政府各部门：

《2023年区〈政府工作报告〉目标任务分解》已经区政府同意，现印发给你们，请认真抓好落实。

2023年3月1日

2023年区《政府工作报告》目标任务分解

一、经济发展

1. 地区生产总值增长7%左右。
责任领导：张三
牵头单位：区发展改革委

2. 固定资产投资完成640亿元以上。
责任领导：张三
牵头单位：区发展改革委

3. 规模以上工业增加值增长6-7%。
责任领导：李四
牵头单位：区工信局

4. 城镇调查失业率控制在5.5%以内。
责任领导：李四
牵头单位：区人社局

5. 生活垃圾分类覆盖率达到85%以上。
责任领导：王五
牵头单位：区城管局

6. 新增城镇就业1.2万人以上。
责任领导：王五
牵头单位：区人社局

7. 全年完成土地收储1500亩。
责任领导：王五
牵头单位：区自然资源局

8. 建成区绿地率达到40%。
责任领导：王五
牵头单位：区园林局
"""
NOTICE_2022 = """测试市测试区人民政府办公室
关于印发《2022年区〈政府工作报告〉目标任务分解》的通知

各街道办事处，区政府各部门：

现印发给你们，请认真抓好落实。

2022年3月1日

2022年区《政府工作报告》目标任务分解

一、经济发展

1. 社会消费品零售总额增长8%。
责任领导：李四
牵头单位：区商务局
"""
BULLETIN_2023 = """关于测试市测试区2023年前三季度重点工作进展情况的通报

各街道办事处，区政府各部门：

今年以来，各单位认真落实区政府工作报告确定的目标任务。1-9月，全区地区生产总值增长6.2%，新增城镇就业9800人。

测试市测试区人民政府办公室
2023年10月20日
"""
REPORT_2023 = """关于测试市测试区2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划（草案）的报告

各位代表：

一、2023年国民经济和社会发展计划执行情况

全区地区生产总值增长7.2%。固定资产投资完成695.7亿元。规模以上工业增加值增长6.5%。城镇调查失业率4.4%。生活垃圾分类覆盖率达到90%。新增城镇就业15314人。土地收储12万平方米。建成区绿地率提高2%。社会消费品零售总额增长7.4%。

二、2024年主要预期目标

地区生产总值增长7%左右。
"""


def _notice(text: str, name: str) -> SourceDocument:
    batch = import_batch_create(data=text.encode(), filename=name, actor=None)
    return import_confirm(batch=batch, actor=None)


def _rows(batch: ActualImport) -> dict[str, ActualRow]:
    return {row.metric: row for row in batch.rows.all()}


def _target(document: SourceDocument, metric: str) -> Target:
    return Target.objects.get(task__task_list__document=document, metric=metric)


@pytest.fixture
def office() -> Any:
    return user_create(username="office", password="pw-123456", role=Role.OFFICE)


@pytest.fixture
def client(office: Any) -> Client:
    client = Client()
    client.force_login(office)
    return client


@pytest.fixture
def every_kind() -> tuple[SourceDocument, ActualImport]:
    _notice(NOTICE_2022, "2022.txt")
    document = _notice(NOTICE_2023, "2023.txt")
    batch = actual_import_create(data=REPORT_2023.encode(), filename="执行情况.txt", actor=None)
    return document, batch


def test_sample_002_imports_matches_confirms_and_shows_year_end(
    client: Client, corpus_file: Callable[[str], Path]
) -> None:
    document = _notice(NOTICE_2021, "2021.txt")
    upload = SimpleUploadedFile("002.txt", corpus_file("002").read_bytes())
    response = client.post("/imports/", {"file": upload, "kind": "progress"})
    batch = ActualImport.objects.get()
    assert response.status_code == 302 and response["Location"] == batch.get_absolute_url()
    assert batch.kind == "plan_report" and batch.government == "郑州市管城回族区人民政府"
    rows = _rows(batch)
    for metric in ("地区生产总值", "固定资产投资", "一般公共预算收入", "社会消费品零售总额"):
        assert rows[metric].target == _target(document, metric)
        assert rows[metric].decision == MatchDecision.SUGGESTED
    assert rows["土地收储"].target == _target(document, "土地收储")
    assert rows["新增城镇就业"].target == _target(document, "新增城镇就业")
    # 国有土地收储 4 宗 looks like 土地收储 but is counted in 宗, not 亩: shown, not paired
    state = rows["国有土地收储"]
    assert state.target is None and state.mismatched[0]["reasons"] == ["unit"]
    page = client.get(batch.get_absolute_url())
    assert page.status_code == 200
    assert "单位不同" in page.text and "地区生产总值同比增长 3%" in page.text

    done = client.post(f"/imports/actuals/{batch.pk}/confirm/")
    assert done.status_code == 302 and done["Location"].startswith("/supervision/year-end/")
    assert f"document={document.pk}" in done["Location"]
    year_end_page = client.get(done["Location"])
    assert "地区生产总值增长3%，低于目标4个百分点" in year_end_page.text
    assert "土地收储完成2463亩，完成年度目标的123.2%" in year_end_page.text

    jobs = ReportActual.objects.get(target=_target(document, "新增城镇就业"))
    assert jobs.value == Decimal("1.5314")  # 15314人 in the target's 万人
    report = jobs.report
    assert report.state == "submitted" and report.period.end.month == 12
    assert report.progress.startswith(
        "据《关于郑州市管城回族区2021年国民经济和社会发展规划执行情况"
    )
    assert "新增城镇就业 15314 人" in report.progress
    assert report.updated_by is not None and report.updated_by.username == "office"
    batch.refresh_from_db()
    assert batch.status == "confirmed"
    assert AuditEvent.objects.filter(action="actuals.confirm").count() == 1


def test_every_kind_is_worded_at_year_end(every_kind: tuple[SourceDocument, ActualImport]) -> None:
    document, batch = every_kind
    result = actual_import_confirm(batch=batch, actor=None)
    assert result.written == 6 and result.documents == (document.pk,)
    outcome = year_end(data=Dataset(document, Task.objects.all()), as_of=result.as_of)
    worded = {t.target.metric: (t.wording, t.met) for t in outcome.targets}
    gdp, met = worded["地区生产总值"]  # a 左右 target adds "达到7%左右的预期目标"
    assert gdp.startswith("地区生产总值增长7.2%，高于目标0.2个百分点") and met is True
    assert worded["固定资产投资"][0].endswith("完成年度目标的108.7%")
    assert worded["规模以上工业增加值"][1] is True  # 6.5% within the 6-7% range
    assert worded["城镇调查失业率"][1] is True  # 4.4% under the 5.5% cap
    assert worded["生活垃圾分类覆盖率"][1] is True  # 90% over 85%
    assert worded["新增城镇就业"] == ("新增城镇就业完成1.5314万人，完成年度目标的127.6%", True)
    # refused pairs wrote nothing
    assert worded["土地收储"][1] is None and worded["建成区绿地率"][1] is None


def test_mismatches_are_shown_with_their_reason_never_paired(
    every_kind: tuple[SourceDocument, ActualImport], client: Client
) -> None:
    _, batch = every_kind
    rows = _rows(batch)
    expected = {"土地收储": ["unit"], "建成区绿地率": ["kind"], "社会消费品零售总额": ["year"]}
    for metric, reasons in expected.items():
        row = rows[metric]
        assert row.target is None and not row.candidates, metric
        assert [c["reasons"] for c in row.mismatched] == [reasons], metric
    page = client.get(batch.get_absolute_url()).text
    assert "单位不同" in page and "类型不同" in page and "年度不同" in page


def test_the_office_corrects_a_match_and_bad_choices_are_refused(
    every_kind: tuple[SourceDocument, ActualImport], client: Client
) -> None:
    document, batch = every_kind
    rows = _rows(batch)
    land, gdp = rows["土地收储"], rows["地区生产总值"]
    url = f"/imports/actuals/{batch.pk}/rows/{land.pk}/"
    unfit = client.post(url, {"target": _target(document, "土地收储").pk}, follow=True)
    assert "不能配对：单位不同" in unfit.text
    for bad in ("", "abc", "-1", "9" * 30):
        page = client.post(url, {"target": bad}, follow=True)
        assert page.status_code == 200 and "请选择候选指标" in page.text
    other = client.post(url, {"target": _target(document, "地区生产总值").pk}, follow=True)
    assert "不在该完成值的候选指标中" in other.text
    land.refresh_from_db()
    assert land.target is None
    # 不匹配 for a suggested pair: it is not written at confirm
    client.post(f"/imports/actuals/{batch.pk}/rows/{gdp.pk}/", {"target": "none"})
    gdp.refresh_from_db()
    assert gdp.decision == MatchDecision.REJECTED and gdp.target is None
    actual_import_confirm(batch=batch, actor=None)
    assert not ReportActual.objects.filter(target=_target(document, "地区生产总值")).exists()
    with pytest.raises(ApplicationError, match="已导入"):
        actual_row_decide(row=gdp, target=None, actor=None)


def test_a_submitted_report_is_never_overwritten(
    every_kind: tuple[SourceDocument, ActualImport],
) -> None:
    document, batch = every_kind
    gdp = _target(document, "地区生产总值")
    period = document.periods.filter(kind="monthly").order_by("-end").first()
    assert period is not None
    lead = gdp.task.assignments.first()
    assert lead is not None
    ProgressReport.objects.create(task=gdp.task, period=period, unit=lead.unit, state="submitted")
    with pytest.raises(ApplicationError, match="已报送、待审核"):
        actual_import_confirm(batch=batch, actor=None)
    assert not ReportActual.objects.exists()  # one transaction: nothing written
    batch.refresh_from_db()
    assert batch.status == "preview"


def test_only_the_office_opens_the_pages(every_kind: tuple[SourceDocument, ActualImport]) -> None:
    _, batch = every_kind
    reporter = Client()
    reporter.force_login(user_create(username="r", password="pw-123456", role=Role.REPORTER))
    row = batch.rows.first()
    assert row is not None
    for url in (
        "/imports/actuals/",
        batch.get_absolute_url(),
    ):
        assert reporter.get(url).status_code == 403
    for url in (
        f"/imports/actuals/{batch.pk}/rows/{row.pk}/",
        f"/imports/actuals/{batch.pk}/confirm/",
        f"/imports/actuals/{batch.pk}/discard/",
    ):
        assert reporter.post(url, {"target": "none"}).status_code == 403
    assert ActualImport.objects.get().status == "preview"


def test_a_notice_is_no_actuals_report() -> None:
    with pytest.raises(ApplicationError, match="不是计划执行情况报告或进展通报"):
        actual_import_create(data=NOTICE_2023.encode(), filename="n.txt", actor=None)


def test_a_bulletin_fills_the_report_of_the_months_it_covers() -> None:
    document = _notice(NOTICE_2023, "2023.txt")
    batch = actual_import_create(data=BULLETIN_2023.encode(), filename="通报.txt", actor=None)
    assert batch.kind == "bulletin" and batch.government == "测试市测试区人民政府"
    rows = _rows(batch)
    assert rows["地区生产总值"].period_label == "1-9月"
    actual_import_confirm(batch=batch, actor=None)
    jobs = ReportActual.objects.get(target=_target(document, "新增城镇就业"))
    assert jobs.value == Decimal("0.98")  # 9800人 of the 1.2万人
    assert (jobs.report.period.end.year, jobs.report.period.end.month) == (2023, 9)


def test_one_target_takes_one_actual_of_a_period(client: Client) -> None:
    document = _notice(NOTICE_2023, "2023.txt")
    text = REPORT_2023.replace("新增城镇就业15314人。", "新增城镇就业15314人。新增就业16000人。")
    batch = actual_import_create(data=text.encode(), filename="r.txt", actor=None)
    second = _rows(batch)["新增就业"]
    assert second.target is None and second.candidates  # listed, not suggested
    jobs = _target(document, "新增城镇就业")
    page = client.post(
        f"/imports/actuals/{batch.pk}/rows/{second.pk}/", {"target": jobs.pk}, follow=True
    )
    assert "该指标已对应本文件第" in page.text
    assert client.get(f"{batch.get_absolute_url()}?state=all").status_code == 200
    assert client.get(f"{batch.get_absolute_url()}?state=bad").status_code == 400


def test_the_list_and_a_discarded_import(
    every_kind: tuple[SourceDocument, ActualImport], client: Client
) -> None:
    _, batch = every_kind
    listing = client.get("/imports/actuals/")
    assert listing.status_code == 200 and batch.title in listing.text
    assert client.post(f"/imports/actuals/{batch.pk}/discard/").status_code == 302
    batch.refresh_from_db()
    assert batch.status == "discarded"
    refused = client.post(f"/imports/actuals/{batch.pk}/confirm/", follow=True)
    assert "该导入的状态为“已放弃”，不能再修改。" in refused.text
    assert not ReportActual.objects.exists()
