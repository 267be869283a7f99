"""Is a file complete? Which format is it? Checked on the bytes, before decoding.

Decoders are lenient: libsndfile plays a truncated MP3, Ogg or WAV to wherever the data
stops, without an error. So each container is walked here: MP3 frames against LAME's
Info tag (`mp3.py`), Ogg pages with their checksums up to the end-of-stream page
(`ogg.py`), and WAV chunks against their declared sizes.
"""

from __future__ import annotations

import struct
from collections.abc import Callable

from ..errors import LFS_FETCH, AudioInvalid, NotFetched
from . import mp3, ogg

LFS_POINTER = b"version https://git-lfs.github.com/spec/v1\n"
"""How a Git LFS pointer file starts (git-lfs's specification)."""


def is_lfs_pointer(data: bytes) -> bool:
    """Whether `data` is a Git LFS pointer (a small text file naming the real object)."""
    return data.startswith(LFS_POINTER) and len(data) < 1024


def sniff(data: bytes) -> str | None:
    """ "mp3", "ogg" or "wav" from the first bytes, None when it is none of them."""
    if data[:4] == b"OggS":
        return "ogg"
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "wav"
    if data[:3] == b"ID3" or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0):
        return "mp3"
    return None


def _assert_wav_complete(data: bytes) -> None:
    (riff_size,) = struct.unpack_from("<I", data, 4)
    if riff_size + 8 != len(data):
        raise ValueError(f"the RIFF header announces {riff_size + 8} bytes, {len(data)} present")
    offset, seen_fmt = 12, False
    while offset < len(data):
        if offset + 8 > len(data):
            raise ValueError(f"chunk header cut off at byte {offset}")
        chunk, size = struct.unpack_from("<4sI", data, offset)
        end = offset + 8 + size
        if end > len(data):
            raise ValueError(f"the {chunk!r} chunk is cut off ({end - len(data)} bytes missing)")
        if chunk == b"fmt ":
            seen_fmt = True
        elif chunk == b"data":
            if not seen_fmt:
                raise ValueError("the data chunk comes before the fmt chunk")
            return
        offset = end + (size & 1)
    raise ValueError("no data chunk")


_COMPLETE: dict[str, Callable[[bytes], None]] = {
    "mp3": mp3.assert_complete,
    "ogg": ogg.assert_complete,
    "wav": _assert_wav_complete,
}
"""What proves a file of each format whole (raising ValueError or struct.error)."""


def assert_complete(data: bytes, expected_format: str) -> None:
    """Raise AudioInvalid unless `data` is a whole file in `expected_format`."""
    if is_lfs_pointer(data):
        raise NotFetched(f"a Git LFS pointer ({len(data)} bytes), not the audio: {LFS_FETCH}")
    found = sniff(data)
    if found != expected_format:
        what = f"{found} data" if found else f"{len(data)} bytes that are not audio"
        raise AudioInvalid(f"expected {expected_format} data, got {what}; synthesize it again")
    try:
        _COMPLETE[found](data)
    except (ValueError, struct.error) as exc:
        raise AudioInvalid(f"incomplete {found} file: {exc}; synthesize it again") from None
