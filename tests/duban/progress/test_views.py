"""Pages: the report form (pre-fill, conflict, evidence), review, and the permission matrix."""

from __future__ import annotations

import io

import pytest
from django.test import Client

from duban.progress import services
from duban.progress.models import Evidence, ProgressReport
from tests.duban.progress.conftest import World

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def _png() -> io.BytesIO:
    upload = io.BytesIO(PNG)
    upload.name = "现场照片.png"
    return upload


def _form_url(w: World, task: object = None, label: str = "2024年4月") -> str:
    task = task or w.task
    return f"/tasks/{task.pk}/reports/{w.period(label).pk}/"  # type: ignore[attr-defined]


def _post(client: Client, url: str, version: int, progress: str, **extra: object) -> object:
    return client.post(url, {"action": "save", "version": version, "progress": progress, **extra})


def test_second_editor_gets_a_conflict_and_keeps_input(world: World) -> None:
    url = _form_url(world)
    first, second = world.client("reporter"), world.client("reporter2")
    assert 'name="version" value="0"' in first.get(url).content.decode()
    assert _post(first, url, 0, "甲的内容").status_code == 302
    response = _post(second, url, 0, "乙的内容（不能丢）")
    assert response.status_code == 409
    page = response.content.decode()
    assert "保存失败：该报告已被甲局填报员于" in page
    assert "乙的内容（不能丢）" in page
    assert ProgressReport.objects.get().progress == "甲的内容"


