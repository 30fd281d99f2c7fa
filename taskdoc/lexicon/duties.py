"""Duty sentences: the verbs that give units their roles without a label.

National and provincial notices write the duties as clauses after the units
(``国家发展改革委牵头，各地区按职责分工负责``, ``市财政局、市商务局配合``),
often in a closing bracket, sometimes with a deadline clause among them
(``…分别负责，年内持续推进``). The words are here; the clause grammar is in
:mod:`taskdoc.grammar.fields`.
"""

from __future__ import annotations

from taskdoc.lexicon.labels import LabelRole

# verb → the role of the units before it; the longest verb is tried first.
DUTY_VERBS: dict[str, LabelRole] = {
    "牵头负责": LabelRole.LEAD,
    "牵头": LabelRole.LEAD,
    "负总责": LabelRole.LEAD,
    "按职责分工负责": LabelRole.RESPONSIBLE,
    "按照职责分工负责": LabelRole.RESPONSIBLE,
    "按职责负责": LabelRole.RESPONSIBLE,
    "按职能负责": LabelRole.RESPONSIBLE,
    "分工负责": LabelRole.RESPONSIBLE,
    "分别负责": LabelRole.RESPONSIBLE,
    "共同负责": LabelRole.RESPONSIBLE,
    "具体负责": LabelRole.RESPONSIBLE,
    "负责": LabelRole.RESPONSIBLE,
    "落实": LabelRole.RESPONSIBLE,
    "配合": LabelRole.SUPPORTING,
    "协同": LabelRole.SUPPORTING,
    "协助": LabelRole.SUPPORTING,
    "协办": LabelRole.SUPPORTING,
    "参与": LabelRole.SUPPORTING,
}
# words that may open the subject of a duty clause: 由县发改局牵头
SUBJECT_OPENERS = ("由",)
# a subject that names a position in a list is a convention, not a unit: 列第一位的单位牵头
ORDER_WORDS = ("第一", "首位", "首个", "排首", "列首", "排头")
# Verbs that keep the role of the labelled field they stand in (责任单位：A负责).
NEUTRAL_VERBS = frozenset(("负责", "落实"))

# ------------------------------------------------------------------ deadline clauses
# 2024年底前完成 / 6月底前 / 年内 / 年内持续推进 / 长期坚持: a deadline among the duties.
# A clause is a time, an action, or a time then an action.
DATE_TIME = (
    r"(?:\d{4}\s*年\s*(?:\d{1,2}\s*月份?|[一二三四]季度|上半年|下半年)?|\d{1,2}\s*月份?)"
    r"(?:\d{1,2}\s*日)?(?:底|末|中旬|上旬|下旬)?(?:前|以前|之前)?"
)
WORD_TIMES = (
    "年内",
    "年底前",
    "年底",
    "年末前",
    "当年",
    "今年",
    "全年",
    "上半年",
    "下半年",
    "每年",
    "每季度",
    "长期",
    "持续",
)
# actions after a time: 2024年底前完成 / 年内推进
TIMED_ACTIONS = ("完成", "落实", "实现", "见效", "建成", "取得成效", "到位", "出台", "推进", "实施")
# actions that are a deadline on their own, with or without a time: 持续推进 / 长期坚持
ONGOING_ACTIONS = ("持续推进", "长期坚持", "长期推进", "持续实施", "持续开展", "常态推进")
