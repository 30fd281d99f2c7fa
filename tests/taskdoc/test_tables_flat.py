"""Task tables however they arrive: Word / PDF tables and the four text flattenings.

Every table here is invented (other names, other places) in the shapes real
notices use.
"""

from __future__ import annotations

import pytest

from taskdoc.grammar.cells import looks_like_units, name_lengths, number_cell, unit_groups
from taskdoc.grammar.tables import table_lines
from taskdoc.grammar.tables_header import column_kind, detect_header, split_run_together
from taskdoc.lexicon.columns import ColumnKind
from taskdoc.model import Location, Rule, TableRow, Task
from taskdoc.pipeline import parse_bytes, parse_text
from tests.taskdoc.docgen import docx_with_table


def _units(task: Task) -> list[str]:
    return [unit.name for unit in (*task.lead_units, *task.responsible_units)]


# ------------------------------------------------------------------ column names


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("序号", ColumnKind.NUMBER),
        ("主  要  工  作  任  务", ColumnKind.TEXT),
        ("目标与任务", ColumnKind.TEXT),
        ("年度预期目标", ColumnKind.TEXT),
        ("分管县领导", ColumnKind.FIELD),
        ("牵头责任单位", ColumnKind.FIELD),
        ("责 任 主 体", ColumnKind.FIELD),
        ("时间节点", ColumnKind.FIELD),
        ("工作举措及实施计划", ColumnKind.IGNORED),
        ("进展情况", ColumnKind.IGNORED),
        ("领域", ColumnKind.CATEGORY),
        ("姓名", None),
    ],
)
def test_column_names_are_composed_from_head_words(name: str, kind: ColumnKind | None) -> None:
    assert column_kind(name) is kind


def test_run_together_header_is_cut_into_its_columns() -> None:
    found = split_run_together("序号工作任务分管县领导牵头单位协同单位完成时限1推进")
    assert found is not None
    assert found[0] == ("序号", "工作任务", "分管县领导", "牵头单位", "协同单位", "完成时限")


# ------------------------------------------------------------------ cells


def test_cell_shapes() -> None:
    assert number_cell("7*") == ("7", ("*",))
    assert number_cell("★12") == ("12", ("★",))
    assert number_cell("推进") is None
    groups, _ = unit_groups("农业农村局城南街道桥西镇(开发区)市水务集团", 0)
    assert groups == [["农业农村局"], ["城南街道"], ["桥西镇(开发区)"], ["市水务集团"]]
    assert unit_groups("市卫生健康委员会、县住房和城乡建设局", 0)[0] == [
        ["市卫生健康委员会", "县住房和城乡建设局"]
    ]
    assert looks_like_units("商务局、各乡镇(街道)")
    assert not looks_like_units("完成农村公路改造50公里。")
    assert name_lengths("李敏财政局", 0) == (3, 2)


# ------------------------------------------------------------------ the four flattenings

_ONE_PER_LINE = """二〇二五年重点工作责任分解

序号

重 点 工 作 任 务

责 任 单 位

1

粮食产量稳定在50万吨以上。

县农业农村局

2

稳定外贸

出口总额增长8%。

县商务局、县税务局

3*

新建口袋公园12个。

县住建局
"""


def test_one_cell_per_line_with_title_lines_and_flags() -> None:
    tasks = parse_text(_ONE_PER_LINE).tasks
    assert [t.number for t in tasks] == [1, 2, 3]
    assert tasks[1].text == "稳定外贸出口总额增长8%。"
    assert _units(tasks[1]) == ["县商务局", "县税务局"]
    assert tasks[2].flags == ("*",)
    source = tasks[0].sources[0]
    assert source.rule is Rule.TABLE_COLUMN and source.evidence == "责任单位"


def test_cells_ended_by_pipes_with_an_ignored_plan_column() -> None:
    text = (
        "序号 | 民生实事 | 推进计划 | 责任单位 | 配合单位 |\n"
        "1 | 改造老旧小区30个。 | 6月底前开工;10月底前完工。 | 建设局 | 财政局、各街道 |\n"
        "2 | 新增停车位2000个。 | 9月底前完成。 | 交通局 | 公安局 |\n"
    )
    tasks = parse_text(text).tasks
    assert [t.text for t in tasks] == ["改造老旧小区30个。", "新增停车位2000个。"]
    assert [u.name for u in tasks[0].supporting_units] == ["财政局", "各街道"]


def test_cells_separated_by_tabs() -> None:
    text = "序号\t工作任务\t责任单位\n1\t建成污水管网20公里。\t县水利局\n2\t植树造林1万亩。\t县林业局\n"
    tasks = parse_text(text).tasks
    assert [_units(t) for t in tasks] == [["县水利局"], ["县林业局"]]


