"""Loudness (ITU-R BS.1770 via pyloudnorm), true peak, and the peak limiter.

Clips shorter than one 400 ms gating block are measured by repeating them until they
fill one: that measures the clip's own power, where padding with silence would dilute
it and make every short kana louder than sentences after normalisation.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pyloudnorm

if TYPE_CHECKING:
    from numpy.typing import NDArray

BLOCK_S = 0.4
"""BS.1770 gating block."""
OVERSAMPLE = 4
"""True peak is the peak of the 4x oversampled signal (BS.1770-4 Annex 2)."""
LIMITER_WINDOW_S = 0.010
"""Attack and release of the limiter's gain: long enough not to distort, short enough
to touch only the peak it tames."""
_MAX_ROUNDS = 4


def integrated_lufs(samples: NDArray[np.floating], sample_rate: int) -> float:
    """Gated integrated loudness in LUFS; -inf for digital silence."""
    x = np.asarray(samples, dtype=np.float64)
    if len(x) == 0 or not np.any(x):
        return float("-inf")
    block = math.ceil(BLOCK_S * sample_rate)
    if len(x) < block:
        x = np.tile(x, math.ceil(block / len(x)))
    return float(pyloudnorm.Meter(sample_rate, block_size=BLOCK_S).integrated_loudness(x))


def _interpolator(taps_per_side: int = 16) -> NDArray[np.float64]:
    """The three fractional phases of a Kaiser-windowed sinc for 4x oversampling.

    A sinc is zero at every original sample but its own, so the original samples pass
    unchanged and the estimate is never below the sample peak (soxr's steep low-pass
    does not have that property: it reads a lone click 0.4 dB low).
    """
    t = np.arange(-taps_per_side * OVERSAMPLE, taps_per_side * OVERSAMPLE) / OVERSAMPLE
    window = np.kaiser(len(t) + 1, 8.0)[:-1]
    h = np.sinc(t) * window
    # Row p - 1 holds the taps producing the points p/4 of a sample after each sample.
    return np.stack([h[p::OVERSAMPLE] for p in range(1, OVERSAMPLE)])


_PHASES = _interpolator()


def _oversampled_abs(samples: NDArray[np.floating]) -> NDArray[np.float64]:
    """|signal| at 4x the rate, shaped (samples, 4): row n covers the time from n to n+1."""
    x = np.asarray(samples, dtype=np.float64)
    half = _PHASES.shape[1] // 2
    out = np.empty((len(x), OVERSAMPLE))
    out[:, 0] = x
    for p, taps in enumerate(_PHASES, start=1):
        out[:, p] = np.convolve(x, taps)[half : half + len(x)]
    return np.abs(out)


def _sliding_min(x: NDArray[np.float64], width: int) -> NDArray[np.float64]:
    """Minimum over a centred window of odd `width`, edges extended (van Herk, O(n))."""
    half = width // 2
    padded = np.concatenate([np.full(half, x[0]), x, np.full(half, x[-1])])
    blocks = -(-len(padded) // width)
    flat = np.full(blocks * width, np.inf)
    flat[: len(padded)] = padded
    grid = flat.reshape(blocks, width)
    prefix = np.minimum.accumulate(grid, axis=1).ravel()
    suffix = np.minimum.accumulate(grid[:, ::-1], axis=1)[:, ::-1].ravel()
    starts = np.arange(len(x))
    return np.minimum(suffix[starts], prefix[starts + width - 1])


def _sliding_mean(x: NDArray[np.float64], width: int) -> NDArray[np.float64]:
    """Mean over a centred window of odd `width`, edges extended."""
    half = width // 2
    padded = np.concatenate([np.full(half, x[0]), x, np.full(half, x[-1])])
    total = np.concatenate([[0.0], np.cumsum(padded)])
    return np.asarray((total[width:] - total[:-width]) / width, dtype=np.float64)


def true_peak_dbfs(samples: NDArray[np.floating]) -> float:
    """Peak of the 4x oversampled signal in dB full scale (-inf for silence)."""
    if len(samples) == 0:
        return float("-inf")
    peak = float(_oversampled_abs(samples).max())
    return 20 * math.log10(peak) if peak > 0 else float("-inf")


def limit(
    samples: NDArray[np.float64], sample_rate: int, ceiling_dbfs: float
) -> NDArray[np.float64]:
    """`samples` with a smooth gain dip wherever the true peak would exceed the ceiling.

    The gain each sample needs is spread to its neighbours with a minimum filter and then
    smoothed with a box of the same width; for centred windows of equal width the smoothed
    gain never exceeds what any sample needed, so no look-ahead state is required.
    """
    ceiling = 10 ** (ceiling_dbfs / 20)
    if len(samples) == 0:
        return samples
    for _ in range(_MAX_ROUNDS):
        peaks = _oversampled_abs(samples).max(axis=1)
        if peaks.max() <= ceiling:
            return samples
        needed = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-12))
        width = max(1, round(sample_rate * LIMITER_WINDOW_S)) | 1
        gain = _sliding_mean(_sliding_min(needed, width), width)
        samples = samples * gain
    # Interpolation between gain steps can leave a residue of a hundredth of a dB.
    peak = float(_oversampled_abs(samples).max())
    return samples * min(1.0, ceiling / peak) if peak > 0 else samples


def normalize(
    samples: NDArray[np.floating], sample_rate: int, target_lufs: float, ceiling_dbfs: float
) -> NDArray[np.float64]:
    """`samples` at `target_lufs`, true peak at most `ceiling_dbfs`.

    Limiting lowers the loudness a little, so make-up gain and limiting alternate until the
    loudness is within 0.05 LU of the target (a few rounds at most for speech).
    """
    x = np.asarray(samples, dtype=np.float64)
    for _ in range(_MAX_ROUNDS):
        lufs = integrated_lufs(x, sample_rate)
        if not math.isfinite(lufs) or abs(lufs - target_lufs) <= 0.05:
            break
        x = limit(x * 10 ** ((target_lufs - lufs) / 20), sample_rate, ceiling_dbfs)
    return limit(x, sample_rate, ceiling_dbfs)
