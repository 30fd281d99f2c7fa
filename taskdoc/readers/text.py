"""Plain text and Markdown: one paragraph block per non-blank line."""

from __future__ import annotations

from taskdoc.errors import UnreadableDocumentError
from taskdoc.model import Location, Paragraph


def decode(data: bytes, *, filename: str) -> str:
    """Decode UTF-8 (with or without BOM), falling back to GB18030."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableDocumentError("文本编码无法识别（支持 UTF-8 和 GB18030）", where=filename)


def paragraphs_from_text(content: str) -> tuple[Paragraph, ...]:
    """Split text into one block per non-blank line, keeping 1-based line numbers."""
    blocks = []
    for number, line in enumerate(content.splitlines(), start=1):
        stripped = line.strip()
        if stripped:
            blocks.append(Paragraph(stripped, Location(line=number)))
    return tuple(blocks)


def read_text_bytes(data: bytes, *, filename: str) -> tuple[Paragraph, ...]:
    return paragraphs_from_text(decode(data, filename=filename))
