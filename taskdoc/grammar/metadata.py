"""Document metadata from a notice's header: issuer, 文号, title, date, year, level, recipients.

The header is the run of paragraphs before the recipients line
(``各街道办事处，区政府各部门，各有关单位：``). Headers are read from the raw
paragraphs, before repair, because header lines carry no punctuation and
would otherwise be joined into one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from taskdoc.grammar.markers import DATE_LINE_RE
from taskdoc.model import DocumentInfo, Paragraph

# 郑政办〔2020〕29号 / 国办发[2024]5号 / 管政办（2024）3号
DOC_NUMBER_RE = re.compile(
    r"[\u4e00-\u9fff]{1,8}\s*[〔\[［(（]\s*(\d{4})\s*[〕\]］)）]\s*\d{1,4}\s*号"
)
# 2024年3月7日
DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# 郑州市管城回族区人民政府办公室 / 郑州市人民政府办公厅文件
ISSUER_RE = re.compile(
    r"^(?P<issuer>[\u4e00-\u9fff]{2,30}?(?:人民政府办公厅|人民政府办公室|人民政府|政府办公室|政府办公厅|办公厅|办公室|委员会|管委会))(?:文件)?(?=\s|关于|$)"
)
# 国务院文件 / 河南省人民政府文件: the red-head line, name + 文件
RED_HEAD_RE = re.compile(r"^(?P<issuer>[\u4e00-\u9fff]{2,30}?)文件$")
# 关于印发《…》的通知 / 关于做好…的通知
# a type word followed by 的 or a closing quote names the document the notice issues
# (关于印发…分工方案的通知), so the title runs on to the next one
TITLE_RE = re.compile(r"关于.+?(?:通知|意见|决定|方案|函)(?![的》〉」”])")
# 2024 年区《政府工作报告》 / 2020年市政府工作报告
YEAR_RE = re.compile(r"(20\d{2})\s*年")
# the lowest administrative level named before 人民政府/政府: 郑州市管城回族区人民政府 → 区
LEVEL_RE = re.compile(r"(国务院|省|自治区|市|区|县|旗)(?:人民)?(?:政府)?")
_LEVEL_NAMES = {"国务院": "国家", "自治区": "省", "旗": "县"}
# 各县（市、区）人民政府，市人民政府各部门，各有关单位：
RECIPIENTS_RE = re.compile(r"^(?P<names>(?:各|有关|市|区|县|省)[^。]{2,120})[：:]$")
_RECIPIENT_STARTS = ("各", "有关", "市", "区", "县", "省")


def header_paragraphs(paragraphs: Sequence[Paragraph], limit: int = 12) -> list[str]:
    """Texts up to and including the recipients line (or the first ``limit`` paragraphs).

    A recipients line that a PDF wrapped (``各省辖市人民政府，…各省直管县（市`` +
    ``）人民政府，省人民政府各部门：``) is given back joined, as one text.
    """
    texts: list[str] = []
    window = [paragraph.text.strip() for paragraph in paragraphs[: limit + _RECIPIENT_LINES]]
    index = 0
    while index < min(limit, len(window)):
        text = window[index]
        joined, used = _recipients_at(window, index)
        if joined is not None:
            texts.append(joined)
            break
        texts.append(text)
        index += used
    return texts


# A recipients line is at most three printed lines long.
_RECIPIENT_LINES = 3


def _recipients_at(texts: Sequence[str], index: int) -> tuple[str | None, int]:
    """The recipients line starting at ``texts[index]``, joined over its wrapped lines."""
    text = texts[index]
    if RECIPIENTS_RE.match(text):
        return text, 1
    if (
        not text.startswith(_RECIPIENT_STARTS)
        or text.endswith(("：", ":", "。"))
        or not any(separator in text for separator in "，、,")
        or "通知" in text
    ):
        return None, 1  # a wrapped recipients line lists several names in its first line
    for end in range(index + 2, min(index + _RECIPIENT_LINES, len(texts)) + 1):
        joined = "".join(texts[index:end])
        if RECIPIENTS_RE.match(joined):
            return joined, end - index
    return None, 1


def extract_metadata(
    paragraphs: Sequence[Paragraph],
    *,
    list_titles: Sequence[str],
    source_format: str,
    filename: str | None,
) -> DocumentInfo:
    """Read what the header states; every field is None when the header does not say."""
    header = header_paragraphs(paragraphs)
    joined = "".join(header)
    issuer = _first_issuer(header)
    date = _issue_date(paragraphs)
    title = _title(joined, issuer, list_titles)
    recipients = next((m.group("names") for t in header if (m := RECIPIENTS_RE.match(t))), None)
    number = next((m for t in header if (m := DOC_NUMBER_RE.search(t.split("文件")[-1]))), None)
    return DocumentInfo(
        title=title,
        issuer=issuer,
        doc_number=re.sub(r"\s+", "", number.group(0)) if number else None,
        date=date,
        year=_plan_year(list_titles, title, date),
        level=_level(issuer or "", list_titles),
        recipients=recipients,
        source_format=source_format,
        filename=filename,
    )


# Letter-spaced issuer lines (``郑 州 市 人 民 政 府``) are short; long lines keep their spaces.
_SHORT_LINE = 20


def _first_issuer(header: Sequence[str]) -> str | None:
    """The office that issues the notice: a header line such as ``郑州市人民政府办公厅``,
    ``国务院文件`` (the red-head line: name + 文件), or the name before ``关于`` in the title."""
    for text in header:
        compact = text.replace(" ", "") if len(text) < _SHORT_LINE else text
        match = ISSUER_RE.match(compact)
        if match:
            return str(match.group("issuer"))
        red_head = RED_HEAD_RE.match(compact)
        if red_head:
            return red_head.group("issuer")
    return None


def notice_title(paragraphs: Sequence[Paragraph]) -> str | None:
    """The notice's own title (``关于…的通知``) from its header, if it has one."""
    match = TITLE_RE.search("".join(header_paragraphs(paragraphs)).replace(" ", ""))
    return match.group(0) if match else None


def _title(joined: str, issuer: str | None, list_titles: Sequence[str]) -> str | None:
    match = TITLE_RE.search(joined.replace(" ", ""))
    if match:
        return match.group(0)
    return list_titles[0] if list_titles else None


def _issue_date(paragraphs: Sequence[Paragraph]) -> str | None:
    """The first standalone date line (the signature date of the notice)."""
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        if DATE_LINE_RE.match(text):
            match = DATE_RE.match(text)
            assert match is not None
            year, month, day = (int(g) for g in match.groups())
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _plan_year(list_titles: Sequence[str], title: str | None, date: str | None) -> int | None:
    for text in [*list_titles, title or ""]:
        match = YEAR_RE.search(text)
        if match:
            return int(match.group(1))
    return int(date[:4]) if date else None


def _level(issuer: str, list_titles: Sequence[str]) -> str | None:
    levels: list[str] = LEVEL_RE.findall(issuer)
    if levels:
        return _LEVEL_NAMES.get(levels[-1], levels[-1])
    for text in list_titles:
        match = re.search(r"年\s*(省|市|区|县)", text)
        if match:
            return match.group(1)
    return None
