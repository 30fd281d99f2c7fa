"""Issue 14 finding 5 and item 5: bounded uploads and bounded text.

A 2 MB .docx that inflated to 2 GiB took 23 s and 4.3 GB of memory to refuse as a notice and
was accepted as evidence. Every zip-based upload is now refused from its central directory:
the fixture ``nothing_inflated`` makes opening any zip member fail the test, so each refusal
here is proven to happen before anything is inflated (the time and memory figures are
``bench/uploads.py``'s). Long free text is capped where the exports would cut it.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Iterator
from typing import Any

import openpyxl
import pytest
from defusedxml import EntitiesForbidden
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document
from openpyxl import Workbook, load_workbook

from duban.accounts.models import Role
from duban.accounts.services import user_create
from duban.core import zipguard
from duban.core.exceptions import ApplicationError
from duban.orgs.directory import directory_import_xlsx
from duban.plans.models import ImportBatch
from duban.plans.services import import_batch_create
from duban.progress import filetypes, sheet
from duban.progress.models import Evidence, ProgressReport
from tests.duban.progress.conftest import World
from tests.zipbombs import (
    MIB,
    docx_bomb,
    many_members,
    plain_member,
    write_zip,
    xlsx_bomb,
    zeros_member,
)

pytestmark = pytest.mark.django_db
TEN_MB = 10 * MIB
# built before any test blocks reading zip members (they read python-docx's template)
DOCX_BOMB, XLSX_BOMB, MANY = docx_bomb(), xlsx_bomb(), many_members(20_000)


@pytest.fixture
def nothing_inflated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a zip member was opened: the bomb was not refused first")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)
    yield


def _docx() -> bytes:
    document = Document()
    document.add_paragraph("一、经济发展")
    document.add_paragraph("1. 地区生产总值增长7%。责任单位：市发展和改革委员会")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _lying_count(data: bytes) -> bytes:
    """The same zip with its end record claiming a single member."""
    at = data.rfind(b"PK\x05\x06")
    return data[: at + 8] + struct.pack("<2H", 1, 1) + data[at + 12 :]


# --- the guard itself -----------------------------------------------------------------


@pytest.mark.usefixtures("nothing_inflated")
def test_guard_names_the_file_and_the_inflated_size() -> None:
    with pytest.raises(zipguard.ZipBombError) as caught:
        zipguard.check(DOCX_BOMB, "通知.docx", zipguard.NOTICE)
    assert "“通知.docx”解压后达 2,04" in caught.value.message  # 2 GiB and the other parts
    assert "超过 200 MB 的上限" in caught.value.message
    assert "疑似压缩炸弹" in caught.value.message


@pytest.mark.usefixtures("nothing_inflated")
@pytest.mark.parametrize("data", [MANY, _lying_count(MANY)])
def test_guard_counts_members_before_reading_them(data: bytes) -> None:
    with pytest.raises(zipguard.ZipBombError, match="个压缩成员，超过 5,000 个的上限"):
        zipguard.check(data, "通知.docx", zipguard.NOTICE)


@pytest.mark.usefixtures("nothing_inflated")
def test_guard_refuses_one_member_of_absurd_ratio_under_the_total() -> None:
    data = write_zip(
        [("[Content_Types].xml", plain_member(b"<Types/>")), ("xl/a.xml", zeros_member(40))]
    )
    with pytest.raises(zipguard.ZipBombError, match=r"“xl/a\.xml”压缩比异常"):
        zipguard.check(data, "表.xlsx", zipguard.WORKBOOK)


def test_guard_passes_real_office_files_and_non_zips() -> None:
    workbook = io.BytesIO()
    Workbook().save(workbook)
    for data in (_docx(), workbook.getvalue(), b"%PDF-1.4 ...", b"PK", b""):
        zipguard.check(data, "f", zipguard.WORKBOOK)
    small_but_compressible = write_zip([("a.xml", zeros_member(1))])  # 1 MiB: under the floor
    zipguard.check(small_but_compressible, "f", zipguard.WORKBOOK)


# --- every zip-based upload -----------------------------------------------------------


@pytest.mark.usefixtures("nothing_inflated")
def test_notice_bomb_is_refused_and_nothing_is_stored() -> None:
    with pytest.raises(ApplicationError, match=r"“通知\.docx”解压后达 2,04"):
        import_batch_create(data=DOCX_BOMB, filename="通知.docx", actor=None)
    assert not ImportBatch.objects.exists()


def test_notice_bomb_upload_page_says_why() -> None:
    office = Client()
    office.force_login(user_create(username="o", password="pw-123456", role=Role.OFFICE))
    upload = SimpleUploadedFile("通知.docx", DOCX_BOMB)
    response = office.post("/imports/", {"file": upload, "kind": "decomposition"})
    assert response.status_code == 400
    assert "疑似压缩炸弹" in response.content.decode()


@pytest.mark.usefixtures("nothing_inflated")
@pytest.mark.parametrize(
    ("data", "name"), [(DOCX_BOMB, "佐证.docx"), (XLSX_BOMB, "台账.xlsx")], ids=["docx", "xlsx"]
)
def test_evidence_bomb_is_refused(data: bytes, name: str) -> None:
    with pytest.raises(ValueError, match=re.escape(f"“{name}”解压后达 2,04")):
        filetypes.check(data, name, max_bytes=TEN_MB)


def test_evidence_bomb_is_refused_by_the_report_form(world: World) -> None:
    period = world.period("2024年4月")
    response = world.client("reporter").post(
        f"/tasks/{world.task.pk}/reports/{period.pk}/",
        {
            "action": "save",
            "version": 0,
            "progress": "完成选址",
            "evidence": SimpleUploadedFile("佐证.docx", DOCX_BOMB),
        },
    )
    assert response.status_code in (400, 409)
    assert "疑似压缩炸弹" in response.content.decode()
    assert not Evidence.objects.exists()


def test_workbook_bomb_is_refused_with_its_name(world: World) -> None:
    period = world.period("2024年4月")
    upload = SimpleUploadedFile("进展填报.xlsx", XLSX_BOMB)
    response = world.client("reporter").post(
        "/progress/upload/", {"unit": world.unit_a.pk, "period": period.pk, "file": upload}
    )
    assert response.status_code == 400
    assert "“进展填报.xlsx”解压后达 2,04" in response.content.decode()
    assert not ProgressReport.objects.exists()


@pytest.mark.usefixtures("nothing_inflated")
def test_directory_bomb_is_refused() -> None:
    result = directory_import_xlsx(data=XLSX_BOMB, filename="单位目录.xlsx")
    assert not result.ok
    assert "“单位目录.xlsx”解压后达 2,04" in result.errors[0]


# --- XML -------------------------------------------------------------------------------


def _with_entity(data: bytes) -> bytes:
    """A workbook whose sheet declares an XML entity (the seed of a billion-laughs bomb)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                part = b'<!DOCTYPE worksheet [<!ENTITY lol "lol">]>' + part
            target.writestr(info, part)
    return out.getvalue()