def test_cells_separated_by_runs_of_spaces() -> None:
    text = (
        "序号    主要任务    责任领导    牵头单位\n"
        "1    建成养老服务中心3个。    周立新    民政局\n"
        "2    新增就业岗位5000个。    周立新    人社局\n"
    )
    tasks = parse_text(text).tasks
    assert [t.leaders for t in tasks] == [("周立新",), ("周立新",)]
    assert [[u.name for u in t.lead_units] for t in tasks] == [["民政局"], ["人社局"]]


_RUN_TOGETHER = (
    "1、某区民生实事项目分解表序号项目名称主要内容分管领导牵头单位配合单位"
    "1改善出行条件新建公交站台40个。钱立群交通局城东街道市公交公司"
    "2提升医疗服务建成社区卫生服务站5个。孙晓卫健局各街道"
    "推进家庭医生签约服务。李敏医保局城西街道\n"
    "2、3扩大托育供给新增托位600个。李敏教育局各街道"
    "新建普惠托育园2所。序号项目名称主要内容分管领导牵头单位配合单位"
    "4建设体育公园完成场地建设。钱立群体育局城南街道\n"
)


def test_run_together_rows_are_cut_by_the_header_and_the_genre() -> None:
    tasks = parse_text(_RUN_TOGETHER).tasks
    assert [t.number for t in tasks] == [1, 2, 2, 3, 3, 4]
    assert tasks[0].text == "改善出行条件新建公交站台40个。"
    assert tasks[0].leaders == ("钱立群",)
    assert [u.name for u in tasks[0].supporting_units] == ["城东街道", "市公交公司"]
    assert tasks[1].leaders == ("孙晓",)
    assert tasks[2].text == "推进家庭医生签约服务。" and tasks[2].leaders == ("李敏",)
    # a sub-row with text only shares the merged cells of the row above
    assert tasks[4].text == "新建普惠托育园2所。"
    assert [u.name for u in tasks[4].lead_units] == ["教育局"]


# ------------------------------------------------------------------ docx and PDF tables


def test_docx_table_with_a_category_column_merged_down() -> None:
    rows = [
        ("序号", "类别", "目标任务", "分管县领导", "牵头单位"),
        ("1", "经济发展", "工业投资增长10%。", "郑华", "县经信局"),
        ("2", "经济发展", "招引亿元项目20个。", "郑华", "县商务局"),
        ("3", "社会民生", "新建幼儿园2所。", "吴芳", "县教育局"),
    ]
    data = docx_with_table(["某县重点工作责任分解"], rows, merge_down=(1,))
    tasks = parse_bytes(data, filename="x.docx").tasks
    assert [t.section_path[-1] for t in tasks] == ["经济发展", "经济发展", "社会民生"]
    assert [t.leaders for t in tasks] == [("郑华",), ("郑华",), ("吴芳",)]
    assert tasks[0].sources[0].rule is Rule.TABLE_COLUMN


def test_table_rows_carry_flags_and_table_column_evidence() -> None:
    rows = [
        TableRow(("序号", "工作任务", "责任单位"), Location(table=1, row=1)),
        TableRow(("★2", "完成改造。", "区城管局"), Location(table=1, row=2)),
    ]
    lines = list(table_lines(rows))
    assert getattr(lines[0], "flags", ()) == ("★",)
    field = lines[1].fields[0]  # type: ignore[attr-defined]
    assert field.rule is Rule.TABLE_COLUMN and field.label == "责任单位"


def test_repeated_header_rows_are_skipped() -> None:
    header = ("序号", "工作任务", "责任单位")
    rows = [
        TableRow(header, Location(table=1, row=1)),
        TableRow(("1", "完成改造。", "区城管局"), Location(table=1, row=2)),
        TableRow(header, Location(table=1, row=3)),
        TableRow(("2", "新建公园。", "区园林局"), Location(table=1, row=4)),
    ]
    assert [line.text for line in table_lines(rows)] == [
        "1. 完成改造。",
        "责任单位：区城管局",
        "2. 新建公园。",
        "责任单位：区园林局",
    ]


def test_pdf_text_table_flattened_with_spaces() -> None:
    from tests.taskdoc.docgen import pdf_from_text

    text = (
        "序号  工作任务  责任单位\n1  建成污水处理厂1座。  县水利局\n2  新建公园3个。  县住建局\n"
    )
    tasks = parse_bytes(pdf_from_text(text), filename="x.pdf").tasks
    assert [_units(t) for t in tasks] == [["县水利局"], ["县住建局"]]


def test_detect_header_keeps_names_as_written() -> None:
    header = detect_header(["序号", "主 要 任 务", "责 任 单 位"])
    assert header is not None and header.names[2] == "责 任 单 位"
