"""The one parser of request parameters: ids, dates, choices, page numbers and search text.

Views used to parse their parameters each their own way, and some of them crashed (HTTP
500) on ``?document=²`` (``str.isdigit`` accepts superscripts), on an id past the
database's integer range, on ``?as_of=9999-12-31`` (date arithmetic overflows) or on
``?unit=abc``. Here every malformed value raises :class:`BadParameterError`, which
:class:`duban.core.param_errors.BadParameterMiddleware` (pages) and the API's exception
handler answer with HTTP 400 and a Chinese message naming the parameter and what was wrong.
A missing or empty parameter is never an error: the caller's default applies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

ID_MAX = 2**63 - 1  # BigAutoField: PostgreSQL bigint, SQLite INTEGER
DATE_MIN = date(1900, 1, 1)  # far enough either side for any plan, and ±years of arithmetic
DATE_MAX = date(2199, 12, 31)
PAGE_MAX = 100_000
TEXT_MAX = 200
_SHOWN_MAX = 40
_DIGITS = re.compile(r"[0-9]+")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

Query = Mapping[str, Any]  # request.GET, request.POST, DRF's request.query_params


class BadParameterError(Exception):
    """A request parameter that cannot be used; ``message`` is Chinese and safe to show."""

    def __init__(self, name: str, value: str, problem: str) -> None:
        self.name, self.value, self.problem = name, value, problem
        self.message = f"参数“{name}”的值“{_shown(value)}”{problem}。"
        super().__init__(self.message)


def _shown(value: str) -> str:
    """The value as the message quotes it: control characters visible, long values cut."""
    text = "".join(c if c.isprintable() else "�" for c in value[:_SHOWN_MAX])
    return text + ("…" if len(value) > _SHOWN_MAX else "")


def _raw(query: Query, name: str) -> str:
    value = query.get(name)
    return value.strip() if isinstance(value, str) else ""


def get_id(query: Query, name: str) -> int | None:
    """A database id (1 … 2⁶³−1), or None when absent."""
    raw = _raw(query, name)
    if not raw:
        return None
    if not _DIGITS.fullmatch(raw):
        raise BadParameterError(name, raw, "不是有效的编号（应为正整数）")
    if len(raw) > len(str(ID_MAX)) or not 1 <= int(raw) <= ID_MAX:
        raise BadParameterError(name, raw, "超出编号的范围")
    return int(raw)


def get_ids(query: Query, name: str, limit: int = 1000) -> list[int]:
    """Every value of a repeated id parameter (ticked checkboxes), each checked as ``get_id``."""
    getlist = getattr(query, "getlist", None)
    values = getlist(name) if getlist is not None else [query.get(name)]
    if len(values) > limit:
        raise BadParameterError(name, f"{len(values)} 个值", f"过多（至多 {limit} 个）")
    ids = [get_id({name: value}, name) for value in values]
    return [pk for pk in ids if pk is not None]


def get_date(query: Query, name: str) -> date | None:
    """A date written ``YYYY-MM-DD`` between 1900 and 2199, or None when absent."""
    raw = _raw(query, name)
    if not raw:
        return None
    try:
        if not _ISO_DATE.fullmatch(raw):
            raise ValueError(raw)
        value = date.fromisoformat(raw)
    except ValueError:
        raise BadParameterError(
            name, raw, "不是有效的日期（应为 YYYY-MM-DD，如 2024-07-31）"
        ) from None
    if not DATE_MIN <= value <= DATE_MAX:
        raise BadParameterError(name, raw, f"超出可用的日期范围（{DATE_MIN} 至 {DATE_MAX}）")
    return value


def get_choice(query: Query, name: str, choices: Iterable[str], default: str = "") -> str:
    """One of ``choices``, or ``default`` when absent."""
    raw = _raw(query, name)
    if not raw:
        return default
    allowed = [str(c) for c in choices]
    if raw not in allowed:
        raise BadParameterError(name, raw, f"不是可选的值（可选：{'、'.join(allowed)}）")
    return raw


def get_page(query: Query, name: str = "page") -> int:
    """A page number (1 … 100000), 1 when absent; past the last page the paginator stops."""
    raw = _raw(query, name)
    if not raw:
        return 1
    if not _DIGITS.fullmatch(raw) or len(raw) > len(str(PAGE_MAX)) or int(raw) < 1:
        raise BadParameterError(name, raw, "不是有效的页码（应为正整数）")
    if int(raw) > PAGE_MAX:
        raise BadParameterError(name, raw, f"超出页码的范围（最大 {PAGE_MAX}）")
    return int(raw)


def get_text(query: Query, name: str, max_length: int = TEXT_MAX) -> str:
    """Search text: trimmed, at most ``max_length`` characters, no control characters."""
    raw = _raw(query, name)
    if len(raw) > max_length:
        raise BadParameterError(name, raw, f"过长（最多 {max_length} 个字符）")
    if _CONTROL.search(raw):
        raise BadParameterError(name, raw, "含有不可见的控制字符")
    return raw


def form_error(form: Any) -> BadParameterError:
    """The first error of a bound filter form, as a :class:`BadParameterError` to raise."""
    name, errors = next(iter(form.errors.items()))
    value = form.data.get(name, "") if hasattr(form.data, "get") else ""
    return BadParameterError(name, str(value), f"有误：{errors[0]}")
