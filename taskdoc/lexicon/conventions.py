"""How notices say, once, that the first unit of a list leads the task.

A decomposition notice often lists several units per task without labelling
which one leads, and states the rule once: in the preamble
(``列第一位的为牵头单位``), in the first label or column header
(``责任单位（排在第一位的为牵头单位）``), or inside the first unit list
(``县发改局（首位单位为牵头单位，下同）``). The phrasings vary from government to
government, so the sentence is composed here from its parts rather than listed
whole:

* an optional exception clause, ``除标注“牵头”的外，`` (an explicit mark wins);
* a position word, ``列 / 排 / 排在 / 位列 / 排名 / 居…`` (optional);
* the ordinal, ``第一位 / 第一个 / 首位 / 首个``;
* what stands there, ``的 / 者 / 的责任单位 / 单位`` (optional);
* the copula, ``为 / 是 / 系 / 作为``;
* the role, ``牵头单位 / 牵头部门 / 牵头或汇总单位 / 主办单位 / 牵头责任单位``;
* an optional ``，下同`` / ``，以下同``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# 除标注“牵头”的外 / 除已注明牵头单位的以外，其余 — the explicit mark overrides the order
_QUOTE_OPEN = "“\"'‘「『"
_QUOTE_CLOSE = "”\"'’」』"
EXCEPT_CLAUSE = (
    rf"除(?:已|特别|另行)?(?:标注|标明|注明|标有|标记|明确)(?:为|了)?[{_QUOTE_OPEN}]?"
    rf"牵头(?:单位|部门)?[{_QUOTE_CLOSE}]?(?:字样)?(?:单位|部门)?(?:的|者)?(?:以)?外"
    r"[，,、\s]*(?:其余|其他|其它)?(?:的)?(?:均|都|一律)?(?:以)?"
)
# 列 / 排 / 列在 / 排在 / 排于 / 位列 / 名列 / 排名 / 排序 / 排列 / 位于 / 居
POSITION = r"(?:(?:位|名)?(?:列|排)(?:名|序|列)?(?:在|于)?|位于|居于?)"
# 第一位 / 第一个 / 第一名 / 第1位 / 首位 / 首个
ORDINAL = r"(?:第(?:一|1|１)|首)(?:位|个|名)?"
# 的 / 者 / 的责任单位 / 单位 / 的部门
HOLDER = r"(?:的|者)?(?:(?:责任|牵头|承办)?(?:单位|部门))?"
COPULA = r"(?:即为|作为|为|是|系)"
# 牵头单位 / 牵头部门 / 牵头或汇总单位 / 总牵头单位 / 主办单位 / 牵头责任单位
_ROLE_WORD = r"(?:总牵头|牵头|主办|主责)"
ROLE = (
    rf"{_ROLE_WORD}(?:(?:或|和|及|、|/){_ROLE_WORD}?(?:汇总|负责))?"
    r"(?:责任)?(?:单位|部门)"
)
# ，下同 / ，以下同 / ，后同 / ，全文同
LATER_TOO = r"(?:[，,、；;]?\s*(?:以下|下文|后文|全文)?(?:均|皆)?(?:下同|同)(?![\u4e00-\u9fff]))"

CONVENTION = rf"(?:{EXCEPT_CLAUSE})?(?:{POSITION})?{ORDINAL}{HOLDER}{COPULA}{ROLE}{LATER_TOO}?"

CONVENTION_RE = re.compile(CONVENTION)
# （首位单位为牵头单位，下同）: the convention as a bracket inside a label or a unit list
_BRACKETED_RE = re.compile(rf"\s*[（(【\[]\s*{CONVENTION}\s*[。.]?\s*[）)】\]]")

# Every phrasing holds 牵头 / 主办 / 主责 and an ordinal: cheap tests before any regex.
_ROLE_CHARS = ("牵头", "主办", "主责")
_ORDINAL_CHARS = ("第一", "第1", "第１", "首")


@dataclass(frozen=True, slots=True)
class ConventionWords:
    """The convention as written, and where it stands in the text it was found in."""

    words: str
    start: int
    end: int


def may_state_convention(text: str) -> bool:
    """A precheck: ``text`` holds a role word and an ordinal, so it may state the convention."""
    return any(word in text for word in _ROLE_CHARS) and any(o in text for o in _ORDINAL_CHARS)


def find_convention(text: str) -> ConventionWords | None:
    """The first statement of the first-listed-is-lead convention in ``text``, if any."""
    if not may_state_convention(text):
        return None
    match = CONVENTION_RE.search(text)
    if match is None:
        return None
    return ConventionWords(match.group(0), match.start(), match.end())


# 注：涉及多个单位的，列第一位的为牵头单位。 — a note closing a line (or standing alone)
_NOTE_RE = re.compile(
    rf"\s*[（(]?\s*(?:注|说明|备注)\s*[0-9０-９]?\s*[：:][^。；;：:]{{0,16}}?{CONVENTION}"
    r"\s*[。.；;]?\s*[）)]?\s*$"
)


def without_convention(text: str) -> str:
    """``县发改局（首位单位为牵头单位，下同）、县财政局`` → ``县发改局、县财政局``.

    The bracket states the rule for the document; it is not part of a unit name
    or a label (``责任单位（列第一位的为牵头单位）：`` → ``责任单位：``), and a note
    (``注：列第一位的为牵头单位。``) is not part of the text it was joined to.
    """
    if not may_state_convention(text):
        return text
    return _NOTE_RE.sub("", _BRACKETED_RE.sub("", text))
