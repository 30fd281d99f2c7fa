"""台账 exporters: the official ledger (whole plan, one unit, one leader), the 赛马 ranking and
the year-end completion table. Each only yields rows; ``base.render_xlsx`` lays them out."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from duban.accounts.permissions import Perm
from duban.exports.base import BODY, PAGE, Cell, Column, Exporter, ExportParams, StyledRow
from duban.exports.written import Written, written_names
from duban.plans.models import UnitRole
from duban.progress.status import LABELS, Colour, ScheduleStatus, TaskStatus
from duban.supervision import selectors
from duban.supervision.rules import METRICS, number_text, percent, ratio_text
from duban.supervision.scoring import ranking
from duban.supervision.snapshot import Evaluated
from duban.supervision.yearend import year_end
from xlsxsafe import Style

LEDGER_COLUMNS = (
    Column("序号", 6),
    Column("清单", 14),
    Column("任务内容", 48),
    Column("责任领导", 10),
    Column("牵头单位", 16),
    Column("责任单位", 18),
    Column("完成时限", 12),
    Column("目标值", 18),
    Column("当前值", 18),
    Column("序时进度", 9),
    Column("完成率", 9),
    Column("本期进展", 40),
    Column("存在问题", 24),
    Column("下步打算", 24),
    Column("状态", 12),
)


# the 状态 cell filled with the light (pale, so the text stays legible in print)
LIGHT_FILLS = {
    Colour.BLUE: "DCE6F8",
    Colour.GREEN: "DFF0E3",
    Colour.YELLOW: "FFF2CC",
    Colour.RED: "F8D7D3",
}
_STATUS_STYLES = {
    colour: (BODY,) * (len(LEDGER_COLUMNS) - 1)
    + (Style(f"台账状态{LABELS[colour]}", border="999999", wrap=True, vertical="top", fill=fill),)
    for colour, fill in LIGHT_FILLS.items()
}
LEDGER_PAGE = replace(PAGE, a3=True)  # 14 columns of Chinese text: A3 landscape


def _names(pairs: Sequence[tuple[object, str]]) -> str:
    return "、".join(dict.fromkeys(name for _, name in pairs))


def status_label(status: TaskStatus) -> str:
    """``滞后（黄灯）``: the schedule status and the light, as the ledger writes them."""
    return _STATUS_LABELS[(status.schedule, status.colour)]


_STATUS_LABELS = {
    (schedule, colour): f"{LABELS[schedule]}（{LABELS[colour]}灯）"
    for schedule in ScheduleStatus
    for colour in Colour
}


def _unit_names(written: Written | None, role: str, units: Sequence[tuple[int, str]]) -> str:
    """A role's units as the notice wrote them; most tasks name no collective (no lookup)."""
    if written is None:
        return "、".join(dict.fromkeys(name for _, name in units))
    return "、".join(written.units(role, units))


def ledger_row(row: Evaluated, written: Written | None = None) -> StyledRow:
    """One task as the office's ledger writes it: the notice's own number and list, units and
    leaders as written (collectives once, unresolved ones marked), the 状态 cell coloured."""
    task, latest, status = row.task, row.latest, row.status
    goals = "；".join(
        t.raw_text or f"{t.metric}{number_text(t.goal)}{t.unit}" for t in task.targets
    )
    actuals = "；".join(
        f"{t.metric}{number_text(latest.actuals[t.id])}{t.unit}"
        for t in task.targets
        if latest is not None and latest.actuals.get(t.id) is not None
    )
    deadline = task.deadline_text or (f"{task.deadline:%Y年%m月%d日}" if task.deadline else "")
    leaders = [name for _, name in task.leaders]
    if written is not None:
        leaders += written.collective_leaders
    values: list[Cell] = [
        task.number,
        task.list_title,
        task.text,
        "、".join(dict.fromkeys(leaders)),
        _unit_names(written, UnitRole.LEAD, task.lead_units),
        _unit_names(written, UnitRole.RESPONSIBLE, task.responsible_units),
        deadline,
        goals,
        actuals,
        percent(status.elapsed, 1),
        ratio_text(status.completion) if status.completion is not None else "",
        latest.progress if latest else "",
        latest.problems if latest else "",
        latest.next_steps if latest else "",
        status_label(status),
    ]
    return StyledRow(values, _STATUS_STYLES[status.colour])


class LedgerExporter(Exporter):
    """The 台账: for the whole plan, or narrowed to one unit (牵头/责任) or one leader."""

    identifier = "ledger"
    title = "重点任务推进台账"
    columns = LEDGER_COLUMNS
    page = LEDGER_PAGE

    def iterate_rows(self, params: ExportParams) -> Iterator[Sequence[Cell]]:
        data = selectors.dataset(
            user=params.user,
            document=params.document,
            unit_id=params.unit_id,
            leader_id=params.leader_id,
        )
        written = written_names(params.document)
        for row in data.evaluate(params.as_of):
            yield ledger_row(row, written.get(row.task.id))


def _share(value: float | None) -> str:
    return ratio_text(value) if value is not None else "—"


class RankingExporter(Exporter):
    """赛马 ranking on outcomes; every row carries the formula that produced its score."""

    identifier = "ranking"
    title = "单位赛马排名"
    perm = Perm.PROGRESS_VIEW
    columns = (
        Column("名次", 6),
        Column("单位", 24),
        Column("任务数", 8),
        *(Column(label, 12) for _, label in METRICS),
        Column("得分", 8),
        Column("计分公式", 60),
    )

    def iterate_rows(self, params: ExportParams) -> Iterator[Sequence[Cell]]:
        result = ranking(user=params.user, document=params.document, as_of=params.as_of)
        formula = result.weights.formula()
        for ranked in result.rows:
            outcome = ranked.outcome
            yield [
                ranked.rank if ranked.rank is not None else "—",
                outcome.unit_name,
                outcome.tasks,
                *(_share(getattr(outcome, key)) for key, _ in METRICS),
                ranked.score if ranked.score is not None else "—",
                formula,
            ]


class YearEndExporter(Exporter):
    """Year-end completion: one row per target (actual vs target and the ratio)."""

    identifier = "yearend"
    title = "年度目标完成情况"
    columns = (
        Column("序号", 6),
        Column("任务内容", 44),
        Column("章节", 16),
        Column("指标", 18),
        Column("目标值", 14),
        Column("完成值", 14),
        Column("完成率", 20),
        Column("是否达标", 8),
    )

    def iterate_rows(self, params: ExportParams) -> Iterator[Sequence[Cell]]:
        data = selectors.dataset(user=params.user, document=params.document)
        result = year_end(data=data, as_of=params.as_of)
        for result_row in result.targets:
            target = result_row.target
            yield [
                result_row.task.number,
                result_row.task.text,
                result_row.task.section,
                target.metric,
                f"{number_text(target.goal)}{target.unit}" if target.goal is not None else "",
                result_row.actual_text,
                result_row.ratio_label,
                {True: "是", False: "否", None: "—"}[result_row.met],
            ]
