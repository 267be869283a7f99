"""Encoding finished samples to MP3, Ogg/Opus or 16-bit WAV bytes, and decoding them back.

Everything goes through soundfile (libsndfile 1.2 with LAME, mpg123 and libopus) into
memory. The bytes are a pure function of the samples and settings: LAME and libopus are
deterministic, no dither is applied, and the one random field (the Ogg serial number) is
rewritten to a constant.
"""

from __future__ import annotations

import io

import numpy as np
import soundfile

from ..errors import AudioInvalid
from . import mp3, ogg
from .resample import resample
from .samples import Audio
from .settings import AudioSettings

OPUS_RATES = (8000, 12000, 16000, 24000, 48000)
"""The only sample rates the Opus encoder takes."""


def output_rate(format: str, sample_rate: int) -> int:
    """The rate a clip is stored at: its own if the codec takes it, else the next one up."""
    if format == "wav":
        return sample_rate
    rates = OPUS_RATES if format == "ogg" else mp3.SAMPLE_RATES
    if sample_rate in rates:
        return sample_rate
    return next((rate for rate in rates if rate >= sample_rate), rates[-1])


def _mp3_compression(sample_rate: int, kbps: int) -> float:
    # libsndfile maps compression c to the bitrate int(high - c * (high - low)) for the
    # MPEG version the rate implies; aim a quarter kbps above so truncation lands on kbps.
    low, high = mp3.bitrate_range(sample_rate)
    kbps = min(max(kbps, low), high)
    return min(1.0, max(0.0, (high - kbps - 0.25) / (high - low)))


def encode(audio: Audio, settings: AudioSettings) -> bytes:
    """The file bytes of `audio` in `settings.format`, identical for identical input."""
    rate = output_rate(settings.format, audio.sample_rate)
    samples = resample(np.asarray(audio.samples, dtype=np.float32), audio.sample_rate, rate)
    kbps = settings.bitrate_kbps
    # libsndfile maps Opus compression c to int((1 - c) * 250000 + 6000) bits per second.
    opus = min(1.0, max(0.0, 1.0 - (kbps * 1000 - 6000 + 0.5) / 250000))
    how: dict[str, dict[str, object]] = {
        "wav": {"format": "WAV", "subtype": "PCM_16"},
        "mp3": {
            "format": "MP3",
            "subtype": "MPEG_LAYER_III",
            "compression_level": _mp3_compression(rate, kbps),
            "bitrate_mode": "CONSTANT",
        },
        "ogg": {"format": "OGG", "subtype": "OPUS", "compression_level": opus},
    }
    buffer = io.BytesIO()
    soundfile.write(buffer, samples, rate, **how[settings.format])
    data = buffer.getvalue()
    return ogg.with_serial(data) if settings.format == "ogg" else data


def decode(data: bytes) -> Audio:
    """All samples of an MP3, Ogg (Opus or Vorbis) or WAV file, mixed down to mono."""
    try:
        samples, rate = soundfile.read(io.BytesIO(data), dtype="float32", always_2d=True)
    except (soundfile.LibsndfileError, RuntimeError, TypeError, ValueError) as exc:
        raise AudioInvalid(f"the audio does not decode ({exc}); synthesize it again") from None
    mono = samples[:, 0] if samples.shape[1] == 1 else samples.mean(axis=1)
    return Audio(np.ascontiguousarray(mono, dtype=np.float32), int(rate))


def declared_frames(data: bytes) -> int:
    """Sample frames the file's headers announce (what a complete decode must yield)."""
    try:
        return int(soundfile.info(io.BytesIO(data)).frames)
    except (soundfile.LibsndfileError, RuntimeError, TypeError, ValueError) as exc:
        raise AudioInvalid(f"the audio does not decode ({exc}); synthesize it again") from None
