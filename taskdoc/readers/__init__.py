"""Readers: bytes of a file → a flat sequence of :class:`~taskdoc.model.Block`.

Dispatch is by content first (the ``PK`` zip signature of .docx, ``%PDF``, the
OLE2 signature of .doc/.wps, ``{\\rtf``) and by file suffix second, so a
misnamed file is still read correctly or refused with a clear message. Every
reader turns the failures of the library under it (python-docx, pdfplumber,
zipfile, lxml, LibreOffice) into :class:`~taskdoc.errors.TaskdocError`, and
this module adds a last guard so that nothing else escapes ``read_bytes``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from taskdoc.errors import TaskdocError, UnreadableDocumentError, UnsupportedFormatError
from taskdoc.model import Block
from taskdoc.readers import docx, legacy, pdf, text

SUPPORTED_FORMATS = ".txt、.md、.docx、.pdf（.doc/.wps 需安装 LibreOffice 自动转换）"

_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
_LEGACY_SUFFIXES = frozenset({".doc", ".dot", ".wps", ".wpt", ".rtf", ".xls", ".et"})
_HINTS: dict[str, str] = {
    **dict.fromkeys(
        (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic"),
        "图片需要先做文字识别（OCR），或提供文字版",
    ),
    ".xlsx": "Excel 表格暂不支持，请把任务表复制到 Word 中另存为 .docx",
    ".ofd": "OFD 版式文件暂不支持，请另存为 .pdf 或 .docx",
    ".zip": "请解压后上传其中的文件",
    ".rar": "请解压后上传其中的文件",
    ".7z": "请解压后上传其中的文件",
}


@dataclass(frozen=True, slots=True)
class ReadResult:
    """The blocks of one file, in document order, and the format they came from."""

    blocks: tuple[Block, ...]
    source_format: str


def read_bytes(data: bytes, *, filename: str = "<text>") -> ReadResult:
    """Read a file's bytes into blocks; raise :class:`~taskdoc.errors.TaskdocError` if unreadable."""
    if not data:
        raise UnreadableDocumentError("文件为空", where=filename)
    try:
        return _dispatch(data, filename=filename, suffix=file_suffix(filename))
    except TaskdocError:
        raise
    except Exception as exc:  # a reader's bug must still reach the caller as a TaskdocError
        raise UnreadableDocumentError(
            f"读取文件时出错（{type(exc).__name__}），文件可能已损坏", where=filename
        ) from exc


def file_suffix(filename: str) -> str:
    """Lower-case suffix of a file name, Windows paths included (``C:\\通知.DOCX`` → ``.docx``)."""
    return PurePosixPath(filename.replace("\\", "/")).suffix.lower()


def sniff(data: bytes) -> str | None:
    """The reader a file's first bytes call for: ``docx``, ``pdf``, ``legacy`` or None."""
    if data.startswith(_ZIP_MAGICS):
        return "docx"
    if pdf.has_pdf_header(data):
        return "pdf"
    if data.startswith((legacy.OLE2_MAGIC, legacy.RTF_MAGIC)):
        return "legacy"
    return None


def _dispatch(data: bytes, *, filename: str, suffix: str) -> ReadResult:
    kind = sniff(data) or _kind_for_suffix(suffix)
    if kind == "docx":
        return ReadResult(docx.read_docx(data, filename=filename), "docx")
    if kind == "pdf":
        return ReadResult(pdf.read_pdf(data, filename=filename), "pdf")
    if kind == "legacy":
        converted = legacy.convert_to_docx(data, filename=filename, suffix=suffix)
        return ReadResult(
            docx.read_docx(converted, filename=filename), legacy.source_format(data, suffix)
        )
    if kind == "text":
        source_format = "md" if suffix in _MARKDOWN_SUFFIXES else "txt"
        return ReadResult(text.read_text_bytes(data, filename=filename), source_format)
    return _read_unknown(data, filename=filename, suffix=suffix)


def _kind_for_suffix(suffix: str) -> str | None:
    if suffix in _TEXT_SUFFIXES:
        return "text"
    if suffix == ".docx":
        return "docx"
    if suffix == ".pdf":
        return "pdf"
    if suffix in _LEGACY_SUFFIXES:
        return "legacy"
    return None


def _read_unknown(data: bytes, *, filename: str, suffix: str) -> ReadResult:
    """A file with no or an unknown suffix: read it as text if it is text, else refuse it."""
    try:
        content = text.decode(data, filename=filename)
    except UnreadableDocumentError:
        content = None
    if content is not None and text.looks_like_text(content):
        return ReadResult(text.blocks_from_text(content), "txt")
    raise UnsupportedFormatError(_unsupported_message(suffix), where=filename)


def _unsupported_message(suffix: str) -> str:
    named = (
        f"不支持的文件格式“{suffix}”"
        if suffix
        else "无法识别的文件格式（没有扩展名，内容也不是文本）"
    )
    hint = _HINTS.get(suffix)
    return f"{named}；{hint + '；' if hint else ''}支持的格式：{SUPPORTED_FORMATS}"
