"""Refuse zip bombs before anything is inflated (pure: the standard library only).

Every upload that is a zip underneath (.docx and .xlsx notices, the unit workbook, the unit
directory, Office evidence files) is checked here first. Only the end-of-archive record and
the central directory are read: the member count, the sum of the declared uncompressed
sizes and each member's compression ratio. That is enough, because :mod:`zipfile` — which
python-docx and openpyxl read through — never inflates a member past its declared size (a
member whose stream runs on fails its CRC check), so the declared sizes bound what a reader
can be made to hold in memory. A 2 MB file that inflates to 2 GiB is refused in
milliseconds.

The member count is taken from the end-of-archive record *before* :class:`zipfile.ZipFile`
builds one object per member, and the central directory's size is bounded too (the count
in that record could lie): a 20 MB upload of empty members costs no more than a real one.
"""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import dataclass

MIB = 1024 * 1024
_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"
_MAX_COMMENT = 0xFFFF
_ZIP64_COUNT, _ZIP64_SIZE = 0xFFFF, 0xFFFFFFFF  # "see the zip64 record"
_CD_BYTES_PER_MEMBER = 512  # 46 fixed bytes + name + extra + comment: generous for Office


@dataclass(frozen=True, slots=True)
class Limits:
    """What one kind of upload may inflate to.

    ``ratio`` applies to members larger than ``ratio_floor`` once inflated: small parts of
    real documents compress very well, and a ratio alone says nothing about them.
    """

    total_bytes: int
    members: int
    ratio: int = 100
    ratio_floor: int = 1 * MIB


# A notice is text plus a few pictures; 20 MB uploads (pictures barely compress).
NOTICE = Limits(total_bytes=200 * MIB, members=5_000)
# The unit's progress workbook and the unit directory: text cells only, read whole.
WORKBOOK = Limits(total_bytes=50 * MIB, members=1_000)
# Evidence is stored, not read, but is opened later on the office's computers.
EVIDENCE = Limits(total_bytes=200 * MIB, members=5_000)


class ZipBombError(ValueError):
    """The archive would inflate past its limits; ``message`` is Chinese and names the file."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _mb(size: int) -> str:
    return f"{size / MIB:,.0f} MB" if size >= MIB else f"{size / 1024:,.0f} KB"


def _end_record(data: bytes) -> tuple[int, int] | None:
    """``(member count, central directory size)`` from the end record; None if not a zip."""
    start = max(0, len(data) - _EOCD_SIZE - _MAX_COMMENT)
    at = data.rfind(_EOCD, start)
    if at < 0 or len(data) < at + _EOCD_SIZE:
        return None
    count, cd_size = struct.unpack_from("<HI", data, at + 10)
    if count == _ZIP64_COUNT or cd_size == _ZIP64_SIZE:
        return _zip64_end_record(data, at)
    return count, cd_size


def _zip64_end_record(data: bytes, eocd_at: int) -> tuple[int, int] | None:
    locator = eocd_at - 20
    if locator < 0 or data[locator : locator + 4] != _ZIP64_LOCATOR:
        return None
    (record,) = struct.unpack_from("<Q", data, locator + 8)
    if record + 56 > len(data) or data[record : record + 4] != _ZIP64_EOCD:
        return None
    count, cd_size = struct.unpack_from("<QQ", data, record + 32)
    return count, cd_size


def _refuse(filename: str, why: str) -> ZipBombError:
    return ZipBombError(f"文件“{filename}”{why}，疑似压缩炸弹，已拒绝。请检查文件后重新上传。")


def check(data: bytes, filename: str, limits: Limits) -> None:
    """Raise :class:`ZipBombError` if ``data`` is a zip over ``limits``; anything else passes.

    Bytes that are not a readable zip pass untouched: whether they are an acceptable file is
    for the caller's own checks to say, with their own messages.
    """
    end = _end_record(data) if data.startswith(b"PK") else None
    if end is None:
        return
    count, cd_size = end
    if count > limits.members or cd_size > limits.members * _CD_BYTES_PER_MEMBER:
        shown = f"包含 {count:,} 个压缩成员" if count > limits.members else "的压缩目录过大"
        raise _refuse(filename, f"{shown}，超过 {limits.members:,} 个的上限")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError, struct.error):
        return
    _check_members(members, filename, limits)


def _check_members(members: list[zipfile.ZipInfo], filename: str, limits: Limits) -> None:
    if len(members) > limits.members:
        raise _refuse(
            filename, f"包含 {len(members):,} 个压缩成员，超过 {limits.members:,} 个的上限"
        )
    total = sum(m.file_size for m in members)
    if total > limits.total_bytes:
        raise _refuse(filename, f"解压后达 {_mb(total)}，超过 {_mb(limits.total_bytes)} 的上限")
    for member in members:
        packed = max(member.compress_size, 1)
        if member.file_size > limits.ratio_floor and member.file_size > packed * limits.ratio:
            ratio = member.file_size // packed
            raise _refuse(
                filename,
                f"中的“{member.filename}”压缩比异常（{ratio:,}:1，"
                f"解压后 {_mb(member.file_size)}），超过 {limits.ratio}:1 的上限",
            )
