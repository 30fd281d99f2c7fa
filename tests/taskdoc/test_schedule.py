"""The reporting schedule in a notice body (taskdoc.figures.schedule)."""

from __future__ import annotations

from datetime import date, datetime

from taskdoc.figures.schedule import CHINA_TZ, extract_schedule

from .conftest import CORPUS

# Corpus 004, body lines 11-31, as the text reader gives them (one paragraph per non-blank line).
BODY_004 = [
    "经市人民政府同意，现将《2020年市政府工作报告重点工作任务分解》印发给你们，请认真贯彻落实。有关要求明确如下：",
    "一、项目化推进",
    "各单位要将所属的重点工作进一步细化、量化，制定项目化推进工作计划，明确工作具体内容、总体目标、阶段目标、"
    "完成时限和责任领导等。各单位6月8日17时前将所属重点工作项",
    "目化推进计划上报市政府督查室。",
    "二、狠抓落实",
    "各单位主要负责人作为本单位承担任务落实的第一责任人，要切实增强责任意识和担当精神，亲自参与工作筹划，"
    "亲自安排部署，亲自推动落实，确保各项重点工作落实推进。",
    "三、密切协作",
    "牵头单位应统筹推进任务落实，责任单位要积极配合牵头单位，主动与牵头单位沟通对接。",
    "四、严格督查",
    "市政府各项重点工作落实情况列为市政府政务督查重点，纳入全市目标管理考核体系和绩效考核体系。"
    "市政府将根据工作进展情况开展专项督查。从6月份起，于每月10日之前将截至上一个月月底的重点工作落实情况"
    "报市政府督查室和市政府办公厅对口业务处。各单位要建立工作落实台账，并分别于7月10日、10月10日和"
    "2021年1月10日前报送市政府督查室。市政府督查室邮箱：zfgzdc@126.com，联系电话：67180738。",
    "2020年5月26日",
]


def test_seed_004_schedule() -> None:
    schedule = extract_schedule(BODY_004, year=2020)
    assert schedule is not None
    assert schedule.plan_due == datetime(2020, 6, 8, 17, tzinfo=CHINA_TZ)
    assert schedule.monthly is not None
    assert (schedule.monthly.day, schedule.monthly.start_month) == (10, 6)
    assert schedule.monthly.covers_previous_period
    assert schedule.ledger_dates == (date(2020, 7, 10), date(2020, 10, 10), date(2021, 1, 10))
    assert schedule.recipient == "市政府督查室"
    assert len(schedule.raw_sentences) == 3
    assert (
        schedule.raw_sentences[0]
        == "各单位6月8日17时前将所属重点工作项目化推进计划上报市政府督查室。"
    )


def test_ledger_dates_roll_over_without_an_explicit_year() -> None:
    schedule = extract_schedule(
        ["各单位建立工作台账，分别于7月10日、10月10日和1月10日前报送区政府督查室。"], year=2024
    )
    assert schedule is not None
    assert schedule.ledger_dates == (date(2024, 7, 10), date(2024, 10, 10), date(2025, 1, 10))


def test_quarterly_and_plan_date_without_hour() -> None:
    schedule = extract_schedule(
        [
            "各单位于3月31日前将实施方案报送区政府办公室。",
            "每季度末月25日前报送本季度工作进展情况。",
        ],
        year=2024,
    )
    assert schedule is not None
    assert schedule.plan_due == date(2024, 3, 31)
    assert schedule.quarterly is not None and schedule.quarterly.day == 25
    assert schedule.monthly is None


def test_no_schedule() -> None:
    assert extract_schedule(["请认真贯彻落实。", "2024年3月7日"], year=2024) is None


def test_to_dict() -> None:
    schedule = extract_schedule(BODY_004, year=2020)
    assert schedule is not None
    data = schedule.to_dict()
    assert data["plan_due"] == "2020-06-08T17:00:00+08:00"
    assert data["ledger_dates"] == ["2020-07-10", "2020-10-10", "2021-01-10"]


def test_schedule_from_corpus_file() -> None:
    paths = sorted(CORPUS.glob("004_*.txt"))
    assert paths, f"sample corpus missing: no 004_*.txt in {CORPUS} (set DUBAN_SHARED)"
    (path,) = paths
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    schedule = extract_schedule(lines, year=2020)
    assert schedule is not None
    assert schedule.plan_due == datetime(2020, 6, 8, 17, tzinfo=CHINA_TZ)
    assert schedule.ledger_dates[-1] == date(2021, 1, 10)
