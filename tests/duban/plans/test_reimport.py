"""Re-import that cannot duplicate (issue 11, item 4 and bug 1), and withdrawing an import.

A notice already imported — the same file, the same 文号, or (without 文号) the same title
and issuer with most task texts alike — is previewed as a revision of it, never as new; an
identical one cannot be confirmed. A confirmed import can be withdrawn in the app while
nothing was reported on it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from duban.accounts.models import Role, User
from duban.accounts.services import user_create
from duban.audit.models import AuditEvent
from duban.core.exceptions import ApplicationError
from duban.orgs.models import OrgUnit
from duban.plans.models import ImportBatch, SourceDocument, Task
from duban.plans.selectors import import_batch_summary
from duban.plans.services import import_batch_confirm, import_batch_create
from duban.progress.models import ProgressReport, ReportingPeriod
from duban.progress.services import periods_ensure
from duban.progress.services.documents import document_withdraw
from tests.duban.conftest import BASIC, Spec, make_result

pytestmark = pytest.mark.django_db
PASSWORD = "pw-123456"


def _as_docx(text: str) -> bytes:
    """The same notice saved from Word: one paragraph per line of the .txt."""
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _changes(batch: ImportBatch) -> dict[str, int]:
    return dict(import_batch_summary(batch=batch)["changes"])


def _office() -> User:
    return user_create(username="office", password=PASSWORD, role=Role.OFFICE)


def _client(user: User, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def test_same_notice_as_docx_after_txt_is_not_a_new_document(
    corpus_file: Callable[[str], Path],
) -> None:
    """Bug 1: notice 000 (no 文号) imported as .txt, uploaded again as .docx."""
    path = corpus_file("000")
    first = import_batch_create(data=path.read_bytes(), filename=path.name, actor=None)
    assert first.document_info.get("doc_number") in (None, "")
    doc = import_batch_confirm(batch=first, actor=None)
    tasks = Task.objects.filter(task_list__document=doc).count()
    assert tasks > 50

    again = import_batch_create(
        data=_as_docx(path.read_text(encoding="utf-8")),
        filename=path.with_suffix(".docx").name,
        actor=None,
    )
    assert again.sha256 != first.sha256
    assert again.revision_of == doc
    assert again.duplicate_of == doc
    assert _changes(again) == {"unchanged": tasks}
    assert "标题、发文单位相同" in again.match_reason
    with pytest.raises(ApplicationError, match="已导入过"):
        import_batch_confirm(batch=again, actor=None)
    assert Task.objects.count() == tasks
    assert SourceDocument.objects.count() == 1

    page = _client(_office()).get(f"/imports/{again.pk}/").content.decode()
    assert "与已导入的文件相同" in page
    assert f"无变化 {tasks} 项" in page
    assert "新增 0 项" in page
    assert "确认导入" not in page


def test_same_file_again_is_shown_as_identical_with_its_rows(
    import_basic: Callable[..., Any],
) -> None:
    first = import_basic()
    again = import_basic(confirm=False)
    assert (again.duplicate_of, again.revision_of) == (first.document, first.document)
    assert _changes(again) == {"unchanged": 3}


def test_different_title_same_doc_number_is_a_revision(import_basic: Callable[..., Any]) -> None:
    first = import_basic()
    revised = [*BASIC[:2], Spec(3, "完成老旧小区改造120个。", [("responsible", "市城建局")])]
    batch = import_basic(
        confirm=False,
        specs=revised,
        data=b"renamed",
        title="关于印发2024年重点工作任务分解（修订）的通知",
    )
    assert batch.revision_of == first.document
    assert batch.duplicate_of is None
    assert batch.match_reason == "文号相同（测政办〔2024〕1号）"
    assert _changes(batch) == {"unchanged": 2, "changed": 1}
    page = _client(_office()).get(f"/imports/{batch.pk}/").content.decode()
    assert "的修订稿（依据：文号相同（测政办〔2024〕1号））" in page
    assert "新增 0 项，修改 1 项，无变化 2 项，删除 0 项" in page
    import_batch_confirm(batch=batch, actor=None)
    assert Task.objects.filter(is_withdrawn=False).count() == 3


def test_without_doc_number_mostly_alike_tasks_make_a_revision(
    import_basic: Callable[..., Any],
) -> None:
    first = import_basic(doc_number=None)
    revised = [*BASIC, Spec(4, "建设口袋公园20个。", [("responsible", "市城管局")])]
    batch = import_basic(confirm=False, specs=revised, data=b"four", doc_number=None)
    assert batch.revision_of == first.document
    assert batch.duplicate_of is None
    assert batch.match_reason == "标题、发文单位相同，3/4 项任务内容相同"
    assert _changes(batch) == {"unchanged": 3, "added": 1}
    import_batch_confirm(batch=batch, actor=None)
    assert Task.objects.count() == 4


def test_without_doc_number_other_tasks_or_issuer_are_a_new_notice(
    import_basic: Callable[..., Any],
) -> None:
    import_basic(doc_number=None)
    other = [Spec(1, "完成河道治理10公里。"), Spec(2, "新建学校3所。"), BASIC[2]]
    batch = import_basic(confirm=False, specs=other, data=b"other", doc_number=None)
    assert (batch.revision_of, batch.duplicate_of) == (None, None)  # 1/3 alike < 60 %
    elsewhere = import_basic(confirm=False, data=b"x", doc_number=None, issuer="另一区政府办公室")
    assert elsewhere.revision_of is None


def test_without_title_the_file_name_stem_stands_for_it(
    fake_parse: Callable[[Any], None],
) -> None:
    fake_parse(make_result(BASIC, title="", doc_number=None))
    first = import_batch_create(data=b"one", filename="分解.txt", actor=None)
    doc = import_batch_confirm(batch=first, actor=None)
    assert doc.title == "分解.txt"
    again = import_batch_create(data=b"two", filename="分解.docx", actor=None)
    assert (again.revision_of, again.duplicate_of) == (doc, doc)


# --- withdrawing a confirmed import ------------------------------------------------------


def _reported(document: SourceDocument) -> ProgressReport:
    period = periods_ensure(document=document)[0]
    task = Task.objects.filter(task_list__document=document).order_by("number").first()
    assert task is not None
    unit = task.assignments.first().unit
    return ProgressReport.objects.create(task=task, period=period, unit=unit, progress="已开工")


def test_withdraw_without_reports_marks_tasks_and_allows_reimport(
    import_basic: Callable[..., Any],
) -> None:
    office = _office()
    doc = import_basic().document
    periods_ensure(document=doc)
    assert document_withdraw(document=doc, actor=office) == 3
    doc.refresh_from_db()
    assert doc.is_withdrawn and doc.withdrawn_by == office
    assert Task.objects.filter(is_withdrawn=False).count() == 0
    assert not ReportingPeriod.objects.filter(document=doc).exists()
    event = AuditEvent.objects.get(action="import.withdraw", object_id=str(doc.pk))
    assert event.actor == office and event.data["tasks"] == 3
    listing = _client(office).get("/documents/").content.decode()
    assert doc.title not in listing

    again = import_basic(confirm=False)  # the same file: no longer a duplicate
    assert (again.duplicate_of, again.revision_of) == (None, None)
    new = import_batch_confirm(batch=again, actor=None)
    assert Task.objects.filter(task_list__document=new, is_withdrawn=False).count() == 3
    with pytest.raises(ApplicationError, match="已于"):
        document_withdraw(document=doc, actor=office)


def test_withdraw_refused_once_something_was_reported(import_basic: Callable[..., Any]) -> None:
    doc = import_basic().document
    _reported(doc)
    office = _office()
    before = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as err:
        document_withdraw(document=doc, actor=office)
    assert "已有 1 条进展报送" in err.value.message
    assert "涉及 1 项任务" in err.value.message
    doc.refresh_from_db()
    assert not doc.is_withdrawn
    assert Task.objects.filter(is_withdrawn=False).count() == 3
    assert AuditEvent.objects.count() == before


def test_withdraw_refused_for_a_revision(import_basic: Callable[..., Any]) -> None:
    import_basic()
    revised = [*BASIC, Spec(4, "建设口袋公园20个。", [("responsible", "市城管局")])]
    revision = import_basic(specs=revised, data=b"revised").document
    with pytest.raises(ApplicationError, match="修订稿"):
        document_withdraw(document=revision, actor=_office())


def test_withdraw_page_confirms_on_get_and_withdraws_on_post(
    import_basic: Callable[..., Any],
) -> None:
    doc = import_basic().document
    office = _office()
    url = f"/documents/{doc.pk}/withdraw/"
    assert f'href="{url}"' in _client(office).get("/documents/").content.decode()
    before = AuditEvent.objects.count()
    page = _client(office).get(url)
    assert page.status_code == 200
    assert "确认撤回" in page.content.decode() and "3 项任务" in page.content.decode()
    doc.refresh_from_db()
    assert not doc.is_withdrawn and AuditEvent.objects.count() == before  # GET writes nothing

    assert _client(office, csrf=True).post(url).status_code == 403  # no CSRF token
    doc.refresh_from_db()
    assert not doc.is_withdrawn

    response = _client(office).post(url, follow=True)
    assert "已撤回" in response.content.decode()
    doc.refresh_from_db()
    assert doc.is_withdrawn


def test_withdraw_page_explains_refusal(import_basic: Callable[..., Any]) -> None:
    doc = import_basic().document
    _reported(doc)
    client = _client(_office())
    url = f"/documents/{doc.pk}/withdraw/"
    page = client.get(url).content.decode()
    assert "已有 1 条进展报送" in page and "确认撤回" not in page
    response = client.post(url, follow=True)
    assert "已有 1 条进展报送" in response.content.decode()
    doc.refresh_from_db()
    assert not doc.is_withdrawn


def test_withdraw_is_for_the_office_only(import_basic: Callable[..., Any]) -> None:
    doc = import_basic().document
    unit = OrgUnit.objects.get(name="市财政局")
    reporter = user_create(username="rep", password=PASSWORD, role=Role.REPORTER, units=[unit])
    auditor = user_create(username="aud", password=PASSWORD, role=Role.AUDITOR)
    url = f"/documents/{doc.pk}/withdraw/"
    for user in (reporter, auditor):
        client = _client(user)
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
    assert url not in _client(auditor).get("/documents/").content.decode()
    with pytest.raises(PermissionDenied):  # the service checks too
        document_withdraw(document=doc, actor=reporter)
    doc.refresh_from_db()
    assert not doc.is_withdrawn
