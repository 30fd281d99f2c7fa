"""The words of group headings: a leader or a unit, a duty verb, and the word for the work.

Many notices group their tasks by who answers for them, and say it once in the
heading rather than under every task:

* ``一、朱伟县长牵头重点工作`` / ``（一）王某副市长牵头重点工作`` — a person and a post;
* ``二、常务副县长李某主抓工作`` — the post before the name;
* ``一、县示范区管委会牵头工作（8项）`` — a unit, with the count of its tasks.

A heading is ``[由] SUBJECT VERB [的] [重点|主要…] 工作|任务|事项 [清单] [（N项）]``;
the word for the work may be left out after a person (``（一）王某副市长牵头``), never
after a unit (``区园林局牵头`` is a task's duty clause).
This module holds those words; :mod:`taskdoc.grammar.groups` applies them.
"""

from __future__ import annotations

import re

# 牵头 / 主抓 / 负责 / 分管 … — the verb that ties the subject to the group's tasks
LEAD_VERBS = ("总牵头", "牵头", "主抓", "领衔", "统筹", "主办")
RESPONSIBLE_VERBS = ("负责", "承办", "落实")
PERSON_ONLY_VERBS = ("分管", "联系", "包抓", "挂帅")
GROUP_VERBS = (*LEAD_VERBS, *RESPONSIBLE_VERBS, *PERSON_ONLY_VERBS)
_VERB = "|".join(GROUP_VERBS)

# 重点工作 / 工作 / 任务 / 主要任务 / 重点工作任务 / 事项 / 项目 / 民生实事
_QUALIFIER = r"(?:重点|主要|具体|年度|重要|民生)"
_WORK = r"(?:工作|任务|事项|项目|实事)"
GROUP_NOUN = rf"{_QUALIFIER}?{_WORK}(?:任务)?(?:清单|事项)?"

# （8项） / (共12项) / （10条）: the count of the group's tasks after the heading
_COUNT = r"(?:\s*[（(]\s*共?\s*[0-9０-９一二三四五六七八九十百]+\s*[项件条个]\s*[）)])"

# the characters a heading can end on (before ：/。): the work word, a verb, a count bracket
GROUP_LAST_CHARS = frozenset("作务项目事实单头抓衔筹办责落管系帅）)")

# the whole heading, after its number: the subject is short and holds no punctuation
GROUP_HEADING_RE = re.compile(
    rf"^(?:由)?(?P<subject>[^，。；：,;:！？\s（）()]{{2,40}}?)"
    rf"(?P<verb>{_VERB})(?:的)?(?P<noun>{GROUP_NOUN})?{_COUNT}?\s*[：:。]?$"
)

# Leader posts: 县长 / 常务副县长 / 副市长 / 区长 / 省长 / 县长助理 / 主任 / 书记 / 秘书长 / 同志
_PLACE = "省市区县州旗盟镇乡"
_POST = (
    rf"(?:常务)?副?[{_PLACE}]长(?:助理)?"
    r"|副?(?:书记|秘书长|主任|主席|局长|部长|巡视员)"
    r"|常委|党组成员|党组书记|委员|同志"
)
# 县政府副县长 / 市委常委: the body the post belongs to, written before it
_BODY = rf"(?:[{_PLACE}](?:政府|委|人大|政协)?)?"
LEADER_POST = rf"(?:{_BODY}(?:{_POST}))"
# a personal name: two to four characters (the shortest that leaves a post), or a
# transcribed one with the middle dot
_NAME = r"(?:[\u4e00-\u9fff]{2,4}?|[\u4e00-\u9fff]{1,6}[·•][\u4e00-\u9fff]{1,8}?)"
# 朱伟县长 / 曹惠明常务副县长 / 常务副县长李某 / 县长朱伟同志: a name with its posts
# around it (at least one; checked by the caller)
NAME_WITH_POSTS_RE = re.compile(
    rf"^(?P<before>(?:{LEADER_POST})*)(?P<name>{_NAME})(?P<after>(?:{LEADER_POST})*)$"
)
# 张某 in 张某、李某副县长: a name whose post is written once, after the last name
BARE_NAME_RE = re.compile(rf"^{_NAME}$")
POST_ONLY_RE = re.compile(rf"^(?:{LEADER_POST})+$")
# names listed together share the post written after the last: 张某、李某副县长
NAME_SEPARATOR_RE = re.compile(r"[、，,和及与]")

# The last characters of an organisation's name: 局 委 办 管委会 政府 中心 街道 …
UNIT_ENDINGS = frozenset("局委办厅部院会府心司团室所站队处社行馆署道镇乡区县市园组")
# 管委会主任 / 办公室主任: an organisation with its post, not a person's name
UNIT_SUFFIXES = ("管委会", "委员会", "政府", "办公室", "中心", "公司", "集团", "指挥部")
