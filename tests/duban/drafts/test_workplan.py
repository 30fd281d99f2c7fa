"""The plan year's work items of a work report (taskdoc, pure): samples 001 and 003, invented."""

from __future__ import annotations

from taskdoc.grammar.workplan import work_plan, work_plan_of_bytes
from tests.duban.drafts.conftest import REPORT
from tests.taskdoc.conftest import CORPUS


def test_003_items_are_the_2024_plan_not_the_review() -> None:
    data = next(CORPUS.glob("003_*.txt")).read_bytes()
    plan = work_plan_of_bytes(data, filename="003.txt")
    assert plan.year == 2024
    titles = [item.title for item in plan.items]
    # 三、2024年工作重点: seven （一）… items; 四、加强政府自身建设 groups four more
    assert titles[0] == "在经济增长上聚力攻坚,积聚高质量发展动能"
    assert titles[6] == "在安全稳定上聚力攻坚,守牢高质量发展底线"
    assert titles[7] == "旗帜鲜明讲政治,打造忠诚政府"
    assert "加强政府自身建设" not in titles
    assert len(plan.items) == 11
    first = plan.items[0]
    assert [s.title for s in first.subitems] == [
        "加力提效扩大投资",
        "多措并举促进消费",
        "全力以赴招商引资",
    ]
    assert first.subitems[0].text.startswith("加力提效扩大投资。树牢“项目为王”理念")
    assert not any("各位代表" in s.text for item in plan.items for s in item.subitems)
    assert "各位代表" not in plan.items[-1].text


def test_001_numbered_headings_and_inline_subitems() -> None:
    data = next(CORPUS.glob("001_*.txt")).read_bytes()
    plan = work_plan_of_bytes(data, filename="001.txt")
    assert plan.year == 2024
    assert len(plan.items) == 10
    assert plan.items[0].title == "突出创新核心地位 扎实推进创新高地建设"
    assert plan.items[9].title == "加强政府自身建设 打造人民满意政府"
    subs = [s.title for s in plan.items[0].subitems]
    assert subs[0] == "持续深化中原科技城“三合一”融合发展"
    assert "积极引育创新人才" in subs
    # the photo caption between items is no part of item 1
    assert not any("蓄势发力" in s.text for s in plan.items[0].subitems)


def test_invented_report_items_and_subitems() -> None:
    plan = work_plan(REPORT)
    assert plan.year == 2025
    assert [i.title for i in plan.items] == [
        "办好人民满意教育",
        "加强生态环境保护",
        "推动产业转型升级",
    ]
    assert plan.items[0].subitems == ()
    assert plan.items[0].text.startswith("推进义务教育优质均衡发展")
    third = plan.items[2]
    assert [s.title for s in third.subitems] == ["壮大先进制造业", "发展现代服务业"]
    assert third.text == "坚持创新驱动，加快培育新兴产业。"


def test_a_report_without_plan_items_has_none() -> None:
    plan = work_plan("一、2024年工作回顾\n（一）经济稳中向好。全年增长6%。\n")
    assert plan.items == ()
