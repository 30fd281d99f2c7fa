"""Group headings: a heading that names who answers for every task under it.

``一、朱伟县长牵头重点工作`` gives each task of its group the leader 朱伟 (the post
dropped, as the ledger records persons); ``一、某管委会牵头工作（8项）`` gives the
lead unit; ``一、推动经济发展（牵头领导：A、B、C）`` gives the fields of its
bracket. A task's own fields win over its heading's (see
:mod:`taskdoc.grammar.assemble`). The words are in :mod:`taskdoc.lexicon.headings`.
"""

from __future__ import annotations

from enum import Enum

from taskdoc.grammar.fields import FieldKind, FieldValue, parse_field_line, split_trailing_duties
from taskdoc.grammar.markers import number_mark
from taskdoc.lexicon.headings import (
    BARE_NAME_RE,
    GROUP_HEADING_RE,
    GROUP_LAST_CHARS,
    LEAD_VERBS,
    NAME_SEPARATOR_RE,
    NAME_WITH_POSTS_RE,
    PERSON_ONLY_VERBS,
    POST_ONLY_RE,
    UNIT_ENDINGS,
    UNIT_SUFFIXES,
)
from taskdoc.model import Rule, SourceSpan
from taskdoc.text.repair import ends_sentence

# a heading is short; a longer line is a task that happens to end in 工作
_HEADING_MAX = 60
_CLOSERS = frozenset("）)]】〕")


class GroupShape(Enum):
    WORDED = "worded"  # 王某县长牵头重点工作
    BRACKET = "bracket"  # 推动经济发展（牵头领导：A、B）


def group_shape(rest: str) -> GroupShape | None:
    """How the text after a heading's number makes it a group heading, if it does."""
    if _worded_group(rest) is not None:
        return GroupShape.WORDED
    if _bracket_group(rest):
        return GroupShape.BRACKET
    return None


def is_worded_group(text: str) -> bool:
    """An unnumbered line that is a group heading: ``常务副区长庞某牵头重点工作``."""
    return _worded_group(text) is not None


# what a bracket must give for its heading to be a group heading: a leader or units
_GROUP_KINDS = frozenset(
    (
        FieldKind.LEADERS,
        FieldKind.LEAD_UNITS,
        FieldKind.RESPONSIBLE_UNITS,
        FieldKind.SUPPORTING_UNITS,
    )
)


def _worded_group(rest: str) -> tuple[FieldKind, str] | None:
    """``朱伟县长牵头重点工作`` → (LEADERS, 朱伟); ``某管委会牵头工作（8项）`` → (LEAD_UNITS, 某管委会)."""
    if len(rest) > _HEADING_MAX or rest.rstrip(" ：:。")[-1:] not in GROUP_LAST_CHARS:
        return None
    match = GROUP_HEADING_RE.match(rest)
    if match is None:
        return None
    subject, verb = match.group("subject"), match.group("verb")
    names = leader_names(subject)
    if names:
        return (FieldKind.LEADERS, "、".join(names))
    if verb in PERSON_ONLY_VERBS or subject[-1] not in UNIT_ENDINGS or not match.group("noun"):
        return None
    kind = FieldKind.LEAD_UNITS if verb in LEAD_VERBS else FieldKind.RESPONSIBLE_UNITS
    return (kind, subject)


def leader_names(subject: str) -> tuple[str, ...]:
    """The persons a heading's subject names, posts dropped; () when it names no person.

    ``曹某某常务副县长`` → (曹某某,); ``常务副县长李某`` → (李某,); ``张某、李某副县长``
    → (张某, 李某) — the post written once after the last name; ``县委常委、常务副县长
    王某`` → (王某,); a post alone, ``县长``, is kept as written.
    """
    pieces = [piece for piece in NAME_SEPARATOR_RE.split(subject) if piece]
    names: list[str] = []
    posts: list[str] = []
    for piece in pieces:
        match = NAME_WITH_POSTS_RE.match(piece)
        if POST_ONLY_RE.match(piece) is not None:
            posts.append(piece)
        elif match is not None and (match.group("before") or match.group("after")):
            if match.group("name").endswith(UNIT_SUFFIXES):
                return ()
            names.append(match.group("name"))
            posts.append(piece)
        elif BARE_NAME_RE.match(piece) is not None and piece[-1] not in UNIT_ENDINGS:
            names.append(piece)
        else:
            return ()
    if not posts:
        return ()
    return tuple(names) if names else tuple(posts)


def _bracket_group(rest: str) -> tuple[FieldValue, ...]:
    """The labelled leader / unit fields closing a heading: ``推动发展（牵头领导：A、B）``.

    Only a heading-like text (no sentence before the bracket) with labelled fields;
    a task's own ``…。（X牵头）`` is left to the task.
    """
    if rest.rstrip(" 。；;")[-1:] not in _CLOSERS:
        return ()
    before, values = split_trailing_duties(rest)
    if not values or not before or ends_sentence(before) or len(before) > _HEADING_MAX:
        return ()
    if not any(value.kind in _GROUP_KINDS for value in values):
        return ()
    bracket = rest[len(before) :].strip().rstrip("。；;").strip()
    if not parse_field_line(bracket[1:-1].strip()):
        return ()  # duty clauses (X牵头), not labels: more likely a task's own
    return tuple(values)


def heading_fields(text: str, span: SourceSpan) -> tuple[FieldValue, ...]:
    """The fields a group heading gives every task under it, with the heading as evidence."""
    mark = number_mark(text)
    rest = (mark.rest if mark is not None else text).strip()
    worded = _worded_group(rest)
    if worded is not None:
        return (FieldValue(worded[0], text, worded[1], Rule.GROUP_HEADING, span),)
    return tuple(
        FieldValue(value.kind, text, value.value, Rule.GROUP_HEADING, span)
        for value in _bracket_group(rest)
    )
