"""What the 督查室 changed on an imported task in the app, as a re-import must know it.

Why: a revised notice is compared with the notice it replaces (the record each task keeps
in ``source_data``), not with the task as it is now. A task edited in the app (an ``edit``
revision, ``duban.workflows.tasks.task_edit``) would otherwise take the notice's text
again on re-import even where the notice did not change. The edit marks the fields it
changed 人工修改 in the record (``workflows.taskedit.mark_by_hand``); a text edited
before those marks existed (or in the admin) still differs from the record's text.

The rule at confirm (``services.confirm``): an unchanged row keeps every edited field; a
changed row with edits is a 修订冲突 — by default the edited fields stay the app's and the
others follow the notice, unless the office takes the notice's version for that row.

Pure: no Django, no queries.
"""

from __future__ import annotations

from collections.abc import Iterable

from duban.plans import provenance
from duban.plans.records import TaskRecord

LABELS = dict(provenance.EDITABLE)
UNIT_FIELDS = frozenset(key for key, _, role in provenance.FIELDS if role)

# the links a confirm rewrites, and the edited fields that keep each as the app left it
# (targets and milestones are read from the text: a kept text keeps them too)
LINKS_KEPT_BY = {
    "units": UNIT_FIELDS,
    "leaders": frozenset({"leaders"}),
    "targets": frozenset({"targets", "text"}),
    "milestones": frozenset({"milestones", "text"}),
}


def edited_fields(text: str, record: TaskRecord | None) -> tuple[str, ...]:
    """The fields of a task edited in the app, in the order of ``provenance.EDITABLE``.

    ``text`` is the task's text now; ``record`` what the last import stored (``None``: a
    task no import made, which no notice is compared with).
    """
    if record is None:
        return ()
    found = provenance.manual_fields(record)
    if text != record.text:
        found.add("text")
    return tuple(key for key, _ in provenance.EDITABLE if key in found)


def labels(fields: Iterable[str]) -> list[str]:
    """任务内容、牵头单位…: the fields as the preview names them."""
    return [LABELS[key] for key in fields if key in LABELS]


def kept_links(fields: Iterable[str]) -> frozenset[str]:
    """The links (``LINKS_KEPT_BY`` keys) a confirm leaves as they are for these fields."""
    edited = set(fields)
    return frozenset(link for link, keys in LINKS_KEPT_BY.items() if edited & keys)
