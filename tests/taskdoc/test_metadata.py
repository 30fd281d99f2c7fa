"""Document metadata read from the header of a notice."""

from __future__ import annotations

from taskdoc.grammar.metadata import extract_metadata, header_paragraphs
from taskdoc.model import Location, Paragraph


def _paragraphs(*texts: str) -> list[Paragraph]:
    return [Paragraph(text, Location(line=index)) for index, text in enumerate(texts, start=1)]


def _info(*texts: str) -> tuple[str | None, str | None]:
    info = extract_metadata(_paragraphs(*texts), list_titles=[], source_format="txt", filename=None)
    return info.title, info.recipients


def test_title_runs_past_the_name_of_the_document_it_issues() -> None:
    title, _ = _info("某省人民政府办公厅", "关于印发2024年重点工作分工方案的通知", "各市人民政府：")
    assert title == "关于印发2024年重点工作分工方案的通知"
    title, _ = _info("关于印发《重点工作分工方案》的通知", "各市人民政府：")
    assert title == "关于印发《重点工作分工方案》的通知"


def test_recipients_wrapped_by_a_pdf_are_joined() -> None:
    _, recipients = _info(
        "关于印发2024年重点工作分工方案的通知",
        "各省辖市人民政府，济源示范区管委会，各省直管县（市",
        "）人民政府，省人民政府各部门：",
        "现印发给你们。",
    )
    assert (
        recipients
        == "各省辖市人民政府，济源示范区管委会，各省直管县（市）人民政府，省人民政府各部门"
    )


def test_a_wrapped_title_is_not_taken_for_recipients() -> None:
    texts = header_paragraphs(
        _paragraphs("某区办公室关于印发2024年城", "市更新任务分解的通知", "各街道办事处：")
    )
    assert texts[-1] == "各街道办事处："
