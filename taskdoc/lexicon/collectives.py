"""Words of unit lists: collectives, the 等 that closes a list, shared suffixes, posts.

* A *collective* stands for several units (``各街道办事处``, ``相关乡镇``,
  ``市政府各部门``, ``…等有关部门``, ``区防指成员单位``); it is kept as one
  value and flagged so it can be expanded against a unit directory.
* A list closed by ``等`` names more units than it lists (``市卫生健康委等``).
* A run of bare place names shares the organisation suffix written once at its
  end (``郑东新区、郑州高新区管委会``).
* A leader field of collectives is not a person (``区政府班子成员``, ``各副区长``).

Vocabulary only; :mod:`taskdoc.grammar.units` and :mod:`taskdoc.grammar.leaders`
hold the algorithms.
"""

from __future__ import annotations

# ------------------------------------------------------------------ collectives
# words that open a collective: 各街道 / 相关部门 / 有关单位 / 其他乡镇 / 所属企业 / 全体
COLLECTIVE_PREFIXES = ("各", "相关", "有关", "其他", "其它", "所属", "全体")
# what 各 / 相关 collect inside a name: 市政府各部门 / 区直相关部门 / 各县（市、区）
COLLECTED_NOUNS = ("部门", "单位", "委局", "委办局", "县", "区", "市", "街道", "乡镇", "级")
# 区直相关部门 / 有关乡镇 / 其他单位: a qualifier before a collected noun
RELATED_WORDS = ("相关", "有关", "其他")
RELATED_NOUNS = ("部门", "单位", "街道", "乡镇")
# the nouns a 等 list closes on: 市发展改革委等有关部门 / 郑州经开区等开发区管委会
ETC_NOUNS = ("部门", "单位", "机构", "政府", "管委会")
# 区防指成员单位 / 领导小组成员
MEMBER_SUFFIXES = ("成员单位", "成员")
# the word that closes an open list
ETC = "等"

# ------------------------------------------------------------------ shared suffixes
# 金水区 / 新郑市 / 中牟县 / 自贸区郑州片区 / 南曹街道 / 某某镇 — a place, not an organisation
PLACE_SUFFIXES = ("片区", "街道", "区", "县", "市", "旗", "镇", "乡")
# the organisation a run of places shares: 管城回族区政府 → 政府
ORGANISATION_SUFFIXES = ("人民政府", "政府", "管委会", "管理委员会", "办事处", "党工委")
# 及 joins two units (市级各有关部门及各县市区政府) unless it opens 及其… (及其派出机构)
JOINING_WORDS = ("以及", "及")
# words ending in 及 that join nothing: 科学普及中心 / 涉及 / 危及
NOT_JOINING_STARTS = ("普", "涉", "危")

# ------------------------------------------------------------------ lead marks
# 市发展改革委（牵头）: a lead unit marked inside a 责任单位 list
LEAD_MARKS = ("牵头", "主责", "牵头单位")

# ------------------------------------------------------------------ leader collectives
# a leader value that names a body or a set of posts, not a person
# (区政府班子成员 / 市政府班子成员 / 各副区长 / 各副市长 / 各分管副县长 / 其他领导)
LEADER_COLLECTIVE_WORDS = (
    "班子",
    "成员",
    "各副",
    "各分管",
    "各位",
    "全体",
    "领导们",
    "相关领导",
    "有关领导",
    "其他领导",
    "其他县领导",
    "其他市领导",
    "其他区领导",
)
