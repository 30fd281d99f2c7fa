"""Numbering marks, field labels and list titles."""

from __future__ import annotations

import pytest

from taskdoc.grammar.markers import (
    Numbering,
    is_closing,
    is_list_title,
    number_mark,
    signs_off,
    starts_with_field,
)


@pytest.mark.parametrize(
    ("text", "style", "number", "rest"),
    [
        ("1. 推动防控机制常态化", Numbering.ARABIC, 1, "推动防控机制常态化"),
        ("145. 提升治理能力。", Numbering.ARABIC, 145, "提升治理能力。"),
        ("12、加快建设", Numbering.ARABIC, 12, "加快建设"),
        ("3．完善机制", Numbering.ARABIC, 3, "完善机制"),
        ("一、全力推动经济发展全面提速", Numbering.CN_COMMA, 1, "全力推动经济发展全面提速"),
        ("（二）千方百计扩大有效投资", Numbering.CN_PAREN, 2, "千方百计扩大有效投资"),
        ("(十) 着力构建对外开放体系高地", Numbering.CN_PAREN, 10, "着力构建对外开放体系高地"),
        ("（三十六）着力建设", Numbering.CN_PAREN, 36, "着力建设"),
        ("第二部分 重点工作", Numbering.PART, 2, "重点工作"),
        ("（1）加快", Numbering.ARABIC_PAREN, 1, "加快"),
        ("2）加快", Numbering.ARABIC_PAREN, 2, "加快"),
        ("③推进", Numbering.CIRCLED, 3, "推进"),
    ],
)
def test_number_mark(text: str, style: Numbering, number: int, rest: str) -> None:
    mark = number_mark(text)
    assert mark is not None
    assert (mark.style, mark.number, mark.rest) == (style, number, rest)


@pytest.mark.parametrize(
    "text",
    [
        "2024 年区《政府工作报告》目标任务分解",
        "1.3万人",
        "5G基站",
        "10 月底前完成",
        "一季度完成",
        "今年",
    ],
)
def test_number_mark_ignores_quantities_and_words(text: str) -> None:
    assert number_mark(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024 年区《政府工作报告》目标任务分解", True),
        ("2024 年区政府重点民生实事任务分解", True),
        ("2023年政府工作报告重点任务分工方案", True),
        ("民生实事项目责任清单", True),
        ("关于印发《2024年区〈政府工作报告〉目标任务分解》的通知", False),
        ("经市人民政府同意，现将《2020年市政府工作报告重点工作任务分解》印发给你们。", False),
        ("一、项目化推进", False),
    ],
)
def test_is_list_title(text: str, expected: bool) -> None:
    assert is_list_title(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("责任领导：王新伟", True),
        ("责任市领导：王新伟", True),
        ("分管领导: 王新伟", True),
        ("牵头部门：市发展改革委", True),
        ("配合单位：市财政局", True),
        ("完成时限：2024年6月底", True),
        ("主办：市政府督查室", False),
        ("领导重视是关键", False),
    ],
)
def test_starts_with_field(text: str, expected: bool) -> None:
    assert starts_with_field(text) is expected


@pytest.mark.parametrize(
    ("text", "style", "number"),
    [("１．推进项目建设。", Numbering.ARABIC, 1), ("（２）新增学位", Numbering.ARABIC_PAREN, 2)],
)
def test_full_width_digits_number_items(text: str, style: Numbering, number: int) -> None:
    mark = number_mark(text)
    assert mark is not None
    assert (mark.style, mark.number) == (style, number)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("2024年区重点民生实事任务清单（共10项）", True),
        ("2024年重点工作任务分解（30项）", True),
        ("2．2024年区重点民生实事任务分解", False),  # the 附件：1．… / 2．… listing
        ("附件：1．2024年区政府工作报告目标任务分解", False),
    ],
)
def test_list_titles_with_counts_and_attachment_listings(text: str, title: bool) -> None:
    assert is_list_title(text) is title


@pytest.mark.parametrize(
    ("text", "closing"),
    [
        ("汝阳县人民政府办公室　　　　2024年3月1日印发", True),
        ("抄送：区委办公室。", True),
        ("2024年3月1日", True),
        ("县财政局、县发展改革委", False),
        ("2024年3月1日前印发实施方案", False),
    ],
)
def test_closing_lines(text: str, closing: bool) -> None:
    assert is_closing(text) is closing


def test_a_signature_is_known_by_the_date_below_it() -> None:
    assert signs_off("某某县人民政府办公室", "2024年3月1日")
    assert not signs_off("某某县人民政府办公室", "责任单位：县财政局")
    assert not signs_off("推进项目建设，完成投资。", "2024年3月1日")
