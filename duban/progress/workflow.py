"""The 督办 workflow as two transition tables (pure: no Django, no clock).

Task: 交办 (assigned) → 签收 (acknowledged) → 反馈 (reporting, each period) → 办结申请
(completion requested) → 审核: approve → 销号 (closed), or return → 退回重办 (returned),
after which the unit reports again and may re-apply.

A unit that submits a report (or applies for completion) without having pressed 签收 is
taken to have acknowledged:
asking for the same act twice is what makes people stop using such systems.

Report: 草稿 (draft) → 报送 (submitted) → 退回 (returned, editable again) or 审核通过
(approved). A submitted report is locked for the unit until the 督查室 returns it.
"""

from __future__ import annotations

from enum import StrEnum


class TaskState(StrEnum):
    ASSIGNED = "assigned"
    ACKNOWLEDGED = "acknowledged"
    REPORTING = "reporting"
    COMPLETION_REQUESTED = "completion_requested"
    RETURNED = "returned"
    CLOSED = "closed"


class TaskEvent(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    REPORT = "report"
    REQUEST_COMPLETION = "request_completion"
    APPROVE_COMPLETION = "approve_completion"
    RETURN_COMPLETION = "return_completion"


class ReportState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"


class ReportEvent(StrEnum):
    SAVE = "save"
    SUBMIT = "submit"
    RETURN = "return"
    APPROVE = "approve"


TASK_STATE_LABELS = {
    TaskState.ASSIGNED: "已交办",
    TaskState.ACKNOWLEDGED: "已签收",
    TaskState.REPORTING: "推进中",
    TaskState.COMPLETION_REQUESTED: "办结申请中",
    TaskState.RETURNED: "退回重办",
    TaskState.CLOSED: "已销号",
}
TASK_EVENT_LABELS = {
    TaskEvent.ACKNOWLEDGE: "签收",
    TaskEvent.REPORT: "反馈进展",
    TaskEvent.REQUEST_COMPLETION: "申请办结",
    TaskEvent.APPROVE_COMPLETION: "审核通过（销号）",
    TaskEvent.RETURN_COMPLETION: "退回重办",
}
REPORT_STATE_LABELS = {
    ReportState.DRAFT: "草稿",
    ReportState.SUBMITTED: "已报送",
    ReportState.RETURNED: "已退回",
    ReportState.APPROVED: "审核通过",
}
REPORT_EVENT_LABELS = {
    ReportEvent.SAVE: "保存",
    ReportEvent.SUBMIT: "报送",
    ReportEvent.RETURN: "退回",
    ReportEvent.APPROVE: "审核通过",
}

_OPEN = (TaskState.ACKNOWLEDGED, TaskState.REPORTING, TaskState.RETURNED)
TASK_TRANSITIONS: dict[tuple[TaskState, TaskEvent], TaskState] = {
    (TaskState.ASSIGNED, TaskEvent.ACKNOWLEDGE): TaskState.ACKNOWLEDGED,
    (TaskState.ASSIGNED, TaskEvent.REPORT): TaskState.REPORTING,
    **{(s, TaskEvent.REPORT): TaskState.REPORTING for s in _OPEN},
    (TaskState.COMPLETION_REQUESTED, TaskEvent.REPORT): TaskState.COMPLETION_REQUESTED,
    **{
        (s, TaskEvent.REQUEST_COMPLETION): TaskState.COMPLETION_REQUESTED
        for s in (TaskState.ASSIGNED, *_OPEN)
    },
    (TaskState.COMPLETION_REQUESTED, TaskEvent.APPROVE_COMPLETION): TaskState.CLOSED,
    (TaskState.COMPLETION_REQUESTED, TaskEvent.RETURN_COMPLETION): TaskState.RETURNED,
}
REPORT_TRANSITIONS: dict[tuple[ReportState, ReportEvent], ReportState] = {
    (ReportState.DRAFT, ReportEvent.SAVE): ReportState.DRAFT,
    (ReportState.RETURNED, ReportEvent.SAVE): ReportState.RETURNED,
    (ReportState.DRAFT, ReportEvent.SUBMIT): ReportState.SUBMITTED,
    (ReportState.RETURNED, ReportEvent.SUBMIT): ReportState.SUBMITTED,
    (ReportState.SUBMITTED, ReportEvent.RETURN): ReportState.RETURNED,
    (ReportState.SUBMITTED, ReportEvent.APPROVE): ReportState.APPROVED,
}


class TransitionError(Exception):
    """The step is not allowed from the current state; ``message`` is Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def task_next(state: TaskState, event: TaskEvent) -> TaskState:
    try:
        return TASK_TRANSITIONS[(state, event)]
    except KeyError:
        raise TransitionError(
            f"任务当前为“{TASK_STATE_LABELS[state]}”，不能{TASK_EVENT_LABELS[event]}。"
        ) from None


def report_next(state: ReportState, event: ReportEvent) -> ReportState:
    try:
        return REPORT_TRANSITIONS[(state, event)]
    except KeyError:
        raise TransitionError(
            f"该报告当前为“{REPORT_STATE_LABELS[state]}”，不能{REPORT_EVENT_LABELS[event]}。"
        ) from None
