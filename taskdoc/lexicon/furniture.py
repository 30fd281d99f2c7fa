"""The furniture of government web pages, around the notice a user copied.

A notice saved from a government site brings the page's own apparatus with it:
the 政务公开 metadata table at the top (``索引号：… 发布机构：… 成文日期：…``),
the article bar (``发布时间：… 信息来源：… 浏览次数：… 字体大小：大 中 小``) and
the tools at the bottom (``打印本页 关闭窗口``). None of it is the notice; some of
it (``公开方式：主动公开``) would even read as the notice's closing matter. These
are the words of that apparatus, as plain data; the text stage
(:mod:`taskdoc.text.furniture`) drops a line made of nothing else.
"""

from __future__ import annotations

import re

# Field names of the 政务公开 metadata table and of the article bar; each is followed
# on the page by a colon, a space or a table separator, and a short value (or none).
METADATA_FIELDS = (
    "信息索引号",
    "索引号",
    "索 引 号",
    "发布机构",
    "发布单位",
    "发文单位",
    "发文机关",
    "发文机构",
    "成文日期",
    "发文日期",
    "发布日期",
    "生成日期",
    "公开日期",
    "发布时间",
    "印发日期",
    "主题分类",
    "组配分类",
    "体裁分类",
    "服务对象",
    "主题词",
    "文件编号",
    "文件登记号",
    "登记号",
    "发文字号",
    "文号",
    "公开方式",
    "公开范围",
    "公开时限",
    "有效性",
    "是否有效",
    "时效",
    "信息来源",
    "来源",
    "访问次数",
    "浏览次数",
    "阅读次数",
    "点击数",
    "字体大小",
    "字号",
    "作者",
    "责任编辑",
    "分享到",
)
# Page tools and labels that stand alone: a line holding only these is furniture.
PAGE_TOOLS = (
    "打印本页",
    "打印本文",
    "关闭窗口",
    "关闭本页",
    "保存本页",
    "收藏本页",
    "返回顶部",
    "我要打印",
    "我要纠错",
    "【打印】",
    "【关闭】",
    "【字体：大 中 小】",
    "字体：大 中 小",
    "大 中 小",
    "全文",
    "正文",
    "扫一扫在手机打开当前页",
    "相关附件",
    "相关链接",
)

_FIELDS = "|".join(sorted((re.escape(f) for f in METADATA_FIELDS), key=len, reverse=True))
# 索引号: / 发布机构 / 【发布机构】 / • 主题分类： — a field name opening a cell of the table
FIELD_NAME_RE = re.compile(rf"^[•·●▪\-\s【\[]*(?:{_FIELDS})[】\]]?\s*(?:[：:|]|\s|$)")
# every field name in a line, wherever it stands (the table's cells run on in one line)
FIELD_NAME_ANYWHERE_RE = re.compile(rf"(?:{_FIELDS})\s*[：:|]?")
PAGE_TOOLS_SET = frozenset(tool.replace(" ", "") for tool in PAGE_TOOLS)
