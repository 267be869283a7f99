"""What a clip's audio measures, for the review page: loudness, peak, speech, a waveform.

Everything is measured from the samples a listener hears (the decoded file), with the
audio package's own code. A run records the measures when it stores a clip (it decodes
every clip to validate it), so a page over thousands of clips decodes none.

The waveform is `WAVEFORM_POINTS` peak levels, one byte each (0 silence, 255 full scale
or beyond), base64-encoded: 64 characters, small enough for every manifest entry and
every row of the page, detailed enough to show silence, clipping and a cut-off at a
glance.
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import InputError

if TYPE_CHECKING:
    from .samples import Audio

MEASURE_TRIM_DB = -45.0
"""Edge silence cut before measuring: the default `trim_db`, so a finished clip measures
the same as the speech that was normalised."""

WAVEFORM_POINTS = 48
"""Peak levels per waveform: a multiple of 3, so its base64 has no padding."""
WAVEFORM_CHARS = WAVEFORM_POINTS * 4 // 3
"""Length of the base64 text of a waveform."""
FULL_SCALE = 0.999
"""A decoded sample this close to 1.0 has reached full scale (16-bit's largest is 0.99997)."""


@dataclass(frozen=True)
class ClipMeasures:
    """What one clip's audio measures; `as_manifest` is the form a manifest entry can hold."""

    duration: float
    """Seconds in the file, padding included."""
    speech: float
    """Seconds from the first to the last sound (edge silence and padding excluded)."""
    lufs: float | None
    """Integrated loudness of the speech (BS.1770); None when nothing passes its gates."""
    peak: float
    """Largest absolute sample (1.0 is full scale; a decoded MP3 may exceed it)."""
    loudest_dbfs: float | None
    """RMS of the loudest 10 ms in dBFS; None for digital silence."""
    waveform: str
    """`WAVEFORM_POINTS` peak levels as base64 (see `waveform_levels`)."""

    @property
    def reaches_full_scale(self) -> bool:
        return self.peak >= FULL_SCALE

    def as_manifest(self) -> dict[str, Any]:
        """A JSON object of the measures, rounded to what the page shows."""
        return {
            "duration": round(self.duration, 3),
            "speech": round(self.speech, 3),
            "lufs": None if self.lufs is None else round(self.lufs, 1),
            "peak": round(self.peak, 4),
            "loudest_dbfs": None if self.loudest_dbfs is None else round(self.loudest_dbfs, 1),
            "waveform": self.waveform,
        }

    @classmethod
    def from_manifest(cls, value: Any, where: str) -> ClipMeasures:
        """The measures `as_manifest` wrote; InputError naming `where` for anything else."""

        def level(name: str) -> float | None:
            return None if value[name] is None else float(value[name])

        try:
            measures = cls(
                duration=float(value["duration"]),
                speech=float(value["speech"]),
                lufs=level("lufs"),
                peak=float(value["peak"]),
                loudest_dbfs=level("loudest_dbfs"),
                waveform=str(value["waveform"]),
            )
            waveform_levels(measures.waveform)
        except (KeyError, TypeError, ValueError) as e:
            raise InputError(
                f"{where}: not a set of clip measures ({e}); run tts-assets generate again"
            ) from None
        return measures


def measure_audio(audio: Audio) -> ClipMeasures:
    """The measures of `audio`, as decoded from a stored clip: what `speech_span`,
    `peak_rms_dbfs` and `integrated_lufs` of the speech compute, with one moving power,
    not three (a run measures every clip it stores)."""
    import numpy as np

    from .edges import moving_power
    from .loudness import integrated_lufs

    samples = np.asarray(audio.samples, dtype=np.float32)
    rate = audio.sample_rate
    power = moving_power(samples, rate) if len(samples) else np.zeros(1)
    loudest = float(power.max())
    speech, lufs = 0.0, float("-inf")
    if loudest > 0:
        loud = np.flatnonzero(power >= loudest * 10 ** (MEASURE_TRIM_DB / 10))
        start, end = int(loud[0]), int(loud[-1]) + 1
        speech = (end - start) / rate
        lufs = integrated_lufs(samples[start:end], rate)
    return ClipMeasures(
        duration=audio.duration,
        speech=speech,
        lufs=lufs if math.isfinite(lufs) else None,
        peak=float(np.abs(samples).max()) if len(samples) else 0.0,
        loudest_dbfs=10 * math.log10(loudest) if loudest > 0 else None,
        waveform=waveform(samples),
    )


def measure_clip(data: bytes) -> ClipMeasures:
    """The measures of a stored clip's file bytes (raises AudioInvalid if they do not decode)."""
    from .process import decode

    return measure_audio(decode(data))


def waveform(samples: Any) -> str:
    """The base64 waveform of `samples`: the peak of each of `WAVEFORM_POINTS` equal spans."""
    import numpy as np

    x = np.abs(np.asarray(samples, dtype=np.float32))
    levels = np.zeros(WAVEFORM_POINTS, dtype=np.uint8)
    if len(x):
        # Each span's peak; a clip shorter than the point count repeats its samples
        # (reduceat takes the single sample at a start that does not advance).
        starts = (np.arange(WAVEFORM_POINTS) * len(x)) // WAVEFORM_POINTS
        peaks = np.maximum.reduceat(x, starts)
        levels = np.round(np.clip(peaks, 0.0, 1.0) * 255).astype(np.uint8)
    return base64.b64encode(levels.tobytes()).decode("ascii")


def waveform_levels(text: str) -> list[int]:
    """The peak levels (0-255) of a base64 waveform; ValueError if it is not one."""
    if len(text) != WAVEFORM_CHARS:
        raise ValueError(f"a waveform is {WAVEFORM_CHARS} base64 characters, not {len(text)}")
    return list(base64.b64decode(text, validate=True))
