"""The column names of task tables, and the shapes of the cells under them.

A header row is recognised by its column names, which notices compose from a
few *head words* with qualifiers in front: 序号; 主要工作任务 / 重点工作任务 /
目标与任务 / 年度预期目标 / 实事项目 / 项目名称 / 主要内容; the field labels
(分管领导 / 牵头单位 / 责任主体 / 完成时限 …, whose role the label family of
:mod:`taskdoc.lexicon.labels` decides); 工作举措及实施计划 / 进展情况, read but
not part of the task; and 类别 / 领域, the section a row belongs to.
Typesetting pads names with spaces (``主  要  工  作  任  务``), so names are
compared without whitespace.

The second half is what the cells of a table look like, used to cut cells
that a flattened table ran together: a unit name ends in 局 / 委 / 街道 /
公司…; a leader is a short personal name; a task starts with a verb.

Vocabulary only; :mod:`taskdoc.grammar.tables` and :mod:`taskdoc.grammar.cells`
hold the algorithms.
"""

from __future__ import annotations

import re
from enum import StrEnum


class ColumnKind(StrEnum):
    """What a table column holds."""

    NUMBER = "number"  # 序号
    TEXT = "text"  # 主要工作任务 / 项目名称 / 主要内容
    FIELD = "field"  # 分管领导 / 牵头单位 / 责任单位 / 完成时限 (the label family)
    CATEGORY = "category"  # 类别 / 领域, merged down: the section of its rows
    IGNORED = "ignored"  # 工作举措及实施计划 / 进展情况 / 备注: read, not part of the task


# 序号 / 编号 / 序 / 项目编号
NUMBER_NAMES = ("序号", "编号", "序", "号", "项目编号", "任务编号")

# The head word a text column name ends with …
TEXT_HEADS = (
    "任务", "工作", "内容", "事项", "目标", "措施", "举措", "指标", "项目", "实事",
    "名称", "要求", "重点",
)  # fmt: skip
# … and the words that may stand before it: 主要工作任务 / 年度预期目标 / 目标与任务
TEXT_QUALIFIERS = (
    "主要", "重点", "具体", "年度", "预期", "目标", "工作", "民生", "实事", "项目", "任务",
    "指标", "内容", "建设", "发展", "量化", "细化", "分解", "与", "和", "及", "、",
)  # fmt: skip

# 工作举措及实施计划 / 推进计划 / 进度安排 / 阶段目标: milestones of the task, not its text;
# 进展情况 / 完成情况 / 完成成效 / 备注: what a progress report adds.
IGNORED_WORDS = (
    "计划", "进度", "安排", "阶段", "进展", "情况", "成效", "备注", "说明", "评价", "得分",
    "佐证", "完成率",
)  # fmt: skip

# 类别 / 领域 / 板块: a column merged down over the rows of one section
CATEGORY_NAMES = (
    "类别", "类型", "分类", "大类", "领域", "板块", "方面", "专项", "项目类别", "工作类别",
    "任务类别", "重点领域", "所属领域", "序列",
)  # fmt: skip

# ------------------------------------------------------------------ cells
# Marks written on a task number: 1* / ★1 / 1★ (a key task, a new one…), kept as flags.
NUMBER_FLAGS = "*＊★☆▲△※●◆"

# The last characters and words of an organisation's name (教育局 / 发改委 / 各街道 / 晋陵公司).
UNIT_ENDINGS = frozenset("局委办厅部院会府心司团室所站队处社行馆署道镇乡区县市园组联")
# Names that end in one of these words are cut after the whole word only (委员会, not 委|员会).
UNIT_SUFFIX_WORDS = (
    "委员会", "管委会", "办公室", "办事处", "街道办", "指挥部", "政府", "中心", "公司",
    "集团", "分局", "分院", "联合会", "工作站",
)  # fmt: skip
# A unit name is short: 3 to 20 characters (二字 names such as 妇联 / 团委 / 工会 are listed).
UNIT_MIN_CHARS = 3
UNIT_MAX_CHARS = 20
SHORT_UNITS = frozenset(("妇联", "团委", "工会", "残联", "科协", "侨联", "文联", "法院", "税务"))

# Task texts start with a verb; a unit name never does (推进大庙弄核心区 is text, not a unit).
TASK_VERBS = (
    "推进", "推动", "实施", "完成", "开展", "提升", "新建", "建成", "建设", "加快", "加强",
    "深化", "落实", "优化", "强化", "促进", "增加", "打造", "持续", "实现", "新增", "改造",
    "启动", "组织", "举办", "提供", "支持", "力争", "确保", "做好", "健全", "完善", "扩大",
    "培育", "引进", "创建", "改扩建", "对", "为", "全面", "积极", "坚持", "着力", "全力",
)  # fmt: skip
# Words that never stand inside a unit name
NON_UNIT_WORDS = ("完成", "推进", "实施", "开展", "提供", "新增", "增加", "推动", "加快", "确保")

# Personal names: two or three characters (何海平 / 张菁), four after a compound surname.
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "令狐", "慕容", "司徒")
# Characters that end a place or a level, never a personal name (全区 / 各县)
NOT_NAME_CHARS = frozenset("省市区县镇乡州局委办各全")
NAME_CHARS = (2, 3)

# A deadline cell: 6月底前 / 2024年12月 / 长期坚持 / 年内 / 第三季度
DEADLINE_CELL_RE = re.compile(
    r"^(?:\d{4}年)?(?:\d{1,2}月|年底|年内|年中|全年|上半年|下半年|第?[一二三四1-4]季度|\d{1,2}月底)"
    r"|^(?:长期|持续|常态化|按年度|每年|20\d\d)"
)


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation, longest word first (主要任务 before 主要)."""
    return "|".join(sorted(set(words), key=len, reverse=True))


_QUALIFIER = alternation(TEXT_QUALIFIERS)
_HEAD = alternation(TEXT_HEADS)
# 主要工作任务 / 年度预期目标 / 目标与任务 / 实事项目 / 项目名称 / 主要内容: qualifiers, then a head
TEXT_NAME = rf"(?:(?:{_QUALIFIER})*?(?:{_HEAD}))"
NUMBER_NAME = rf"(?:{alternation(NUMBER_NAMES)})"
CATEGORY_NAME = rf"(?:{alternation(CATEGORY_NAMES)})"
# 工作举措及实施计划 / 进展情况 / 年度完成情况 / 完成成效: words, then an ignored word
IGNORED_NAME = rf"(?:[\u4e00-\u9fff]{{0,8}}?(?:{alternation(IGNORED_WORDS)}))"

# The level words a unit of a table starts with (县财政局 / 区民政局 / 市发展改革委 / 省教育厅):
# where a run-together row could be cut after a two- or three-character name, the cut that
# starts the unit with one of them is the likelier.
UNIT_LEVEL_PREFIXES = ("省", "市", "州", "盟", "区", "县", "旗")