def test_openpyxl_reads_workbooks_through_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True  # the pinned defusedxml is installed and used
    workbook = io.BytesIO()
    book = Workbook()
    book.active["A1"] = "x"  # type: ignore[index]
    book.save(workbook)
    with pytest.raises(ValueError) as caught:
        load_workbook(io.BytesIO(_with_entity(workbook.getvalue())))
    assert isinstance(caught.value.__cause__, EntitiesForbidden)
    assert sheet.read_workbook(_with_entity(workbook.getvalue())).errors


# --- text length ---------------------------------------------------------------------


def _report(world: World, progress: str) -> Any:
    period = world.period("2024年4月")
    return world.client("reporter").post(
        f"/tasks/{world.task.pk}/reports/{period.pk}/",
        {"action": "save", "version": 0, "progress": progress},
    )


def test_a_5_mb_progress_text_is_refused_with_a_chinese_error(world: World) -> None:
    response = _report(world, "进" * (5 * 1024 * 1024))
    assert response.status_code in (400, 409)
    assert "确保该变量包含不超过 10000 字符 (目前字符数 5242880)" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_the_longest_accepted_text_fits_the_unit_workbook(world: World) -> None:
    assert _report(world, "进" * sheet.MAX_TEXT).status_code == 302
    assert sheet.MAX_TEXT <= 32_767  # one xlsx cell
    period = world.period("2024年4月")
    data = world.client("reporter").get(
        f"/progress/sheet.xlsx?unit={world.unit_a.pk}&period={period.pk}"
    )
    assert not sheet.read_workbook(data.content).errors  # downloads and uploads back whole
