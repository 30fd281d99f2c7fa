"""Old binary office formats (.doc, Kingsoft .wps, .rtf) through LibreOffice.

Many offices still send notices as Word 97 ``.doc`` or WPS ``.wps`` files
(both OLE2 compound files). No maintained pure-Python reader handles their
tables, so when LibreOffice is installed the file is converted to ``.docx``
(``soffice --headless --convert-to docx``) in a private temporary directory
with its own LibreOffice profile (so parallel conversions do not fight over
one profile lock) and a time limit, then read by the .docx reader. Without
LibreOffice the user is told, in Chinese, to save the file as ``.docx``.

Spreadsheets and presentations in OLE2 form (.xls, .et, .ppt) are refused:
converting them to a word-processing document is not meaningful.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import struct
import subprocess
import tempfile
from pathlib import Path

from taskdoc.errors import UnreadableDocumentError, UnsupportedFormatError

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RTF_MAGIC = b"{\\rtf"
CONVERSION_TIMEOUT_SECONDS = 120.0

_SAVE_AS_DOCX = "请用 Word 或 WPS 打开后“另存为” .docx 格式再上传"
_OLE2_STREAMS: tuple[tuple[str, str], ...] = (
    ("Workbook", "这是 Excel/WPS 表格文件，暂不支持；请把任务表复制到 Word 中另存为 .docx"),
    (
        "PowerPoint Document",
        "这是 PowerPoint 演示文稿，不是任务分解通知；请提供 .docx、.pdf 或 .txt",
    ),
)
_SPREADSHEET_SUFFIXES = frozenset({".xls", ".et", ".ett", ".xlt"})


def find_soffice() -> str | None:
    """Path of LibreOffice's ``soffice`` (or ``libreoffice``) program, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def source_format(data: bytes, suffix: str) -> str:
    """The format name reported for a legacy file: ``wps``, ``rtf`` or ``doc``."""
    if data.startswith(RTF_MAGIC):
        return "rtf"
    return "wps" if suffix == ".wps" else "doc"


def convert_to_docx(
    data: bytes,
    *,
    filename: str,
    suffix: str,
    timeout: float = CONVERSION_TIMEOUT_SECONDS,
) -> bytes:
    """The bytes of a .docx converted from a legacy document, or a :class:`TaskdocError`."""
    _refuse_non_documents(data, filename=filename, suffix=suffix)
    soffice = find_soffice()
    if soffice is None:
        name = suffix or "旧版 Word/WPS"
        raise UnsupportedFormatError(
            f"{name} 是旧版 Word/WPS 格式，本系统未安装 LibreOffice，无法直接读取；{_SAVE_AS_DOCX}",
            where=filename,
        )
    with tempfile.TemporaryDirectory(prefix="taskdoc-convert-") as directory:
        workdir = Path(directory)
        source = workdir / f"source{_working_suffix(data, suffix)}"
        source.write_bytes(data)
        _run(_command(soffice, workdir, source), timeout=timeout, filename=filename)
        converted = workdir / "source.docx"
        if not converted.is_file() or converted.stat().st_size == 0:
            raise UnreadableDocumentError(
                f"LibreOffice 未能把文件转换为 .docx，文件可能已损坏；{_SAVE_AS_DOCX}",
                where=filename,
            )
        return converted.read_bytes()


def _refuse_non_documents(data: bytes, *, filename: str, suffix: str) -> None:
    if suffix in _SPREADSHEET_SUFFIXES:
        raise UnsupportedFormatError(_OLE2_STREAMS[0][1], where=filename)
    if data.startswith(OLE2_MAGIC):
        for stream, message in _OLE2_STREAMS:
            if has_ole2_stream(data, stream):
                raise UnsupportedFormatError(message, where=filename)


def has_ole2_stream(data: bytes, name: str) -> bool:
    """Whether an OLE2 directory entry called ``name`` is present.

    A directory entry stores its name as UTF-16LE padded with zeros to 64
    bytes, followed by the name's byte length including the terminator; the
    whole pattern does not occur in a document's text by accident.
    """
    encoded = name.encode("utf-16-le")
    entry = encoded.ljust(64, b"\x00") + struct.pack("<H", len(encoded) + 2)
    return entry in data


def _working_suffix(data: bytes, suffix: str) -> str:
    """The name LibreOffice sees: OLE2 as .doc (Kingsoft .wps is Word-compatible), RTF as .rtf."""
    if data.startswith(OLE2_MAGIC):
        return ".doc"
    if data.startswith(RTF_MAGIC):
        return ".rtf"
    return suffix or ".doc"


def _command(soffice: str, workdir: Path, source: Path) -> list[str]:
    profile = (workdir / "profile").as_uri()
    return [
        soffice,
        "--headless",
        "--norestore",
        "--nologo",
        "--nolockcheck",
        f"-env:UserInstallation={profile}",
        "--convert-to",
        "docx",
        "--outdir",
        str(workdir),
        str(source),
    ]


def _run(command: list[str], *, timeout: float, filename: str) -> None:
    """Run LibreOffice in its own process group so a hung conversion can be killed whole."""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        raise UnreadableDocumentError(
            f"无法启动 LibreOffice（{exc.strerror or type(exc).__name__}）；{_SAVE_AS_DOCX}",
            where=filename,
        ) from exc
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        _kill_group(process)
        raise UnreadableDocumentError(
            f"LibreOffice 转换超时（超过 {timeout:g} 秒）；{_SAVE_AS_DOCX}", where=filename
        ) from exc


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
