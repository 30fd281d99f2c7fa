"""Recognisers for the structural marks of a notice: numbering, field labels, titles.

Every structural decision in :mod:`taskdoc.text.repair` and :mod:`taskdoc.grammar.structure`
asks this module, so that "what starts a new item" is defined once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

from taskdoc.figures.cnnum import parse_cn_int
from taskdoc.lexicon import labels


class Numbering(IntEnum):
    """Numbering styles, ordered from the outermost to the innermost by convention."""

    PART = 0  # 第一部分 / 第一章 / 第一篇
    CN_COMMA = 1  # 一、
    CN_PAREN = 2  # （一） / (一)
    ARABIC = 3  # 1. / 1、 / 1．
    ARABIC_PAREN = 4  # （1） / (1) / 1）
    CIRCLED = 5  # ①


_CN_DIGITS = "〇零一二三四五六七八九十百两"

# 第一部分 经济发展 / 第三章 / 第二篇
PART_RE = re.compile(rf"^第([{_CN_DIGITS}]+|\d+)(?:部分|章|篇)[、，：:\s]*")
# 一、全力推动经济发展全面提速
CN_COMMA_RE = re.compile(rf"^([{_CN_DIGITS}]+)\s*[、．.]\s*")
# （二）千方百计扩大有效投资 / (十) 着力构建…
CN_PAREN_RE = re.compile(rf"^[（(]\s*([{_CN_DIGITS}]+)\s*[）)]\s*")
# 1. 推动防控机制常态化 / 12、 / 3．  (not 2024年 or 1.3万 or 5G)
ARABIC_RE = re.compile(r"^(\d{1,4})\s*(?:[.．、](?!\d)|\s)\s*(?=\S)")
# （1）加快… / (2) / 3）
ARABIC_PAREN_RE = re.compile(r"^(?:[（(]\s*(\d{1,3})\s*[）)]|(\d{1,3})\s*[）)])\s*")
# ①②③ …
CIRCLED_RE = re.compile(r"^([\u2460-\u2473])\s*")

_NUMBERING_PATTERNS = (
    (Numbering.PART, PART_RE),
    (Numbering.CN_COMMA, CN_COMMA_RE),
    (Numbering.CN_PAREN, CN_PAREN_RE),
    (Numbering.ARABIC_PAREN, ARABIC_PAREN_RE),
    (Numbering.ARABIC, ARABIC_RE),
    (Numbering.CIRCLED, CIRCLED_RE),
)


@dataclass(frozen=True, slots=True)
class NumberMark:
    """A numbering mark at the start of a line: its style, value and the text after it."""

    style: Numbering
    number: int
    rest: str


# Characters a numbering mark can start with; anything else is rejected at once.
# Word users type full-width digits (１．/（２）) as often as ASCII ones; \d matches both.
_MARK_STARTS = frozenset(
    "0123456789０１２３４５６７８９（(第"
    + _CN_DIGITS
    + "".join(chr(c) for c in range(0x2460, 0x2474))
)


@lru_cache(maxsize=8192)
def number_mark(text: str) -> NumberMark | None:
    """The numbering mark that starts ``text``, if any: ``（二）扩大投资`` → CN_PAREN 2."""
    if not text or text[0] not in _MARK_STARTS:
        return None
    for style, pattern in _NUMBERING_PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        value = next(group for group in match.groups() if group)
        number = _mark_number(style, value)
        rest = text[match.end() :]
        if style is Numbering.ARABIC and _looks_like_quantity(rest):
            return None
        return NumberMark(style, number, rest)
    return None


def _mark_number(style: Numbering, value: str) -> int:
    if style is Numbering.CIRCLED:
        return ord(value) - 0x2460 + 1
    return int(value) if value.isdigit() else parse_cn_int(value) or 0


# 年 / 月 / 万人 … right after a number: "2024 年区…" is a date, not item 2024.
_QUANTITY_START_RE = re.compile(r"^(?:年|月|日|万|亿|千|百|个|%|％|家|项|人|亩|元)")


def _looks_like_quantity(rest: str) -> bool:
    return bool(_QUANTITY_START_RE.match(rest))


# Field labels: any phrase of the label family composed in :mod:`taskdoc.lexicon.labels`
# (分管县领导 / 牵头责任单位 / 部门分工 / 时间节点 …). Which field a label introduces is
# read from its words by taskdoc.grammar.fields.kind_of_label, not from one list per role.
ANY_LABEL = labels.ANY_LABEL
_LABEL_OPENERS = "（(【［[〔"
# 责任单位（列第一位的为牵头单位）：/ 责任单位（排名不分先后）：— a bracketed note between
# a label and its colon; it says how to read the value and is not part of the label
_NOTE_MAX = 40
LABEL_NOTE = rf"[（(][^（()）]{{1,{_NOTE_MAX}}}[）)]"
# 责任领导：王新伟  /  牵头单位: 市发展改革委  /  （牵头单位：…  /  责任单位（注）：…
FIELD_START_RE = re.compile(rf"^[{_LABEL_OPENERS}]?\s*({ANY_LABEL})\s*(?:{LABEL_NOTE}\s*)?[：:]\s*")
# the label just before a colon: "王新伟 牵头单位" + "：" → 牵头单位 (not 组织领导 in 加强组织领导：)
_LABEL_BEFORE_COLON_RE = re.compile(rf"(?<![\u4e00-\u9fff])({ANY_LABEL})\s*$")
# colons, with the spaces after them
_COLON_RE = re.compile(r"[：:]\s*")
# a table row flattened with spaces: 责任单位 市财政局 (the label ends at the spaces)
_SPACE_RE = re.compile(r"[ \t\u3000]+")
# the longest label plus padding
_LABEL_WINDOW = labels.LABEL_MAX_CHARS + 4
_ANY_LABEL_RE = re.compile(rf"^(?:{ANY_LABEL})$")


@dataclass(frozen=True, slots=True)
class LabelMark:
    """A field label inside a line: where it starts, where its value starts, and the label."""

    start: int
    value_start: int
    label: str


def is_label(text: str) -> bool:
    """True for a whole label of the family: ``牵头责任单位``, ``分管县领导``, ``部门分工``."""
    return _ANY_LABEL_RE.match(text) is not None


def find_labels(text: str, *, spaced: bool = False) -> list[LabelMark]:
    """Every field label in ``text`` that is followed by a colon, left to right.

    Anchored on the colons, so a long task text costs one scan for ``：``
    rather than a label match attempted at every character. ``spaced`` also
    accepts a run of spaces (or the end of the text) as the end of a label, as
    in table rows flattened to text (``序号 工作任务 分管县领导 牵头单位``).
    """
    if "：" not in text and ":" not in text and not spaced:
        return []
    ends = [(m.start(), m.end()) for m in _COLON_RE.finditer(text)]
    if spaced:
        spaces = [(m.start(), m.end()) for m in _SPACE_RE.finditer(text)]
        ends = sorted({*ends, *spaces, (len(text), len(text))})
    marks: list[LabelMark] = []
    for colon, value_start in ends:
        end = _before_note(text, colon)
        window = max(0, end - _LABEL_WINDOW)
        match = _LABEL_BEFORE_COLON_RE.search(text, window, end)
        if match is not None and not (marks and match.start(1) < marks[-1].value_start):
            marks.append(LabelMark(match.start(1), value_start, match.group(1)))
    return marks


_NOTE_CLOSERS = "）)"
_NOTE_OPENERS = "（("


def _before_note(text: str, colon: int) -> int:
    """Where a label before ``colon`` must end: before a bracketed note, if one stands there.

    ``责任单位（列第一位的为牵头单位）：`` → the index of ``（``; otherwise ``colon``
    (trailing spaces are left to the label pattern).
    """
    end = len(text[:colon].rstrip())
    if not end or text[end - 1] not in _NOTE_CLOSERS:
        return colon
    for index in range(end - 2, max(-1, end - _NOTE_MAX - 2), -1):
        char = text[index]
        if char in _NOTE_OPENERS:
            return index if index < end - 2 else colon
        if char in _NOTE_CLOSERS:
            return colon
    return colon


# 责 任 单 位：… (letter-spaced) / 【牵头单位】… (bracketed): label forms of other typesetters
_LOOSE_LABEL_RE = re.compile(
    r"^[【\[]?\s*((?:[\u4e00-\u9fff]\s*){2,12}?)\s*(?:[】\]]\s*[：:]?|[：:])\s*"
)


@lru_cache(maxsize=8192)
def normalize_field_start(text: str) -> str:
    """Rewrite a spaced or bracketed label to the plain form: ``【责任单位】A`` → ``责任单位：A``."""
    if FIELD_START_RE.match(text) is not None:
        return text
    match = _LOOSE_LABEL_RE.match(text)
    if match is None:
        return text
    label = re.sub(r"\s+", "", match.group(1))
    if not is_label(label):
        return text
    return f"{label}：{text[match.end() :]}"


def starts_with_field(text: str) -> bool:
    """True for a line that opens with a field label such as ``责任单位：``."""
    return FIELD_START_RE.match(normalize_field_start(text)) is not None


# 2024 年区《政府工作报告》目标任务分解 / 重点工作任务分工方案 / 民生实事责任清单
LIST_TITLE_RE = re.compile(
    r"(?:任务|工作|事项|实事|目标|指标|责任|项目)[^。；，：:]{0,8}"
    r"(?:分解|分工|清单|台账|任务表|分解表|分工表|责任表)(?:方案|表|一览表)?$"
)
# 关于印发…的通知 / …的通知: the notice's own title, never a task list.
NOTICE_TITLE_RE = re.compile(r"^关于|(?:通知|意见|决定|函|报告|方案)》?$")


# A list title is one short line; a longer one is a sentence quoting a title.
_TITLE_MAX = 60
# The last characters LIST_TITLE_RE can end on (分解, 分工, 清单, 台账, …表, …方案).
_TITLE_LAST_CHARS = frozenset("解工单账表案")


# 2024年重点民生实事任务清单（共10项） / …分解（30项）: the count after a title
_TITLE_COUNT_RE = re.compile(rf"\s*[（(]共?\s*(?:\d+|[{_CN_DIGITS}]+)\s*[项件条个类][）)]$")


@lru_cache(maxsize=8192)
def is_list_title(text: str) -> bool:
    """A task-list title line: ``2020 年市政府工作报告重点工作任务分解``."""
    if text[-1:] in "）)":
        text = _TITLE_COUNT_RE.sub("", text)
    if len(text) > _TITLE_MAX or text[-1:] not in _TITLE_LAST_CHARS:
        return False
    if number_mark(text) is not None or starts_with_field(text):
        return False
    if text.startswith("关于") or text.endswith("通知"):
        return False
    # 2．2024年…任务分解 (an item of the 附件：1．… / 2．… listing) / 附件：1．…任务分解
    if _ITEM_NUMBER_RE.match(text) or COLOPHON_RE.match(text):
        return False
    return LIST_TITLE_RE.search(text.replace(" ", "")) is not None


# 2．2024年… : an item number, even when a year follows it (never how a title starts)
_ITEM_NUMBER_RE = re.compile(r"^\d{1,3}\s*[.．、]")

# 2024年3月7日 / 2020年5月27日印发
DATE_LINE_RE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:印发|发布)?$")
# 抄送：… / 主办：… / 联系人：… / 附件2 (closing matter of a notice, or the start of an attachment)
COLOPHON_RE = re.compile(
    r"^(?:(?:抄送|主送|主办|督办|印发|附件|联系人|联系电话|公开方式|信息公开选项)\s*\d*\s*[：:]"
    r"|附\s*件\s*\d*\s*$)"
)
# 汝阳县人民政府办公室　　2024年3月1日印发: the 版记 line, issuer and printing date
PRINTED_LINE_RE = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,40}\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发$"
)


def is_closing(text: str) -> bool:
    """Closing matter that ends the task being read: a date line, 抄送：…, the 版记 line."""
    return (
        DATE_LINE_RE.match(text) is not None
        or COLOPHON_RE.match(text) is not None
        or (text.endswith("印发") and PRINTED_LINE_RE.match(text) is not None)
    )


# 国务院 / 郑州市人民政府办公厅: a short line with no punctuation after a finished
# sentence is the signature under the last task, not more of its text.
_SIGNATURE_MAX = 25
_PUNCTUATION = frozenset("。，；：、！？,;:!?")


def is_signature(text: str) -> bool:
    """A signature-like line: short and without any punctuation."""
    return len(text) <= _SIGNATURE_MAX and not any(char in _PUNCTUATION for char in text)


def signs_off(text: str, following: str) -> bool:
    """``text`` is the notice's signature: a signature-like line directly above the date line."""
    return DATE_LINE_RE.match(following) is not None and is_signature(text)
