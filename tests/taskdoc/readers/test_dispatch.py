"""read_bytes: content before suffix, clear refusals, and nothing but TaskdocError escaping."""

from __future__ import annotations

import io
import zipfile
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taskdoc.errors import TaskdocError, UnreadableDocumentError, UnsupportedFormatError
from taskdoc.model import Location, Paragraph
from taskdoc.readers import ReadResult, file_suffix, read_bytes, sniff
from tests.taskdoc.docgen import docx_paragraphs_from_text, pdf_from_text

SUFFIXES = [".txt", ".md", ".docx", ".pdf", ".doc", ".wps", ".xyz", ""]


@cache
def _docx() -> bytes:
    return docx_paragraphs_from_text("1. 任务一。\n责任单位：区财政局")


@cache
def _pdf() -> bytes:
    return pdf_from_text("1. 任务一。\n责任单位：区财政局")


@pytest.mark.parametrize("name", ["a.txt", "a.docx", "a.pdf", "a.doc", "a"])
def test_empty_file(name: str) -> None:
    with pytest.raises(UnreadableDocumentError) as caught:
        read_bytes(b"", filename=name)
    assert caught.value.message == "文件为空"
    assert caught.value.where == name


@pytest.mark.parametrize("name", ["通知.txt", "通知.pdf", "通知", "通知.DOC"])
def test_docx_content_wins_over_the_name(name: str) -> None:
    result = read_bytes(_docx(), filename=name)
    assert result.source_format == "docx"
    assert result.blocks[0] == Paragraph("1. 任务一。", Location(paragraph=1))


@pytest.mark.parametrize("name", ["通知.txt", "通知.docx", "通知.bin"])
def test_pdf_content_wins_over_the_name(name: str) -> None:
    result = read_bytes(_pdf(), filename=name)
    assert result.source_format == "pdf"
    assert result.blocks[0] == Paragraph("1. 任务一。", Location(page=1, line=1))


@pytest.mark.parametrize("name", ["通知.xyz", "通知", "<text>", "通知.html"])
def test_text_with_an_unknown_suffix_is_read_as_text(name: str) -> None:
    result = read_bytes("1. 任务一。".encode("gb18030"), filename=name)
    assert result == ReadResult((Paragraph("1. 任务一。", Location(line=1)),), "txt")


def test_binary_with_an_unknown_suffix_names_it_and_the_supported_formats() -> None:
    with pytest.raises(UnsupportedFormatError) as caught:
        read_bytes(bytes(range(256)), filename="数据.xyz")
    message = caught.value.message
    assert "“.xyz”" in message
    for supported in (".txt", ".md", ".docx", ".pdf", ".doc/.wps", "LibreOffice"):
        assert supported in message


def test_binary_without_suffix() -> None:
    with pytest.raises(UnsupportedFormatError, match="没有扩展名"):
        read_bytes(bytes(range(256)), filename="数据")


def test_images_get_an_ocr_hint() -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    with pytest.raises(UnsupportedFormatError, match="OCR"):
        read_bytes(png, filename="扫描.PNG")


def test_docx_named_file_that_is_not_a_zip() -> None:
    with pytest.raises(UnreadableDocumentError, match="压缩包已损坏"):
        read_bytes("纯文本".encode(), filename="a.docx")


def test_xlsx_is_refused_by_name() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnsupportedFormatError, match="Excel"):
        read_bytes(buffer.getvalue(), filename="任务.xlsx")


def test_file_suffix() -> None:
    assert file_suffix("C:\\公文\\通知.DOCX") == ".docx"
    assert file_suffix("/tmp/a.tar.gz") == ".gz"
    assert file_suffix("<text>") == ""
    assert file_suffix("通知") == ""


def test_sniff() -> None:
    assert sniff(_docx()) == "docx"
    assert sniff(b"junk\n%PDF-1.4") == "pdf"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest") == "legacy"
    assert sniff(b"{\\rtf1") == "legacy"
    assert sniff("正文".encode()) is None


def _outcome(data: bytes, name: str) -> None:
    try:
        result = read_bytes(data, filename=name)
    except TaskdocError as error:
        assert error.message
        assert error.where == name
    else:
        assert isinstance(result, ReadResult)
        texts = [b.text if isinstance(b, Paragraph) else "".join(b.cells) for b in result.blocks]
        assert all(text == text.strip() for text in texts)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_never_escape_as_other_errors(data: bytes, suffix: str) -> None:
    _outcome(data, f"upload{suffix}")


@st.composite
def _damaged(draw: st.DrawFn, original: bytes) -> bytes:
    """A real file cut short and/or with a few bytes overwritten."""
    data = bytearray(original[: draw(st.integers(1, len(original)))])
    for _ in range(draw(st.integers(0, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), suffix=st.sampled_from(SUFFIXES))
def test_damaged_docx_never_escapes(data: st.DataObject, suffix: str) -> None:
    _outcome(data.draw(_damaged(_docx())), f"upload{suffix}")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), suffix=st.sampled_from(SUFFIXES))
def test_damaged_pdf_never_escapes(data: st.DataObject, suffix: str) -> None:
    _outcome(data.draw(_damaged(_pdf())), f"upload{suffix}")
