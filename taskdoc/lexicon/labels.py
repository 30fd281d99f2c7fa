"""The words field labels are made of, and the label patterns built from them.

A field label is a short phrase that ends in a *head word* (领导 / 单位 / 部门 /
责任人 / 分工 / 主体 …) and is followed by a colon (or a cell boundary in a
table). Its role comes from its words: 牵头单位 and 省牵头单位 lead, 协同责任单位
supports, 分管县领导 and 牵头负责领导 name leaders. Notices combine the same few
words in many ways, so labels are composed here from word lists rather than
listed one by one: to teach the parser a new variant, add its word below.

This module is vocabulary only; :mod:`taskdoc.grammar.fields` and
:mod:`taskdoc.grammar.markers` hold the algorithms that use it.
"""

from __future__ import annotations

from enum import StrEnum


class LabelRole(StrEnum):
    """What a label introduces."""

    LEADER = "leader"  # people: 责任领导 / 分管副市长 / 责任人
    LEAD = "lead"  # 牵头单位 / 主办部门
    RESPONSIBLE = "responsible"  # 责任单位 / 承办单位 / 部门分工
    SUPPORTING = "supporting"  # 配合单位 / 协同单位
    DEADLINE = "deadline"  # 完成时限 / 时间节点


# ------------------------------------------------------------------ head words
# Heads that name people: the label introduces leaders whatever its other words.
PERSON_HEADS = (
    "领导同志",
    "领导",
    "责任人",
    "省长",
    "市长",
    "州长",
    "县长",
    "区长",
    "镇长",
    "乡长",
)
# Heads that name units: the label needs a role word (牵头 / 责任 / 配合 …) as well.
UNIT_HEADS = ("单位", "部门", "主体", "处室", "科室")
# 部门分工 / 责任分工: a label whose value states the duties itself (X牵头，Y配合).
DUTY_LABELS = ("部门分工", "单位分工", "责任分工", "任务分工", "职责分工", "分工")
# 完成时限 / 时间节点 …: labels of the deadline field, listed whole (时间 alone is too common).
DEADLINE_LABELS = (
    "完成时限",
    "完成时间",
    "完成期限",
    "完成时间节点",
    "时间节点",
    "时限要求",
    "时间要求",
    "时限",
    "进度安排",
    "进度要求",
    "工作时限",
)

# ------------------------------------------------------------------ role words
# The first role word of a unit label decides its role: 牵头责任单位 leads,
# 协同责任单位 supports, 主要责任单位 is responsible.
ROLE_WORDS: dict[str, LabelRole] = {
    "牵头": LabelRole.LEAD,
    "主办": LabelRole.LEAD,
    "主抓": LabelRole.LEAD,
    "主责": LabelRole.LEAD,
    "主要责任": LabelRole.RESPONSIBLE,
    "责任": LabelRole.RESPONSIBLE,
    "承办": LabelRole.RESPONSIBLE,
    "落实": LabelRole.RESPONSIBLE,
    "负责": LabelRole.RESPONSIBLE,
    "实施": LabelRole.RESPONSIBLE,
    "配合": LabelRole.SUPPORTING,
    "协同": LabelRole.SUPPORTING,
    "协办": LabelRole.SUPPORTING,
    "参与": LabelRole.SUPPORTING,
    "协助": LabelRole.SUPPORTING,
    "协作": LabelRole.SUPPORTING,
}
# Words that qualify a leader: 分管县领导 / 联系市领导 / 包抓领导.
LEADER_WORDS = ("分管", "联系", "包抓", "包联", "挂点", "督办")

# ------------------------------------------------------------------ filler words
# Levels and other words that may stand inside a label without changing its role:
# 省牵头单位 / 分管省领导 / 区政府分管领导 / 常务副县长 / 牵头负责领导.
LEVEL_WORDS = ("省", "市", "州", "区", "县", "镇", "乡", "街道", "级", "本级", "政府", "直")
FILLER_WORDS = ("主要", "副", "常务", "具体", "工作", "任务")
# 责任主体与协同单位: two labels joined into one.
CONNECTORS = ("与", "和", "及", "、", "/")
# 领导同志 is a head; 同志 may also follow a post: 责任市长同志 (rare).
LABEL_SUFFIXES = ("同志",)

# ------------------------------------------------------------------ posts
# 副市长 / 常务副区长 / 市委常委 / 秘书长 / 区长助理: posts written with leader names, not names
POST_ENDINGS = (
    "省长", "市长", "区长", "县长", "州长", "镇长", "乡长",
    "书记", "主任", "秘书长", "常委", "部长", "局长", "主席", "委员", "巡视员", "调研员", "助理",
)  # fmt: skip

# The longest label is short: 责任主体与协同单位, 牵头负责市领导同志.
LABEL_MAX_CHARS = 12


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation, longest word first so 主要责任 wins over 主要."""
    return "|".join(sorted(set(words), key=len, reverse=True))


_ROLE = _alternation(list(ROLE_WORDS))
_WORD = _alternation(
    [*ROLE_WORDS, *LEADER_WORDS, *LEVEL_WORDS, *FILLER_WORDS, *CONNECTORS, *UNIT_HEADS]
)
_PERSON = _alternation(PERSON_HEADS)
_UNIT = _alternation(UNIT_HEADS)

# 分管副市长 / 牵头市领导 / 责任人
PERSON_LABEL = rf"(?:{_WORD})*?(?:{_PERSON})(?:同志)?"
# 牵头责任单位 / 省牵头单位 / 责任主体与协同单位 — a role word somewhere before the head
UNIT_LABEL = rf"(?:{_WORD})*?(?:{_ROLE})(?:{_WORD})*?(?:{_UNIT})"
DUTY_LABEL = _alternation(DUTY_LABELS)
DEADLINE_LABEL = _alternation(DEADLINE_LABELS)
# any label, as a regex fragment without groups
ANY_LABEL = rf"(?:{PERSON_LABEL}|{UNIT_LABEL}|(?:{DUTY_LABEL})|(?:{DEADLINE_LABEL}))"
# the role words, for finding the first one in a label
ROLE_WORD_PATTERN = rf"(?:{_ROLE})"
