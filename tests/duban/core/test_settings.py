"""What the environment does to the settings (read in a fresh interpreter each time)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
PROBE = (
    "import json, config.settings as s; print(json.dumps({"
    "'debug': s.DEBUG, 'key': s.SECRET_KEY, 'session_secure': s.SESSION_COOKIE_SECURE,"
    "'csrf_secure': s.CSRF_COOKIE_SECURE, 'nosniff': s.SECURE_CONTENT_TYPE_NOSNIFF,"
    "'referrer': s.SECURE_REFERRER_POLICY, 'frames': s.X_FRAME_OPTIONS}))"
)


def settings_with(data_dir: Path, **env: str) -> dict[str, Any]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DUBAN_")}
    clean.update(DATABASE_URL="", DUBAN_DATA_DIR=str(data_dir), **env)
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        check=False,
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def test_debug_is_off_by_default_and_the_key_is_generated_once(tmp_path: Path) -> None:
    first = settings_with(tmp_path)
    assert first["debug"] is False
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(first["key"]) >= 50
    assert key_file.read_text().strip() == first["key"]
    assert settings_with(tmp_path)["key"] == first["key"]
    assert (first["nosniff"], first["referrer"], first["frames"]) == (True, "same-origin", "DENY")
    assert first["session_secure"] is False and first["csrf_secure"] is False


def test_debug_on_uses_the_development_key_and_writes_nothing(tmp_path: Path) -> None:
    result = settings_with(tmp_path, DUBAN_DEBUG="1")
    assert result["debug"] is True
    assert result["key"].startswith("dev-only")
    assert not (tmp_path / "secret_key").exists()


def test_configured_key_wins_and_https_marks_cookies_secure(tmp_path: Path) -> None:
    result = settings_with(tmp_path, DUBAN_SECRET_KEY="k" * 60, DUBAN_HTTPS="1")
    assert result["key"] == "k" * 60
    assert not (tmp_path / "secret_key").exists()
    assert result["session_secure"] is True and result["csrf_secure"] is True
