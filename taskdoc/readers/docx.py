"""Word ``.docx``: paragraphs and table rows in the order they appear.

Decomposition notices come as prose (``1. …`` / ``责任领导：…``) or as one big
table (序号 | 任务 | 责任领导 | 牵头单位 | 责任单位 | 完成时限), often both:
a few paragraphs of covering letter, then the table. python-docx opens the
package, but its ``document.paragraphs`` / ``document.tables`` lists lose the
interleaving, and its ``paragraph.text`` skips text inside tracked insertions
and content controls. So the body XML is walked here directly:

* prose: one :class:`Paragraph` per non-empty paragraph, numbered as a person
  counts them (empty paragraphs are not counted); a manual line break inside
  a paragraph starts a new block with the same paragraph number;
* tables: one :class:`TableRow` per row with the texts of its *distinct*
  cells. A horizontally merged cell is one ``w:tc`` spanning grid columns and
  appears once; a vertically merged continuation cell (``vMerge``) takes the
  value of the cell it continues, so every row stands on its own.

Text in deleted revisions, text boxes and drawings is left out; text in
insertions, hyperlinks, fields and content controls is kept. Automatic list
numbers (``w:numPr`` on the paragraph or its style) are not part of the
text in the XML but are what the reader of the document sees as the task
number (``1.``, ``一、``, the 序号 column), so they are rendered in front of
the paragraph text, counted in document order.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import docx

from taskdoc.errors import TaskdocError, UnreadableDocumentError, UnsupportedFormatError
from taskdoc.model import Block, Location, Paragraph, TableRow
from taskdoc.readers.docx_numbering import ListNumbering, W, int_property

_W = W
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_P, _TBL, _TR, _TC = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
_TC_PR, _TR_PR = f"{_W}tcPr", f"{_W}trPr"
_GRID_SPAN, _GRID_BEFORE = f"{_W}gridSpan", f"{_W}gridBefore"
_V_MERGE, _H_MERGE = f"{_W}vMerge", f"{_W}hMerge"
_VAL = f"{_W}val"
_WRAPPERS = frozenset({f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"})

# Inline content: what each element contributes to a paragraph's text.
_TEXT = f"{_W}t"
_SPACE_LIKE = frozenset({f"{_W}tab", f"{_W}ptab"})
_BREAKS = frozenset({f"{_W}br", f"{_W}cr"})
_NO_BREAK_HYPHEN = f"{_W}noBreakHyphen"
_SKIPPED = frozenset(
    {
        f"{_W}del",
        f"{_W}moveFrom",
        f"{_W}drawing",
        f"{_W}pict",
        f"{_W}object",
        f"{_W}txbxContent",
        f"{_W}rPr",
        f"{_W}pPr",
        f"{_W}sdtPr",
        f"{_MC}Fallback",
    }
)
_PICTURES = (f".//{_W}drawing", f".//{_W}pict")
# What a .docx may inflate to (a notice is text and a few pictures): past it, a zip bomb.
MAX_INFLATED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 5_000

_OTHER_ZIP_FORMATS: tuple[tuple[str, str], ...] = (
    ("xl/workbook.xml", "这是 Excel 表格（.xlsx），暂不支持；请把任务表复制到 Word 中另存为 .docx"),
    (
        "ppt/presentation.xml",
        "这是 PowerPoint 演示文稿，不是任务分解通知；请提供 .docx、.pdf 或 .txt",
    ),
    ("OFD.xml", "这是 OFD 版式文件，暂不支持；请另存为 .pdf 或 .docx"),
    ("content.xml", "这是 WPS/LibreOffice 的开放文档格式（ODF），暂不支持；请另存为 .docx"),
)


@dataclass(eq=False, slots=True)
class _Cell:
    """One real cell (``w:tc``); identity, not text, tells merged cells apart."""

    text: str


def read_docx(data: bytes, *, filename: str) -> tuple[Block, ...]:
    """Read a .docx file's body into blocks; any failure becomes a :class:`TaskdocError`."""
    _check_package(data, filename=filename)
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        numbering = ListNumbering.from_document(document)
        blocks = tuple(body_blocks(body, numbering))
    except TaskdocError:
        raise
    except Exception as exc:
        raise UnreadableDocumentError(
            f"无法读取 Word 文档：文件已损坏或不是 .docx 格式（{type(exc).__name__}）",
            where=filename,
        ) from exc
    if not blocks and _has_pictures(body):
        raise UnreadableDocumentError(
            "Word 文档中只有图片、没有文字，看起来是扫描件；请先做文字识别（OCR）或提供文字版",
            where=filename,
        )
    return blocks


