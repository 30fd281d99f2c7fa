"""Leader names from a 责任领导 field.

Names are separated by spaces, 、 or commas. PDF conversion and typesetting
pad two-character names to the width of three (``张 洋``), so a run of
single-character tokens is one name. Collective values such as
``区政府班子成员`` are kept as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

# 王新伟 吴福民、史占勇，陈宏伟
_SEPARATOR_RE = re.compile(r"[\s、，,；;/]+")
# Full-width space (U+3000) is used for padding as often as the ASCII one.
_PADDING = "\u3000\u00a0"


@lru_cache(maxsize=4096)
def split_leaders(value: str) -> tuple[str, ...]:
    """Split a leader field into names: ``史建伟 张 洋 李阳东`` → (史建伟, 张洋, 李阳东)."""
    cleaned = value.translate({ord(c): " " for c in _PADDING}).strip(" 。；;，,")
    tokens = [token for token in _SEPARATOR_RE.split(cleaned) if token]
    names: list[str] = []
    run: list[str] = []
    for token in tokens:
        if len(token) == 1:
            run.append(token)
            continue
        if run:
            names.append("".join(run))
            run = []
        names.append(token)
    if run:
        names.append("".join(run))
    return tuple(dict.fromkeys(names))
