"""The unit directory as an Excel workbook: export, and all-or-nothing import.

Columns: 单位名称 | 层级 | 类别 | 上级单位 | 别名 (separated by 、) | 有效 (是/否).
Level and kind are written as their Chinese labels and read back from either label or value.
An import validates every row first; if any row has an error, nothing is stored and the
errors come back with their row numbers.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from openpyxl import load_workbook

from duban.accounts.permissions import unit_scope, unit_write_scope, within
from duban.audit.services import audit_record
from duban.core import zipguard
from duban.orgs.models import Government, OrgUnit, UnitAlias, UnitKind, UnitLevel
from duban.orgs.naming import normalize_name
from duban.orgs.signals import collective_units_announce
from xlsxsafe import Book, Style

HEADERS = ("单位名称", "层级", "类别", "上级单位", "别名", "有效")
BAD_FILE = "无法读取该 Excel 文件，请上传 .xlsx 格式的单位目录。"
BAD_HEADER = "第1行表头应为：" + " | ".join(HEADERS)


@dataclass
class DirectoryImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


BOLD = Style("表头", bold=True)


def directory_export_xlsx(*, user: Any = None) -> bytes:
    """The units ``user`` may see (all without a user), by name; written by ``xlsxsafe`` so a
    unit's name is never a formula."""
    book = Book()
    ws = book.sheet("单位目录", widths=(36, 14, 14, 36, 40, 6), freeze="A2")
    ws.append(HEADERS, BOLD)
    units = within(OrgUnit.objects, unit_scope(user) if user is not None else None)
    units = units.select_related("parent").prefetch_related("aliases").order_by("name")
    for unit in units:
        ws.append(
            (
                unit.name,
                unit.get_level_display(),
                unit.get_kind_display(),
                unit.parent.name if unit.parent else "",
                "、".join(a.name for a in unit.aliases.all()),
                "是" if unit.is_active else "否",
            )
        )
    return book.save()


def _choice(value: str, choices: Any) -> str | None:
    for v, label in choices.choices:
        if value in (v, label):
            return str(v)
    return None


@dataclass
class _Row:
    number: int
    name: str
    level: str
    kind: str
    parent: str
    aliases: list[str]
    active: bool


def _read_rows(data: bytes, result: DirectoryImportResult, filename: str) -> list[_Row]:
    try:  # a zip that would inflate past the limits is refused before openpyxl opens it
        zipguard.check(data, filename, zipguard.WORKBOOK)
    except zipguard.ZipBombError as err:
        result.errors.append(err.message)
        return []
    try:
        ws = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
    except Exception:  # openpyxl raises many types for a broken or foreign file
        result.errors.append(BAD_FILE)
        return []
    if ws is None:
        result.errors.append(BAD_FILE)
        return []
    rows: list[_Row] = []
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        cells = [str(v).strip() if v is not None else "" for v in (*values, "", "", "", "", "")][:6]
        if number == 1:
            if tuple(cells) != HEADERS:
                result.errors.append(BAD_HEADER)
                return []
            continue
        if not any(cells):
            continue
        name, level_text, kind_text, parent, aliases, active = cells
        level = _choice(level_text or UnitLevel.OTHER.label, UnitLevel)
        kind = _choice(kind_text or UnitKind.OTHER.label, UnitKind)
        if not name:
            result.errors.append(f"第{number}行：单位名称为空。")
        if level is None:
            result.errors.append(f"第{number}行：层级“{level_text}”无法识别。")
        if kind is None:
            result.errors.append(f"第{number}行：类别“{kind_text}”无法识别。")
        if active not in ("", "是", "否"):
            result.errors.append(f"第{number}行：有效一栏应填“是”或“否”。")
        alias_list = [
            normalize_name(a) for a in aliases.replace("，", "、").split("、") if a.strip()
        ]
        rows.append(
            _Row(
                number,
                normalize_name(name),
                level or "",
                kind or "",
                normalize_name(parent),
                alias_list,
                active != "否",
            )
        )
    return rows


def _check_rows(rows: list[_Row], result: DirectoryImportResult) -> None:
    names = {r.name for r in rows}
    known = set(OrgUnit.objects.values_list("name", flat=True))
    seen: dict[str, int] = {}
    alias_owner = dict(UnitAlias.objects.values_list("name", "unit__name"))
    for row in rows:
        if row.name in seen:
            result.errors.append(f"第{row.number}行：单位“{row.name}”与第{seen[row.name]}行重复。")
        seen.setdefault(row.name, row.number)
        if row.parent and row.parent not in names | known:
            result.errors.append(f"第{row.number}行：上级单位“{row.parent}”不在目录中。")
        if row.parent == row.name:
            result.errors.append(f"第{row.number}行：上级单位不能是本单位。")
        for alias in row.aliases:
            owner = alias_owner.get(alias)
            if (owner and owner != row.name) or (alias in names | known and alias != row.name):
                result.errors.append(f"第{row.number}行：别名“{alias}”已被其他单位使用。")
            alias_owner.setdefault(alias, row.name)


FOREIGN_UNIT = "第{number}行：单位“{name}”属于其他政府的单位目录，不能修改。"


def _check_reach(rows: list[_Row], result: DirectoryImportResult, actor: Any) -> None:
    """A row may update only a unit of the importing office's own government."""
    if actor is None:
        return
    names = [r.name for r in rows]
    existing = OrgUnit.objects.filter(name__in=names)
    writable = set(within(existing, unit_write_scope(actor)).values_list("name", flat=True))
    foreign = set(existing.values_list("name", flat=True)) - writable
    for row in rows:
        if row.name in foreign:
            result.errors.append(FOREIGN_UNIT.format(number=row.number, name=row.name))


def directory_import_xlsx(
    *, data: bytes, actor: Any = None, filename: str = "单位目录.xlsx"
) -> DirectoryImportResult:
    """Create or update units from a workbook; nothing is stored if any row has an error."""
    result = DirectoryImportResult()
    rows = _read_rows(data, result, filename)
    _check_rows(rows, result)
    _check_reach(rows, result, actor)
    if result.errors:
        return result
    with transaction.atomic():
        units: dict[str, OrgUnit] = {}
        joined: list[OrgUnit] = []  # new units, or units whose level/kind/state changed
        before = {
            u.name: (u.level, u.kind, u.is_active)
            for u in OrgUnit.objects.filter(name__in=[r.name for r in rows])
        }
        for row in rows:
            unit, created = OrgUnit.objects.update_or_create(
                name=row.name,
                defaults={"level": row.level, "kind": row.kind, "is_active": row.active},
                create_defaults={
                    "level": row.level,
                    "kind": row.kind,
                    "is_active": row.active,
                    "government": Government.objects.for_actor(actor),
                },
            )
            units[row.name] = unit
            if created:
                result.created += 1
            else:
                result.updated += 1
            if before.get(row.name) != (unit.level, unit.kind, unit.is_active):
                joined.append(unit)
        for row in rows:
            unit = units[row.name]
            parent = units.get(row.parent) or OrgUnit.objects.filter(name=row.parent).first()
            if unit.parent_id != (parent.pk if parent else None):
                unit.parent = parent
                unit.save(update_fields=["parent", "updated_at"])
            for alias in row.aliases:
                UnitAlias.objects.get_or_create(name=alias, defaults={"unit": unit})
        audit_record(
            actor=actor,
            action="directory.import",
            summary=f"导入单位目录：新增 {result.created}，更新 {result.updated}",
        )
        collective_units_announce(units=joined, actor=actor)
    return result
