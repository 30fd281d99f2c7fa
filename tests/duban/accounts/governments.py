"""Two governments in one installation: 郑州市 (city) and 管城回族区 (district, below it).

The city's notice assigns one task to 管城回族区人民政府 (the district as a unit of the city's
directory: the granted read) and one to 市保密局 only (never the district's to see). The
district's notice has one task of its own. Each government has a 督查室 and an 审计; the city
has a reporter of 市保密局, who reports on the secret task, a preview, a draft, an actuals
import, a robot, a bulletin and a scoring scheme.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.test import Client

from duban.accounts.models import Role, User
from duban.accounts.services import user_create
from duban.drafts.models import DraftRow, ReportDraft
from duban.exports.services import bulletin_draft_create
from duban.messaging.models import Robot
from duban.orgs.models import Government, Leader, OrgUnit, Post
from duban.plans.actualmodels import ActualImport, ActualRow
from duban.plans.models import ImportBatch, SourceDocument, Task
from duban.progress.models import ReportingPeriod
from duban.progress.services import ReportInput, periods_ensure, progress_report_save
from duban.supervision.models import ScoringScheme
from taskdoc.model import ParseResult
from tests.duban.conftest import Spec, make_result
from tests.duban.progress.conftest import SCHEDULE

SECRET_TEXT = "郑州市保密任务甲须全部完成"
SECRET_UNIT = "市保密局"
GRANTED_TEXT = "管城回族区承办的市级任务"
DISTRICT_TEXT = "管城回族区自己的任务"
PASSWORD = "pw-123456"


@dataclass
class TwoGovernments:
    city: Government
    district: Government
    city_doc: SourceDocument
    district_doc: SourceDocument
    secret: Task  # the city's, 市保密局 only
    granted: Task  # the city's, assigned to 管城回族区人民政府
    own: Task  # the district's
    ids: dict[str, int]  # the city's objects by key (the district office must not reach them)
    users: dict[str, User]

    def client(self, name: str) -> Client:
        client = Client()
        client.force_login(self.users[name])
        return client


def _result(specs: list[Spec], **kw: Any) -> ParseResult:
    return dataclasses.replace(make_result(specs, **kw), schedule=SCHEDULE)


def _import(fake_parse: Callable[[ParseResult], None], result: ParseResult, data: bytes, **kw: Any):  # type: ignore[no-untyped-def]
    from duban.plans.services import import_batch_create
    from duban.workflows import import_confirm

    fake_parse(result)
    batch = import_batch_create(data=data, filename="notice.txt", actor=None, **kw)
    return import_confirm(batch=batch, actor=None)


def _user(name: str, role: Role, government: Government, **kw: Any) -> User:
    user = user_create(username=name, password=PASSWORD, role=role, **kw)
    user.government = government
    user.save(update_fields=["government"])
    return user


@pytest.fixture
def two(fake_parse: Callable[[ParseResult], None]) -> TwoGovernments:
    city = Government.objects.create(name="郑州市人民政府", short_name="郑州市", level="city")
    district = Government.objects.create(
        name="管城回族区人民政府", short_name="管城回族区", level="county", parent=city
    )
    city_specs = [
        Spec(
            1, GRANTED_TEXT, [("lead", "管城回族区人民政府"), ("supporting", "市乙局")], ("张市长",)
        ),
        Spec(2, SECRET_TEXT, [("responsible", SECRET_UNIT)], ("王副市长",)),
    ]
    city_doc = _import(
        fake_parse,
        _result(city_specs, issuer="郑州市人民政府办公厅", doc_number="郑政办〔2024〕1号",
                title="郑州市2024年重点工作任务分解"),
        b"city",
        government=city,
    )  # fmt: skip
    district.unit = OrgUnit.objects.get(name="管城回族区人民政府")
    district.save()
    district_doc = _import(
        fake_parse,
        _result([Spec(1, DISTRICT_TEXT, [("lead", "区甲局")], ("李区长",))],
                issuer="郑州市管城回族区人民政府办公室", doc_number="管政办〔2024〕2号",
                title="管城回族区2024年重点工作任务分解"),
        b"district",
        government=district,
    )  # fmt: skip
    secret = Task.objects.get(task_list__document=city_doc, number=2)
    granted = Task.objects.get(task_list__document=city_doc, number=1)
    own = Task.objects.get(task_list__document=district_doc)
    secret_unit = OrgUnit.objects.get(name=SECRET_UNIT)
    users = {
        "city_office": _user("city_office", Role.OFFICE, city),
        "city_auditor": _user("city_auditor", Role.AUDITOR, city),
        "city_reporter": _user("city_reporter", Role.REPORTER, city, units=[secret_unit]),
        "district_office": _user("district_office", Role.OFFICE, district),
        "district_auditor": _user("district_auditor", Role.AUDITOR, district),
    }
    periods = periods_ensure(document=city_doc)
    periods_ensure(document=district_doc)
    period = next(p for p in periods if p.kind == "monthly")
    report = progress_report_save(
        task=secret, period=period, unit=secret_unit, expected_version=None, submit=True,
        data=ReportInput(progress=f"{SECRET_TEXT}，已完成一半。"), actor=users["city_reporter"],
    )  # fmt: skip
    ids = _city_objects(two_city=city, city_doc=city_doc, secret=secret, period=period)
    ids.update(report=report.pk, user=users["city_office"].pk, unit=secret_unit.pk)
    return TwoGovernments(city, district, city_doc, district_doc, secret, granted, own, ids, users)


def _city_objects(
    *, two_city: Government, city_doc: SourceDocument, secret: Task, period: ReportingPeriod
) -> dict[str, int]:
    """One of each city-owned object a URL may name (the preview, draft, robot…)."""
    office = User.objects.get(username="city_office")
    fake = {"file": "imports/x.txt", "sha256": "0" * 64, "filename": "x.txt"}
    batch = ImportBatch.objects.create(owner=two_city, kind="decomposition", **fake)
    name = batch.names.create(kind="unit", name=SECRET_UNIT, count=1)
    actual = ActualImport.objects.create(owner=two_city, kind="plan_report", **fake)
    row = ActualRow.objects.create(batch=actual, position=0, metric="产值", figure="1亿元")
    draft = ReportDraft.objects.create(owner=two_city, title="郑州市草稿", year=2024, **fake)
    draft_row = DraftRow.objects.create(draft=draft, position=0, kind="item", text=SECRET_TEXT)
    robot = Robot.objects.create(owner=two_city, name="郑州市机器人", kind="wecom", url="https://x")
    bulletin = bulletin_draft_create(document=city_doc, as_of=date(2024, 7, 31), actor=office)
    ScoringScheme.objects.create(owner=two_city, on_time=100, targets_met=0, schedule_met=0,
                                 quality=0)  # fmt: skip
    leader = Leader.objects.get(name="王副市长")
    return {
        "document": city_doc.pk, "task": secret.pk, "period": period.pk, "batch": batch.pk,
        "name": name.pk, "actual": actual.pk, "actual_row": row.pk, "draft": draft.pk,
        "draft_row": draft_row.pk, "robot": robot.pk, "bulletin": bulletin.pk,
        "leader": leader.pk, "post": Post.objects.get(holder=leader).pk,
        "collective": 987_654, "missing": 987_654,
    }  # fmt: skip