def test_submit_with_evidence_then_review(world: World) -> None:
    url = _form_url(world)
    reporter = world.client("reporter")
    response = reporter.post(
        url,
        {
            "action": "submit",
            "version": 0,
            "progress": "完成选址",
            f"actual_{world.target.pk}": "300",
            "evidence": _png(),
        },
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    report = ProgressReport.objects.get()
    assert report.state == "submitted" and evidence.report == report
    office = world.client("office")
    response = office.post(url, {"action": "review", "decision": "return", "note": ""})
    assert response.status_code == 400 and "退回理由" in response.content.decode()
    office.post(url, {"action": "review", "decision": "return", "note": "请补充照片"})
    report.refresh_from_db()
    assert report.state == "returned"
    page = reporter.get(url).content.decode()
    assert "请补充照片" in page and 'id="report-form"' in page
    history = office.get(f"/tasks/{world.task.pk}/progress/").content.decode()
    assert "进展退回" in history and "报送进展" in history and "上传佐证材料" in history


def test_bad_evidence_is_refused_and_nothing_saved(world: World) -> None:
    fake = io.BytesIO(b"MZ\x90\x00 not a pdf")
    fake.name = "报告.pdf"
    response = world.client("reporter").post(
        _form_url(world), {"action": "save", "version": 0, "progress": "x", "evidence": fake}
    )
    assert response.status_code == 400
    assert "文件内容与扩展名不符" in response.content.decode()
    assert not ProgressReport.objects.exists() and not Evidence.objects.exists()


def test_form_is_prefilled_from_previous_period(world: World) -> None:
    services.progress_report_save(
        task=world.task,
        period=world.period("2024年3月"),
        unit=world.unit_a,
        data=services.ReportInput(progress="三月的进展"),
        expected_version=None,
        submit=True,
        actor=world.users["reporter"],
    )
    page = world.client("reporter").get(_form_url(world)).content.decode()
    assert "三月的进展" in page and "已按上期（2024年3月）报送的内容预填" in page


def test_bulk_page_saves_all(world: World) -> None:
    period = world.period("2024年4月")
    client = world.client("reporter")
    page = client.get(f"/progress/?unit={world.unit_a.pk}&period={period.pk}")
    assert page.status_code == 200 and world.task.text[:10] in page.content.decode()
    prefix = f"t{world.task.pk}"
    response = client.post(
        f"/progress/?unit={world.unit_a.pk}&period={period.pk}",
        {
            "action": "submit",
            f"{prefix}-version": 0,
            f"{prefix}-progress": "批量填报",
            f"{prefix}-actual_{world.target.pk}": "10",
        },
    )
    assert response.status_code == 302
    assert ProgressReport.objects.get().state == "submitted"


# --- permission matrix: role × page, for 市甲局's task (own) and 市乙局's (other) ------------

ROLES = ("office", "auditor", "leader", "reporter", "reporter_c")


def _evidence(w: World, task: object, unit: object, user: str) -> Evidence:
    report = services.progress_report_save(
        task=task,
        period=w.period("2024年4月"),
        unit=unit,  # type: ignore[arg-type]
        data=services.ReportInput(progress="p"),
        expected_version=None,
        actor=w.users[user],
    )
    return services.evidence_add(
        task=task,
        unit=unit,
        filename="a.png",
        data=PNG,
        report=report,
        actor=w.users[user],  # type: ignore[arg-type]
    )


@pytest.fixture
def pages(world: World) -> dict[str, str]:
    own = _evidence(world, world.task, world.unit_a, "reporter")
    other = _evidence(world, world.other_task, world.unit_b, "reporter_b")
    p = world.period("2024年4月").pk
    return {
        "report_own": f"/tasks/{world.task.pk}/reports/{p}/",
        "report_other": f"/tasks/{world.other_task.pk}/reports/{p}/",
        "progress_own": f"/tasks/{world.task.pk}/progress/",
        "progress_other": f"/tasks/{world.other_task.pk}/progress/",
        "plan_own": f"/tasks/{world.task.pk}/plan/",
        "plan_other": f"/tasks/{world.other_task.pk}/plan/",
        "evidence_own": f"/evidence/{own.pk}/",
        "evidence_other": f"/evidence/{other.pk}/",
        "bulk": "/progress/",
        "review": "/progress/review/",
        "late": "/progress/late/",
        "periods": f"/documents/{world.document.pk}/periods/",
        "notifications": "/notifications/",
    }


# office / auditor / leader (张三: task 1) / reporter (市甲局, lead of 1) / reporter_c (市丙局, supports 1)
MATRIX: dict[str, tuple[int, ...]] = {
    "report_own": (200, 200, 200, 200, 200),
    "report_other": (200, 200, 403, 403, 403),
    "progress_own": (200, 200, 200, 200, 200),
    "progress_other": (200, 200, 403, 403, 403),
    "plan_own": (200, 200, 200, 200, 200),
    "plan_other": (200, 200, 403, 403, 403),
    "evidence_own": (200, 200, 200, 200, 200),
    "evidence_other": (200, 200, 403, 403, 403),
    "bulk": (200, 403, 403, 200, 200),  # the office may open it (no unit: nothing to fill)
    "review": (200, 403, 403, 403, 403),
    "late": (200, 403, 403, 403, 403),
    "periods": (200, 403, 403, 403, 403),
    "notifications": (200, 200, 200, 200, 200),
}


@pytest.mark.parametrize("page", MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_matrix(world: World, pages: dict[str, str], role: str, page: str) -> None:
    response = world.client(role).get(pages[page])
    assert response.status_code == MATRIX[page][ROLES.index(role)]


def test_evidence_is_not_under_media_url(world: World, pages: dict[str, str]) -> None:
    evidence = Evidence.objects.get(task=world.task)
    direct = world.client("reporter_b").get(f"/files/{evidence.file.name}")
    assert direct.status_code == 404
    response = world.client("reporter").get(pages["evidence_own"])
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("role", "page", "data"),
    [
        ("reporter", "report_other", {"action": "save", "version": 0, "progress": "越权"}),
        (
            "reporter_c",
            "report_own",
            {"action": "save", "version": 0, "progress": "配合单位不能代填"},
        ),
        ("leader", "report_own", {"action": "save", "version": 0, "progress": "领导不填报"}),
        ("reporter", "report_own", {"action": "review", "decision": "approve"}),
        ("reporter", "plan_other", {"action": "save", "version": 0}),
    ],
)
def test_writes_out_of_scope_are_forbidden(
    world: World, pages: dict[str, str], role: str, page: str, data: dict[str, object]
) -> None:
    before = list(ProgressReport.objects.values_list("progress", "version"))
    assert world.client(role).post(pages[page], data).status_code == 403
    assert list(ProgressReport.objects.values_list("progress", "version")) == before


def test_supporting_unit_files_its_part(world: World, pages: dict[str, str]) -> None:
    client = world.client("reporter_c")
    part_page = pages["report_own"].replace("/reports/", "/parts/")
    response = client.post(
        part_page, {"action": "submit", "version": 0, "progress": "市丙局完成审批"}
    )
    assert response.status_code == 302
    assert "市丙局完成审批" in client.get(pages["report_own"]).content.decode()


def test_leader_instruction(world: World) -> None:
    client = world.client("leader")
    response = client.post(f"/tasks/{world.task.pk}/progress/instruction/", {"text": "加快进度"})
    assert response.status_code == 302
    assert "加快进度" in client.get(f"/tasks/{world.task.pk}/progress/").content.decode()
    other = client.post(f"/tasks/{world.other_task.pk}/progress/instruction/", {"text": "x"})
    assert other.status_code == 403


def test_task_page_shows_workflow_and_history(world: World) -> None:
    from datetime import date

    from duban.progress.models import RevisionKind

    reporter = world.client("reporter")
    page = f"/tasks/{world.task.pk}/progress/"
    assert reporter.post(f"{page}acknowledge/").status_code == 302
    services.revision_request(
        task=world.task,
        unit=world.unit_a,
        kind=RevisionKind.EXTEND,
        reason="征地延迟",
        new_deadline=date(2025, 3, 31),
        actor=world.users["reporter"],
    )
    response = reporter.post(f"{page}completion/", {"summary": "已全部建成", "file": _png()})
    assert response.status_code == 302
    text = world.client("office").get(page).content.decode()
    for expected in (
        "办结申请中",
        "已全部建成",
        "现场照片.png",
        "征地延迟",
        "申请办结",
        "签收",
        "不予批准",
    ):
        assert expected in text
    completion = world.task.completion_requests.get()
    office = world.client("office")
    office.post(f"{page}completion/{completion.pk}/review/", {"decision": "approve", "note": ""})
    text = office.get(page).content.decode()
    assert "已销号" in text and 'class="badge light-blue"' in text


def test_plan_page_prefills_and_submits(world: World) -> None:
    client = world.client("reporter")
    url = f"/tasks/{world.task.pk}/plan/"
    text = client.get(url).content.decode()
    assert "新建5G基站1000个" in text and "完成选址" in text
    data = {
        "action": "submit",
        "version": 0,
        "content": "分三步",
        "overall_target": "1000个",
        "responsible_person": "赵科长",
        "stage-TOTAL_FORMS": 1,
        "stage-INITIAL_FORMS": 0,
        "stage-0-text": "选址",
        "stage-0-due_date": "2024-06-30",
    }
    assert client.post(url, data).status_code == 302
    office = world.client("office")
    assert "审核通过" in office.get(url).content.decode()
    office.post(url, {"action": "review", "decision": "approve", "note": ""})
    assert world.task.unit_plans.get().state == "approved"
