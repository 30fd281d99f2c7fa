"""Legacy .doc/.wps: converted by LibreOffice when present, refused with advice when not.

LibreOffice is not installed in CI, so a stand-in ``soffice`` script on PATH
plays its part: it checks the arguments it is given and writes the .docx that
LibreOffice would write, which exercises the real subprocess path.
"""

from __future__ import annotations

import io
import struct
import sys
from pathlib import Path

import pytest
from docx import Document

from taskdoc.errors import UnreadableDocumentError, UnsupportedFormatError
from taskdoc.model import Location, Paragraph
from taskdoc.readers import read_bytes
from taskdoc.readers.legacy import OLE2_MAGIC, convert_to_docx, has_ole2_stream

OLE2_DOC = OLE2_MAGIC + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 64

FAKE_SOFFICE = """#!{python}
import pathlib, sys, time
args = sys.argv[1:]
assert "--headless" in args and args[args.index("--convert-to") + 1] == "docx", args
assert any(a.startswith("-env:UserInstallation=file://") for a in args), args
outdir = pathlib.Path(args[args.index("--outdir") + 1])
source = pathlib.Path(args[-1])
pathlib.Path({log!r}).write_text(source.name)
mode = {mode!r}
if mode == "hang":
    time.sleep(60)
if mode == "ok":
    (outdir / (source.stem + ".docx")).write_bytes(pathlib.Path({docx!r}).read_bytes())
"""


def _docx(*lines: str) -> bytes:
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def no_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def _install_fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str) -> Path:
    """Put a fake ``soffice`` first on PATH; returns the file where it logs the source name."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    converted = tmp_path / "converted.docx"
    converted.write_bytes(_docx("关于印发任务分解的通知", "1. 旧格式中的任务。"))
    log = tmp_path / "soffice.log"
    script = bin_dir / "soffice"
    script.write_text(
        FAKE_SOFFICE.format(python=sys.executable, log=str(log), mode=mode, docx=str(converted))
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    return log


@pytest.mark.usefixtures("no_soffice")
@pytest.mark.parametrize("name", ["通知.doc", "通知.wps", "通知.txt", "通知"])
def test_without_libreoffice_the_user_is_told_to_save_as_docx(name: str) -> None:
    with pytest.raises(UnsupportedFormatError) as caught:
        read_bytes(OLE2_DOC, filename=name)
    assert "另存为" in caught.value.message
    assert ".docx" in caught.value.message
    assert "LibreOffice" in caught.value.message
    assert caught.value.where == name


@pytest.mark.usefixtures("no_soffice")
def test_rtf_goes_the_same_way() -> None:
    with pytest.raises(UnsupportedFormatError, match="另存为"):
        read_bytes(b"{\\rtf1\\ansi hello}", filename="a.rtf")


@pytest.mark.parametrize(("name", "source_format"), [("通知.doc", "doc"), ("通知.wps", "wps")])
def test_conversion_through_libreoffice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, source_format: str
) -> None:
    log = _install_fake(tmp_path, monkeypatch, "ok")
    result = read_bytes(OLE2_DOC, filename=name)
    assert result.source_format == source_format
    assert result.blocks == (
        Paragraph("关于印发任务分解的通知", Location(paragraph=1)),
        Paragraph("1. 旧格式中的任务。", Location(paragraph=2)),
    )
    assert log.read_text() == "source.doc"  # Kingsoft .wps is handed over as Word binary


def test_rtf_is_handed_over_as_rtf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = _install_fake(tmp_path, monkeypatch, "ok")
    assert read_bytes(b"{\\rtf1 x}", filename="a.doc").source_format == "rtf"
    assert log.read_text() == "source.rtf"


def test_conversion_without_output_is_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _install_fake(tmp_path, monkeypatch, "fail")
    with pytest.raises(UnreadableDocumentError, match="未能把文件转换"):
        read_bytes(OLE2_DOC, filename="坏.doc")


def test_hanging_conversion_times_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _install_fake(tmp_path, monkeypatch, "hang")
    with pytest.raises(UnreadableDocumentError, match="超时"):
        convert_to_docx(OLE2_DOC, filename="慢.doc", suffix=".doc", timeout=1.0)


def _ole2_with_stream(name: str) -> bytes:
    encoded = name.encode("utf-16-le")
    entry = encoded.ljust(64, b"\x00") + struct.pack("<H", len(encoded) + 2)
    return OLE2_MAGIC + b"\x00" * 504 + entry + b"\x00" * 62


@pytest.mark.parametrize(
    ("data", "name", "word"),
    [
        (_ole2_with_stream("Workbook"), "任务.xls", "Excel"),
        (_ole2_with_stream("Workbook"), "任务.doc", "Excel"),
        (_ole2_with_stream("PowerPoint Document"), "汇报.doc", "PowerPoint"),
        (OLE2_DOC, "任务.et", "表格"),
    ],
)
def test_spreadsheets_and_presentations_are_refused(data: bytes, name: str, word: str) -> None:
    with pytest.raises(UnsupportedFormatError, match=word):
        read_bytes(data, filename=name)


def test_stream_names_are_not_found_in_running_text() -> None:
    text_mentioning_it = OLE2_MAGIC + "见附件 Workbook 表格".encode("utf-16-le") * 10
    assert not has_ole2_stream(text_mentioning_it, "Workbook")
    assert has_ole2_stream(_ole2_with_stream("Workbook"), "Workbook")
