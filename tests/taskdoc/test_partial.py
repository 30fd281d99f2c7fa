"""Partial documents: a notice cut off inside its last task (issue 9, item 7).

Each shape of cut is tried on an invented notice: the complete tasks before the
cut are kept, the cut one is left out with a ``task_truncated`` warning. A
complete notice keeps its last task.
"""

from __future__ import annotations

import pytest

from taskdoc import parse_text
from taskdoc.errors import NoTasksError
from taskdoc.grammar.truncation import unbalanced
from taskdoc.model import ParseResult

HEAD = "关于印发2031年青禾县重点工作任务分解的通知\n2031年重点工作任务分解\n"
TASK_1 = "1.新建城乡公共停车场12处。\n责任领导：林某\n责任单位：县交通局\n"
TASK_2 = "2.完成老旧小区改造30个。\n责任领导：许某\n责任单位：县住建局、各乡镇\n"


def _truncated(result: ParseResult) -> list[str]:
    return [issue.message for issue in result.issues if issue.code == "task_truncated"]


def _numbers(result: ParseResult) -> list[int]:
    return [task.number for task in result.tasks]


@pytest.mark.parametrize(
    ("ending", "reason"),
    [
        ("3.推进数字乡村试点，建设益农信息", "任务内容未"),  # task text stops mid-sentence
        ("3.推进数字乡村试点。（牵头单位：县农业局、县", "括号"),  # bracket left open
        ("3.推进数字乡村试点。\n责任领导：林某\n责任单位：", "为空"),  # empty field
    ],
)
def test_a_cut_last_task_is_left_out_with_a_warning(ending: str, reason: str) -> None:
    result = parse_text(HEAD + TASK_1 + TASK_2 + ending)
    assert _numbers(result) == [1, 2]
    [message] = _truncated(result)
    assert message.startswith("任务3（")
    assert reason in message
    assert "文件在该任务中结束" in message


def test_a_unit_list_running_to_the_end_unlike_the_others_is_cut() -> None:
    """Where every unit list ends with 。, one that stops without it was cut."""
    text = (
        HEAD
        + "1.新建停车场12处。牵头单位：县交通局；责任单位：县公安局。\n"
        + "2.改造小区30个。牵头单位：县住建局；责任单位：各乡镇。\n"
        + "3.建设益农信息站。牵头单位：县农业局；责任单位：县商务局、县供"
    )
    result = parse_text(text)
    assert _numbers(result) == [1, 2]
    assert "延续到文件末尾" in _truncated(result)[0]


def test_a_task_cut_before_its_fields_is_cut() -> None:
    result = parse_text(HEAD + TASK_1 + TASK_2 + "3.推进数字乡村试点，建设益农信息站")
    assert _numbers(result) == [1, 2]
    assert _truncated(result)


def test_a_group_is_named_when_numbers_restart() -> None:
    text = (
        "一、张某县长牵头重点工作\n" + TASK_1 + "二、李某副县长牵头重点工作\n"
        "1.深化土地综合整治，完成垦造耕地2000亩、城镇低效用地"
    )
    [message] = _truncated(parse_text(text))
    assert "二、李某副县长牵头重点工作" in message


def test_a_complete_notice_ending_in_a_full_stop_keeps_its_last_task() -> None:
    result = parse_text(HEAD + TASK_1 + TASK_2 + "3.推进数字乡村试点。")
    assert _numbers(result) == [1, 2, 3]
    assert not _truncated(result)


def test_a_complete_notice_ending_in_a_plain_unit_field_keeps_its_last_task() -> None:
    """Unit lists written without 。 everywhere: the last one is as complete as the others."""
    result = parse_text(HEAD + TASK_1 + TASK_2)
    assert _numbers(result) == [1, 2]
    assert not _truncated(result)


def test_closing_matter_after_the_last_task_means_complete() -> None:
    text = HEAD + TASK_1 + "2.推进数字乡村试点，建设益农信息站\n责任单位：县农业局\n2031年3月2日\n"
    result = parse_text(text)
    assert _numbers(result) == [1, 2]
    assert not _truncated(result)


def test_a_lone_cut_task_is_kept_with_the_warning() -> None:
    result = parse_text("1.推进数字乡村试点。\n责任领导：林某\n责任单位：")
    assert _numbers(result) == [1]
    [message] = _truncated(result)
    assert "已保留" in message


def test_a_file_with_no_task_list_still_says_what_was_expected() -> None:
    with pytest.raises(NoTasksError, match="未找到任务"):
        parse_text("各乡镇人民政府，县政府各部门：\n现将有关事项通知如下，请认真贯彻执行。")


def test_a_table_row_short_of_its_header_columns_is_cut() -> None:
    text = (
        "| 序号 | 工作任务 | 责任领导 | 责任单位 |\n"
        "| --- | --- | --- | --- |\n"
        "| 1 | 新建停车场12处。 | 林某 | 县交通局 |\n"
        "| 2 | 改造小区30个。 | 许某 | 县住建局 |\n"
        "| 3 | 建设益农信息站 |\n"
    )
    result = parse_text(text)
    assert _numbers(result) == [1, 2]
    assert "表格行" in _truncated(result)[0]


def test_a_full_last_table_row_is_complete() -> None:
    text = (
        "| 序号 | 工作任务 | 责任领导 | 责任单位 |\n"
        "| --- | --- | --- | --- |\n"
        "| 1 | 新建停车场12处 | 林某 | 县交通局 |\n"
        "| 2 | 改造小区30个 | 许某 | 县住建局 |\n"
    )
    result = parse_text(text)
    assert _numbers(result) == [1, 2]
    assert not _truncated(result)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（市政府办公室、市", True),
        ("[牵头单位：县发改局(粮食局)]", False),
        ("“三权分置", True),
        ("（X牵头)", False),  # full-width opened, half-width closed
        ("完成改造。", False),
    ],
)
def test_unbalanced(text: str, expected: bool) -> None:
    assert unbalanced(text) is expected
