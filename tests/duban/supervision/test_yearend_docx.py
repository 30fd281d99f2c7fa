"""Issue 13 item 3: the 年度目标任务完成情况 .docx in the 公文 layout, with official wording.

Read back with python-docx: the bulletin's page setup, fonts, page numbers and 版记; tasks
grouped by list (一、) and section (（一）); a list without sections has no placeholder
heading; the carried-over list last. The wording per target kind is pinned by a table whose
ratios and "met" come from the status engine (``year_end_ratio``, ``is_met``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client

from duban.accounts.models import Role
from duban.accounts.services import user_create
from duban.exports.officialdoc import first_sentence
from duban.plans.models import SourceDocument, Target, Task
from duban.plans.services import import_batch_create
from duban.progress.status import is_met, year_end_ratio
from duban.supervision.snapshot import Dataset
from duban.supervision.wording import TargetFigures, target_wording
from duban.supervision.yearend import year_end
from duban.workflows import import_confirm
from tests.duban import docx_checks as check
from tests.duban.outputs_year import Year, on

YEAR_END = date(2025, 1, 10)
PRINT_DAY = date(2025, 1, 20)


def _download(client: Client, document: SourceDocument, mp: pytest.MonkeyPatch) -> bytes:
    url = f"/exports/yearend-report.docx?document={document.pk}&as_of={YEAR_END.isoformat()}"
    with on(PRINT_DAY, mp):
        response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


@pytest.mark.django_db
def test_year_end_docx_layout_groups_and_wording(
    year: Year, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = check.open_docx(_download(_client(year.users["office"]), year.document, monkeypatch))
    check.check_page(document)
    check.check_title(document, "2024年度目标任务完成情况")
    check.check_page_numbers(document)
    check.check_imprint(
        document,
        cc="测试市委办公室，测试市人大常委会办公室，测试市政协办公室。",
        printer="测试市人民政府督查室",
        printed_on="2025年1月20日",
    )
    lines = check.texts(document)
    start = lines.index("一、2024年重点工作任务分解（7项）")
    assert lines[start + 1] == "（一）经济发展"
    assert lines[start + 2] == (
        "1. 地区生产总值增长7%以上。完成情况：地区生产总值增长7.61%，高于目标0.61个百分点；"
        "未办结。责任单位：市发展和改革委员会。"
    )
    assert lines[start + 3].startswith(
        "2. 新增城镇就业5万人。完成情况：新增城镇就业完成5.2万人，完成年度目标的104%；"
    )
    assert lines[start + 5] == "（二）民生保障"
    assert "城镇登记失业率4.3%，控制在4.5%以内；未办结" in lines[start + 6]
    assert "学校完成3所，完成年度目标的100%；已办结" in lines[start + 9]
    carry = lines.index("二、结转下年度任务")
    assert lines[carry + 1] == "以下6项任务未办结，结转至2025年度继续推进："
    assert lines[carry + 2] == (
        "1. 《2024年重点工作任务分解》第1项：地区生产总值增长7%以上。（市发展和改革委员会）"
    )
    assert (
        check.east_asian_font(check.paragraph(document, "（一）经济发展").runs[0]) == "楷体_GB2312"
    )
    assert check.east_asian_font(check.paragraph(document, "二、结转下年度任务").runs[0]) == "黑体"
    check.check_body_fonts(document, [lines[start + 2], lines[carry + 2]])


@pytest.mark.django_db
def test_the_report_covers_only_what_the_user_may_see(
    year: Year, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = check.texts(
        check.open_docx(_download(_client(year.users["reporter"]), year.document, monkeypatch))
    )
    assert "一、2024年重点工作任务分解（1项）" in lines
    assert not any(line.startswith("2. ") for line in lines)


@pytest.mark.django_db
def test_a_range_target_is_worded_against_its_range(year: Year) -> None:
    Target.objects.filter(task=year.tasks[1]).update(comparator="between", value_max=Decimal("7.5"))
    result = year_end(data=Dataset(year.document, Task.objects.all()), as_of=YEAR_END)
    growth = next(r for r in result.targets if r.task.number == 1)
    assert growth.wording == "地区生产总值增长7.61%，高于目标区间上限0.11个百分点"


@pytest.mark.django_db
def test_year_end_page_links_the_word_report(year: Year) -> None:
    page = _client(year.users["office"]).get(f"/supervision/year-end/?document={year.document.pk}")
    assert 'id="yearend-docx"' in page.text and "/exports/yearend-report.docx?" in page.text
    assert "高于目标0.61个百分点" in page.text
    missing = _client(year.users["office"]).get(
        f"/exports/yearend-report.xlsx?document={year.document.pk}"
    )
    assert missing.status_code == 404  # a Word report answers only to .docx


def _figures(  # noqa: PLR0917 (the table rows are positional)
    metric: str,
    kind: str,
    comparator: str,
    goal: str | None,
    actual: str | None,
    unit: str = "%",
    goal_max: str | None = None,
) -> TargetFigures:
    g = Decimal(goal) if goal is not None else None
    a = Decimal(actual) if actual is not None else None
    ratio = year_end_ratio(kind=kind, comparator=comparator, goal=g, actual=a)
    return TargetFigures(
        metric=metric,
        unit=unit,
        kind=kind,
        comparator=comparator,
        goal=g,
        goal_max=Decimal(goal_max) if goal_max is not None else None,
        actual=a,
        ratio=ratio,
        met=is_met(ratio, comparator=comparator),
    )


WORDING = [
    # growth: percentage points, whether the metric kept its 增长 or not; never a ratio
    (
        ("地区生产总值", "growth", "at_least", "7", "7.2"),
        "地区生产总值增长7.2%，高于目标0.2个百分点",
    ),
    (
        ("地区生产总值增长", "growth", "at_least", "7", "6.5"),
        "地区生产总值增长6.5%，低于目标0.5个百分点",
    ),
    (("固定资产投资", "growth", "at_least", "8", "8"), "固定资产投资增长8%，与目标持平"),
    (("工业投资", "growth", "at_least", "5", "-1.2"), "工业投资下降1.2%，低于目标6.2个百分点"),
    (
        ("地区生产总值", "growth", "about", "7", "6.8"),
        "地区生产总值增长6.8%，低于目标0.2个百分点，达到7%左右的预期目标",
    ),
    (("地区生产总值", "growth", "about", "7", "6"), "地区生产总值增长6%，低于目标1个百分点"),
    (
        ("地区生产总值", "growth", "between", "6", "6.5", "%", "7"),
        "地区生产总值增长6.5%，处于6%—7%的目标区间",
    ),
    (
        ("地区生产总值", "growth", "between", "6", "5.5", "%", "7"),
        "地区生产总值增长5.5%，低于目标区间下限0.5个百分点",
    ),
    (
        ("单位生产总值能耗下降", "decrease", "at_least", "3", "3.4"),
        "单位生产总值能耗下降3.4%，高于目标0.4个百分点",
    ),
    # level / count: the share of the annual target
    (
        ("年度完成总投资", "level", "at_least", "640", "659.2", "亿元"),
        "年度完成总投资659.2亿元，完成年度目标的103%",
    ),
    (
        ("老旧小区改造", "count", "exactly", "12", "9", "个"),
        "老旧小区改造完成9个，完成年度目标的75%",
    ),
    (
        ("土地收储", "level", "about", "700", "680", "亩"),
        "土地收储完成680亩，完成年度目标的97.1%，达到700亩左右的预期目标",
    ),
    (
        ("能源消费总量", "level", "at_most", "300", "280", "万吨"),
        "能源消费总量280万吨，控制在300万吨以内",
    ),
    (
        ("能源消费总量", "level", "at_most", "300", "310", "万吨"),
        "能源消费总量310万吨，超出目标10万吨",
    ),
    (
        ("新增就业", "count", "between", "1", "1.2", "万人", "1.5"),
        "新增就业完成1.2万人，处于1万人—1.5万人的目标区间",
    ),
    # shares in %: points; a cap met is 控制在…以内
    (("城镇登记失业率", "share", "at_most", "4.5", "4.3"), "城镇登记失业率4.3%，控制在4.5%以内"),
    (
        ("城镇登记失业率", "share", "at_most", "4.5", "4.8"),
        "城镇登记失业率4.8%，高于目标0.3个百分点",
    ),
    (("森林覆盖率", "share", "at_least", "35", "35.6"), "森林覆盖率达到35.6%，高于目标0.6个百分点"),
    # nothing to compare
    (("三次产业结构", "ratio", "exactly", None, "24.2", ""), "三次产业结构为24.2"),
    (("新增城镇就业", "count", "at_least", "5", None, "万人"), "新增城镇就业未报送完成值"),
    (("城乡居民收入增长与经济增长", "qualitative", "", None, None, ""), ""),
]


@pytest.mark.parametrize(("args", "expected"), WORDING)
def test_wording_per_target_kind(args: tuple[str | None, ...], expected: str) -> None:
    assert target_wording(_figures(*args)) == expected  # type: ignore[arg-type]


@pytest.fixture
def demo(corpus_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> SourceDocument:
    """The demo notice 000: its second list (重点民生实事, 16 tasks) has no sections."""
    path = corpus_file("000")
    with on(date(2024, 3, 1), monkeypatch):
        batch = import_batch_create(data=path.read_bytes(), filename=path.name, actor=None)
        return import_confirm(batch=batch, actor=None)


@pytest.mark.django_db
def test_a_list_without_sections_gets_no_placeholder_heading(
    demo: SourceDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    office = user_create(username="office1", password="x-Secret-2026", role=Role.OFFICE)
    lines = check.texts(check.open_docx(_download(_client(office), demo, monkeypatch)))
    assert not any("未分章节" in line for line in lines)
    second = lines.index("二、2024年区政府重点民生实事任务分解（16项）")
    assert lines[second + 1].startswith("1. ")  # its tasks straight under the list's heading
    assert lines.index("一、2024年区《政府工作报告》目标任务分解（43项）") < second
    assert "（十）加强政府自身建设" in lines
    tasks = Task.objects.filter(task_list__document=demo).order_by("task_list__position", "number")
    quoted = [line for line in lines if "完成情况：" in line]
    assert len(quoted) == tasks.count() == 59
    for line, task in zip(quoted, tasks, strict=True):
        assert line.startswith(f"{task.number}. {first_sentence(task.text)}完成情况：")
    result = year_end(data=Dataset(demo, Task.objects.all()), as_of=YEAR_END)
    assert result.paragraphs[-1].startswith("（十一）区政府重点民生实事。")
    page = _client(office).get(f"/supervision/year-end/?document={demo.pk}").text
    assert "未分章节" not in page
