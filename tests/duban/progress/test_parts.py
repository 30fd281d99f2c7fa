"""Every assigned unit files its own part; the lead's 汇总 is pre-filled from the parts.

The world: task 1 is led by 市甲局, 各街道办事处 are 责任 (expanded at import into 东街道 and
西街道) and 市丙局 配合; task 2 is led by 市乙局 with 相关街道办事处 配合, which the
directory cannot expand (待指定) until the 督查室 names its streets. The first monthly period
(2024年3月) is due 2024-04-10.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from duban.accounts.models import Role, User
from duban.accounts.services import user_create
from duban.audit.models import AuditEvent
from duban.core.exceptions import ApplicationError
from duban.orgs.models import OrgUnit, UnitKind, UnitLevel
from duban.plans.models import SourceDocument, Target, Task, TaskCollective, TaskUnit
from duban.progress import selectors, services
from duban.progress.models import Evidence, ReportingPeriod, UnitPart
from duban.progress.parts import queries
from duban.progress.services.late_parts import part_page
from duban.progress.services.reminders import late_groups
from duban.supervision.snapshot import Dataset, late_units
from taskdoc.model import ParseResult
from tests.duban.conftest import Spec, make_result
from tests.duban.outputs_year import on
from tests.duban.progress.conftest import SCHEDULE, report_data

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
SPECS = [
    Spec(
        1,
        "新建5G基站1000个。",
        [("lead", "市甲局"), ("responsible", "各街道办事处"), ("supporting", "市丙局")],
    ),
    Spec(2, "整治背街小巷。", [("lead", "市乙局"), ("supporting", "相关街道办事处")]),
]
BEFORE_DUE, AFTER_DUE = date(2024, 4, 8), date(2024, 4, 12)


@dataclass
class Parts:
    document: SourceDocument
    task: Task
    other: Task
    target: Target
    units: dict[str, OrgUnit]
    users: dict[str, User]
    march: ReportingPeriod

    def client(self, name: str) -> Client:
        client = Client()
        client.force_login(self.users[name])
        return client

    def url(self, kind: str = "parts", task: Task | None = None) -> str:
        return f"/tasks/{(task or self.task).pk}/{kind}/{self.march.pk}/"


@pytest.fixture
def parts(fake_parse: Callable[[ParseResult], None]) -> Parts:
    from duban.plans.services import import_batch_create
    from duban.workflows import import_confirm

    for name in ("东街道办事处", "西街道办事处", "南街道办事处"):
        OrgUnit.objects.create(name=name, kind=UnitKind.STREET_OFFICE, level=UnitLevel.STREET)
    fake_parse(dataclasses.replace(make_result(SPECS), schedule=SCHEDULE))
    batch = import_batch_create(data=b"parts", filename="notice.txt", actor=None)
    document = import_confirm(batch=batch, actor=None)
    task, other = Task.objects.get(number=1), Task.objects.get(number=2)
    target = Target.objects.create(
        task=task, metric="新建5G基站", kind="count", comparator="at_least",
        value=Decimal(1000), unit="个", raw_text="新建5G基站1000个",
    )  # fmt: skip
    names = ("市甲局", "市乙局", "市丙局", "东街道办事处", "西街道办事处", "南街道办事处")
    units = {n: OrgUnit.objects.get(name=n) for n in names}
    logins = {"jia": "市甲局", "yi": "市乙局", "bing": "市丙局", "east": "东街道办事处",
              "west": "西街道办事处", "south": "南街道办事处"}  # fmt: skip
    users = {
        login: user_create(
            username=login, password="pw-123456", role=Role.REPORTER, units=[units[name]]
        )
        for login, name in logins.items()
    }
    users["office"] = user_create(username="office", password="pw-123456", role=Role.OFFICE)
    periods = services.periods_ensure(document=document)
    march = next(p for p in periods if p.label == "2024年3月" and p.kind == "monthly")
    return Parts(document, task, other, target, units, users, march)


def _png(name: str = "现场照片.png") -> io.BytesIO:
    upload = io.BytesIO(PNG)
    upload.name = name
    return upload


def _file(p: Parts, who: str, progress: str, figure: str = "", **extra: object) -> object:
    data = {"action": "submit", "version": 0, "progress": progress, **extra}
    if figure:
        data[f"actual_{p.target.pk}"] = figure
    return p.client(who).post(p.url(), data)


def test_who_owes_a_part(parts: Parts) -> None:
    """Every unit on the task but the lead: the streets through the collective and 配合."""
    owed = queries.part_units([parts.task.pk, parts.other.pk])
    names = {t: sorted(OrgUnit.objects.get(pk=u).name for u in us) for t, us in owed.items()}
    assert names == {parts.task.pk: ["东街道办事处", "南街道办事处", "市丙局", "西街道办事处"]}
    assert not queries.owes_part(parts.task, parts.units["市甲局"].pk)  # its 汇总 is the report


def test_a_street_via_the_collective_files_its_part_on_the_bulk_page(
    parts: Parts, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = parts.client("east")
    bulk = f"/progress/?unit={parts.units['东街道办事处'].pk}&period={parts.march.pk}"
    page = client.get(bulk).content.decode()
    assert "本单位分项报送的任务（1）" in page and "新建5G基站1000个" in page
    lead = parts.client("jia").get(f"/progress/?period={parts.march.pk}").content.decode()
    assert "本单位分项报送的任务" not in lead  # 市甲局 owes no part of its own task
    prefix = f"p{parts.task.pk}"
    with on(BEFORE_DUE, monkeypatch):
        response = client.post(
            bulk,
            {
                "action": "part_submit",
                f"{prefix}-version": 0,
                f"{prefix}-progress": "东街道完成选址12处",
                f"{prefix}-actual_{parts.target.pk}": "120个",
                f"{prefix}-evidence": _png(),
            },
        )
    assert response.status_code == 302
    part = UnitPart.objects.get(unit=parts.units["东街道办事处"])
    assert part.state == "submitted" and part.progress == "东街道完成选址12处"
    assert part.actuals.get().value == Decimal(120)
    assert Evidence.objects.get().part == part and part.evidence.get().unit == part.unit
    assert "已报送" in client.get(bulk).content.decode()
    assert AuditEvent.objects.filter(action="part.submit", data__task=parts.task.pk).exists()


def test_a_supporting_unit_files_its_part_with_evidence(parts: Parts) -> None:
    response = _file(parts, "bing", "市丙局完成审批", evidence=_png("批复.png"))
    assert response.status_code == 302
    part = UnitPart.objects.get(unit=parts.units["市丙局"])
    assert part.submitted_at is not None and part.evidence.get().filename == "批复.png"
    page = parts.client("bing").get(parts.url()).content.decode()
    assert "市丙局完成审批" in page and "更正并报送" in page  # a filed part is corrected


def test_the_lead_sees_the_parts_and_a_summary_prefilled_from_them(parts: Parts) -> None:
    _file(parts, "east", "东街道完成选址", "120")
    _file(parts, "west", "西街道完成选址", "80")
    parts.client("bing").post(parts.url(), {"action": "save", "version": 0, "progress": "草稿"})
    page = parts.client("jia").get(parts.url("reports")).content.decode()
    assert "各单位分项报送" in page and "东街道完成选址" in page and "西街道完成选址" in page
    # the 汇总 form: each filed part's text under its unit's name, amounts added up
    assert "东街道办事处：东街道完成选址\n西街道办事处：西街道完成选址" in page
    assert f'name="actual_{parts.target.pk}" value="200"' in page
    assert "市丙局：草稿" not in page  # a draft is not filed
    assert "2 个单位本期报送的分项内容" in page
    # the lead edits and submits the 汇总 as before
    response = parts.client("jia").post(
        parts.url("reports"),
        {"action": "submit", "version": 0, "progress": "汇总：两街道完成选址", f"actual_{parts.target.pk}": "210"},
    )  # fmt: skip
    assert response.status_code == 302
    assert parts.task.progress_reports.get().state == "submitted"


def test_the_summary_can_be_drawn_again_over_a_saved_draft(parts: Parts) -> None:
    lead = parts.client("jia")
    lead.post(parts.url("reports"), {"action": "save", "version": 0, "progress": "先写的草稿"})
    _file(parts, "east", "东街道后报", "30")
    assert "东街道后报" not in _form_text(lead.get(parts.url("reports")).content.decode())
    again = lead.get(parts.url("reports") + "?prefill=parts").content.decode()
    assert "东街道办事处：东街道后报" in _form_text(again)
    assert lead.get(parts.url("reports") + "?prefill=x").status_code == 400  # 中文说明


def _form_text(page: str) -> str:
    start = page.index('id="report-form"')
    return page[start : page.index("</form>", start)]


def test_the_office_sees_who_has_not_filed(parts: Parts) -> None:
    _file(parts, "east", "东街道完成", "1")
    office = parts.client("office")
    page = office.get(parts.url()).content.decode()
    rows = {
        name: page.split(name, 1)[1].split("</tr>", 1)[0]
        for name in ("东街道办事处", "西街道办事处", "市丙局")
    }
    assert "已报送" in rows["东街道办事处"]
    assert "未报送" in rows["西街道办事处"] and "未报送" in rows["市丙局"]
    task_page = office.get(f"/tasks/{parts.task.pk}/progress/").content.decode()
    assert "已报 1/4" in task_page


def test_the_late_list_shows_each_missing_part(
    parts: Parts, monkeypatch: pytest.MonkeyPatch
) -> None:
    with on(BEFORE_DUE, monkeypatch):
        _file(parts, "east", "按时报送", "1")
    light = services.late_items(as_of=AFTER_DUE)  # the 汇总s' items before any part is filed
    with on(AFTER_DUE, monkeypatch):
        _file(parts, "west", "逾期补报", "1")  # late, but filed on the day asked about
    gaps = part_page(late_groups(as_of=AFTER_DUE), as_of=AFTER_DUE).gaps
    assert sorted(g.unit.name for g in gaps) == ["南街道办事处", "市丙局"]
    earlier = part_page(late_groups(as_of=date(2024, 4, 11)), as_of=date(2024, 4, 11)).gaps
    assert "西街道办事处" in {g.unit.name for g in earlier}  # not yet filed on 4月11日
    page = parts.client("office").get("/progress/late/?as_of=2024-04-12").content.decode()
    section = page[page.index('id="late-parts"') :]
    assert "各单位分项未报送（2）" in section and "南街道办事处" in section
    assert "东街道办事处" not in section
    # the 汇总s' items (and the task's light) are the lead's: parts do not touch them
    after = [(i.task.pk, i.unit.pk) for i in services.late_items(as_of=AFTER_DUE) if not i.part]
    assert after == [(i.task.pk, i.unit.pk) for i in light if not i.part]
    assert selectors.task_status(parts.task, as_of=AFTER_DUE).colour == "yellow"  # 1 missed


def test_the_bulletin_counts_missing_parts_per_unit(
    parts: Parts, monkeypatch: pytest.MonkeyPatch
) -> None:
    with on(BEFORE_DUE, monkeypatch):
        _file(parts, "east", "按时", "1")
    late = {
        name: n
        for (_, name), n in late_units(
            Dataset(parts.document, Task.objects.all()), parts.march
        ).items()
    }
    assert late == {"市甲局": 1, "市乙局": 1, "市丙局": 1, "西街道办事处": 1, "南街道办事处": 1}  # fmt: skip


def test_a_unit_cannot_file_another_units_part(parts: Parts) -> None:
    west = parts.units["西街道办事处"]
    response = parts.client("east").post(
        parts.url() + f"?unit={west.pk}", {"action": "submit", "version": 0, "progress": "冒名"}
    )
    assert response.status_code == 403
    assert (
        parts.client("yi").post(parts.url(), {"action": "save", "progress": "x"}).status_code == 403
    )
    with pytest.raises(PermissionDenied):
        services.unit_part_save(
            task=parts.task, period=parts.march, unit=west, data=report_data(progress="冒名"),
            expected_version=None, actor=parts.users["east"],
        )  # fmt: skip
    with pytest.raises(ApplicationError, match="牵头单位请在进展报告中填写汇总"):
        services.unit_part_save(
            task=parts.task, period=parts.march, unit=parts.units["市甲局"],
            data=report_data(progress="x"), expected_version=None, actor=parts.users["jia"],
        )  # fmt: skip
    assert not UnitPart.objects.exists()


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"action": "submit", "version": 0, "progress": ""}, 400, "报送前请填写本单位进展情况"),
        (
            {"action": "save", "version": 0, "progress": "x", "actual_T": "很多"},
            400,
            "请修正下面标出的错误",
        ),
        ({"action": "save", "version": "abc", "progress": "x"}, 400, "请修正下面标出的错误"),
    ],
)
def test_malformed_input_gets_a_chinese_message(
    parts: Parts, data: dict[str, object], status: int, message: str
) -> None:
    data = {k.replace("T", str(parts.target.pk)): v for k, v in data.items()}
    response = parts.client("bing").post(parts.url(), data)
    assert response.status_code == status and message in response.content.decode()
    assert not UnitPart.objects.filter(progress="x").exists()


def test_a_bad_file_saves_nothing_and_a_stale_version_conflicts(parts: Parts) -> None:
    fake = io.BytesIO(b"MZ\x90\x00 not a pdf")
    fake.name = "报告.pdf"
    response = _file(parts, "bing", "有附件", evidence=fake)
    assert response.status_code == 400 and "请修正下面标出的错误" in response.content.decode()
    assert not UnitPart.objects.exists() and not Evidence.objects.exists()
    parts.client("bing").post(parts.url(), {"action": "save", "version": 0, "progress": "第一版"})
    stale = parts.client("bing").post(
        parts.url(), {"action": "save", "version": 0, "progress": "另一人"}
    )
    assert stale.status_code == 409 and "保存失败：本单位内容已被" in stale.content.decode()
    assert "另一人" in stale.content.decode()  # the input stays on screen
    assert UnitPart.objects.get().progress == "第一版"


def test_a_filed_part_is_final_once_the_summary_is_submitted(parts: Parts) -> None:
    _file(parts, "east", "东街道", "1")
    parts.client("jia").post(
        parts.url("reports"), {"action": "submit", "version": 0, "progress": "汇总"}
    )
    part = UnitPart.objects.get()
    with pytest.raises(ApplicationError, match="牵头单位已报送本期汇总"):
        services.unit_part_save(
            task=parts.task, period=parts.march, unit=parts.units["东街道办事处"],
            data=report_data(progress="改"), expected_version=part.version, submit=True,
            actor=parts.users["east"],
        )  # fmt: skip
    # a unit that never filed may still file late
    assert _file(parts, "west", "补报", "1").status_code == 302
    with pytest.raises(ApplicationError, match="更正并报送"):
        services.unit_part_save(
            task=parts.task, period=parts.march, unit=parts.units["西街道办事处"],
            data=report_data(progress="改成草稿"), expected_version=1, actor=parts.users["west"],
        )  # fmt: skip


def test_the_office_names_the_streets_of_an_unresolved_collective(parts: Parts) -> None:
    link = TaskCollective.objects.get(task=parts.other)
    url = f"/tasks/{parts.other.pk}/collectives/{link.pk}/"
    assert parts.client("yi").get(url).status_code == 403
    office = parts.client("office")
    page = office.get(url).content.decode()
    assert "东街道办事处" in page and "市丙局" not in page  # 相关街道办事处: streets offered
    assert "市丙局" in office.get(url + "?q=丙").content.decode()
    preview = office.get(f"/imports/{parts.document.batches.get().pk}/").content.decode()
    assert "待指定单位的集合单位（1）" in preview and url in preview
    east, south = parts.units["东街道办事处"], parts.units["南街道办事处"]
    assert office.post(url, {"unit": [east.pk, south.pk]}).status_code == 302
    via = TaskUnit.objects.filter(task=parts.other, via_collective=link.group)
    assert sorted(via.values_list("unit__name", flat=True)) == ["东街道办事处", "南街道办事处"]
    link.refresh_from_db()
    assert link.expanded_count == 2
    assert sorted(queries.part_units([parts.other.pk])[parts.other.pk]) == sorted(
        [east.pk, south.pk]
    )
    event = AuditEvent.objects.get(action="collective.choose")
    assert event.data["task"] == parts.other.pk and "东街道办事处" in event.summary
    # the chosen street now sees the task on its bulk page and files its part
    bulk = parts.client("south").get(f"/progress/?period={parts.march.pk}").content.decode()
    assert "整治背街小巷" in bulk
    office.post(url, {"unit": [east.pk]})  # 南街道 taken off again
    assert not queries.owes_part(parts.other, south.pk)
    assert office.post(url, {"unit": ["abc"]}).status_code == 400  # 中文说明
