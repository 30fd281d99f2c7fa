"""The text stage (issue 9, item 6): script, one-line notices, site furniture, chunk marks.

Every notice here is invented; the shapes are those real pages take.
"""

from __future__ import annotations

from taskdoc import parse_text
from taskdoc.model import Location, Paragraph
from taskdoc.text.furniture import is_furniture, without_chunk_mark, without_furniture
from taskdoc.text.oneline import split_paragraphs, split_run_on_lines
from taskdoc.text.script import ScriptMap, has_traditional, simplify_blocks, to_simplified

# -- traditional characters ---------------------------------------------------------

TRADITIONAL = (
    "二〇三一年重點工作責任分解\n"
    "一、堅持創新驅動\n"
    "1、建設區域科技創新中心，推動產業鏈協同發展。牽頭單位:市科技局;責任單位:市經信委、市財政廳。\n"
    "2、開展質量提升行動，強化標準體系建設。牽頭單位:市監管局;責任單位:市發改委、各縣政府。\n"
    "二〇三一年三月二日\n"
)


def test_traditional_notice_parses_and_keeps_its_characters() -> None:
    tasks = parse_text(TRADITIONAL).tasks
    assert [t.number for t in tasks] == [1, 2]
    assert tasks[0].text == "建設區域科技創新中心，推動產業鏈協同發展。"
    assert [u.raw for u in tasks[0].lead_units] == ["市科技局"]
    assert [u.raw for u in tasks[0].responsible_units] == ["市經信委", "市財政廳"]
    assert [u.name for u in tasks[1].responsible_units] == ["市發改委", "各縣政府"]
    assert tasks[0].section_path == ("一、堅持創新驅動",)


def test_conversion_is_length_preserving() -> None:
    for text in ("網際網路+監管", "牽頭單位:省財政廳", "乾燥 幹部 干預"):
        assert len(to_simplified(text)) == len(text)
    assert to_simplified("牽頭單位") == "牵头单位"


def test_simplified_documents_are_not_converted() -> None:
    blocks = (Paragraph("1.新建停车场。", Location(line=1)),)
    converted, script = simplify_blocks(blocks)
    assert converted == blocks
    assert script is None
    assert not has_traditional("责任单位：县交通局")
    assert has_traditional("責任單位")


def test_restore_finds_repeated_text_in_order_and_keeps_spaces() -> None:
    original = ["甲、發展區域經濟", "乙、發展區域經濟 協調"]
    script = ScriptMap(original, [to_simplified(t) for t in original])
    assert script.restore("发展区域经济") == "發展區域經濟"
    assert script.restore("发展区域经济 协调") == "發展區域經濟 協調"


def test_restore_falls_back_to_the_documents_own_characters() -> None:
    original = ["市經信委、市財政廳"]
    script = ScriptMap(original, [to_simplified(t) for t in original])
    assert script.restore_name("市财政委") == "市財政委"  # not in the text in one piece


# -- a notice on one line -----------------------------------------------------------

ONE_LINE = (
    "各乡镇人民政府，县政府各部门： 现将任务分解印发给你们，请认真贯彻执行。 "
    "青禾县人民政府办公室 2031年3月2日 2031年重点工作责任分解 一、林某县长牵头重点工作 "
    "1.新建城乡公共停车场12处，增加泊位3000个。 责任单位:县交通局、县公安局 "
    "2.完成老旧小区改造30个，惠及居民5000户。 责任单位:县住建局 "
    "二、许某副县长牵头重点工作 1.建设益农信息站40个。 责任单位:县农业局"
)


def test_a_one_line_notice_is_split_into_its_paragraphs() -> None:
    pieces = split_paragraphs(ONE_LINE)
    assert "1.新建城乡公共停车场12处，增加泊位3000个。" in pieces
    assert "责任单位:县交通局、县公安局" in pieces
    assert "二、许某副县长牵头重点工作" in pieces
    assert "2031年3月2日" in pieces


def test_a_one_line_notice_parses() -> None:
    tasks = parse_text(ONE_LINE).tasks
    assert [t.number for t in tasks][:3] == [1, 2, 1]
    assert tasks[0].text == "新建城乡公共停车场12处，增加泊位3000个。"
    assert [u.name for u in (*tasks[0].lead_units, *tasks[0].responsible_units)] == [
        "县交通局",
        "县公安局",
    ]


def test_a_mark_glued_to_a_sentence_end_is_split_in_a_run_on_line() -> None:
    text = (
        "一、稳增长 1.新建停车场12处，增加泊位3000个，缓解老城区停车难题。2.完成老旧小区改造30个，"
        "惠及居民5000户。 责任单位:县住建局 3.建设益农信息站40个，覆盖全部行政村。 责任单位:县农业局"
    )
    pieces = split_paragraphs(text)
    assert "2.完成老旧小区改造30个，惠及居民5000户。" in pieces


