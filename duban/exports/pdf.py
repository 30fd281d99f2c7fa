"""Word → PDF through LibreOffice, only where ``soffice`` is installed (it is optional).

``DUBAN_SOFFICE`` (a setting) names the executable; tests point it at a stand-in script.
Pages never link to a PDF they cannot make: ``unavailable_reason`` is the sentence they show
instead. Each conversion runs with a profile of its own (``-env:UserInstallation``), so two
conversions at once do not fight over one LibreOffice profile, and no home directory is needed.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

NOT_INSTALLED = "本机未安装 LibreOffice（soffice），暂不能生成 PDF，请下载 Word 文件。"
FAILED = "PDF 转换失败，请下载 Word 文件。"


def soffice_path() -> str | None:
    return shutil.which(getattr(settings, "DUBAN_SOFFICE", "soffice"))


def unavailable_reason() -> str | None:
    """Why there is no PDF action here, or ``None`` when there is one."""
    return None if soffice_path() else NOT_INSTALLED


def docx_to_pdf(data: bytes) -> bytes | None:
    """The PDF of a .docx, or ``None`` when LibreOffice is missing or the conversion fails."""
    exe = soffice_path()
    if exe is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "bulletin.docx"
        source.write_bytes(data)
        profile = (Path(tmp) / "profile").as_uri()
        try:
            subprocess.run(
                [
                    *(exe, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)),
                    f"-env:UserInstallation={profile}",
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        target = source.with_suffix(".pdf")
        return target.read_bytes() if target.exists() else None
