"""Word → PDF through LibreOffice, only where ``soffice`` is installed (it is optional).

``DUBAN_SOFFICE`` (a setting) names the executable; tests point it at a stand-in script.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings


def soffice_path() -> str | None:
    return shutil.which(getattr(settings, "DUBAN_SOFFICE", "soffice"))


def docx_to_pdf(data: bytes) -> bytes | None:
    """The PDF of a .docx, or ``None`` when LibreOffice is missing or the conversion fails."""
    exe = soffice_path()
    if exe is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "bulletin.docx"
        source.write_bytes(data)
        try:
            subprocess.run(
                [exe, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
                check=True,
                capture_output=True,
                timeout=120,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        target = source.with_suffix(".pdf")
        return target.read_bytes() if target.exists() else None
