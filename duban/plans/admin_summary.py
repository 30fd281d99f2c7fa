"""What the 后台 shows of an import's stored JSON: a Chinese summary, never the raw keys.

``ImportBatch.document_info`` and ``Task.source_data`` are written for programs (the
confirm step, revision diffs, provenance); their keys are English and some values are
codes (``lead``, ``responsible``). The admin shows these summaries read-only instead and
keeps the raw fields out of its forms, so a 系统管理员 reads 标题 / 文号 / 牵头单位, not
``doc_number`` or ``"role": "lead"``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from duban.plans import provenance
from duban.plans.records import RecordError, stored_record

NOTHING = "—"
SEPARATOR = "、"

DOCUMENT_LABELS = (
    ("title", "标题"),
    ("issuer", "发文单位"),
    ("doc_number", "文号"),
    ("date", "成文日期"),
    ("year", "年度"),
    ("level", "层级"),
    ("recipients", "主送机关"),
    ("source_format", "文件格式"),
    ("filename", "原文件名"),
)
PERIODIC_LABELS = {"month": "每月报送", "quarter": "每季度报送"}
NO_RECORD = "（此任务不是从文件导入的，没有解析记录）"
CARRIED = "（上年结转的任务，由任务 {origin} 结转而来，没有解析记录）"


def shown(value: Any) -> str:
    """One stored value as a person reads it: 是/否 for booleans, — for nothing."""
    if value is None or value in ("", []):
        return NOTHING
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return SEPARATOR.join(shown(v) for v in value)
    return str(value)


def definition_list(rows: Iterable[tuple[str, Any]]) -> SafeString:
    """``<dl>`` of (label, value) pairs; values are escaped (a SafeString is kept as is)."""
    items = format_html_join("", "<dt>{}</dt><dd>{}</dd>", ((k, v) for k, v in rows))
    return format_html('<dl class="duban-summary">{}</dl>', items)


def _periodic(data: Any) -> str:
    if not isinstance(data, dict):
        return NOTHING
    day = f"{data.get('day')}日前" if data.get("day") else ""
    start = f"，自{data['start_month']}月起" if data.get("start_month") else ""
    covers = "，报上一期" if data.get("covers_previous_period") else ""
    return f"{day}{start}{covers}" or NOTHING


def _schedule_rows(schedule: Any) -> list[tuple[str, Any]]:
    if not isinstance(schedule, dict) or not schedule:
        return [("报送安排", "文件未写明（按默认每月报送）")]
    rows: list[tuple[str, Any]] = [
        ("项目化推进计划报送截止", shown(schedule.get("plan_due"))),
        (PERIODIC_LABELS["month"], _periodic(schedule.get("monthly"))),
        (PERIODIC_LABELS["quarter"], _periodic(schedule.get("quarterly"))),
        ("台账报送日期", shown(schedule.get("ledger_dates"))),
        ("年度总结报送截止", shown(schedule.get("summary_due"))),
        ("报送对象", shown(schedule.get("recipient"))),
    ]
    sentences = [str(s) for s in schedule.get("raw_sentences") or []]
    if sentences:
        rows.append(("报送要求原文", "；".join(sentences)))
    return rows


def _list_line(item: Any) -> str:
    if not isinstance(item, dict):
        return shown(item)
    rule = "，列第一位的为牵头单位" if item.get("first_lead_rule") else ""
    place = f"（{item['span']}）" if item.get("span") else ""
    return f"{shown(item.get('title'))}{place}{rule}"


def document_summary(info: Any) -> SafeString:
    """The notice's header, task lists and reporting schedule as the preview recognised them."""
    data = info if isinstance(info, dict) else {}
    rows: list[tuple[str, Any]] = [(label, shown(data.get(key))) for key, label in DOCUMENT_LABELS]
    lists = data.get("lists") or []
    rows.append(("任务清单", "；".join(_list_line(i) for i in lists) or NOTHING))
    rows.extend(_schedule_rows(data.get("schedule")))
    return definition_list(rows)


def issue_summary(issues: Any) -> str:
    """File-level or row-level notes: their Chinese messages (issue codes are for programs)."""
    messages = []
    for issue in issues or []:
        text = issue.get("message") if isinstance(issue, dict) else issue
        if text:
            messages.append(str(text))
    return "；".join(messages) or NOTHING


def record_summary(data: Any) -> SafeString | str:
    """A task's parse record: where it stands in the notice and its five duty fields with
    the reasons the parser gave (a field corrected by hand says 人工修改)."""
    try:
        record = stored_record(data)
    except RecordError as err:
        return err.message
    if record is None:
        origin = data.get("carried_from") if isinstance(data, dict) else None
        return CARRIED.format(origin=origin) if origin else NO_RECORD
    rows: list[tuple[str, Any]] = [
        ("清单", shown(record.list)),
        ("章节", " › ".join(record.section_path) or NOTHING),
        ("序号", record.number),
        ("原文", record.text),
    ]
    for line in provenance.field_lines(record):
        values = SEPARATOR.join(line.values) or NOTHING
        reasons = "；".join(line.sources)
        rows.append((line.label, f"{values}（{reasons}）" if reasons else values))
    return definition_list(rows)


def suggestion_summary(suggestions: Any) -> str:
    """The directory's near matches for a name: 市人社局（相似度 0.82）、…"""
    lines = []
    for item in suggestions or []:
        if isinstance(item, dict) and item.get("name"):
            score = item.get("score")
            lines.append(
                f"{item['name']}（相似度 {score:.2f}）"
                if isinstance(score, float)
                else item["name"]
            )
    return SEPARATOR.join(lines) or NOTHING
