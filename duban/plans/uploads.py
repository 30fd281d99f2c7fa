"""Where an upload that is no task notice goes: a registry of report importers by kind.

The upload page (``plans.views.import_list_view``) knows only notices. A 政府工作报告 becomes
a draft decomposition (``duban.drafts``), which sits above ``plans`` and may not be imported
from here; so it registers its handler at start-up (``AppConfig.ready``), as ``orgs`` signals
``plans`` — the dependency points upwards only at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# (data, filename, actor) → the URL of what the upload became
ReportHandler = Callable[[bytes, str, Any], str]

_HANDLERS: dict[str, ReportHandler] = {}


def register(kind: str, handler: ReportHandler) -> None:
    """Import documents of ``kind`` (a parser kind: ``work_report``…) with ``handler``."""
    _HANDLERS[kind] = handler


def handler_for(kind: str) -> ReportHandler | None:
    return _HANDLERS.get(kind)
