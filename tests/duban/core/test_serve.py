"""Finding 7 (production server): ``duban serve`` runs gunicorn with several worker processes
and WhiteNoise static files, ``--reload`` the development server without a version banner;
both stop cleanly on SIGTERM; ``make run`` starts the demo's processes with one command and
stops them together. Each server runs on SQLite in its own temporary data directory (never on
the test run's PostgreSQL database)."""

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


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        for child in _children(todo.pop()):
            found.append(child)
            todo.append(child)
    return found


def _alive(pids: list[int]) -> list[int]:
    alive = []
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        if stat.rsplit(")", 1)[1].split()[0] != "Z":  # a zombie has ended
            alive.append(pid)
    return alive


def _make_run(tmp_path: Path, port: int) -> subprocess.Popen[bytes]:
    """``scripts/run.sh`` (what ``make run`` runs) in a copy whose install step is a no-op.

    The copy is the real script beside the real ``.venv``; only ``bootstrap.sh`` is a stub, so
    the test never reinstalls the shared environment. The demo is built from the corpus into
    its own data directory on SQLite.
    """
    scripts = tmp_path / "tree" / "scripts"
    scripts.mkdir(parents=True, exist_ok=True)
    (scripts / "run.sh").write_text((ROOT / "scripts/run.sh").read_text())
    (scripts / "bootstrap.sh").write_text("exit 0\n")
    if not (tmp_path / "tree" / ".venv").exists():
        (tmp_path / "tree" / ".venv").symlink_to(ROOT / ".venv")
    log = (tmp_path / "run.log").open("ab")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DUBAN_", "REDIS_", "CI"))}
    env.update(
        DATABASE_URL="",
        DUBAN_DATA_DIR=str(tmp_path / "data"),
        DUBAN_DEMO_PASSWORD="Demo-督办-2024",
        DUBAN_CORPUS=str(ROOT.parent / "shared" / "corpus"),
    )
    return subprocess.Popen(
        ["bash", str(scripts / "run.sh"), "--port", str(port)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _wait_for_server(proc: subprocess.Popen[bytes], url: str) -> None:
    for _ in range(600):  # the demo build comes first: up to a few minutes on a busy machine
        assert proc.poll() is None, "make run ended before serving"
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"make run did not serve {url}")


def test_make_run_starts_the_server_and_stops_everything_together(tmp_path: Path) -> None:
    """One command starts what the demo needs; ending it, or any one part, ends them all."""
    if not (ROOT.parent / "shared" / "corpus").is_dir():
        pytest.skip("no sample corpus beside the repository")
    port = _free_port()
    started = [_make_run(tmp_path, port)]
    try:
        # 1. SIGTERM to the script (systemd, kill, a closed terminal): every process stops
        _wait_for_server(started[0], f"http://127.0.0.1:{port}/login/")
        tree = _descendants(started[0].pid)
        assert len(tree) >= 1 + default_workers(), tree  # gunicorn (duban serve) and workers
        os.kill(started[0].pid, signal.SIGTERM)
        assert started[0].wait(timeout=60) == 143
        time.sleep(0.5)
        assert _alive(tree) == []
        # 2. the server dies on its own: the script stops the rest and ends too
        started.append(_make_run(tmp_path, port))
        _wait_for_server(started[1], f"http://127.0.0.1:{port}/login/")
        tree = _descendants(started[1].pid)
        master = next(p for p in tree if len(_children(p)) >= default_workers())
        os.kill(master, signal.SIGKILL)
        started[1].wait(timeout=60)
        time.sleep(0.5)
        assert _alive(tree) == []
    finally:
        for proc in started:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
