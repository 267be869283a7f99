"""Turning synthesized samples into stored clips: trim, loudness, encode, validate.

Only the settings live at this level, so configuration and planning can import them
without numpy. The signal work is in submodules the synthesis path imports:

    settings    AudioSettings: format, bitrate, padding, loudness target, trim level
    process     the API: join, finish, encode, decode, check, process, measure_lufs
    edges       where the speech is between leading and trailing silence
    loudness    BS.1770 loudness, true peak, the peak limiter
    resample    soxr sample-rate conversion
    codec       soundfile encoding and decoding
    integrity   is a file complete? (mp3.py frames, ogg.py pages, WAV chunks)
    validation  the checks every clip passes before it is stored
    bounds      how long a clip of a given text may plausibly be
"""

from __future__ import annotations

from .settings import FORMATS, AudioSettings

__all__ = ["FORMATS", "AudioSettings"]
