"""Where the speech is: the span between leading and trailing silence.

Loudness is judged on a 10 ms moving RMS rather than single samples, so a click in the
silence is not mistaken for speech, and relative to the clip's loudest 10 ms, so the
same `trim_db` works whatever level a provider delivers. The centred window reaches a
strong onset half a window early, which keeps a few ms before plosives rather than
clipping them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

WINDOW_S = 0.010
"""Length of the moving RMS window."""


def moving_power(samples: NDArray[np.floating], sample_rate: int) -> NDArray[np.float64]:
    """Mean square over a centred 10 ms window at every sample (same length as input)."""
    x = np.asarray(samples, dtype=np.float64)
    width = max(1, round(sample_rate * WINDOW_S)) | 1  # odd, so the window is centred
    half = width // 2
    padded = np.concatenate([np.zeros(half + 1), x * x, np.zeros(half)])
    total = np.cumsum(padded)
    return np.asarray((total[width:] - total[:-width]) / width, dtype=np.float64)


def peak_rms_dbfs(samples: NDArray[np.floating], sample_rate: int) -> float:
    """RMS of the loudest 10 ms in dB full scale (-inf for digital silence)."""
    if len(samples) == 0:
        return float("-inf")
    peak = float(moving_power(samples, sample_rate).max())
    return 10 * float(np.log10(peak)) if peak > 0 else float("-inf")


def _loud(samples: NDArray[np.floating], sample_rate: int, db: float) -> NDArray[np.bool_] | None:
    """Where the audio is louder than `db` below the loudest 10 ms; None for silence."""
    if len(samples) == 0:
        return None
    power = moving_power(samples, sample_rate)
    peak = float(power.max())
    return power >= peak * 10 ** (db / 10) if peak > 0 else None


def speech_span(
    samples: NDArray[np.floating], sample_rate: int, trim_db: float
) -> tuple[int, int] | None:
    """[start, end) of the audio louder than `trim_db` below the loudest 10 ms, or None."""
    loud = _loud(samples, sample_rate, trim_db)
    if loud is None:
        return None
    where = np.flatnonzero(loud)
    return int(where[0]), int(where[-1]) + 1
