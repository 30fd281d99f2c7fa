"""Issue 14 finding 5: a 2 MB .docx that inflates to 2 GiB is refused unread, not parsed."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document

from taskdoc import parse_bytes
from taskdoc.errors import UnreadableDocumentError
from taskdoc.readers import read_bytes
from tests.zipbombs import docx_bomb, many_members

DOCX_BOMB, MANY = docx_bomb(), many_members(20_000)  # built before any test blocks reading


@pytest.fixture
def nothing_inflated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to read a member fails the test: the refusal must come from the directory."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a zip member was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)


def test_the_bomb_is_real() -> None:
    bomb = DOCX_BOMB
    assert len(bomb) < 3 * 1024 * 1024
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive, archive.open("word/document.xml") as body:
        assert archive.getinfo("word/document.xml").file_size == 2 * 1024**3
        assert body.read(1024 * 1024) == bytes(1024 * 1024)  # it does inflate to zeros


@pytest.mark.usefixtures("nothing_inflated")
def test_a_docx_bomb_is_refused_before_python_docx_opens_it() -> None:
    with pytest.raises(UnreadableDocumentError, match="疑似压缩炸弹") as caught:
        parse_bytes(DOCX_BOMB, filename="通知.docx")
    assert "2,048 MB" in caught.value.message and caught.value.where == "通知.docx"


@pytest.mark.usefixtures("nothing_inflated")
def test_a_docx_of_too_many_parts_is_refused() -> None:
    with pytest.raises(UnreadableDocumentError, match="20,001 个部件"):
        parse_bytes(MANY, filename="通知.docx")


def test_a_real_docx_still_reads() -> None:
    document = Document()
    document.add_paragraph("1. 新建5G基站1000个。")
    buffer = io.BytesIO()
    document.save(buffer)
    result = read_bytes(buffer.getvalue(), filename="通知.docx")
    assert [block.text for block in result.blocks] == ["1. 新建5G基站1000个。"]
