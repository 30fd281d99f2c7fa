"""A fixture year for the supervision outputs, built through the real import and progress services.

Seven tasks in two sections, monthly periods due the 10th (2024年3月 … 2024年12月). As of
2024-07-31 (``JULY``) the expected picture is:

====  ==========  ==========================================  =============
task  unit        what happened                               status
====  ==========  ==========================================  =============
1     市发改委    growth 7.2 against ≥7 (on time every month)  正常推进 green
2     市人社局    3.0 of 5 万人 at 49 % of the year            超前 green
3     市城建局    6月底 milestone missed; May report returned  逾期 red
4     市人社局    unemployment 4.2 against ≤4.5                正常推进 green
5     市民政局    2 of 10, reported late (07-15 > 07-10)        滞后 yellow
6     市大数据局  never reported                               未报送 red
7     市教育局    3 of 3, 办结 approved 06-20                  已完成 blue
====  ==========  ==========================================  =============

December reports (submitted 2025-01-08) give the year-end ratios: 7.61/7 → 108.7 %.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from duban.accounts.models import Role
from duban.accounts.services import user_create
from duban.orgs.models import Leader, OrgUnit
from duban.plans.models import SourceDocument, Target, Task
from duban.progress.models import ReportingPeriod
from duban.progress.services import (
    ReportInput,
    completion_request_create,
    completion_review,
    periods_ensure,
    progress_report_review,
    progress_report_save,
)
from taskdoc.model import DocumentInfo, Location, ParseResult, SourceSpan, TaskList, UnitRef
from taskdoc.model import Task as ParsedTask
from taskdoc.values import Comparator, Milestone, Precision, TargetKind
from taskdoc.values import Target as ParsedTarget

JULY = date(2024, 7, 31)
LIST = "2024年重点工作任务分解"
ECONOMY, LIVELIHOOD = "一、经济发展", "二、民生保障"
TZ = ZoneInfo("Asia/Shanghai")


def _target(
    metric: str, kind: TargetKind, comparator: Comparator, value: str, unit: str
) -> ParsedTarget:
    return ParsedTarget(
        metric=metric,
        kind=kind,
        comparator=comparator,
        value=Decimal(value),
        unit=unit,
        normalized_value=Decimal(value),
        normalized_unit=unit,
        start=0,
        end=1,
        raw=f"{metric}{value}{unit}",
    )


def _due(*days: date) -> tuple[Milestone, ...]:
    return tuple(
        Milestone(
            text="完成", raw=f"{d.month}月底前", start=0, end=1, due=d, precision=Precision.MONTH
        )
        for d in days
    )


def _task(  # noqa: PLR0917
    number: int,
    text: str,
    section: str,
    unit: str,
    leader: str,
    role: str = "responsible",
    targets: tuple[ParsedTarget, ...] = (),
    due: tuple[date, ...] = (date(2024, 12, 31),),
) -> ParsedTask:
    ref = (UnitRef(name=unit, raw=unit, collective=False, label="责任单位"),)
    return ParsedTask(
        list=LIST,
        section_path=(section,),
        number=number,
        text=text,
        leaders=(leader,),
        lead_units=ref if role == "lead" else (),
        responsible_units=ref if role == "responsible" else (),
        span=SourceSpan(Location(line=10 + number), Location(line=10 + number)),
        leader_label="责任领导",
        deadline="年底前",
        targets=targets,
        milestones=_due(*due),
    )


def parse_result() -> ParseResult:
    tasks = (
        _task(
            1,
            "地区生产总值增长7%以上。",
            ECONOMY,
            "市发展和改革委员会",
            "张三",
            "lead",
            (_target("地区生产总值增长", TargetKind.GROWTH, Comparator.AT_LEAST, "7", "%"),),
        ),
        _task(
            2,
            "新增城镇就业5万人。",
            ECONOMY,
            "市人社局",
            "李四",
            "responsible",
            (_target("新增城镇就业", TargetKind.COUNT, Comparator.AT_LEAST, "5", "万人"),),
        ),
        _task(
            3,
            "完成老旧小区改造100个，6月底前全部开工。",
            ECONOMY,
            "市城建局",
            "张三",
            "responsible",
            (_target("老旧小区改造", TargetKind.COUNT, Comparator.AT_LEAST, "100", "个"),),
            (date(2024, 6, 30), date(2024, 12, 31)),
        ),
        _task(
            4,
            "城镇登记失业率控制在4.5%以内。",
            LIVELIHOOD,
            "市人社局",
            "李四",
            "lead",
            (_target("城镇登记失业率", TargetKind.SHARE, Comparator.AT_MOST, "4.5", "%"),),
        ),
        _task(
            5,
            "9月底前建成便民服务中心10个。",
            LIVELIHOOD,
            "市民政局",
            "王五",
            "responsible",
            (_target("便民服务中心", TargetKind.COUNT, Comparator.AT_LEAST, "10", "个"),),
            (date(2024, 9, 30),),
        ),
        _task(6, "推进数字政府建设。", LIVELIHOOD, "市大数据局", "王五"),
        _task(
            7,
            "6月底前建成学校3所。",
            LIVELIHOOD,
            "市教育局",
            "张三",
            "responsible",
            (_target("学校", TargetKind.COUNT, Comparator.AT_LEAST, "3", "所"),),
            (date(2024, 6, 30),),
        ),
    )
    doc = DocumentInfo(
        title="关于印发2024年重点工作任务分解的通知",
        issuer="测试市人民政府办公厅",
        doc_number="测政办〔2024〕1号",
        date="2024-03-07",
        year=2024,
        level="市",
    )
    return ParseResult(
        document=doc, lists=(TaskList(LIST, SourceSpan.at(Location(line=5))),), tasks=tasks
    )


@contextmanager
def on(day: date, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run the services as if it were noon on ``day`` (submitted_at, reviewed_at …)."""
    moment = datetime.combine(day, time(12), tzinfo=TZ)
    with monkeypatch.context() as patch:
        patch.setattr("django.utils.timezone.now", lambda: moment)
        yield


