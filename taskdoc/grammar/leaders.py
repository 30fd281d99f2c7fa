"""Leader names from a 责任领导 field.

Names are separated by spaces, 、 or commas. PDF conversion and typesetting
pad two-character names to the width of three (``张 洋``), so a run of
single-character tokens is one name. Collective values such as
``区政府班子成员`` or ``各副区长`` are not persons: :func:`is_collective_leader`
tells them apart, and a field holding only such values keeps them as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from taskdoc.lexicon import collectives, labels
from taskdoc.model import LeaderKind, LeaderRef

# 王新伟 吴福民、史占勇，陈宏伟
_SEPARATOR_RE = re.compile(r"[\s、，,；;/]+")
# the separators that always end a name (spaces may be padding inside one)
_LIST_SEPARATOR_RE = re.compile(r"[、，,；;/]")
# Full-width space (U+3000) is used for padding as often as the ASCII one.
_PADDING = "\u3000\u00a0"


# 副市长 / 常务副区长 / 市委常委 / 秘书长 / 区长助理 — a post, not a name
_TITLE = "(?:" + "|".join(sorted(labels.POST_ENDINGS, key=len, reverse=True)) + ")"
_TITLE_RE = re.compile(rf"^[\u4e00-\u9fff]*{_TITLE}$")
# 王新伟（副市长）: a post in brackets after the name
_BRACKETED_POST_RE = re.compile(rf"[（(][\u4e00-\u9fff]*{_TITLE}[）)]")
# 常务副市长王新伟: a post glued to the name that follows it
_TITLE_NAME_RE = re.compile(rf"^[\u4e00-\u9fff]*{_TITLE}(?P<name>[\u4e00-\u9fff]{{2,3}})$")


@lru_cache(maxsize=4096)
def split_leaders(value: str) -> tuple[str, ...]:
    """Split a leader field into names: ``史建伟 张 洋 李阳东`` → (史建伟, 张洋, 李阳东).

    Posts written with the names (``副市长 王新伟``, ``常务副市长王新伟``) are
    dropped; a field of posts only (``分管副区长``) is kept as written.
    """
    cleaned = value.translate({ord(c): " " for c in _PADDING}).strip(" 。；;，,")
    cleaned = _BRACKETED_POST_RE.sub(" ", cleaned)
    names: list[str] = []
    for piece in _LIST_SEPARATOR_RE.split(cleaned):
        names.extend(_names_in_piece(piece))
    return tuple(dict.fromkeys(_without_posts(names)))


def _names_in_piece(piece: str) -> list[str]:
    """Names between two list separators: a run of one-character tokens is one padded name.

    ``刘 涛、陈 明`` is split on 、 first, so the padding of two names never joins them.
    """
    names: list[str] = []
    run: list[str] = []
    for token in piece.split():
        if len(token) == 1:
            run.append(token)
            continue
        if run:
            names.append("".join(run))
            run = []
        names.append(token)
    if run:
        names.append("".join(run))
    return names


def _without_posts(tokens: list[str]) -> list[str]:
    """Drop posts written beside names; a collective of posts (各副区长) is a value, kept."""
    names = [
        _name_after_post(token)
        for token in tokens
        if not _TITLE_RE.match(token) or is_collective_leader(token)
    ]
    return names or tokens


def _name_after_post(token: str) -> str:
    match = _TITLE_NAME_RE.match(token)
    return match.group("name") if match else token


_COLLECTIVE_LEADER_RE = re.compile(
    "|".join(sorted(collectives.LEADER_COLLECTIVE_WORDS, key=len, reverse=True))
)


def is_collective_leader(value: str) -> bool:
    """True for a leader value that names a body or posts, not a person.

    ``区政府班子成员`` / ``各副区长`` / ``市政府领导班子`` are never a person's name:
    a group heading or a table cell holding one gives no leader to look up.
    """
    return _COLLECTIVE_LEADER_RE.search(value) is not None


def leader_refs(names: tuple[str, ...]) -> tuple[LeaderRef, ...]:
    """A task's leader names with their kind: a collective value is no person to look up.

    The names stay as written and in order (a scorer or a ledger reading ``leaders`` sees
    them unchanged); the kind tells an importer not to create a person for
    ``区政府班子成员`` or ``各分管副县长``.
    """
    return tuple(
        LeaderRef(name, LeaderKind.COLLECTIVE if is_collective_leader(name) else LeaderKind.PERSON)
        for name in names
    )
