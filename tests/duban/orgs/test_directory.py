"""Unit directory as Excel: export, import, all-or-nothing on row errors."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from duban.orgs.directory import HEADERS, directory_export_xlsx, directory_import_xlsx
from duban.orgs.models import OrgUnit, UnitAlias, UnitKind, UnitLevel
from duban.orgs.services import unit_alias_add, unit_create

pytestmark = pytest.mark.django_db


def workbook(rows: list[tuple[str, ...]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_export_lists_units_with_aliases() -> None:
    city = unit_create(name="郑州市人民政府", level=UnitLevel.CITY, kind=UnitKind.GOVERNMENT)
    dev = unit_create(
        name="市发展和改革委员会", level=UnitLevel.CITY, kind=UnitKind.DEPARTMENT, parent=city
    )
    unit_alias_add(unit=dev, name="市发改委")
    ws = load_workbook(io.BytesIO(directory_export_xlsx())).active
    assert ws is not None
    rows = [tuple(c.value for c in r) for r in ws.iter_rows()]
    assert rows[0] == HEADERS
    assert ("市发展和改革委员会", "市级", "政府部门", "郑州市人民政府", "市发改委", "是") in rows


def test_import_creates_and_updates() -> None:
    unit_create(name="区财政局")
    data = workbook(
        [
            ("管城回族区人民政府", "县（市、区）级", "人民政府", "", "管城区政府", "是"),
            ("区财政局", "county", "department", "管城回族区人民政府", "", "是"),
        ]
    )
    result = directory_import_xlsx(data=data)
    assert result.ok, result.errors
    assert (result.created, result.updated) == (1, 1)
    finance = OrgUnit.objects.get(name="区财政局")
    assert finance.parent is not None and finance.parent.name == "管城回族区人民政府"
    assert finance.level == UnitLevel.COUNTY
    assert UnitAlias.objects.get(name="管城区政府").unit.name == "管城回族区人民政府"


def test_import_with_errors_stores_nothing() -> None:
    data = workbook(
        [
            ("甲局", "市级", "政府部门", "", "", "是"),
            ("乙局", "不存在的层级", "政府部门", "丙局", "", "是"),
            ("甲局", "市级", "政府部门", "", "", "也许"),
        ]
    )
    result = directory_import_xlsx(data=data)
    assert not result.ok
    assert any(e.startswith("第3行：层级") for e in result.errors)
    assert any("第3行：上级单位“丙局”" in e for e in result.errors)
    assert any(e.startswith("第4行：单位“甲局”与第2行重复") for e in result.errors)
    assert OrgUnit.objects.count() == 0


def test_import_rejects_foreign_file() -> None:
    result = directory_import_xlsx(data=b"not a workbook")
    assert result.errors and "xlsx" in result.errors[0]
