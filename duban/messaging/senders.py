"""The channels: e-mail through Django's mail backend, group robots by an HTTPS POST of JSON.

Each sender returns on success and raises :class:`DeliveryError` with a Chinese message
otherwise (``permanent`` when trying again cannot help: a refused address, a robot the vendor
says does not exist). Messages never quote the webhook address, whose query holds the key.

Formats:

* 企业微信 group robot: ``POST <url>`` with ``{"msgtype": "text", "text": {"content": …}}`` or
  ``{"msgtype": "markdown", "markdown": {"content": …}}``; answers ``{"errcode": 0, …}``.
* 钉钉 / 政务钉钉 custom robot: the same JSON shape (markdown adds a ``title``); with a
  加签 secret the URL gets ``timestamp`` (ms) and ``sign`` = base64(HMAC-SHA256(secret,
  f"{timestamp}\\n{secret}")), URL-encoded.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import smtplib
import socket
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import quote_plus

from django.conf import settings
from django.core.mail import send_mail

from duban.messaging.models import MessageStyle, RobotKind

SUBJECT_PREFIX = "【督办】"
# The vendors' size limits of one message, in UTF-8 bytes (企业微信 text 2048, markdown 4096).
LIMITS = {
    (RobotKind.WECOM, MessageStyle.TEXT): 2048,
    (RobotKind.WECOM, MessageStyle.MARKDOWN): 4096,
    (RobotKind.DINGTALK, MessageStyle.TEXT): 18000,
    (RobotKind.DINGTALK, MessageStyle.MARKDOWN): 18000,
}
# Vendor error codes that mean the robot itself is wrong: retrying cannot help.
PERMANENT_CODES = {
    93000: "机器人地址无效（企业微信：key 不存在或已删除）",
    300001: "机器人地址无效（钉钉：access_token 不存在）",
    310000: "钉钉安全设置校验未通过（关键词、加签密钥或 IP 白名单）",
}
TOO_FAST_CODES = {45009, 130101}


class DeliveryError(Exception):
    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent


# --- e-mail -------------------------------------------------------------------------------


def send_email(*, address: str, title: str, body: str) -> None:
    """One e-mail through Django's configured backend (SMTP in production)."""
    try:
        send_mail(f"{SUBJECT_PREFIX}{title}", body, None, [address], fail_silently=False)
    except smtplib.SMTPRecipientsRefused as err:
        raise DeliveryError("邮件服务器拒收该收件地址", permanent=True) from err
    except smtplib.SMTPAuthenticationError as err:
        raise DeliveryError("邮件服务器登录失败（用户名或密码有误）") from err
    except smtplib.SMTPResponseException as err:
        raise DeliveryError(f"邮件服务器返回错误 {err.smtp_code}") from err
    except smtplib.SMTPServerDisconnected as err:
        raise DeliveryError("邮件服务器中途断开了连接") from err
    except smtplib.SMTPException as err:
        raise DeliveryError("邮件发送失败（邮件服务器拒绝）") from err
    except TimeoutError as err:
        raise DeliveryError("连接邮件服务器超时") from err
    except ConnectionRefusedError as err:
        raise DeliveryError(f"邮件服务器拒绝连接（{_smtp_address()}）") from err
    except OSError as err:
        raise DeliveryError(f"无法连接邮件服务器（{_smtp_address()}）") from err


def _smtp_address() -> str:
    return f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"


# --- group robots -------------------------------------------------------------------------


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """钉钉加签: base64(HMAC-SHA256(key=secret, msg=f"{timestamp}\\n{secret}")), not URL-encoded."""
    message = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def dingtalk_url(url: str, secret: str, timestamp_ms: int) -> str:
    """The webhook address with ``timestamp`` and ``sign`` when the robot has a secret."""
    if not secret:
        return url
    joiner = "&" if "?" in url else "?"
    sign = quote_plus(dingtalk_sign(secret, timestamp_ms))
    return f"{url}{joiner}timestamp={timestamp_ms}&sign={sign}"


def fit(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` UTF-8 bytes on a character boundary, marked when cut."""
    data = text.encode()
    if len(data) <= limit:
        return text
    return data[: limit - len("…".encode())].decode(errors="ignore") + "…"


def robot_payload(kind: str, style: str, title: str, body: str) -> dict[str, Any]:
    """The JSON a robot of ``kind`` takes, in ``style`` (plain text or markdown)."""
    limit = LIMITS[(RobotKind(kind), MessageStyle(style))]
    if style == MessageStyle.MARKDOWN:
        if kind == RobotKind.DINGTALK:
            text = fit(f"### {title}\n\n" + "\n\n".join(body.splitlines()), limit)
            return {"msgtype": "markdown", "markdown": {"title": title, "text": text}}
        text = fit(f"### {title}\n" + body, limit)
        return {"msgtype": "markdown", "markdown": {"content": text}}
    return {"msgtype": "text", "text": {"content": fit(f"{SUBJECT_PREFIX}{title}\n{body}", limit)}}


def post_json(url: str, payload: dict[str, Any], *, timeout: float) -> dict[str, Any]:
    """POST ``payload`` and return the vendor's JSON answer (errors as :class:`DeliveryError`)."""
    request = urllib.request.Request(
        url,
        data=json.dumps(payload, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read(65536)
    except urllib.error.HTTPError as err:
        permanent = 400 <= err.code < 500 and err.code != 429  # noqa: PLR2004
        raise DeliveryError(f"机器人接口返回 HTTP {err.code}", permanent=permanent) from err
    except urllib.error.URLError as err:
        raise DeliveryError(_network_problem(err.reason, timeout)) from err
    except (TimeoutError, OSError) as err:
        raise DeliveryError(_network_problem(err, timeout)) from err
    try:
        answer = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise DeliveryError("机器人接口的应答不是预期的格式") from err
    return answer if isinstance(answer, dict) else {}


def _network_problem(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"连接机器人接口超时（{timeout:g} 秒）"
    if isinstance(reason, ConnectionRefusedError):
        return "机器人接口拒绝连接"
    if isinstance(reason, socket.gaierror):
        return "无法解析机器人接口的域名"
    return "无法连接机器人接口（网络错误）"


def send_robot(
    *, kind: str, url: str, secret: str, style: str, title: str, body: str, now_ms: int
) -> None:
    """Post one message to a group robot and check the vendor's ``errcode``."""
    if kind == RobotKind.DINGTALK:
        url = dingtalk_url(url, secret, now_ms)
    answer = post_json(url, robot_payload(kind, style, title, body), timeout=_timeout())
    code = answer.get("errcode", 0)
    if code in (0, None):
        return
    detail = str(answer.get("errmsg", ""))[:100]
    if code in PERMANENT_CODES:
        raise DeliveryError(f"{PERMANENT_CODES[code]}（{detail}）", permanent=True)
    if code in TOO_FAST_CODES:
        raise DeliveryError("发送过于频繁，机器人暂时拒收")
    raise DeliveryError(f"机器人返回错误码 {code}（{detail}）")


def _timeout() -> float:
    return float(getattr(settings, "DUBAN_WEBHOOK_TIMEOUT", 10))
