"""Real receivers for the delivery tests: an SMTP server (aiosmtpd) and an HTTP endpoint that
answers like a group robot, both on 127.0.0.1, each able to fail the next N requests."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from aiosmtpd.controller import Controller

from tests.duban.progress.conftest import world  # noqa: F401  (the progress world)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Mailbox:
    """What the SMTP server received; ``fail_next`` answers that many DATA with 451."""

    messages: list[EmailMessage] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)
    fail_next: int = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.fail_next:
            self.fail_next -= 1
            return "451 4.3.0 try again later"
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"


@pytest.fixture
def smtp(settings: Any) -> Iterator[Mailbox]:
    """A real SMTP server; Django's SMTP backend is pointed at it."""
    box = Mailbox()
    port = _free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    try:
        yield box
    finally:
        controller.stop()


@dataclass
class Hit:
    path: str
    query: dict[str, list[str]]
    payload: dict[str, Any]


@dataclass
class Robots:
    """A robot endpoint: every POST is recorded; ``answers`` are given out first (status,
    JSON), then ``200 {"errcode": 0}``."""

    url: str = ""
    hits: list[Hit] = field(default_factory=list)
    answers: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


@pytest.fixture
def robots(monkeypatch: pytest.MonkeyPatch) -> Iterator[Robots]:
    state = Robots()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            size = int(self.headers.get("Content-Length", 0))
            payload = json.loads(self.rfile.read(size).decode())
            parts = urlsplit(self.path)
            with lock:
                state.hits.append(Hit(parts.path, parse_qs(parts.query), payload))
                status, answer = (
                    state.answers.pop(0) if state.answers else (200, {"errcode": 0, "errmsg": "ok"})
                )
            body = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    for name in ("no_proxy", "NO_PROXY"):  # never through a proxy of the environment
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
