"""MP3 frames: walking them to prove a file is complete.

libsndfile (through mpg123) decodes a truncated MP3 without an error, so completeness is
checked on the bytes: every frame header must be valid, the last frame must end exactly
at the end of the data, and the frame and byte counts LAME records in its Info/Xing tag
(written in the first frame, which libsndfile does) must match what is there. The Info
tag catches a file cut exactly at a frame boundary, which frame walking alone cannot.
"""

from __future__ import annotations

import struct

# Layer III bitrates in kbps by bitrate index, for MPEG-1 and for MPEG-2/2.5.
_BITRATES_V1 = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
_BITRATES_V2 = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
# Sample rates by version bits (0 = MPEG-2.5, 2 = MPEG-2, 3 = MPEG-1) and rate index.
_RATES = {0: (11025, 12000, 8000), 2: (22050, 24000, 16000), 3: (44100, 48000, 32000)}

SAMPLE_RATES = tuple(sorted(rate for rates in _RATES.values() for rate in rates))
"""Sample rates an MP3 can carry."""


class Mp3Error(ValueError):
    """The bytes are not a complete MP3 stream; the message says where."""


def bitrate_range(sample_rate: int) -> tuple[int, int]:
    """Lowest and highest Layer III bitrate (kbps) at `sample_rate`."""
    table = _BITRATES_V1 if sample_rate >= 32000 else _BITRATES_V2
    high = 64 if sample_rate < 16000 else table[-1]  # MPEG-2.5 encoders stop at 64
    return table[1], high


def _frame_length(data: bytes, offset: int) -> int:
    """Bytes in the Layer III frame whose header starts at `offset`."""
    if offset + 4 > len(data):
        raise Mp3Error(f"frame header cut off at byte {offset}")
    b1, b2 = data[offset + 1], data[offset + 2]
    version, layer = (b1 >> 3) & 0x3, (b1 >> 1) & 0x3
    bitrate_index, rate_index = b2 >> 4, (b2 >> 2) & 0x3
    if (
        data[offset] != 0xFF
        or b1 & 0xE0 != 0xE0
        or version == 1
        or layer != 1
        or bitrate_index in (0, 15)
        or rate_index == 3
    ):
        raise Mp3Error(f"no Layer III frame header at byte {offset}")
    bitrates = _BITRATES_V1 if version == 3 else _BITRATES_V2
    samples_per_frame = 1152 if version == 3 else 576
    padding = (b2 >> 1) & 0x1
    rate = _RATES[version][rate_index]
    return samples_per_frame // 8 * bitrates[bitrate_index] * 1000 // rate + padding


def _info_tag(data: bytes, offset: int) -> tuple[int | None, int | None] | None:
    """(frames, bytes) from a Xing/Info tag in the frame at `offset`, None if it has none."""
    mpeg1 = (data[offset + 1] >> 3) & 0x3 == 3
    mono = data[offset + 3] >> 6 == 3
    side_info = (17 if mono else 32) if mpeg1 else (9 if mono else 17)
    tag = offset + 4 + side_info
    if tag + 8 > len(data) or data[tag : tag + 4] not in (b"Xing", b"Info"):
        return None
    (flags,) = struct.unpack_from(">I", data, tag + 4)
    pos = tag + 8
    frames = bytes_ = None
    if flags & 0x1:
        (frames,) = struct.unpack_from(">I", data, pos)
        pos += 4
    if flags & 0x2:
        (bytes_,) = struct.unpack_from(">I", data, pos)
    return frames, bytes_


def _audio_span(data: bytes) -> tuple[int, int]:
    """Start and end of the frames, skipping an ID3v2 header and an ID3v1 trailer."""
    start, end = 0, len(data)
    if data[:3] == b"ID3" and len(data) >= 10:
        size = 0
        for byte in data[6:10]:
            size = (size << 7) | (byte & 0x7F)
        start = 10 + size + (10 if data[5] & 0x10 else 0)
    if end - start >= 128 and data[end - 128 : end - 125] == b"TAG":
        end -= 128
    return start, end


def assert_complete(data: bytes) -> None:
    """Raise Mp3Error unless `data` is whole frames agreeing with their Info tag."""
    start, end = _audio_span(data)
    if start >= end:
        raise Mp3Error("no MP3 frames")
    info = _info_tag(data, start) if start + 4 <= end else None
    offset, frames = start, 0
    while offset < end:
        length = _frame_length(data, offset)
        if offset + length > end:
            missing = offset + length - end
            raise Mp3Error(f"last frame at byte {offset} is cut off ({missing} bytes missing)")
        offset += length
        frames += 1
    if info is not None:
        tag_frames, tag_bytes = info
        # LAME counts the audio frames after the tag frame and the bytes of the whole stream.
        if tag_frames is not None and tag_frames != frames - 1:
            raise Mp3Error(f"the Info tag announces {tag_frames} frames, {frames - 1} are present")
        if tag_bytes is not None and tag_bytes not in (end - start, len(data)):
            raise Mp3Error(f"the Info tag announces {tag_bytes} bytes, {end - start} are present")
