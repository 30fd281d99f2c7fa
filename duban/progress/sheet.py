"""The unit's progress workbook: one format for download and upload (pure: no Django).

Sheet 「进展」 has one row per task, sheet 「指标」 one row per target; both start with the
stable 任务ID (the task's database id), and a hidden sheet 「_meta」 names the period and
the unit. Grey columns are for reading only; the upload reads exactly the columns the
download wrote, by header, so a reordered or damaged sheet is reported instead of
misread. ``read_workbook`` collects every row error instead of stopping at the first.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from xlsxsafe import Book, Style

FORMAT = "duban-progress-v1"
TASK_SHEET = "进展"
TARGET_SHEET = "指标"
META_SHEET = "_meta"
TASK_HEADERS = (
    "任务ID",
    "序号",
    "任务内容",
    "进展情况",
    "所处阶段",
    "存在问题",
    "下步计划",
    "版本",
)
TARGET_HEADERS = ("任务ID", "指标ID", "指标", "目标", "单位", "累计完成")
READ_ONLY_TASK = {0, 1, 2, 7}
READ_ONLY_TARGET = {0, 1, 2, 3, 4}
MAX_TEXT = 10_000  # per text cell, as in the web forms (progress.forms); xlsx allows 32,767


@dataclass(frozen=True)
class TaskRow:
    task_id: int
    number: int | str
    text: str
    progress: str = ""
    stage_text: str = ""
    problems: str = ""
    next_steps: str = ""
    version: int = 0
    row: int = 0


@dataclass(frozen=True)
class TargetRow:
    task_id: int
    target_id: int
    metric: str
    goal: str
    unit: str
    actual: Decimal | None = None
    row: int = 0


@dataclass
class ParsedWorkbook:
    period_id: int | None = None
    unit_id: int | None = None
    tasks: list[TaskRow] = field(default_factory=list)
    targets: list[TargetRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


HEAD = Style("表头", bold=True)
HEAD_GREY = Style("表头（只读）", bold=True, fill="EEEEEE")
BODY = Style("正文", wrap=True, vertical="top")
BODY_GREY = Style("正文（只读）", wrap=True, vertical="top", fill="EEEEEE")


def _styles(width: int, read_only: set[int], plain: Style, grey: Style) -> tuple[Style, ...]:
    """Per-column styles: grey for the columns the upload does not read."""
    return tuple(grey if i in read_only else plain for i in range(width))


def build_workbook(
    *, title: str, period_id: int, unit_id: int, tasks: list[TaskRow], targets: list[TargetRow]
) -> bytes:
    """The download; text is written by ``xlsxsafe`` (never a formula), read back as typed."""
    book = Book()
    ws = book.sheet(TASK_SHEET, widths=(8, 6, 50, 50, 20, 30, 30, 6), freeze="A2")
    ws.append(TASK_HEADERS, _styles(len(TASK_HEADERS), READ_ONLY_TASK, HEAD, HEAD_GREY))
    body = _styles(len(TASK_HEADERS), READ_ONLY_TASK, BODY, BODY_GREY)
    for t in tasks:
        row = (t.task_id, t.number, t.text, t.progress, t.stage_text, t.problems, t.next_steps)
        ws.append((*row, t.version), body)
    ts = book.sheet(TARGET_SHEET, widths=(8, 8, 30, 16, 8, 12), freeze="A2")
    ts.append(TARGET_HEADERS, _styles(len(TARGET_HEADERS), READ_ONLY_TARGET, HEAD, HEAD_GREY))
    for g in targets:
        actual = None if g.actual is None else float(g.actual)
        ts.append((g.task_id, g.target_id, g.metric, g.goal, g.unit, actual))
    meta = book.sheet(META_SHEET, hidden=True)
    meta.extend((("format", FORMAT), ("period", period_id), ("unit", unit_id), ("title", title)))
    return book.save()


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _decimal(value: Any) -> Decimal:
    """A number cell; ``ValueError`` for anything else (blank is handled by the caller)."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float):
        return Decimal(str(value))
    try:
        return Decimal(str(value).strip().replace(",", "").replace("，", ""))
    except InvalidOperation as err:
        raise ValueError from err


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _rows(
    ws: Worksheet, headers: tuple[str, ...], errors: list[str]
) -> list[tuple[int, tuple[Any, ...]]]:
    found = tuple(_text(c.value) for c in ws[1][: len(headers)])
    if found != headers:
        errors.append(f"工作表「{ws.title}」的表头已被改动，应为：{'、'.join(headers)}。")
        return []
    rows = []
    for number, values in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        cells = tuple(values[: len(headers)]) + (None,) * (len(headers) - len(values))
        if all(v is None or _text(v) == "" for v in cells):
            continue
        rows.append((number, cells))
    return rows


