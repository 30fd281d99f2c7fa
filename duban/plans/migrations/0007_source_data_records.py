"""Convert ``Task.source_data`` from the whole preview row to a ``TaskRecord`` (record/1).

Before, each task stored its whole parse row again (targets, milestones, issues, spans…),
read by key guessing. Now it stores ``duban.plans.records.TaskRecord``: the fields revision
diffs and provenance read, tagged ``"record": "duban.task-record/1"``. Rows of the old shape
(recognised by their ``units`` and ``text`` keys) are converted in place; rows that are no
parse (``{"carried_from": …}`` of a carried-over task) are left alone. A 责任领导 value that is
a collective (区政府班子成员, 各副区长) loses its TaskLeader link and is kept, as written, in
``Task.collective_leaders``. The words are frozen here so the migration does not change when
the parser's lexicon does.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import migrations

VERSION = "duban.task-record/1"
COLLECTIVE_WORDS = (
    "班子",
    "成员",
    "各副",
    "各分管",
    "各位",
    "全体",
    "领导们",
    "相关领导",
    "有关领导",
    "其他领导",
    "其他县领导",
    "其他市领导",
    "其他区领导",
)
COLLECTIVE_RE = re.compile("|".join(COLLECTIVE_WORDS))


def _record(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "record": VERSION,
        "list": str(data.get("list") or ""),
        "section_path": [str(p) for p in data.get("section_path") or []],
        "number": int(data.get("number") or 0),
        "text": str(data.get("text") or ""),
        "units": [
            {
                "role": str(u.get("role") or ""),
                "name": str(u.get("name") or ""),
                "raw": str(u.get("raw") or ""),
                "collective": bool(u.get("collective")),
                "label": str(u.get("label") or ""),
            }
            for u in data.get("units") or []
        ],
        "leaders": [
            {"name": str(name), "collective": COLLECTIVE_RE.search(str(name)) is not None}
            for name in data.get("leaders") or []
        ],
        "deadline": str(data.get("deadline") or ""),
        "sources": [
            {
                "field": str(s.get("field") or ""),
                "rule": str(s.get("rule") or ""),
                "description": str(s.get("description") or ""),
            }
            for s in data.get("sources") or []
        ],
    }


def forwards(apps: Any, schema_editor: Any) -> None:
    Task = apps.get_model("plans", "Task")
    TaskLeader = apps.get_model("plans", "TaskLeader")
    changed = []
    for task in Task.objects.order_by("pk").iterator(chunk_size=500):
        data = task.source_data
        if not isinstance(data, dict) or "record" in data or "units" not in data:
            continue
        task.source_data = _record(data)
        collective = [x["name"] for x in task.source_data["leaders"] if x["collective"]]
        task.collective_leaders = [name[:50] for name in collective]
        if collective:
            TaskLeader.objects.filter(task=task, raw_name__in=collective).delete()
        changed.append(task)
        if len(changed) >= 500:
            Task.objects.bulk_update(changed, ["source_data", "collective_leaders"])
            changed = []
    Task.objects.bulk_update(changed, ["source_data", "collective_leaders"])


class Migration(migrations.Migration):
    dependencies = [("plans", "0006_task_collective_leaders")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
