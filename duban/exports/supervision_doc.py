"""督办单: one recorded 督办 (``ChaseRecord``) as a printable form in the GB/T 9704 layout.

The form is the office's usual one: number and title, the unit it goes to, then a ruled
table — the task, its 责任领导 and 完成时限, what is late, the 督办要求, and an empty
办理情况 row the unit fills in and returns — and the 督查室's 署名 with the date. Everything
printed was fixed when the 督办单 was issued (the lateness and requirement are stored), so
a reprint is the same paper.
"""

from __future__ import annotations

from duban.exports.bulletins import date_text, office_name
from duban.exports.doctable import add_table
from duban.exports.officialdoc import LEFT, OfficialDocument, task_reference, tidy
from duban.progress.chase_models import ChaseRecord

WIDTHS = (30, 126)
FEEDBACK_LINES = 6  # room for the unit's 办理情况


def _leaders(record: ChaseRecord) -> str:
    task = record.task
    names = [
        link.post.holder.name if link.post.holder else link.raw_name
        for link in task.leader_links.select_related("post__holder").order_by("position", "id")
    ]
    return "、".join([*names, *task.collective_leaders]) or "—"


def render_supervision_docx(record: ChaseRecord) -> bytes:
    task = record.task
    document = task.task_list.document
    doc = OfficialDocument()
    doc.doc_number(record.number)
    doc.title("督办单")
    doc.paragraph(f"{record.unit.name}：", align=LEFT, indent=False)
    doc.body(
        f"你单位承担的{task_reference(task.task_list.title, task.number)}存在逾期事项，"
        "现予督办。请按督办要求办理，并将办理情况填写后报送督查室。"
    )
    rows = [
        ("督办编号", record.number),
        ("督办单位", record.unit.name),
        ("任务内容", tidy(task.text)),
        ("责任领导", _leaders(record)),
        ("完成时限", task.deadline_text or "未写明"),
        ("逾期情况", record.lateness.replace("；", "\n")),
        ("督办要求", record.requirement),
        ("办理情况", "\n" * (FEEDBACK_LINES - 1)),
    ]
    add_table(doc, rows, widths_mm=WIDTHS, header=False, label_column=True)
    doc.signature(office_name(document), date_text(record.as_of))
    return doc.save()
