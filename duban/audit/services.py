"""``audit_record``: the single writer of AuditEvent, called inside other services' transactions."""

from __future__ import annotations

from typing import Any

from django.db import models

from duban.audit.models import AuditEvent
from duban.core.actors import stored_user


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    summary: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    user = stored_user(actor)
    return AuditEvent.objects.create(
        actor=user,
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        summary=summary[:500],
        data=data or {},
    )
