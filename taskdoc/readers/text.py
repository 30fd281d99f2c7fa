"""Plain text and Markdown: one paragraph block per non-blank line.

Notices reach us as text in two ways: saved from Word or copied out of a PDF
(``.txt``), or converted by some tool to Markdown (``.md``). Both keep the
line breaks of the original, which the pipeline's repair step relies on, so
this reader keeps every non-blank line as its own block with its 1-based line
number. Markdown decoration that would hide the structure the pipeline looks
for is removed: ``## 一、…`` must read as ``一、…`` and ``**（二）…**`` as
``（二）…``; a pipe table becomes :class:`~taskdoc.model.TableRow` blocks just
like a Word table.

The decorations removed are only those that cannot be mistaken for content
(a ``#`` followed by a space at the start of a line, paired ``**``/``__``, a
pipe table with its ``|---|`` delimiter row, ``>`` quotes, rules), so plain
text goes through unchanged whatever its suffix.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from taskdoc.errors import UnreadableDocumentError
from taskdoc.model import Block, Location, Paragraph, TableRow

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters that do not occur in text; tab, line feed, vertical tab,
# form feed and carriage return do (form feeds separate pages in converted PDFs).
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MAX_BINARY_SHARE = 0.01

_HEADING = re.compile(r"^#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_QUOTE = re.compile(r"^(?:>\s?)+")
_RULE = re.compile(r"^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|=+)$")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_EMPTY_BOLD = re.compile(r"\*\*\*\*|____")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_DELIMITER_CELL = re.compile(r"^:?-+:?$")
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
# First characters of the Markdown decorations clean_line removes (heading, quote, rule).
_MARKUP_STARTS = frozenset("#>*-_=")


def decode(data: bytes, *, filename: str) -> str:
    """Decode UTF-8 or UTF-16 with a byte-order mark, else UTF-8, else GB18030.

    Chinese Windows editors save GB18030 (GBK) by default and ``Unicode``
    (UTF-16 with a BOM) on request; everything else is UTF-8.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, encoding, filename=filename)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_as(data, "gb18030", filename=filename)


def _decode_as(data: bytes, encoding: str, *, filename: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableDocumentError(
            f"文本编码无法识别（支持 UTF-8、UTF-16 和 GB18030），第 {exc.start + 1} 字节处出错",
            where=filename,
        ) from exc


def looks_like_text(content: str) -> bool:
    """Whether decoded content is text rather than binary bytes that happened to decode."""
    if not content:
        return True
    return len(_BINARY_CONTROL.findall(content)) <= len(content) * _MAX_BINARY_SHARE


def read_text_bytes(data: bytes, *, filename: str) -> tuple[Block, ...]:
    """Decode a text file and split it into blocks; refuse bytes that are not text."""
    content = decode(data, filename=filename)
    if not looks_like_text(content):
        raise UnreadableDocumentError(
            "文件内容不是文本（含有大量控制字符），请确认文件格式", where=filename
        )
    return blocks_from_text(content)


def paragraphs_from_text(content: str) -> tuple[Paragraph, ...]:
    """The paragraph blocks of :func:`blocks_from_text` (table rows left out)."""
    return tuple(block for block in blocks_from_text(content) if isinstance(block, Paragraph))


def blocks_from_text(content: str) -> tuple[Block, ...]:
    """Split text into one block per non-blank line, keeping 1-based line numbers.

    Markdown pipe tables become :class:`TableRow` blocks numbered by table and
    row (the delimiter row is not counted) and also carry their line number.
    """
    lines = content.splitlines()
    blocks: list[Block] = []
    tables = 0
    index = 0
    while index < len(lines):
        table = _table_at(lines, index)
        if table:
            tables += 1
            blocks.extend(_table_rows(lines, index, table, tables))
            index = table[-1] + 1
            continue
        text = clean_line(lines[index])
        if text:
            blocks.append(Paragraph(text, Location(line=index + 1)))
        index += 1
    return tuple(blocks)


def clean_line(line: str) -> str:
    """One line without surrounding blanks and Markdown decoration; ``""`` if nothing remains."""
    text = line.strip()
    if not text:
        return ""
    if text[0] not in _MARKUP_STARTS and "**" not in text and "__" not in text:
        return text  # plain prose, the common case: no regex needed
    if _RULE.match(text):
        return ""
    text = _QUOTE.sub("", text)
    heading = _HEADING.match(text)
    if heading:
        text = heading.group(1)
    return strip_emphasis(text).strip()


def strip_emphasis(text: str) -> str:
    """Remove paired ``**bold**`` / ``__bold__`` markers, keeping the text inside."""
    text = _EMPTY_BOLD.sub("", text)
    previous = None
    while previous != text:  # nested or adjacent pairs: **a****b** → ab
        previous = text
        text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    return text


def _table_at(lines: list[str], start: int) -> list[int]:
    """Line indexes of the pipe table starting at ``start`` (header, delimiter, body), or []."""
    if start + 1 >= len(lines) or "|" not in lines[start]:
        return []
    header = split_pipe_row(lines[start])
    delimiter = split_pipe_row(lines[start + 1])
    if len(header) != len(delimiter) or not all(
        _DELIMITER_CELL.match(cell.replace(" ", "")) for cell in delimiter
    ):
        return []
    indexes = [start, start + 1]
    for index in range(start + 2, len(lines)):
        if not lines[index].strip() or "|" not in lines[index]:
            break
        indexes.append(index)
    return indexes


def split_pipe_row(line: str) -> list[str]:
    """The raw cells of a Markdown pipe row, outer pipes dropped, ``\\|`` unescaped."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [cell.strip().replace("\\|", "|") for cell in _PIPE_SPLIT.split(text)]


def _table_rows(lines: list[str], start: int, indexes: list[int], table: int) -> Iterator[TableRow]:
    row = 0
    for index in indexes:
        if index == start + 1:  # the |---| delimiter row
            continue
        row += 1
        cells = tuple(_clean_cell(cell) for cell in split_pipe_row(lines[index]))
        if any(cells):
            yield TableRow(cells, Location(line=index + 1, table=table, row=row))


def _clean_cell(cell: str) -> str:
    """Cell text with ``<br>`` breaks joined (as in-cell breaks are everywhere) and no bold."""
    return strip_emphasis(_HTML_BREAK.sub("", cell)).strip()
