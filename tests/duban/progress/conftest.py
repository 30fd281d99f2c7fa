"""A small world for progress tests: one notice with a schedule, units, users, periods."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from duban.accounts.models import Role, User
from duban.accounts.services import user_create
from duban.orgs.models import OrgUnit
from duban.plans.models import Milestone, SourceDocument, Target, Task
from duban.progress.models import ReportingPeriod
from duban.progress.services import periods_ensure
from taskdoc.figures.schedule import CHINA_TZ
from taskdoc.model import ParseResult
from taskdoc.values import PeriodicReport, ReportingSchedule
from tests.duban.conftest import Spec, make_result

SPECS = [
    Spec(
        1,
        "新建5G基站1000个，6月底前完成选址。",
        [("lead", "市甲局"), ("supporting", "市丙局")],
        ("张三",),
    ),
    Spec(2, "乙单位的任务。", [("responsible", "市乙局")], ("李四",)),
]
SCHEDULE = ReportingSchedule(
    plan_due=datetime(2024, 3, 20, 17, 0, tzinfo=CHINA_TZ),
    monthly=PeriodicReport("month", 10, 4, True, "从4月份起，于每月10日前报送上月进展"),
    ledger_dates=(date(2024, 7, 10),),
    raw_sentences=("各单位于每月10日前报送截至上一个月月底的进展情况。",),
)
PASSWORD = "pw-123456"


@dataclass
class World:
    document: SourceDocument
    task: Task  # 市甲局 leads, 市丙局 supports, leader 张三
    other_task: Task  # 市乙局
    target: Target
    milestones: list[Milestone]
    unit_a: OrgUnit
    unit_b: OrgUnit
    unit_c: OrgUnit
    periods: list[ReportingPeriod]
    users: dict[str, User]

    def period(self, label: str) -> ReportingPeriod:
        return next(p for p in self.periods if p.label == label and p.kind == "monthly")

    def client(self, name: str) -> Client:
        client = Client()
        client.force_login(self.users[name])
        return client


def schedule_result(schedule: ReportingSchedule | None = SCHEDULE) -> ParseResult:
    return dataclasses.replace(make_result(SPECS), schedule=schedule)


@pytest.fixture
def world(fake_parse: Callable[[ParseResult], None]) -> World:
    from duban.plans.services import import_batch_create
    from duban.workflows import import_confirm

    fake_parse(schedule_result())
    batch = import_batch_create(data=b"progress", filename="notice.txt", actor=None)
    document = import_confirm(batch=batch, actor=None)
    task, other = Task.objects.get(number=1), Task.objects.get(number=2)
    target = Target.objects.create(
        task=task,
        metric="新建5G基站",
        kind="count",
        comparator="at_least",
        value=Decimal(1000),
        unit="个",
        raw_text="新建5G基站1000个",
    )
    milestones = [
        Milestone.objects.create(
            task=task, due_date=date(2024, 6, 30), raw_phrase="6月底前", text="完成选址"
        ),
        Milestone.objects.create(
            task=task, due_date=date(2024, 12, 31), raw_phrase="年底前", text="全部建成", position=1
        ),
    ]
    a, b, c = (OrgUnit.objects.get(name=n) for n in ("市甲局", "市乙局", "市丙局"))
    from duban.orgs.models import Leader

    zhang = Leader.objects.get(name="张三")
    users = {
        "office": user_create(
            username="office", password=PASSWORD, role=Role.OFFICE, display_name="督查室王五"
        ),
        "auditor": user_create(username="auditor", password=PASSWORD, role=Role.AUDITOR),
        "leader": user_create(username="leader", password=PASSWORD, role=Role.LEADER, leader=zhang),
        "reporter": user_create(
            username="reporter",
            password=PASSWORD,
            role=Role.REPORTER,
            units=[a],
            display_name="甲局填报员",
        ),
        "reporter2": user_create(
            username="reporter2",
            password=PASSWORD,
            role=Role.REPORTER,
            units=[a],
            display_name="甲局填报员二",
        ),
        "reporter_b": user_create(
            username="reporter_b", password=PASSWORD, role=Role.REPORTER, units=[b]
        ),
        "reporter_c": user_create(
            username="reporter_c", password=PASSWORD, role=Role.REPORTER, units=[c]
        ),
    }
    users["reporter"].email = "jia@example.gov.cn"
    users["reporter"].save()
    periods = periods_ensure(document=document)
    return World(document, task, other, target, milestones, a, b, c, list(periods), users)


def report_data(**kw: Any) -> Any:
    from duban.progress.services import ReportInput

    return ReportInput(**kw)
