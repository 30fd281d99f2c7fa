"""The words of reports and bulletins: kinds of document, headings, plan references, periods.

Plain data for :mod:`taskdoc.grammar.genre` (which kind of document this is),
:mod:`taskdoc.figures.sections` (what a heading opens), :mod:`taskdoc.figures.reports`
(what a figure is: a target, an actual, a plan figure, a gap to the target),
:mod:`taskdoc.figures.periods` and :mod:`taskdoc.figures.tablefigures`. A new
phrasing of the genre is added here, not in the algorithms.
"""

from __future__ import annotations

# ---------------------------------------------------------------- kinds of document

# Title words of a plan-execution report: 关于…2021年国民经济和社会发展计划执行情况与2022年…的报告.
# (not 重点项目计划执行情况, a bulletin: the plan is the economy's or the budget)
PLAN_REPORT_TITLE_WORDS = (
    "社会发展计划执行情况", "社会发展规划执行情况", "计划执行情况与", "规划执行情况与",
    "计划（草案）", "计划(草案)", "规划（草案）", "规划(草案)", "预算执行情况与", "预算（草案）",
    "预算(草案)",
)  # fmt: skip
# Title words of a work report or its digest: 政府工作报告, 政 府 工 作 报 告, 政府工作报告摘编.
WORK_REPORT_TITLE_WORDS = ("政府工作报告", "工作报告摘编", "工作报告（摘要）", "工作报告(摘要)")
# Title words that make a document a decomposition notice even when it names the report:
# 关于印发《2024年区〈政府工作报告〉目标任务分解》的通知.
NOTICE_TITLE_WORDS = (
    "通知", "分解", "分工", "任务清单", "责任清单", "台账", "工作方案", "实施方案", "意见",
)  # fmt: skip
# Title words of a progress bulletin: 进展情况表, 完成情况的通报, 督查通报, 完成情况公示.
BULLETIN_TITLE_WORDS = (
    "进展情况", "完成情况", "落实情况", "推进情况", "执行情况", "通报", "督查", "公示", "情况表",
    "情况汇报", "工作总结",
)  # fmt: skip
# Words of a report's body: the speaker's address and the report's review.
REPORT_BODY_WORDS = ("各位代表", "工作回顾", "过去一年", "主要预期目标")
# Words of a bulletin's body: 今年以来, 完成年度目标的, 占年度计划的, 超额完成. (Not 进展情况 or
# 截至: a notice's preamble asks for 截至上月底的进展情况 too.)
BULLETIN_BODY_WORDS = ("今年以来", "完成年度目标", "占年度计划", "占年度目标", "超额完成")

# ---------------------------------------------------------------- headings

# A heading opening a review of the last year: 一、2023年工作回顾, 规划执行情况, 目标完成情况.
REVIEW_HEADING_WORDS = (
    "回顾", "执行情况", "完成情况", "工作总结", "过去一年", "主要成效", "落实情况", "进展情况",
    "推进情况",
)  # fmt: skip
# A heading opening a plan: 主要预期目标, 工作重点, 主要任务和措施, 总体要求, 计划（草案）.
PLAN_HEADING_WORDS = ("目标", "任务", "重点", "计划", "要求", "安排", "草案", "打算", "思路")
# A heading opening the main expected targets, and the paragraph stating them.
MAIN_WORDS = ("主要预期目标", "主要目标", "预期目标", "主要经济指标预期目标")
# Period words in a heading that make a review an in-year progress report: 前三季度落实情况.
IN_YEAR_WORDS = ("上半年", "前三季度", "季度", "今年以来", "截至", "截止", "1-", "1—", "1至")

# ---------------------------------------------------------------- roles of figures

# A plan figure named as such: 年度目标, 年计划, 年度投资计划, 市定目标, 全年任务.
PLAN_REF_WORDS = (
    "年度目标", "年度任务", "年度计划", "年度投资目标", "年度投资计划", "年计划", "年度目标任务",
    "全年目标", "全年任务", "全年计划", "市定目标", "目标任务", "省定目标", "任务目标", "计划投资",
)  # fmt: skip
# A stated gap to a target or a benchmark: 低于目标0.5个百分点, 高于全省平均水平1.7个百分点.
DIFFERENCE_VERBS_BELOW = ("低于", "慢于", "落后于", "落后")
DIFFERENCE_VERBS_ABOVE = ("高于", "快于", "超过", "超出", "领先")
# …and what the gap is measured against: 目标, 全省平均水平, 全市, 上年同期.
DIFFERENCE_BASES = (
    "年度目标", "预期目标", "目标", "全国平均水平", "全国平均", "全国", "全省平均水平", "全省平均",
    "全省", "全市平均水平", "全市平均", "全市", "上年同期", "去年同期", "序时进度", "时序进度",
    "计划进度",
)  # fmt: skip
# Words that make a sentence of a bulletin or an unheaded report page a plan, not a result.
PLAN_CUE_WORDS = (
    "力争", "确保", "预期", "目标是", "计划", "争取", "将", "要", "拟", "预计全年", "目标为",
)  # fmt: skip
# Words that make a sentence a result whatever else it says: 已, 完成了, 累计完成.
RESULT_CUE_WORDS = ("已", "完成了", "累计完成", "实现了", "达到了", "同比", "比上年")

# ---------------------------------------------------------------- tables of indicators

# Column names of the row's indicator (the metric of bare numbers in the row).
TABLE_NAME_COLUMNS = ("指标名称", "指标", "项目名称", "项目", "名称", "主要指标")
# Column names of the plan: 全年任务目标(个), 年度目标, 内容与要求, 项目内容, 计划.
TABLE_TARGET_COLUMNS = (
    "任务目标", "目标任务", "年度目标", "全年目标", "目标", "计划", "内容与要求", "项目内容",
    "项 目 内 容", "主要内容", "工作任务", "任务", "预期",
)  # fmt: skip
# Column names of the result: 实际完成(个), 进展情况, 年度完成情况, 1-9月完成.
TABLE_ACTUAL_COLUMNS = (
    "实际完成", "完成情况", "进展情况", "落实情况", "推进情况", "完成数", "完成值", "实际", "完成",
    "累计",
)  # fmt: skip
# Column names of the completion share: 完成进度, 完成率, 完成比例, 占年度目标.
TABLE_SHARE_COLUMNS = ("完成进度", "完成率", "完成比例", "占年度目标", "占比", "进度")

# ---------------------------------------------------------------- dates that are no deadline

# A date written with Chinese numerals, as closing lines and speech headings have it.
CN_DATE_DIGITS = "〇○零一二三四五六七八九十"
# Words after a date that make it the date of a speech or a meeting: 在…会议上, 上午, 召开.
SPEECH_AFTER_WORDS = ("在", "上午", "下午", "召开", "举行", "印发", "发布")

# ---------------------------------------------------------------- the headline indicators

# The indicators of the 主要预期目标 list: a notice task holding several of them is that list.
HEADLINE_METRICS = (
    "地区生产总值", "固定资产投资", "规模以上工业增加值", "规上工业增加值", "社会消费品零售总额",
    "一般公共预算收入", "城镇调查失业率", "居民人均可支配收入", "城乡居民收入", "进出口总值",
    "进出口", "居民消费价格", "建筑业总产值", "研发投入强度",
)  # fmt: skip
