"""``duban serve``: apply migrations, then run the web server.

By default the production server: gunicorn with several worker processes (static files come
from WhiteNoise inside the application, so no separate file server is needed). ``--reload``
keeps Django's development server, which restarts on code changes and handles requests one
process at a time — for development only.
"""

from __future__ import annotations

import argparse
import os
from typing import Any


def default_workers() -> int:
    """Gunicorn's rule of thumb, 2 × cores + 1: one worker waits on the database while another
    uses the CPU."""
    return 2 * (os.cpu_count() or 1) + 1


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve", help="迁移数据库并启动网页服务（默认 127.0.0.1:8000，多进程 gunicorn）"
    )
    parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    parser.add_argument(
        "--workers",
        type=_positive,
        default=None,
        help=f"工作进程数（默认 2×CPU 核数+1，本机为 {default_workers()}）",
    )
    parser.add_argument(
        "--threads", type=_positive, default=1, help="每个工作进程的线程数（默认 1）"
    )
    parser.add_argument(
        "--timeout", type=_positive, default=60, help="单个请求的最长处理秒数（默认 60）"
    )
    parser.add_argument(
        "--reload", action="store_true", help="开发模式：Django 开发服务器，代码改动后自动重启"
    )
    parser.add_argument("--no-access-log", action="store_true", help="不输出访问日志")
    parser.set_defaults(func=run)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{text}")
    return value


def run(args: argparse.Namespace) -> int:
    from duban.cli.django_setup import migrate, setup

    setup()
    migrate()
    from django.db import connections

    # The forked workers must not share the connection the migration opened.
    connections.close_all()
    url = f"http://{args.host}:{args.port}/"
    if args.reload:
        from django.conf import settings
        from django.core.management import call_command

        # The development server runs each request in a new thread: a persistent connection
        # per thread would pile up until PostgreSQL refuses clients ("too many clients").
        for database in settings.DATABASES.values():
            database["CONN_MAX_AGE"] = 0

        print(f"督办（开发服务器）已启动：{url}  （Ctrl+C 退出）", flush=True)
        call_command("runserver", f"{args.host}:{args.port}", use_reloader=True)
        return 0
    workers = args.workers or default_workers()
    print(f"督办已启动：{url}  （gunicorn，{workers} 个工作进程；Ctrl+C 退出）", flush=True)
    return _gunicorn(args, workers)


def gunicorn_options(args: argparse.Namespace, workers: int) -> dict[str, Any]:
    """The gunicorn settings ``duban serve`` uses (docs/deploy.md explains each)."""
    return {
        "bind": f"{args.host}:{args.port}",
        "workers": workers,
        "threads": args.threads,
        "worker_class": "gthread" if args.threads > 1 else "sync",
        "timeout": args.timeout,
        "graceful_timeout": 20,
        # A worker is replaced after this many requests (± jitter) so that slow leaks in any
        # library cannot grow without bound on a server that runs for months.
        "max_requests": 2000,
        "max_requests_jitter": 200,
        "accesslog": None if args.no_access_log else "-",
        "errorlog": "-",
        # Only the local reverse proxy may say a request came over HTTPS.
        "forwarded_allow_ips": "127.0.0.1,::1",
        "proc_name": "duban",
        # gunicorn's control socket sits at one fixed path per user: two servers on one machine
        # (a second port, the benchmark) would fight over it, and nothing here uses it.
        "control_socket_disable": True,
    }


def _gunicorn(args: argparse.Namespace, workers: int) -> int:
    from django.core.wsgi import get_wsgi_application
    from gunicorn.app.base import BaseApplication

    options = gunicorn_options(args, workers)

    class DubanApplication(BaseApplication):  # type: ignore[misc]
        """Gunicorn configured from the command line above, not from a gunicorn.conf.py."""

        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return get_wsgi_application()

    DubanApplication().run()
    return 0
