"""Numbers as people write them: 1000.0000 → 1000, 12.50 → 12.5 (never 1E+3)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)