def _read_tasks(ws: Worksheet, parsed: ParsedWorkbook) -> None:
    seen: set[int] = set()
    for number, cells in _rows(ws, TASK_HEADERS, parsed.errors):
        where = f"「{TASK_SHEET}」第 {number} 行"
        task_id = _int(cells[0])
        if task_id is None:
            parsed.errors.append(f"{where}：任务ID 缺失或不是整数。")
            continue
        if task_id in seen:
            parsed.errors.append(f"{where}：任务ID {task_id} 重复。")
            continue
        seen.add(task_id)
        texts = [_text(v) for v in cells[3:7]]
        if any(len(t) > MAX_TEXT for t in texts):
            parsed.errors.append(f"{where}：内容超过 {MAX_TEXT} 字。")
            continue
        parsed.tasks.append(
            TaskRow(
                task_id=task_id,
                number=_text(cells[1]),
                text=_text(cells[2]),
                progress=texts[0],
                stage_text=texts[1],
                problems=texts[2],
                next_steps=texts[3],
                version=_int(cells[7]) or 0,
                row=number,
            )
        )


def _read_targets(ws: Worksheet, parsed: ParsedWorkbook) -> None:
    seen: set[int] = set()
    for number, cells in _rows(ws, TARGET_HEADERS, parsed.errors):
        where = f"「{TARGET_SHEET}」第 {number} 行"
        task_id, target_id = _int(cells[0]), _int(cells[1])
        if task_id is None or target_id is None:
            parsed.errors.append(f"{where}：任务ID 或指标ID 缺失或不是整数。")
            continue
        if target_id in seen:
            parsed.errors.append(f"{where}：指标ID {target_id} 重复。")
            continue
        seen.add(target_id)
        actual: Decimal | None = None
        if cells[5] is not None and _text(cells[5]) != "":
            try:
                actual = _decimal(cells[5])
            except ValueError:
                parsed.errors.append(f"{where}：累计完成“{_text(cells[5])}”不是数字。")
                continue
        parsed.targets.append(
            TargetRow(
                task_id,
                target_id,
                _text(cells[2]),
                _text(cells[3]),
                _text(cells[4]),
                actual,
                row=number,
            )
        )


def read_workbook(data: bytes) -> ParsedWorkbook:
    """Parse an uploaded workbook; problems are collected in ``errors`` (Chinese, per row)."""
    parsed = ParsedWorkbook()
    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # openpyxl raises many kinds for a non-workbook
        parsed.errors.append("无法读取该文件，请上传从本系统下载的 .xlsx 填报表。")
        return parsed
    if (
        META_SHEET not in wb.sheetnames
        or TASK_SHEET not in wb.sheetnames
        or TARGET_SHEET not in wb.sheetnames
    ):
        parsed.errors.append("该文件不是本系统的进展填报表（缺少工作表），请重新下载。")
        return parsed
    meta = {_text(r[0]): r[1] for r in wb[META_SHEET].iter_rows(values_only=True) if r and r[0]}
    if meta.get("format") != FORMAT:
        parsed.errors.append("填报表版本不符，请重新下载。")
        return parsed
    parsed.period_id, parsed.unit_id = _int(meta.get("period")), _int(meta.get("unit"))
    _read_tasks(wb[TASK_SHEET], parsed)
    _read_targets(wb[TARGET_SHEET], parsed)
    return parsed
