"""Which evidence files (佐证材料) are accepted, judged by their content, not their name.

A file is accepted when its first bytes identify one of the allowed kinds *and* its suffix
belongs to that kind: a renamed executable (``report.pdf`` starting with ``MZ``) and a
PDF named ``.jpg`` are both refused. An Office file is a zip: one that would inflate past
the evidence limits (a decompression bomb) is refused from its central directory alone
(:mod:`duban.core.zipguard`, pure like this module). Pure: no Django, no I/O beyond the
bytes given.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from duban.core import zipguard


@dataclass(frozen=True, slots=True)
class FileKind:
    name: str
    label: str
    content_type: str
    suffixes: tuple[str, ...]


PNG = FileKind("png", "PNG 图片", "image/png", (".png",))
JPEG = FileKind("jpeg", "JPEG 图片", "image/jpeg", (".jpg", ".jpeg"))
GIF = FileKind("gif", "GIF 图片", "image/gif", (".gif",))
PDF = FileKind("pdf", "PDF 文件", "application/pdf", (".pdf",))
DOCX = FileKind(
    "docx",
    "Word 文档",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
XLSX = FileKind(
    "xlsx",
    "Excel 表格",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    (".xlsx",),
)
PPTX = FileKind(
    "pptx",
    "PowerPoint 演示文稿",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    (".pptx",),
)
OLE = FileKind(
    "ole", "Office 97-2003 文档", "application/octet-stream", (".doc", ".xls", ".ppt", ".wps")
)

ACCEPTED_SUFFIXES = tuple(
    s for kind in (PNG, JPEG, GIF, PDF, DOCX, XLSX, PPTX, OLE) for s in kind.suffixes
)
_OOXML_PARTS = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}


def _ooxml_kind(data: bytes) -> FileKind | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for prefix, kind in _OOXML_PARTS.items():
        if any(n.startswith(prefix) for n in names):
            return kind
    return None


# Leading bytes of each kind (the zip container of OOXML is looked into separately).
MAGIC = (
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
    (b"%PDF-", PDF),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE),
)


def sniff(data: bytes) -> FileKind | None:
    """The kind the bytes say they are, or ``None``."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(b"PK\x03\x04"):
        return _ooxml_kind(data)
    return None


def check(data: bytes, filename: str, *, max_bytes: int) -> FileKind:
    """The accepted kind of an upload; ``ValueError`` with a Chinese message otherwise."""
    suffix = PurePath(filename).suffix.lower()
    if not data:
        raise ValueError("文件为空。")
    if len(data) > max_bytes:
        raise ValueError(f"文件超过 {max_bytes // (1024 * 1024)} MB 上限。")
    if suffix not in ACCEPTED_SUFFIXES:
        raise ValueError("只接受图片（PNG、JPG、GIF）、PDF 和 Word、Excel、PPT 文档。")
    zipguard.check(data, PurePath(filename).name, zipguard.EVIDENCE)  # ZipBombError: ValueError
    kind = sniff(data)
    if kind is None or suffix not in kind.suffixes:
        raise ValueError("文件内容与扩展名不符，或不是允许的文件类型。")
    return kind
