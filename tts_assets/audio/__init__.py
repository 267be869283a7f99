"""Turning synthesized samples into stored clips: trim, loudness, encode, validate.

Only the settings live at this level, so configuration and planning can import them
without numpy. The signal work is in submodules the synthesis path imports:

    settings   AudioSettings: format, bitrate, padding, loudness target
    process    join, finish, encode, decode, check, process, measure_lufs (the API)
    edges      finding the speech between leading and trailing silence
    loudness   BS.1770 loudness, true peak, the peak limiter
    codec      soundfile encoding and decoding, deterministic Ogg serial numbers
    integrity  container parsers that detect truncated MP3, Ogg and WAV files
    bounds     how long a clip of a given text may plausibly be
"""

from __future__ import annotations

from .settings import FORMATS, AudioSettings

__all__ = ["FORMATS", "AudioSettings"]