@dataclass
class Year:
    document: SourceDocument
    tasks: dict[int, Task]
    periods: dict[str, ReportingPeriod]
    units: dict[str, OrgUnit]
    users: dict[str, Any]


def _report(
    task: Task,
    period: ReportingPeriod,
    day: date,
    value: str | None,
    mp: pytest.MonkeyPatch,
    *,
    progress: str = "按计划推进。",
    problems: str = "",
    version: int | None = None,
) -> Any:
    target = Target.objects.filter(task=task).first()
    actuals = {target.pk: Decimal(value)} if target is not None and value is not None else {}
    from duban.progress.selectors import primary_unit

    unit = primary_unit(task)
    assert unit is not None
    with on(day, mp):
        return progress_report_save(
            task=task,
            period=period,
            unit=unit,
            data=ReportInput(
                progress=progress, problems=problems, next_steps="继续推进。", actuals=actuals
            ),
            expected_version=version,
            submit=True,
            actor=None,
        )


def build_year(fake_parse: Callable[[ParseResult], None], mp: pytest.MonkeyPatch) -> Year:
    from duban.plans.services import import_batch_create
    from duban.workflows import import_confirm

    fake_parse(parse_result())
    with on(date(2024, 3, 8), mp):
        batch = import_batch_create(data=b"year", filename="notice.txt", actor=None)
        import_confirm(batch=batch, actor=None)
    batch.refresh_from_db()
    document = batch.document
    assert document is not None
    periods = {p.label: p for p in periods_ensure(document=document)}
    tasks = {t.number: t for t in Task.objects.filter(task_list__document=document)}
    p = {m: periods[f"2024年{m}月"] for m in (3, 4, 5, 6, 12)}
    for month, value in ((3, "6.9"), (4, "7.0"), (5, "7.1"), (6, "7.2")):
        _report(tasks[1], p[month], p[month].due_date.replace(day=8), value, mp)
    for month, value in ((4, "1.0"), (5, "2.0"), (6, "3.0")):
        _report(tasks[2], p[month], p[month].due_date.replace(day=9), value, mp)
    for month, value in ((3, "0"), (4, "10"), (5, "30"), (6, "40")):
        report = _report(
            tasks[3],
            p[month],
            p[month].due_date.replace(day=5),
            value,
            mp,
            problems="部分小区居民意见不统一，开工滞后。",
        )
        if month == 4:
            with on(date(2024, 5, 11), mp):
                report = progress_report_review(
                    report=report, approve=False, note="请补充开工数量。", actor=None
                )
            _report(tasks[3], p[4], date(2024, 5, 12), "12", mp, version=report.version)
    _report(tasks[4], p[6], date(2024, 7, 9), "4.2", mp)
    _report(tasks[5], p[6], date(2024, 7, 15), "2", mp, problems="选址未落实。")
    _report(tasks[7], p[5], date(2024, 6, 5), "3", mp, progress="3所学校已建成。")
    from duban.progress.selectors import primary_unit

    with on(date(2024, 6, 6), mp):
        request = completion_request_create(
            task=tasks[7],
            unit=primary_unit(tasks[7]),
            summary="已全部建成。",
            actor=None,  # type: ignore[arg-type]
        )
    with on(date(2024, 6, 20), mp):
        completion_review(request=request, approve=True, note="", actor=None)
    for number, value in ((1, "7.61"), (2, "5.2"), (3, "80"), (4, "4.3")):
        _report(tasks[number], p[12], date(2025, 1, 8), value, mp)
    units = {u.name: u for u in OrgUnit.objects.all()}
    users = {
        "office": user_create(username="office", password="pw-123456", role=Role.OFFICE),
        "auditor": user_create(username="auditor", password="pw-123456", role=Role.AUDITOR),
        "reporter": user_create(
            username="reporter",
            password="pw-123456",
            role=Role.REPORTER,
            units=[units["市发展和改革委员会"]],
        ),
        "leader": user_create(
            username="leader",
            password="pw-123456",
            role=Role.LEADER,
            leader=Leader.objects.get(name="张三"),
        ),
    }
    return Year(document=document, tasks=tasks, periods=periods, units=units, users=users)
