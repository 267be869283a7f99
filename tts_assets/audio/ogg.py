"""Ogg pages: walking them to prove a file is complete, and fixing their serial number.

libsndfile draws each Ogg stream's serial number at random, so two encodings of the same
samples differ in 4 bytes per page plus the page checksums. Rewriting the serial to a
constant (and recomputing the checksums) makes the bytes a pure function of the samples,
which content-addressed caching relies on. One logical stream per file means any
constant is a valid serial.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass

SERIAL = 0x74747361
"""The serial number every Ogg stream we write carries ("ttsa")."""

_HEADER = struct.Struct("<4sBBqIII B")
_EOS = 0x04


def _crc_table() -> list[int]:
    # Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, zero initial value and no final xor.
    table = []
    for byte in range(256):
        r = byte << 24
        for _ in range(8):
            r = ((r << 1) ^ 0x04C11DB7) if r & 0x80000000 else (r << 1)
        table.append(r & 0xFFFFFFFF)
    return table


_CRC_TABLE = _crc_table()


def crc32(data: bytes | bytearray | memoryview) -> int:
    """The checksum stored in an Ogg page header (computed with that field zeroed)."""
    crc = 0
    table = _CRC_TABLE
    for byte in data:
        crc = ((crc << 8) & 0xFFFFFFFF) ^ table[(crc >> 24) ^ byte]
    return crc


@dataclass(frozen=True)
class Page:
    """Where one Ogg page sits in the file and what its header says."""

    offset: int
    length: int
    end_of_stream: bool


class OggError(ValueError):
    """The bytes are not a complete, well-formed Ogg stream; the message says where."""


def pages(data: bytes) -> Iterator[Page]:
    """Every page in `data`, in order; raises OggError on a torn or corrupt page."""
    offset = 0
    while offset < len(data):
        if len(data) - offset < _HEADER.size:
            raise OggError(f"page header cut off at byte {offset}")
        magic, version, flags, *_, stored_crc, nsegs = _HEADER.unpack_from(data, offset)
        if magic != b"OggS" or version != 0:
            raise OggError(f"no Ogg page at byte {offset}")
        table_end = offset + _HEADER.size + nsegs
        if table_end > len(data):
            raise OggError(f"segment table cut off at byte {offset}")
        end = table_end + sum(data[offset + _HEADER.size : table_end])
        if end > len(data):
            raise OggError(f"page at byte {offset} is cut off ({end - len(data)} bytes missing)")
        page = bytearray(data[offset:end])
        page[22:26] = b"\0\0\0\0"
        if crc32(page) != stored_crc:
            raise OggError(f"page at byte {offset} fails its checksum")
        yield Page(offset, end - offset, bool(flags & _EOS))
        offset = end


def with_serial(data: bytes) -> bytes:
    """`data` with every page's serial number set to `SERIAL` and checksums redone."""
    out = bytearray(data)
    for page in pages(data):
        struct.pack_into("<I", out, page.offset + 14, SERIAL)
        struct.pack_into("<I", out, page.offset + 22, 0)
        crc = crc32(memoryview(out)[page.offset : page.offset + page.length])
        struct.pack_into("<I", out, page.offset + 22, crc)
    return bytes(out)


def assert_complete(data: bytes) -> None:
    """Raise OggError unless `data` is whole pages ending with an end-of-stream page."""
    last = None
    for page in pages(data):
        last = page
    if last is None:
        raise OggError("no Ogg pages")
    if not last.end_of_stream:
        raise OggError("the last page lacks the end-of-stream flag (file cut at a page boundary)")
