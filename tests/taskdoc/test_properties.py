"""Whatever comes in, the library returns a ParseResult or raises TaskdocError, nothing else.

Hypothesis feeds arbitrary and task-shaped text to ``parse_text`` and
arbitrary bytes under every suffix to ``parse_bytes``; targeted cases cover
the broken files users really upload (truncated .docx, a zip that is not a
.docx, a scanned PDF, an empty file) and the encoding Chinese Windows
editors save in (GB18030), which must parse exactly as UTF-8 does.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from taskdoc import (
    ParseResult,
    TaskdocError,
    UnreadableDocumentError,
    parse_bytes,
    parse_file,
    parse_text,
)
from taskdoc.docvalues import DocumentKind
from tests.taskdoc.conftest import CORPUS
from tests.taskdoc.docgen import docx_paragraphs_from_text

SUFFIXES = [".txt", ".md", ".docx", ".pdf", ".doc", ".wps", ".xyz"]

# Pieces of real notices, so that generated text reaches the segmenter and field parsers.
FRAGMENTS = [
    "一、全力推动经济发展全面提速",
    "（二）精准做好疫情常态化防控工作",
    "(十八) 加快黄河流域生态保护",
    "1. ",
    "2．",
    "146、",
    "地区生产总值增长 7%以上，",
    "6 月底前完成。",
    "责任领导：",
    "牵头单位：",
    "责任单位：",
    "配合单位：",
    "完成时限：年底前",
    "史建伟 李建安",
    "张 洋",
    "区发展和改革委员会、区财政局",
    "各县（市、区）政府，开发区管委会",
    "郑东新区、郑州高新区管委会",
    "2024 年区《政府工作报告》目标任务分解",
    "列第一位的为牵头单位",
    "| 序号 | 任务 | 责任领导 | 责任单位 |",
    "|---|---|---|---|",
    "| 1 | 任务 | 张 洋 | 区财政局 |",
    "## ",
    "**",
    "- 3 -",
    "\n",
    "\n\n",
    " ",
    "　",
]

task_shaped_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=60
).map("".join)


def _check_text(text: str) -> None:
    try:
        result = parse_text(text)
    except TaskdocError as error:
        assert error.message.strip()
    else:
        assert isinstance(result, ParseResult)
        # a notice without tasks is an error; a report or bulletin may carry figures only
        assert result.tasks or result.kind is not DocumentKind.NOTICE


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_arbitrary_text(text: str) -> None:
    _check_text(text)


@settings(max_examples=200, deadline=None)
@given(task_shaped_text)
def test_task_shaped_text(text: str) -> None:
    _check_text(text)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes(data: bytes, suffix: str) -> None:
    try:
        result = parse_bytes(data, filename=f"upload{suffix}")
    except TaskdocError as error:
        assert error.message.strip()
    else:
        assert isinstance(result, ParseResult)


@settings(max_examples=100, deadline=None)
@given(text=task_shaped_text, suffix=st.sampled_from([".txt", ".md", ".xyz"]))
def test_task_shaped_bytes(text: str, suffix: str) -> None:
    try:
        result = parse_bytes(text.encode(), filename=f"upload{suffix}")
    except TaskdocError as error:
        assert error.message.strip()
    else:
        assert isinstance(result, ParseResult)


@cache
def _notice_docx() -> bytes:
    text = "1. 新增就业 1.3 万人。\n责任领导：张 洋\n责任单位：区人社局、各街道办事处\n" * 30
    return docx_paragraphs_from_text(text)


@pytest.mark.parametrize("keep", [0.2, 0.5, 0.8, 0.95])
def test_truncated_docx(keep: float) -> None:
    data = _notice_docx()
    with pytest.raises(UnreadableDocumentError) as caught:
        parse_bytes(data[: int(len(data) * keep)], filename="通知.docx")
    assert caught.value.where == "通知.docx"


def test_zip_that_is_not_a_docx() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("通知.txt", "1. 任务")
    with pytest.raises(UnreadableDocumentError, match="不是 Word 文档"):
        parse_bytes(buffer.getvalue(), filename="通知.docx")


def test_pdf_without_text_layer() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.rect(72, 72, 400, 600, fill=1)
    canvas.showPage()
    canvas.save()
    with pytest.raises(UnreadableDocumentError, match="扫描件") as caught:
        parse_bytes(buffer.getvalue(), filename="扫描件.pdf")
    assert "OCR" in caught.value.message


@pytest.mark.parametrize("name", ["通知.txt", "通知.docx", "通知.pdf", "通知.doc", "通知"])
def test_empty_file(name: str) -> None:
    with pytest.raises(UnreadableDocumentError, match="文件为空"):
        parse_bytes(b"", filename=name)


def _outcome(parse: object) -> ParseResult | str:
    """A parse's result, or its error text, so that failures can be compared too."""
    try:
        assert callable(parse)
        result = parse()
    except TaskdocError as error:
        return f"{type(error).__name__}: {error}"
    assert isinstance(result, ParseResult)
    return result


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda path: path.stem[:3])
def test_gb18030_parses_like_utf8(path: Path) -> None:
    encoded = path.read_text(encoding="utf-8").encode("gb18030")
    assert _outcome(lambda: parse_bytes(encoded, filename=path.name)) == _outcome(
        lambda: parse_file(path)
    )
