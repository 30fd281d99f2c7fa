"""A report or a completion request is saved with its evidence file, or nothing is (issue 14).

The server is "killed" between the steps by making one of the later steps raise: the evidence
row's insert, or its audit record, both after the file was written. Nothing may be left: no
report or request row, no file under ``MEDIA_ROOT/evidence``, no audit event, no state change,
and the unit can submit the same form again. A file that cannot be written (disk full) is a
Chinese error on the form, which keeps what was typed. Deleting an evidence row — directly,
through its report, request or task, or in the admin — removes its file once committed.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.test import Client

from duban.accounts.models import Role
from duban.accounts.services import user_create
from duban.audit.models import AuditEvent
from duban.core.exceptions import ApplicationError
from duban.progress import services
from duban.progress.models import CompletionRequest, Evidence, ProgressReport, TaskTracking
from duban.progress.services.evidence import Upload
from tests.duban.progress.conftest import PASSWORD, World, report_data

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


class KilledError(Exception):
    """The server dies here."""


def _boom(*args: Any, **kwargs: Any) -> None:
    raise KilledError


def _kill_row(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Evidence, "save", _boom)


def _kill_audit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("duban.progress.services.evidence.record", _boom)


def _disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Any, name: str, content: Any) -> str:
        Path(self.path(name)).parent.mkdir(parents=True, exist_ok=True)
        Path(self.path(name)).write_bytes(b"\x89PN")  # a partial file, then the disk is full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", refuse)


KILLS: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "evidence row": _kill_row,
    "evidence audit": _kill_audit,
}


def _png(name: str = "现场照片.png") -> io.BytesIO:
    upload = io.BytesIO(PNG)
    upload.name = name
    return upload


def _evidence_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "evidence"
    return sorted(p for p in root.rglob("*") if p.is_file())


def _report_url(w: World) -> str:
    return f"/tasks/{w.task.pk}/reports/{w.period('2024年4月').pk}/"


def _report_post(w: World, **extra: Any) -> Any:
    data = {"action": "submit", "version": 0, "progress": "完成选址（不能丢）", "evidence": _png()}
    return w.client("reporter").post(_report_url(w), {**data, **extra})


def _completion_post(w: World) -> Any:
    return w.client("reporter").post(
        f"/tasks/{w.task.pk}/progress/completion/",
        {"summary": "已全部建成（不能丢）", "file": _png()},
    )


def _task_state(w: World) -> str:
    tracking = TaskTracking.objects.filter(task=w.task).first()
    return tracking.state if tracking else "assigned"


def _nothing_left(w: World, audit_before: int) -> None:
    assert not ProgressReport.objects.exists()
    assert not CompletionRequest.objects.exists()
    assert not Evidence.objects.exists()
    assert _evidence_files() == []
    assert AuditEvent.objects.count() == audit_before
    assert _task_state(w) == "assigned"


# --- a report with its evidence -----------------------------------------------------------


@pytest.mark.parametrize("step", KILLS)
def test_report_killed_before_its_evidence_leaves_nothing(
    world: World, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    audit_before = AuditEvent.objects.count()
    KILLS[step](monkeypatch)
    with pytest.raises(KilledError):
        _report_post(world)
    _nothing_left(world, audit_before)
    monkeypatch.undo()  # the server is back: the unit submits the same form again
    assert _report_post(world).status_code == 302
    report = ProgressReport.objects.get()
    assert report.state == "submitted" and report.evidence.get().filename == "现场照片.png"
    assert len(_evidence_files()) == 1


def test_report_whose_file_cannot_be_written_keeps_the_form(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    audit_before = AuditEvent.objects.count()
    _disk_full(monkeypatch)
    response = _report_post(world)
    assert response.status_code == 409
    page = response.content.decode()
    assert "佐证材料保存失败" in page and "请重新选择" in page
    assert "完成选址（不能丢）" in page
    _nothing_left(world, audit_before)


def test_report_service_saves_the_evidence_in_the_same_call(world: World) -> None:
    audit_before = AuditEvent.objects.count()
    with pytest.raises(ApplicationError, match="不符"):
        services.progress_report_save(
            task=world.task,
            period=world.period("2024年4月"),
            unit=world.unit_a,
            data=report_data(progress="x"),
            expected_version=None,
            submit=True,
            evidence=Upload("伪装.pdf", b"MZ\x90\x00"),
            actor=world.users["reporter"],
        )
    _nothing_left(world, audit_before)
    report = services.progress_report_save(
        task=world.task,
        period=world.period("2024年4月"),
        unit=world.unit_a,
        data=report_data(progress="x"),
        expected_version=None,
        submit=True,
        evidence=Upload("现场照片.png", PNG),
        actor=world.users["reporter"],
    )
    assert report.evidence.get().size == len(PNG)
    actions = AuditEvent.objects.order_by("pk").values_list("action", flat=True)[audit_before:]
    assert {"report.submit", "evidence.add"} <= set(actions)


def test_a_write_with_files_refuses_to_run_inside_a_callers_transaction(world: World) -> None:
    """Only the outermost transaction knows whether it commits, hence when to drop the file."""
    with pytest.raises(RuntimeError), transaction.atomic():
        services.evidence_add(
            task=world.task,
            unit=world.unit_a,
            filename="现场照片.png",
            data=PNG,
            actor=world.users["reporter"],
        )
    assert _evidence_files() == []


# --- a completion request with its evidence -----------------------------------------------


@pytest.mark.parametrize("step", KILLS)
def test_completion_killed_before_its_evidence_leaves_nothing(
    world: World, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    audit_before = AuditEvent.objects.count()
    KILLS[step](monkeypatch)
    with pytest.raises(KilledError):
        _completion_post(world)
    _nothing_left(world, audit_before)
    monkeypatch.undo()
    assert _completion_post(world).status_code == 302
    request = CompletionRequest.objects.get()
    assert request.evidence.get().filename == "现场照片.png"
    assert _task_state(world) == "completion_requested"
    assert len(_evidence_files()) == 1


def test_completion_whose_file_cannot_be_written_keeps_the_form(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    audit_before = AuditEvent.objects.count()
    _disk_full(monkeypatch)
    response = _completion_post(world)
    assert response.status_code == 400
    page = response.content.decode()
    assert "佐证材料保存失败" in page and "已全部建成（不能丢）" in page
    _nothing_left(world, audit_before)


# --- deleting rows removes their files ----------------------------------------------------


def _evidence(w: World, **link: Any) -> Evidence:
    return services.evidence_add(
        task=w.task,
        unit=w.unit_a,
        filename="现场照片.png",
        data=PNG,
        actor=w.users["reporter"],
        **link,
    )


def _with_report(w: World) -> Evidence:
    report = services.progress_report_save(
        task=w.task,
        period=w.period("2024年4月"),
        unit=w.unit_a,
        data=report_data(progress="x"),
        expected_version=None,
        actor=w.users["reporter"],
    )
    return _evidence(w, report=report)


def _with_completion(w: World) -> Evidence:
    request = services.completion_request_create(
        task=w.task, unit=w.unit_a, summary="已建成", actor=w.users["reporter"]
    )
    return _evidence(w, completion=request)


DELETIONS: dict[str, tuple[Callable[[World], Evidence], Callable[[Evidence], Any]]] = {
    "the evidence row": (_evidence, lambda e: e.delete()),
    "its report": (_with_report, lambda e: ProgressReport.objects.filter(pk=e.report_id).delete()),
    "its completion request": (_with_completion, lambda e: e.completion.delete()),
    "its task": (_evidence, lambda e: e.task.delete()),
}


@pytest.mark.parametrize("what", DELETIONS)
def test_deleting_removes_the_file_after_commit(
    world: World, django_capture_on_commit_callbacks: Any, what: str
) -> None:
    make, delete = DELETIONS[what]
    evidence = make(world)
    path = Path(evidence.file.path)
    assert path.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        delete(evidence)
        assert path.is_file()  # not before the deletion is committed
    assert not Evidence.objects.exists()
    assert _evidence_files() == []


def test_a_deletion_rolled_back_keeps_the_file(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    evidence = _evidence(world)
    path, pk = Path(evidence.file.path), evidence.pk
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(KilledError),
        transaction.atomic(),
    ):
        evidence.delete()
        raise KilledError
    assert path.is_file() and Evidence.objects.filter(pk=pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        Evidence.objects.get().delete()
    assert not path.exists()


def test_a_file_shared_by_two_rows_goes_with_the_last(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    first = _evidence(world)
    second = _evidence(world)
    second.file.storage.delete(second.file.name)
    Evidence.objects.filter(pk=second.pk).update(file=first.file.name)
    path = Path(first.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert path.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        Evidence.objects.get().delete()
    assert not path.exists()


def test_admin_deletes_remove_the_files(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    root = Client()
    root.force_login(user_create(username="sysadmin", password=PASSWORD, role=Role.ADMIN))
    one, two, three = (_evidence(world) for _ in range(3))
    assert len(_evidence_files()) == 3
    with django_capture_on_commit_callbacks(execute=True):
        response = root.post(f"/admin/progress/evidence/{one.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and len(_evidence_files()) == 2
    with django_capture_on_commit_callbacks(execute=True):
        response = root.post(
            "/admin/progress/evidence/",
            {"action": "delete_selected", "_selected_action": [two.pk, three.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert not Evidence.objects.exists() and _evidence_files() == []
