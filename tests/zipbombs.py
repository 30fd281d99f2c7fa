"""Real decompression bombs, built in milliseconds (no Django: the parser tests use it too).

A run of zeros deflates to about 1 KB per MiB. Compressing one MiB and ending the block with
a full flush resets the compressor, so every further MiB deflates to the very same bytes:
the 2 GiB member is that block repeated, not 2 GiB pushed through zlib. The zip is written
by hand (local headers, central directory, end record), so its declared sizes and CRCs are
the true ones and any reader could inflate it all.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable

MIB = 1024 * 1024
_ZEROS = bytes(MIB)
_ZEROS_CRC = {2048: 0x4DBDF21C}  # zlib.crc32 of 2 GiB of zeros (0.9 s to recompute)
CONTENT_TYPES = b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def _zeros_block() -> tuple[bytes, bytes]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(_ZEROS) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block, compressor.flush()


def zeros_member(mib: int) -> tuple[bytes, int, int]:
    """(raw deflate stream, CRC-32, inflated size) of ``mib`` MiB of zeros."""
    block, end = _zeros_block()
    crc = _ZEROS_CRC.get(mib)
    if crc is None:
        crc = 0
        for _ in range(mib):
            crc = zlib.crc32(_ZEROS, crc)
    return block * mib + end, crc, mib * MIB


def plain_member(data: bytes) -> tuple[bytes, int, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data)


def write_zip(members: Iterable[tuple[str, tuple[bytes, int, int]]]) -> bytes:
    """A deflated zip of ``(name, (stream, crc, size))`` members (sizes below 4 GiB)."""
    body, directory, count = bytearray(), bytearray(), 0
    for name, (stream, crc, size) in members:
        encoded = name.encode()
        fields = (20, 0, 8, 0, 0x21, crc, len(stream), size, len(encoded))
        directory += struct.pack("<4s2H", b"PK\x01\x02", 20, fields[0])
        directory += struct.pack("<4H3L2H", *fields[1:], 0)
        directory += struct.pack("<3H2L", 0, 0, 0, 0, len(body)) + encoded
        body += struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, 0) + encoded + stream
        count += 1
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(directory), len(body), 0)
    return bytes(body + directory + end)


def _package(data: bytes, bomb_part: str, mib: int) -> bytes:
    """The Office package ``data`` with ``bomb_part`` replaced by ``mib`` MiB of zeros."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = [(info.filename, package.read(info.filename)) for info in package.infolist()]
    return write_zip(
        (name, zeros_member(mib) if name == bomb_part else plain_member(part))
        for name, part in parts
    )


def docx_bomb(mib: int = 2048) -> bytes:
    """A real Word package of about 2 MB whose body (``word/document.xml``) inflates to ``mib`` MiB."""
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    return _package(buffer.getvalue(), "word/document.xml", mib)


def xlsx_bomb(mib: int = 2048) -> bytes:
    """A real Excel package whose first sheet inflates to ``mib`` MiB."""
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return _package(buffer.getvalue(), "xl/worksheets/sheet1.xml", mib)


def many_members(count: int, prefix: str = "word/") -> bytes:
    """A small zip of ``count`` empty members (the per-member cost of reading it is the bomb)."""
    empty = plain_member(b"")
    parts = ((f"{prefix}part{i}.xml", empty) for i in range(count))
    return write_zip([("[Content_Types].xml", plain_member(CONTENT_TYPES)), *parts])
