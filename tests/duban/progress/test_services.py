"""Services: schedule plumbing, periods, reports and reviews, workflow, evidence, history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from duban.audit.models import AuditEvent
from duban.core.exceptions import ApplicationError
from duban.plans.models import Milestone, ReportingSchedule
from duban.progress import selectors, services
from duban.progress.history import task_history
from duban.progress.models import (
    Evidence,
    ProgressReport,
    RevisionKind,
    TaskTracking,
)
from duban.progress.parts.models import UnitSignature
from duban.progress.status import Colour, ScheduleStatus
from taskdoc.model import ParseResult
from tests.duban.outputs_year import on
from tests.duban.progress.conftest import World, report_data, schedule_result

pytestmark = pytest.mark.django_db


def _save(
    w: World, label: str = "2024年4月", submit: bool = False, who: str = "reporter", **kw: object
) -> ProgressReport:
    period = w.period(label)
    report = selectors.report_for(w.task, period)
    return services.progress_report_save(
        task=w.task,
        period=period,
        unit=w.unit_a,
        data=report_data(**kw),
        expected_version=report.version if report else None,
        submit=submit,
        actor=w.users[who],
    )


def test_schedule_is_stored_at_confirm(world: World) -> None:
    schedule = ReportingSchedule.objects.get(document=world.document)
    assert (schedule.monthly_day, schedule.monthly_start_month, schedule.is_default) == (
        10,
        4,
        False,
    )
    assert schedule.ledger_dates == ["2024-07-10"]
    assert schedule.plan_due is not None and schedule.plan_due.hour == 9  # 17:00 CST in UTC
    assert schedule.raw_sentences


def test_periods_follow_the_schedule(world: World) -> None:
    monthly = [p for p in world.periods if p.kind == "monthly"]
    assert (monthly[0].label, monthly[0].due_date) == ("2024年3月", date(2024, 4, 10))
    assert (monthly[-1].label, monthly[-1].due_date) == ("2024年12月", date(2025, 1, 10))
    assert [p.label for p in world.periods if p.kind == "ledger"] == ["2024年第2季度台账"]
    assert services.periods_ensure(document=world.document) == list(world.periods)  # idempotent


def test_no_schedule_means_default(fake_parse: Callable[[ParseResult], None]) -> None:
    from duban.plans.services import import_batch_create
    from duban.workflows import import_confirm

    fake_parse(schedule_result(None))
    doc = import_confirm(
        batch=import_batch_create(data=b"x", filename="n.txt", actor=None), actor=None
    )
    schedule = doc.reporting_schedule
    assert (schedule.monthly_day, schedule.is_default) == (10, True)
    periods = services.periods_ensure(document=doc)
    assert periods[0].due_date == date(2024, 4, 10)  # notice dated 03-07: March's report


def test_period_edit_is_office_only_and_audited(world: World) -> None:
    period = world.period("2024年4月")
    with pytest.raises(PermissionDenied):
        services.period_update(
            period=period,
            due_date=date(2024, 5, 12),
            label=period.label,
            actor=world.users["reporter"],
        )
    services.period_update(
        period=period, due_date=date(2024, 5, 12), label="4月", actor=world.users["office"]
    )
    event = AuditEvent.objects.get(action="period.update")
    assert (
        event.data["before"]["due_date"] == "2024-05-10"
        and event.data["after"]["due_date"] == "2024-05-12"
    )


def test_submit_acknowledges_and_records_history(world: World) -> None:
    report = _save(
        world, progress="完成选址30处", actuals={world.target.pk: Decimal(300)}, submit=True
    )
    assert report.state == "submitted" and report.version == 1
    tracking = TaskTracking.objects.get(task=world.task)
    assert tracking.state == "reporting"
    signature = UnitSignature.objects.get(task=world.task)  # the first report is its 签收
    assert (signature.unit, signature.signed_by, signature.via) == (
        world.unit_a,
        world.users["reporter"],
        "report",
    )
    history = task_history(world.task)
    assert [h.action for h in history[:2]] == ["督办状态变更", "报送进展"]
    fields = {c["field"]: c["after"] for c in history[1].changes}
    assert fields["进展情况"] == "完成选址30处" and fields["新建5G基站累计完成"] == "300"
    assert history[1].actor == "甲局填报员"


def test_next_period_is_prefilled_from_the_previous(world: World) -> None:
    _save(
        world,
        progress="四月进展",
        next_steps="继续",
        actuals={world.target.pk: Decimal(120)},
        submit=True,
    )
    prefill = selectors.report_prefill(world.task, world.period("2024年5月"))
    assert prefill.values["progress"] == "四月进展" and prefill.values["next_steps"] == "继续"
    assert prefill.actuals == {world.target.pk: Decimal(120)}
    assert "2024年4月" in prefill.source


def test_return_then_approve(world: World) -> None:
    report = _save(world, progress="初稿", submit=True)
    office = world.users["office"]
    with pytest.raises(ApplicationError, match="退回理由"):
        services.progress_report_review(report=report, approve=False, note=" ", actor=office)
    with pytest.raises(PermissionDenied):
        services.progress_report_review(
            report=report, approve=True, note="", actor=world.users["reporter"]
        )
    services.progress_report_review(report=report, approve=False, note="请补充佐证", actor=office)
    with pytest.raises(ApplicationError, match="已退回"):
        services.progress_report_review(report=report, approve=True, note="", actor=office)
    report = _save(world, progress="补充后", submit=True)
    report = services.progress_report_review(report=report, approve=True, note="", actor=office)
    assert report.state == "approved"
    with pytest.raises(ApplicationError, match="审核通过"):
        _save(world, progress="再改")


def test_optimistic_locking(world: World) -> None:
    period = world.period("2024年4月")
    first = _save(world, progress="甲")
    opened = first.version
    services.progress_report_save(
        task=world.task,
        period=period,
        unit=world.unit_a,
        data=report_data(progress="乙"),
        expected_version=opened,
        actor=world.users["reporter2"],
    )
    with pytest.raises(services.ConflictError, match=r"已被甲局填报员二于.*修改"):
        services.progress_report_save(
            task=world.task,
            period=period,
            unit=world.unit_a,
            data=report_data(progress="丙"),
            expected_version=opened,
            actor=world.users["reporter"],
        )
    assert ProgressReport.objects.get(task=world.task, period=period).progress == "乙"


def test_only_the_lead_unit_reports_others_file_parts(world: World) -> None:
    period = world.period("2024年4月")
    with pytest.raises(ApplicationError, match="牵头单位"):
        services.progress_report_save(
            task=world.task,
            period=period,
            unit=world.unit_c,
            data=report_data(progress="x"),
            expected_version=None,
            actor=world.users["reporter_c"],
        )
    with pytest.raises(PermissionDenied):  # not a member of 市甲局
        services.progress_report_save(
            task=world.task,
            period=period,
            unit=world.unit_a,
            data=report_data(progress="x"),
            expected_version=None,
            actor=world.users["reporter_b"],
        )
    part = services.unit_part_save(
        task=world.task,
        period=period,
        unit=world.unit_c,
        data=report_data(progress="配合完成审批"),
        expected_version=None,
        submit=True,
        actor=world.users["reporter_c"],
    )
    report = _save(world, progress="牵头单位进展")  # the part is its own row, not the report's
    assert report.version == 1 and part.version == 1 and part.progress == "配合完成审批"


def test_completion_return_and_close(world: World) -> None:
    a, office = world.users["reporter"], world.users["office"]
    request = services.completion_request_create(
        task=world.task, unit=world.unit_a, summary="已建成", actor=a
    )
    services.completion_review(request=request, approve=False, note="缺验收材料", actor=office)
    assert TaskTracking.objects.get(task=world.task).state == "returned"
    request = services.completion_request_create(
        task=world.task, unit=world.unit_a, summary="补充验收", actor=a
    )
    services.completion_review(request=request, approve=True, note="", actor=office)
    assert TaskTracking.objects.get(task=world.task).state == "closed"
    status = selectors.task_status(world.task, as_of=timezone.localdate())
    assert (status.schedule, status.colour) == (ScheduleStatus.DONE, Colour.BLUE)
    # as known before the approval (e.g. 2024-08-01), the task was not closed yet
    before = selectors.task_status(world.task, as_of=date(2024, 8, 1))
    assert before.schedule is not ScheduleStatus.DONE


def test_extension_keeps_the_baseline(world: World) -> None:
    revision = services.revision_request(
        task=world.task,
        unit=world.unit_a,
        kind=RevisionKind.EXTEND,
        reason="疫情影响",
        new_deadline=date(2025, 3, 31),
        actor=world.users["reporter"],
    )
    assert selectors.effective_deadline(world.task) == date(2024, 12, 31)
    with pytest.raises(ApplicationError, match="审批意见"):
        services.revision_decide(
            revision=revision, approve=True, note="", actor=world.users["office"]
        )
    services.revision_decide(
        revision=revision, approve=True, note="同意延期", actor=world.users["office"]
    )
    assert selectors.effective_deadline(world.task) == date(2025, 3, 31)
    assert Milestone.objects.filter(task=world.task, due_date=date(2024, 12, 31)).exists()
    adjust = services.revision_request(
        task=world.task,
        unit=world.unit_a,
        kind=RevisionKind.ADJUST,
        reason="规划调整",
        target=world.target,
        new_value=Decimal(800),
        actor=world.users["reporter"],
    )
    services.revision_decide(
        revision=adjust, approve=True, note="同意", actor=world.users["office"]
    )
    world.target.refresh_from_db()
    assert world.target.value == Decimal(1000)
    assert selectors.effective_goal(world.target) == Decimal(800)


def test_status_from_reports(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    as_of = date(2024, 5, 1)
    assert selectors.task_status(world.task, as_of=as_of).schedule is ScheduleStatus.NO_REPORT
    with on(date(2024, 4, 9), monkeypatch):
        _save(
            world, "2024年3月", progress="三月", submit=True, actuals={world.target.pk: Decimal(50)}
        )
    status = selectors.task_status(world.task, as_of=as_of)
    assert status.schedule is ScheduleStatus.LAGGING  # 5 % done, ~30 % of the time gone
    assert status.evidence.value == "pending"


def test_evidence_is_checked_by_content(world: World) -> None:
    report = _save(world, progress="x")
    with pytest.raises(ApplicationError, match="不符"):
        services.evidence_add(
            task=world.task,
            unit=world.unit_a,
            filename="伪装.pdf",
            data=b"MZ\x90\x00",
            report=report,
            actor=world.users["reporter"],
        )
    assert not Evidence.objects.exists()
    evidence = services.evidence_add(
        task=world.task,
        unit=world.unit_a,
        filename="现场照片.png",
        data=b"\x89PNG\r\n\x1a\n" + b"\0" * 10,
        report=report,
        actor=world.users["reporter"],
    )
    assert evidence.content_type == "image/png" and evidence.file.name.startswith("evidence/")


def test_instruction_only_by_the_tasks_leader(world: World) -> None:
    services.instruction_add(task=world.task, text="抓紧推进", actor=world.users["leader"])
    with pytest.raises(PermissionDenied):
        services.instruction_add(task=world.other_task, text="x", actor=world.users["leader"])
    with pytest.raises(PermissionDenied):
        services.instruction_add(task=world.task, text="x", actor=world.users["reporter"])
    assert task_history(world.task)[0].action == "领导批示"


def test_unit_plan_prefill_save_and_review(world: World) -> None:
    prefill = selectors.plan_prefill(world.task)
    assert prefill["overall_target"] == "新建5G基站1000个"
    assert [s["text"] for s in prefill["stages"]] == ["完成选址", "全部建成"]
    plan = services.unit_plan_save(
        task=world.task,
        unit=world.unit_a,
        content="分三步推进",
        overall_target=prefill["overall_target"],
        responsible_person="赵科长",
        stages=[services.StageInput(s["text"], s["due_date"]) for s in prefill["stages"]],
        submit=True,
        expected_version=None,
        actor=world.users["reporter"],
    )
    with pytest.raises(ApplicationError, match="不能修改"):
        services.unit_plan_save(
            task=world.task,
            unit=world.unit_a,
            content="改",
            overall_target="",
            responsible_person="",
            stages=[],
            submit=False,
            expected_version=plan.version,
            actor=world.users["reporter"],
        )
    plan = services.unit_plan_review(
        plan=plan, approve=False, note="阶段目标不够具体", actor=world.users["office"]
    )
    assert plan.state == "returned" and plan.stages.count() == 2
    assert task_history(world.task)[0].action == "推进计划退回"
