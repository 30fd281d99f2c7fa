"""Finding 7 (production server): ``duban serve`` runs gunicorn with several worker processes
and WhiteNoise static files, ``--reload`` the development server without a version banner;
both stop cleanly on SIGTERM. Each server runs on SQLite in its own temporary data directory
(never on the test run's PostgreSQL database)."""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from duban.cli import build_parser
from duban.cli.serve import default_workers, gunicorn_options

ROOT = Path(__file__).resolve().parents[3]
DUBAN = [sys.executable, "-m", "duban.cli"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    out = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], check=False, capture_output=True, text=True
    )
    return [int(p) for p in out.stdout.split()]


def _get(url: str) -> Any:
    for _ in range(120):
        try:
            return urllib.request.urlopen(url, timeout=5)
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"server did not answer: {url}")


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Any]:
    started: list[subprocess.Popen[bytes]] = []

    def start(*extra: str) -> tuple[subprocess.Popen[bytes], str]:
        port = _free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DUBAN_", "REDIS_"))}
        env.update(DATABASE_URL="", DUBAN_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
        proc = subprocess.Popen(
            [*DUBAN, "serve", "--port", str(port), *extra],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        started.append(proc)
        return proc, f"http://127.0.0.1:{port}"

    yield start
    for proc in started:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def test_serve_runs_gunicorn_workers_static_files_and_stops_on_sigterm(serve: Any) -> None:
    proc, base = serve("--workers", "3")
    page = _get(f"{base}/login/")
    assert page.status == 200 and "登录" in page.read().decode()
    assert page.headers["Server"] == "gunicorn"  # no version
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    css = _get(f"{base}/static/duban/duban.css")
    assert css.status == 200 and "text/css" in css.headers["Content-Type"]
    assert len(_children(proc.pid)) == 3
    workers = _children(proc.pid)
    os.kill(proc.pid, signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
    time.sleep(0.5)
    assert [w for w in workers if Path(f"/proc/{w}").exists()] == []


def test_reload_keeps_the_development_server_without_a_version_banner(serve: Any) -> None:
    proc, base = serve("--reload")
    page = _get(f"{base}/login/")
    assert page.status == 200
    assert page.headers["Server"] == "duban"  # not "WSGIServer/0.2 CPython/3.11.x"
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=30)


def test_options_default_to_two_workers_per_core_plus_one() -> None:
    args = build_parser().parse_args(["serve"])
    assert args.workers is None and args.reload is False and args.port == 8000
    options = gunicorn_options(args, default_workers())
    assert options["workers"] == 2 * (os.cpu_count() or 1) + 1
    assert options["bind"] == "127.0.0.1:8000" and options["worker_class"] == "sync"
    threaded = gunicorn_options(argparse.Namespace(**{**vars(args), "threads": 4}), 2)
    assert threaded["worker_class"] == "gthread" and threaded["threads"] == 4


def test_bad_worker_count_is_a_chinese_usage_error(capsys: Any) -> None:
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["serve", "--workers", "0"])
    assert exit_.value.code == 2
    assert "应为正整数" in capsys.readouterr().err