def _check_package(data: bytes, *, filename: str) -> None:
    """Refuse zips that are not Word documents, naming what they are when we can tell."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except Exception as exc:  # BadZipFile, truncated central directory, bad offsets…
        raise UnreadableDocumentError(
            "无法读取 Word 文档：压缩包已损坏或不完整（.docx 实为 zip 压缩包），请重新保存后再上传",
            where=filename,
        ) from exc
    _check_inflated_size(members, filename=filename)
    names = {m.filename for m in members}
    if "word/document.xml" in names:
        return
    for marker, message in _OTHER_ZIP_FORMATS:
        if marker in names:
            raise UnsupportedFormatError(message, where=filename)
    if "[Content_Types].xml" not in names:
        raise UnreadableDocumentError(
            "这是一个 zip 压缩包，但不是 Word 文档（.docx）；请上传 .docx 文件本身", where=filename
        )


def _check_inflated_size(members: list[zipfile.ZipInfo], *, filename: str) -> None:
    """Refuse a decompression bomb from the declared sizes, before python-docx inflates it.

    :mod:`zipfile` never inflates a member past its declared size, so the sum bounds memory.
    """
    inflated = sum(m.file_size for m in members)
    if len(members) > MAX_MEMBERS or inflated > MAX_INFLATED_BYTES:
        raise UnreadableDocumentError(
            f"Word 文档解压后达 {inflated // 1048576:,} MB、{len(members):,} 个部件，超过"
            f"{MAX_INFLATED_BYTES // 1048576} MB、{MAX_MEMBERS:,} 个的上限，疑似压缩炸弹",
            where=filename,
        )


def _has_pictures(body: Any) -> bool:
    return any(body.find(path) is not None for path in _PICTURES)


def body_blocks(body: Any, numbering: ListNumbering | None = None) -> Iterator[Block]:
    """Blocks of a ``w:body`` (or any block container) in document order."""
    numbering = numbering or ListNumbering()
    paragraphs = 0
    tables = 0
    for element in _block_elements(body):
        if element.tag == _P:
            lines = _split_lines(numbering.label(element) + paragraph_text(element))
            if lines:
                paragraphs += 1
                location = Location(paragraph=paragraphs)
                yield from (Paragraph(line, location) for line in lines)
        else:
            tables += 1
            yield from table_rows(element, table=tables, numbering=numbering)


def _block_elements(container: Any) -> Iterator[Any]:
    """``w:p`` and ``w:tbl`` children, looking through content-control wrappers."""
    for child in container:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _block_elements(child)


def paragraph_text(element: Any) -> str:
    """The visible text of a paragraph or run container; manual breaks become ``\\n``."""
    parts: list[str] = []
    _collect_text(element, parts)
    return unicodedata.normalize("NFC", "".join(parts))


def _collect_text(element: Any, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == _TEXT:
            parts.append(child.text or "")
        elif tag in _SPACE_LIKE:
            parts.append(" ")
        elif tag in _BREAKS:
            parts.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            parts.append("-")
        elif tag not in _SKIPPED and isinstance(tag, str):
            _collect_text(child, parts)


def _split_lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def table_rows(
    tbl: Any, *, table: int, numbering: ListNumbering | None = None
) -> Iterator[TableRow]:
    """One block per non-empty row of a ``w:tbl``; ``table`` is its 1-based number."""
    numbering = numbering or ListNumbering()
    above: dict[int, _Cell] = {}
    for row_number, tr in enumerate(_rows(tbl), start=1):
        cells = tuple(cell.text for cell in _row_cells(tr, above, numbering))
        if any(cells):
            yield TableRow(cells, Location(table=table, row=row_number))


def _row_cells(tr: Any, above: dict[int, _Cell], numbering: ListNumbering) -> list[_Cell]:
    """The distinct cells of a row, left to right; updates ``above`` (grid column → cell)."""
    column = max(int_property(tr.find(_TR_PR), _GRID_BEFORE, 0), 0)
    distinct: list[_Cell] = []
    for tc in _cells(tr):
        tc_pr = tc.find(_TC_PR)
        span = max(int_property(tc_pr, _GRID_SPAN, 1), 1)
        if _merge_state(tc_pr, _V_MERGE) == "continue" and column in above:
            cell = above[column]
        elif _merge_state(tc_pr, _H_MERGE) == "continue" and distinct:
            cell = distinct[-1]
        else:
            cell = _Cell(cell_text(tc, numbering))
        for offset in range(span):
            above[column + offset] = cell
        column += span
        if not any(cell is seen for seen in distinct):
            distinct.append(cell)
    return distinct


def cell_text(tc: Any, numbering: ListNumbering | None = None) -> str:
    """A cell's text on one line: its paragraphs, breaks and nested tables joined.

    Pieces are joined with nothing, except that a space is kept between two
    pieces that would otherwise run two words together (``史建伟⏎李建安`` →
    ``史建伟 李建安``), since in Word a break between them is deliberate.
    """
    return join_pieces(_cell_pieces(tc, numbering or ListNumbering()))


def _cell_pieces(container: Any, numbering: ListNumbering) -> Iterator[str]:
    for element in _block_elements(container):
        if element.tag == _P:
            yield from _split_lines(numbering.label(element) + paragraph_text(element))
        else:
            for tr in _rows(element):
                for tc in _cells(tr):
                    yield from _cell_pieces(tc, numbering)


def join_pieces(pieces: Iterable[str]) -> str:
    """Join line pieces with ``""``, or ``" "`` where both sides are letters, digits or Hanzi."""
    result = ""
    for piece in pieces:
        if result and result[-1].isalnum() and piece[:1].isalnum():
            result += " "
        result += piece
    return result


def _rows(tbl: Any) -> Iterator[Any]:
    for child in tbl:
        if child.tag == _TR:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _rows(child)


def _cells(tr: Any) -> Iterator[Any]:
    for child in tr:
        if child.tag == _TC:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _cells(child)


def _merge_state(tc_pr: Any, tag: str) -> str | None:
    """``"restart"``, ``"continue"`` or None for a ``vMerge``/``hMerge`` property."""
    element = tc_pr.find(tag) if tc_pr is not None else None
    if element is None:
        return None
    return str(element.get(_VAL, "continue"))