def test_an_ordinary_paragraph_with_spaces_is_left_alone() -> None:
    text = (
        "1. 以城市更新为抓手，实施 22 个更新项目，续建凤凰路等 16 条道路，启动兴隆路等 25 条道路建设，"
        "完成 14 座垃圾收集设施、2 万个停车泊位建设，整修路面 3 万平方米以上，完成井盖整治 2000 座以上。"
    )
    block = Paragraph(text, Location(line=1))
    assert list(split_run_on_lines([block])) == [block]


def test_a_space_after_a_label_colon_does_not_split() -> None:
    text = ONE_LINE.replace("责任单位:县住建局", "责任单位: 县住建局")
    assert "责任单位: 县住建局" in split_paragraphs(text)


# -- site furniture -----------------------------------------------------------------


def test_metadata_table_lines_are_furniture() -> None:
    assert is_furniture("索引号: | 001122/2031-00012 | 成文日期: | 2031-03-02 |")
    assert is_furniture("发布机构: | 县政府办公室 | 有效性: |")
    assert is_furniture(" 组配分类 规划计划  发布机构 青禾县人民政府办公室")
    assert is_furniture("• 主题分类:")
    assert is_furniture("浏览次数：")
    assert is_furniture("||")
    assert is_furniture("打印本页")


def test_notice_lines_are_not_furniture() -> None:
    assert not is_furniture("1.新建停车场12处。")
    assert not is_furniture("责任单位：县交通局")
    assert not is_furniture("2031年重点工作责任分解")
    assert not is_furniture("来源：本地统计，全年增长7%。各乡镇要加快推进，确保完成任务。")


def test_a_bare_field_takes_the_short_line_under_it_but_not_a_title() -> None:
    lines = [
        "• 发布机构:",
        "青禾县人民政府办公室",
        "• 有效性:",
        "2031年重点工作责任分解",
        "1.任务。",
    ]
    blocks = [Paragraph(text, Location(line=n)) for n, text in enumerate(lines, 1)]
    kept = [b.text for b in without_furniture(blocks) if isinstance(b, Paragraph)]
    assert kept == ["2031年重点工作责任分解", "1.任务。"]


def test_a_web_page_with_a_metadata_block_parses() -> None:
    text = (
        "索引号 11330000/2031-00012\n组配分类 规划计划  发布机构 青禾县人民政府办公室\n"
        "公开方式 主动公开\n• 发布机构:\n青禾县人民政府办公室\n"
        "2031年重点工作责任分解\n一、林某县长牵头重点工作\n"
        "1.新建停车场12处。\n责任单位:县交通局\n2.完成老旧小区改造30个。\n责任单位:县住建局。\n"
        "打印本页 关闭窗口\n"
    )
    tasks = parse_text(text).tasks
    assert [t.number for t in tasks] == [1, 2]


# -- page-chunk marks ---------------------------------------------------------------


def test_a_chunk_mark_inside_a_cell_is_dropped() -> None:
    assert without_chunk_mark("东区(新城镇", "2、)各社区") == ")各社区"
    assert without_chunk_mark("新建3家“书香", "4、驿站”，开展阅读活动") == "驿站”，开展阅读活动"
    assert without_chunk_mark("推进全民阅读", "3、") == ""


def test_a_real_item_after_a_finished_line_is_kept() -> None:
    assert without_chunk_mark("推进全民阅读。", "3、建设驿站") == "3、建设驿站"
    assert without_chunk_mark("开展文化下乡活动", "3、建设驿站") == "3、建设驿站"


# -- unnumbered paragraph tasks -----------------------------------------------------

PARAGRAPH_TASKS = """2031年重点工作任务分解
一、稳增长（牵头领导：林某）
新建城乡公共停车场12处。
责任单位：县交通局
完成老旧小区改造30个。
惠及居民5000户。
责任单位：县住建局、各乡镇
二、惠民生
建设益农信息站40个。
牵头单位：县农业局
责任单位：县商务局
2031年3月2日
"""


def test_unnumbered_paragraphs_followed_by_fields_are_tasks() -> None:
    tasks = parse_text(PARAGRAPH_TASKS).tasks
    assert [t.text for t in tasks] == [
        "新建城乡公共停车场12处。",
        "完成老旧小区改造30个。惠及居民5000户。",
        "建设益农信息站40个。",
    ]
    assert [t.number for t in tasks] == [1, 2, 3]
    assert tasks[0].section_path == ("一、稳增长（牵头领导：林某）",)
    assert [u.name for u in tasks[1].responsible_units] == ["县住建局", "各乡镇"]
    assert [u.name for u in tasks[2].lead_units] == ["县农业局"]


def test_numbered_notices_are_not_read_as_paragraph_tasks() -> None:
    from taskdoc.grammar.paragraphs import has_paragraph_tasks
    from taskdoc.model import SourceSpan
    from taskdoc.text.repair import Line

    texts = [
        "一、稳增长",
        "1.新建停车场12处。",
        "责任单位：县交通局",
        "2.改造小区30个。",
        "责任单位：县住建局",
    ]
    lines = [Line(t, SourceSpan.at(Location(line=n))) for n, t in enumerate(texts, 1)]
    assert not has_paragraph_tasks(lines)
