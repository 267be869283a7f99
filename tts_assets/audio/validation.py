"""The checks every clip passes before it is stored, and that synthesized samples pass
before they are processed: complete, finite, not silent, not clipped, plausible length.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..errors import AudioInvalid
from . import codec, integrity
from .bounds import speech_bounds
from .edges import peak_rms_dbfs
from .settings import AudioSettings

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .samples import Audio

SILENT_DBFS = -60.0
"""A clip whose loudest 10 ms is quieter than this holds no speech: normalising it would
only turn noise up by 40 dB or more."""
CLIP_LEVEL = 0.99
"""Samples this close to full scale, repeated, are the flat tops of clipping."""
MAX_CLIPPED = 0.001
"""Fraction of samples allowed on flat tops (an isolated peak at full scale is fine)."""


def clipped_fraction(samples: NDArray[np.floating]) -> float:
    """Share of samples on flat tops at full scale (runs of equal, near-full-scale values)."""
    x = np.asarray(samples)
    if len(x) < 2:
        return 0.0
    flat = (x[1:] == x[:-1]) & (np.abs(x[1:]) >= CLIP_LEVEL)
    on_top = np.zeros(len(x), dtype=bool)
    on_top[1:] |= flat
    on_top[:-1] |= flat
    return float(on_top.mean())


def sound_samples(audio: Audio) -> NDArray[np.float64]:
    """`audio`'s samples as mono float64 after checking they can be speech.

    Raises AudioInvalid when there are none, any is NaN or infinite, the clip is silent,
    or more than a small fraction of it is clipped.
    """
    x = np.asarray(audio.samples, dtype=np.float64)
    if x.ndim == 2:
        x = x.mean(axis=1)
    if x.ndim != 1 or len(x) == 0 or audio.sample_rate <= 0:
        raise AudioInvalid(
            f"the provider returned no usable samples (shape {x.shape}, "
            f"rate {audio.sample_rate}); synthesize it again"
        )
    bad = int(np.count_nonzero(~np.isfinite(x)))
    if bad:
        raise AudioInvalid(f"{bad} samples are NaN or infinite; the provider output is broken")
    level = peak_rms_dbfs(x, audio.sample_rate)
    if level < SILENT_DBFS:
        raise AudioInvalid(
            f"the clip is silent (loudest 10 ms at {level:.0f} dBFS, below {SILENT_DBFS:.0f})"
        )
    clipped = clipped_fraction(x)
    if clipped > MAX_CLIPPED:
        raise AudioInvalid(
            f"{clipped:.1%} of the samples are clipped at full scale; "
            "lower the provider's volume or use another voice"
        )
    return x


def checked_audio(data: bytes, settings: AudioSettings, text: str, kind: str = "text") -> Audio:
    """The decoded samples of `data` (what a listener hears), after proving it a complete,
    plausible clip of `text` spoken as `kind` (a kana chart's sound is held to one mora).

    Raises AudioInvalid when the file is cut short or not in `settings.format`, decodes
    to fewer samples than its headers announce, is silent, clipped or non-finite, or
    lasts implausibly long or short for `text` (see `bounds.py`).
    """
    integrity.assert_complete(data, settings.format)
    audio = codec.decode(data)
    declared = codec.declared_frames(data)
    if len(audio.samples) != declared:
        raise AudioInvalid(
            f"decoded {len(audio.samples)} samples where the file announces {declared}; "
            "the file is damaged, synthesize it again"
        )
    if settings.format == "ogg" and audio.sample_rate not in codec.OPUS_RATES:
        raise AudioInvalid(f"Opus file at {audio.sample_rate} Hz, which Opus cannot carry")
    sound_samples(audio)
    speech = audio.duration - (settings.lead_ms + settings.tail_ms) / 1000
    shortest, longest = speech_bounds(text, kind)
    if not shortest <= speech <= longest:
        side = (
            f"shorter than the shortest plausible, {shortest:.3f} s"
            if speech < shortest
            else f"longer than the longest plausible, {longest:.3f} s"
        )
        raise AudioInvalid(
            f"{speech:.3f} s of speech for {len(text)} characters ({text[:20]!r}) is {side}; "
            "the provider misbehaved, synthesize it again"
        )
    return audio
