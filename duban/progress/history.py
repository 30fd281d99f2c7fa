"""A task's readable history (Chinese): every audited change that concerns it, newest first.

Progress services tag their audit events with ``data.task``; the import's events are on the
task's document. Each entry carries the before/after values the service recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q

from duban.audit.models import AuditEvent
from duban.plans.models import Task

ACTION_LABELS = {
    "import.confirm": "导入文件",
    "task.state": "督办状态变更",
    "report.save": "保存进展",
    "report.submit": "报送进展",
    "report.approve": "进展审核通过",
    "report.return": "进展退回",
    "report.contribute": "配合单位报送",
    "part.save": "保存单位分项内容",
    "part.submit": "报送单位分项内容",
    "collective.choose": "指定集合单位包含的单位",
    "evidence.add": "上传佐证材料",
    "plan.save": "保存推进计划",
    "plan.submit": "报送推进计划",
    "plan.approve": "推进计划审核通过",
    "plan.return": "推进计划退回",
    "completion.request": "申请办结",
    "completion.approve": "办结销号",
    "completion.return": "退回重办",
    "revision.request": "申请调整/延期",
    "revision.approve": "批准调整/延期",
    "revision.reject": "不予批准调整/延期",
    "instruction.add": "领导批示",
    "task.add": "手工添加任务",
    "task.edit": "修改任务",
    "task.assign": "交办",
    "chase.urge": "催办",
    "chase.supervise": "督办单",
}


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    action: str
    summary: str
    changes: list[dict[str, str]] = field(default_factory=list)


def task_history(task: Task, *, limit: int = 200) -> list[HistoryEntry]:
    document = task.task_list.document_id
    events = (
        AuditEvent.objects.filter(
            Q(data__task=task.pk)
            | Q(
                object_type="plans.sourcedocument", object_id=str(document), action="import.confirm"
            )
        )
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )
    return [
        HistoryEntry(
            at=e.created_at,
            actor=str(e.actor) if e.actor else "系统",
            action=ACTION_LABELS.get(e.action, e.action),
            summary=e.summary,
            changes=list(e.data.get("changes") or []) if isinstance(e.data, dict) else [],
        )
        for e in events
    ]
