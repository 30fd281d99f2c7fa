"""The name mapping between preview and confirm: a unit name → an existing unit, or new.

A mapping to a unit that does not exist, or is inactive, is refused with a Chinese message
and nothing is saved (it used to be stored and then ignored, or to fail at confirm).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from duban.audit.services import audit_record
from duban.core.exceptions import ApplicationError
from duban.orgs.models import OrgUnit
from duban.plans.models import ImportName, NameAction
from duban.plans.services.preview import ensure_preview, refresh_row_states

UNIT_REQUIRED = "请选择对应的单位。"
UNIT_MISSING = "目录中没有有效的单位“{name}”（不存在或已停用），对应未保存。"
BAD_ACTION = "无效的处理方式。"


def _mapped_unit(action: str, unit: OrgUnit | None) -> OrgUnit | None:
    """The directory unit a ``use`` mapping points at, re-read; refused when it is not one.

    A unit that does not exist (any more), or is inactive, is an error: the mapping is not
    saved, so the confirm can never meet a name whose unit vanished.
    """
    if action not in (NameAction.USE, NameAction.CREATE):
        raise ApplicationError(BAD_ACTION)
    if action == NameAction.CREATE:
        return None
    if unit is None:
        raise ApplicationError(UNIT_REQUIRED)
    found = OrgUnit.objects.filter(pk=unit.pk, is_active=True).first() if unit.pk else None
    if found is None:
        raise ApplicationError(UNIT_MISSING.format(name=unit.name))
    return found


@transaction.atomic
def import_name_update(
    *, name: ImportName, action: str, unit: OrgUnit | None = None, actor: Any
) -> ImportName:
    """Map a unit name to an existing, active unit (``use``) or have it created (``create``)."""
    ensure_preview(name.batch)
    unit = _mapped_unit(action, unit)
    name.action = action
    name.unit = unit if action == NameAction.USE else None
    name.alias_of = ""
    name.save(update_fields=["action", "unit", "alias_of"])
    refresh_row_states(name.batch)
    audit_record(
        actor=actor,
        action="import.map_name",
        target=name.batch,
        summary=f"{name.name} → {unit.name if unit else '新建'}",
    )
    return name
