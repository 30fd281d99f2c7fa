"""The import pages: upload → preview (with htmx name mapping) → confirm, and error display."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from duban.accounts.models import Role
from duban.accounts.services import user_create
from duban.orgs.models import UnitAlias
from duban.orgs.services import unit_create
from duban.plans.models import ImportBatch, Task
from taskdoc.errors import NoTasksError
from taskdoc.model import ParseResult
from tests.duban.conftest import BASIC, make_result

pytestmark = pytest.mark.django_db


@pytest.fixture
def office() -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user_create(username="office", password="pw-123456", role=Role.OFFICE))
    return client


def _csrf(client: Client, url: str) -> str:
    page = client.get(url)
    assert page.status_code == 200
    token = client.cookies["csrftoken"].value
    assert 'name="csrfmiddlewaretoken"' in page.text
    return token


def test_upload_preview_map_confirm(
    office: Client, fake_parse: Callable[[ParseResult], None]
) -> None:
    fake_parse(make_result(BASIC))
    token = _csrf(office, "/imports/")
    upload = SimpleUploadedFile("通知.txt", b"notice")
    response = office.post(
        "/imports/", {"file": upload, "kind": "decomposition", "csrfmiddlewaretoken": token}
    )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/imports/{batch.pk}/"
    preview = office.get(response["Location"])
    assert "地区生产总值增长7%以上" in preview.text
    assert "确认导入" in preview.text

    target = unit_create(name="市财政局（合署）")
    name = batch.names.get(name="市财政局")
    mapped = office.post(
        f"/imports/{batch.pk}/names/{name.pk}/",
        {"action": "use", "unit": target.name},
        HTTP_HX_REQUEST="true",
        HTTP_X_CSRFTOKEN=token,
    )
    assert mapped.status_code == 200
    assert "→ 市财政局（合署）" in mapped.text
    assert "<html" not in mapped.text

    confirmed = office.post(f"/imports/{batch.pk}/confirm/", {"csrfmiddlewaretoken": token})
    assert confirmed.status_code == 302
    assert Task.objects.count() == 3
    assert UnitAlias.objects.get(name="市财政局").unit == target
    ledger = office.get(confirmed["Location"])
    assert "已导入" in ledger.text


def test_post_without_csrf_is_rejected(
    office: Client, fake_parse: Callable[[ParseResult], None]
) -> None:
    fake_parse(make_result(BASIC))
    response = office.post("/imports/", {"file": SimpleUploadedFile("a.txt", b"x")})
    assert response.status_code == 403
    assert ImportBatch.objects.count() == 0


def test_parse_failure_shows_message_not_traceback(
    office: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(data: bytes, *, filename: str) -> Any:
        raise NoTasksError("没有编号的任务")

    monkeypatch.setattr("duban.plans.parsing.parse_result", fail)
    token = _csrf(office, "/imports/")
    response = office.post(
        "/imports/",
        {
            "file": SimpleUploadedFile("a.txt", b"x"),
            "kind": "decomposition",
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 400
    assert "文件中没有找到编号的任务清单" in response.text
    assert "Traceback" not in response.text
    assert ImportBatch.objects.count() == 0


def test_duplicate_upload_shows_notice(office: Client, import_basic: Callable[..., Any]) -> None:
    import_basic()
    again = import_basic(confirm=False)
    page = office.get(f"/imports/{again.pk}/")
    assert "完全相同" in page.text
    assert "确认导入" not in page.text


def test_ledger_filters_and_htmx_partial(office: Client, import_basic: Callable[..., Any]) -> None:
    import_basic()
    full = office.get("/tasks/?q=就业")
    assert "新增城镇就业" in full.text and "老旧小区" not in full.text
    assert "htmx.min.js" in full.text
    partial = office.get("/tasks/?q=改造", HTTP_HX_REQUEST="true")
    assert "老旧小区" in partial.text and "<html" not in partial.text
    unit = Task.objects.get(number=1).assignments.get(role="lead").unit
    by_unit = office.get(f"/tasks/?unit={unit.pk}&role=lead")
    assert "地区生产总值" in by_unit.text and "老旧小区" not in by_unit.text


def test_task_detail_shows_source_and_roles(
    office: Client, import_basic: Callable[..., Any]
) -> None:
    import_basic()
    page = office.get(f"/tasks/{Task.objects.get(number=1).pk}/")
    assert "第10行至第12行" in page.text
    assert "牵头单位" in page.text and "市发展和改革委员会" in page.text
    assert "张三" in page.text


def test_html_is_escaped(office: Client, import_basic: Callable[..., Any]) -> None:
    from tests.duban.conftest import Spec

    import_basic(specs=[Spec(1, "<script>alert(1)</script>任务", [("responsible", "市财政局")])])
    page = office.get(f"/tasks/{Task.objects.get().pk}/")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;" in page.text


def test_task_detail_writes_target_values_as_people_do(
    office: Client, corpus_file: Callable[[str], Path]
) -> None:
    """Stored Decimals (10.0000) show as written (10所); dated milestones show their dates."""
    from duban.plans.services import import_batch_create
    from duban.workflows import import_confirm

    path = corpus_file("000")
    batch = import_batch_create(data=path.read_bytes(), filename=path.name, actor=None)
    import_confirm(batch=batch, actor=None)
    task = Task.objects.get(number=27, text__contains="大肠肛门病医院")
    page = office.get(f"/tasks/{task.pk}/")
    assert "10所" in page.text
    assert ".0000" not in page.text
    assert "2024-06-30" in page.text
