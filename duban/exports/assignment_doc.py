"""交办单: the printable handover of a unit's tasks, in the GB/T 9704 layout (``officialdoc``).

The rows are ``duban.progress.assigned``'s, the read the 交办 notice is written from, so the
paper and the notice list the same tasks, roles, leaders, deadlines and 签收 days. One table
per document; a unit that signs for none of them is told who does.
"""

from __future__ import annotations

from datetime import date
from itertools import groupby

from duban.exports.bulletins import date_text, office_name
from duban.exports.doctable import add_table
from duban.exports.officialdoc import LEFT, OfficialDocument, book_title, first_sentence
from duban.orgs.models import OrgUnit
from duban.progress.assigned import AssignedTask

HEADER = ("序号", "任务", "本单位角色", "责任领导", "完成时限", "签收期限")
WIDTHS = (11, 63, 21, 21, 20, 20)


def _sign(row: AssignedTask) -> str:
    day = row.acknowledge_by
    return f"{day.month}月{day.day}日前" if row.signs else f"由{row.signer}签收"


def _row(row: AssignedTask) -> tuple[str, ...]:
    task = row.task
    return (
        str(task.number),
        first_sentence(task.text),
        row.role_text,
        "\n".join(row.leaders) or "—",
        row.deadline,
        _sign(row),
    )


def render_assignment_docx(unit: OrgUnit, rows: list[AssignedTask], *, as_of: date) -> bytes:
    """The 交办单 of ``unit`` on ``as_of``: 主送 the unit, a paragraph of what is asked, each
    document's tasks in a table, the 督查室's 署名 and the date."""
    doc = OfficialDocument()
    doc.title("任务交办单")
    doc.paragraph(f"{unit.name}：", align=LEFT, indent=False)
    if not rows:
        doc.body("你单位目前没有交办的任务。")
    documents = [
        list(group) for _, group in groupby(rows, key=lambda r: r.task.task_list.document_id)
    ]
    for position, group in enumerate(documents, 1):
        document = group[0].task.task_list.document
        signs = sum(r.signs for r in group)
        doc.body(
            f"{'' if len(documents) == 1 else f'{position}. '}根据{book_title(document.title)}，"
            f"现将你单位承担的{len(group)}项任务交办如下"
            + (f"，其中{signs}项由你单位签收，请于签收期限前在督办系统中签收" if signs else "")
            + "。请按要求抓好落实，按时报送进展情况。"
        )
        add_table(doc, [HEADER, *(_row(r) for r in group)], widths_mm=WIDTHS)
    issuer = office_name(rows[0].task.task_list.document) if rows else "督查室"
    doc.signature(issuer, date_text(as_of))
    return doc.save()
