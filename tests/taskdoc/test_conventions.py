"""The first-listed-is-lead convention, stated once anywhere, applied to every list.

Invented notices (other places, other units) state it in each position real
notices use: the preamble, the first label, a table header, inside the first
unit list; with ``下同`` and the ``除标注“牵头”的外`` exception; and an explicit
lead on a task overrides it.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from taskdoc import Task, parse_text
from taskdoc.lexicon.conventions import find_convention, without_convention
from taskdoc.model import Location, Rule, TableRow, UnitRef
from taskdoc.pipeline import _parse
from taskdoc.readers import ReadResult

TITLE = "2031年市政府重点工作任务分解"
# the notice's date closes the last task, so no task is taken for one cut off by the excerpt
END = "2031年1月5日\n"


def _names(units: Sequence[UnitRef]) -> list[str]:
    return [unit.name for unit in units]


def _roles(task: Task) -> tuple[list[str], list[str]]:
    return _names(task.lead_units), _names(task.responsible_units)


@pytest.mark.parametrize(
    "sentence",
    [
        "列第一位的为牵头单位",
        "列第一位者为牵头或汇总单位",
        "首位单位为牵头单位",
        "排第一位的为牵头单位",
        "排在第一位的责任单位为牵头单位",
        "列首位的部门为牵头部门",
        "排名第一的单位是牵头单位",
        "位列第一位的为主办单位",
        "第一个单位为牵头单位",
        "除标注“牵头”的外，列第一位的为牵头单位",
        "除注明牵头单位的以外，其余排第一位的为牵头单位",
    ],
)
def test_phrasings_of_the_convention(sentence: str) -> None:
    found = find_convention(f"说明：{sentence}。")
    assert found is not None
    assert found.words == sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "坚持把发展作为第一要务，由市发改委牵头推进",
        "首批试点单位为牵头推进单位的下属机构",
        "牵头单位要把安全放在首位",
        "第一责任人为牵头单位主要负责人",
    ],
)
def test_sentences_that_are_not_the_convention(sentence: str) -> None:
    assert find_convention(sentence) is None


def test_the_bracketed_convention_leaves_unit_names_and_labels() -> None:
    assert without_convention("市甲局(首位单位为牵头单位,下同)、市乙局") == "市甲局、市乙局"
    assert without_convention("责任单位（列第一位的为牵头单位）：市甲局") == ("责任单位：市甲局")
    assert without_convention("市甲局（牵头）、市乙局") == "市甲局（牵头）、市乙局"


def test_stated_in_the_preamble() -> None:
    result = parse_text(
        "各区人民政府，市政府各部门：\n"
        "现将任务分解印发给你们。涉及多个单位的，列第一位的为牵头单位。\n"
        f"{TITLE}\n"
        "1.建设轨道交通四号线。\n责任单位：市交通局、市财政局、市自然资源局\n"
        "2.新建学校10所。\n责任单位：市教育局\n" + END
    )
    first, single = result.tasks
    assert _roles(first) == (["市交通局"], ["市财政局", "市自然资源局"])
    assert _roles(single) == (["市教育局"], [])  # single-unit lists included
    assert result.lists[0].first_lead_rule
    lead = next(s for s in first.sources if s.field == "lead_units")
    assert (lead.rule, lead.evidence) == (Rule.CONVENTION, "列第一位的为牵头单位")
    assert lead.span is not None and lead.span.start.line == 2  # where it was stated
    # the single unit moved to lead: no source is left for an empty responsible field
    assert [s.field for s in single.sources] == ["lead_units"]


def test_stated_in_the_first_label() -> None:
    tasks = parse_text(
        f"{TITLE}\n"
        "1.改造燃气管网50公里。\n责任单位（列第一位的为牵头单位）：市城管局、市住建局\n"
        "2.建设充电桩2000个。\n责任单位：市发改委、市供电公司\n" + END
    ).tasks
    assert [_roles(t) for t in tasks] == [
        (["市城管局"], ["市住建局"]),
        (["市发改委"], ["市供电公司"]),
    ]


def test_stated_in_the_first_label_under_a_leader_line() -> None:
    """The noted label is a field of its own, not more names after 责任领导."""
    tasks = parse_text(
        f"{TITLE}\n"
        "1.改造燃气管网50公里。\n责任领导：詹某\n"
        "主要责任单位（排在第一位的为牵头单位）：市城管局、市住建局\n"
        "2.建设充电桩2000个。\n责任领导：闵某、钟某\n责任单位：市发改委、市供电公司\n" + END
    ).tasks
    assert [t.leaders for t in tasks] == [("詹某",), ("闵某", "钟某")]
    assert [_roles(t) for t in tasks] == [
        (["市城管局"], ["市住建局"]),
        (["市发改委"], ["市供电公司"]),
    ]
    lead = next(s for s in tasks[1].sources if s.field == "lead_units")
    assert (lead.rule, lead.evidence) == (Rule.CONVENTION, "排在第一位的为牵头单位")
    assert lead.span is not None and lead.span.start.line == 4


def test_stated_in_the_first_label_of_a_one_line_notice() -> None:
    tasks = parse_text(
        "南湖市人民政府办公室关于印发2031年市政府重点工作任务分解的通知 "
        "各区人民政府，市政府各部门： 现将《2031年市政府重点工作任务分解》印发给你们，"
        f"请认真贯彻执行。 {TITLE} 1.改造燃气管网50公里。 责任领导：詹某 "
        "责任单位（列第一位的为牵头单位）：市城管局、市住建局 "
        "2.建设充电桩2000个。 责任领导：闵某 责任单位：市发改委、市供电公司 " + END
    ).tasks
    assert [t.leaders for t in tasks] == [("詹某",), ("闵某",)]
    assert [_roles(t) for t in tasks] == [
        (["市城管局"], ["市住建局"]),
        (["市发改委"], ["市供电公司"]),
    ]


def test_stated_inside_the_first_unit_list() -> None:
    tasks = parse_text(
        f"{TITLE}\n"
        "一、闵某市长牵头重点工作\n"
        "1.地区生产总值增长6%。\n"
        "责任单位：市发改委（首位单位为牵头单位，下同）、市统计局、市财政局\n"
        "2.压减一般性支出。\n责任单位：市财政局\n"
        "二、钟某副市长牵头重点工作\n"
        "1.建设法治政府。\n责任单位：市司法局、市政府办\n" + END
    ).tasks
    assert [_roles(t) for t in tasks] == [
        (["市发改委"], ["市统计局", "市财政局"]),
        (["市财政局"], []),
        (["市司法局"], ["市政府办"]),
    ]
    assert [t.leaders for t in tasks] == [("闵某",), ("闵某",), ("钟某",)]
    assert [t.number for t in tasks] == [1, 2, 1]
    lead = next(s for s in tasks[2].sources if s.field == "lead_units")
    assert lead.evidence == "首位单位为牵头单位，下同"
    assert lead.span is not None and lead.span.start.line == 4


def test_stated_in_a_table_header() -> None:
    rows = (
        TableRow(
            ("序号", "工作任务", "责任单位（列第一位者为牵头或汇总单位）"), Location(table=1, row=1)
        ),
        TableRow(("1", "建设智慧停车平台。", "市城管局、市公安局"), Location(table=1, row=2)),
    )
    task = _parse(ReadResult(rows, "docx"), filename="t.docx").tasks[0]
    assert _roles(task) == (["市城管局"], ["市公安局"])
    lead = next(s for s in task.sources if s.field == "lead_units")
    assert lead.span is not None and lead.span.start.table == 1


def test_an_explicit_lead_on_a_task_overrides_it() -> None:
    tasks = parse_text(
        "说明：除标注“牵头”的外，排在第一位的为牵头单位。\n"
        f"{TITLE}\n"
        "1.建设应急指挥中心。\n责任单位：市应急局、市公安局、市消防救援支队牵头，市财政局配合\n"
        "2.建设智慧医院。\n责任单位：市财政局、市卫健委（牵头）\n"
        "3.建设博物馆。\n牵头单位：市文旅局\n责任单位：市住建局、市财政局\n" + END
    ).tasks
    assert _names(tasks[0].lead_units) == ["市应急局", "市公安局", "市消防救援支队"]
    assert _names(tasks[0].supporting_units) == ["市财政局"]
    assert _roles(tasks[1]) == (["市卫健委"], ["市财政局"])
    assert _roles(tasks[2]) == (["市文旅局"], ["市住建局", "市财政局"])
    assert all(s.rule is not Rule.CONVENTION for t in tasks for s in t.sources)


def test_a_unit_group_heading_leads_before_the_convention() -> None:
    task = parse_text(
        "说明：列第一位的为牵头单位。\n"
        f"{TITLE}\n"
        "一、市水务局牵头工作（2项）\n"
        "1.建设排涝泵站。\n责任单位：市城投集团、市财政局\n" + END
    ).tasks[0]
    assert _roles(task) == (["市水务局"], ["市城投集团", "市财政局"])


def test_without_the_convention_the_order_means_nothing() -> None:
    result = parse_text(f"{TITLE}\n1.建设公园。\n责任单位：市园林局、市财政局\n{END}")
    assert _roles(result.tasks[0]) == ([], ["市园林局", "市财政局"])
    assert not result.lists[0].first_lead_rule


def test_a_note_line_after_the_tasks_is_not_more_of_the_last_unit_list() -> None:
    tasks = parse_text(
        f"{TITLE}\n"
        "1.建设公园。\n责任单位：市园林局、市财政局\n"
        "2.建设绿道。\n责任单位：市园林局、市交通局\n"
        "注：涉及多个单位的，列第一位的为牵头单位。\n" + END
    ).tasks
    assert [_roles(t) for t in tasks] == [
        (["市园林局"], ["市财政局"]),
        (["市园林局"], ["市交通局"]),
    ]


def test_a_note_stands_apart_from_the_text_it_was_joined_to() -> None:
    assert without_convention("市园林局、市交通局注：涉及多个单位的，列第一位的为牵头单位。") == (
        "市园林局、市交通局"
    )
    assert without_convention("（注：排在第一位的为牵头单位）") == ""
    sentence = "现将任务分解印发给你们，请认真贯彻落实，列第一位的为牵头单位。"
    assert without_convention(sentence) == sentence
