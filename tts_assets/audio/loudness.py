"""Loudness (ITU-R BS.1770-4), true peak, and the peak limiter.

The loudness meter is BS.1770's: K-weighting (a high shelf and a high pass, with the
coefficients pyloudnorm derives for any sample rate), mean square over 400 ms blocks
overlapping by 75 %, an absolute gate at -70 LUFS and a relative gate 10 LU below. It is
written here in numpy rather than taken from pyloudnorm, whose filter needs scipy, the
longest import on the way to a run's first clip (`benchmarks/limit.py` times startup).
`tests/unit/audio/test_process.py` holds it to pyloudnorm's numbers.

Clips shorter than one 400 ms gating block are measured by repeating them until they
fill one: that measures the clip's own power, where padding with silence would dilute
it and make every short kana louder than sentences after normalisation.
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

BLOCK_S = 0.4
"""BS.1770 gating block."""
_STEP = 0.25
"""Blocks start every quarter block (75 % overlap)."""
_ABSOLUTE_GATE = -70.0
_RELATIVE_GATE = -10.0
_IMPULSE_S = 0.3
"""Length of the K-weighting's impulse response kept: its slowest part, the 38 Hz high
pass, has decayed below 1e-20 of its start by then, far under float64's resolution."""
OVERSAMPLE = 4
"""True peak is the peak of the 4x oversampled signal (BS.1770-4 Annex 2)."""
LIMITER_WINDOW_S = 0.010
"""Attack and release of the limiter's gain: long enough not to distort, short enough
to touch only the peak it tames."""
_MAX_ROUNDS = 4


def _biquad(
    kind: str, gain_db: float, q: float, fc: float, rate: int
) -> tuple[list[float], list[float]]:
    """(b, a) of an RBJ cookbook high shelf or high pass, normalised so that a[0] = 1."""
    a_ = 10 ** (gain_db / 40.0)
    w0 = 2.0 * math.pi * (fc / rate)
    alpha = math.sin(w0) / (2.0 * q)
    cos = math.cos(w0)
    if kind == "high_shelf":
        root = 2 * math.sqrt(a_) * alpha
        b = [
            a_ * ((a_ + 1) + (a_ - 1) * cos + root),
            -2 * a_ * ((a_ - 1) + (a_ + 1) * cos),
            a_ * ((a_ + 1) + (a_ - 1) * cos - root),
        ]
        a = [
            (a_ + 1) - (a_ - 1) * cos + root,
            2 * ((a_ - 1) - (a_ + 1) * cos),
            (a_ + 1) - (a_ - 1) * cos - root,
        ]
    else:  # high pass
        b = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
        a = [1 + alpha, -2 * cos, 1 - alpha]
    return [x / a[0] for x in b], [x / a[0] for x in a]


@functools.lru_cache(maxsize=8)
def _k_weighting(rate: int) -> NDArray[np.float64]:
    """Impulse response of BS.1770's K-weighting at `rate`: the shelf, then the high pass."""
    response = np.zeros(math.ceil(_IMPULSE_S * rate))
    response[0] = 1.0
    for stage in (
        _biquad("high_shelf", 4.0, 1 / math.sqrt(2), 1500.0, rate),
        _biquad("high_pass", 0.0, 0.5, 38.0, rate),
    ):
        (b0, b1, b2), (_, a1, a2) = stage
        x = response.tolist()
        y = [0.0] * len(x)
        x1 = x2 = y1 = y2 = 0.0
        for n, xn in enumerate(x):
            yn = b0 * xn + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
            y[n] = yn
            x2, x1, y2, y1 = x1, xn, y1, yn
        response = np.array(y)
    return response


@functools.lru_cache(maxsize=64)
def _k_spectrum(rate: int, size: int) -> NDArray[np.complex128]:
    return np.fft.rfft(_k_weighting(rate), size)


def _fft_size(n: int) -> int:
    """The smallest 2^i 3^j 5^k at least `n`: sizes numpy's FFT computes fastest."""
    best = 1 << (n - 1).bit_length()
    p5 = 1
    while p5 < best:
        p35 = p5
        while p35 < best:
            size = p35 << max(0, (n - 1) // p35).bit_length()
            best = min(best, size)
            p35 *= 3
        p5 *= 5
    return best


CHUNK = 1 << 18
"""Samples filtered at once (about 11 s at 24 kHz): a long clip's filters work chunk by
chunk, so their memory does not grow with its length."""


def _k_weighted(x: NDArray[np.float64], rate: int) -> NDArray[np.float64]:
    """`x` through the K-weighting filter (zero initial state), by FFT convolution: in one
    piece for a clip, chunk by chunk (overlap-add) for a long one."""
    chunk = min(CHUNK, len(x))
    size = _fft_size(chunk + len(_k_weighting(rate)) - 1)
    spectrum = _k_spectrum(rate, size)
    out = np.zeros(len(x) + size)
    for start in range(0, len(x), chunk):
        part = x[start : start + chunk]
        out[start : start + size] += np.fft.irfft(np.fft.rfft(part, size) * spectrum, size)
    return out[: len(x)]


def integrated_lufs(samples: NDArray[np.floating], sample_rate: int) -> float:
    """Gated integrated loudness in LUFS; -inf for digital silence."""
    x = np.asarray(samples, dtype=np.float64)
    if len(x) == 0 or not np.any(x):
        return float("-inf")
    return _gated_lufs(_block_powers(x, sample_rate))


def _block_powers(x: NDArray[np.float64], sample_rate: int) -> NDArray[np.float64]:
    """Mean square of the K-weighted signal in each gating block (the costly part)."""
    block = math.ceil(BLOCK_S * sample_rate)
    if len(x) < block:
        x = np.tile(x, math.ceil(block / len(x)))
    squares = np.square(_k_weighted(x, sample_rate))
    # Block bounds exactly as pyloudnorm computes them (its float expressions, truncated).
    count = int(np.round((len(x) / sample_rate - BLOCK_S) / (BLOCK_S * _STEP))) + 1
    starts = [int(BLOCK_S * (j * _STEP) * sample_rate) for j in range(count)]
    ends = [int(BLOCK_S * (j * _STEP + 1) * sample_rate) for j in range(count)]
    z = np.array([np.sum(squares[a:b]) for a, b in zip(starts, ends, strict=True)])
    return np.asarray(z / (BLOCK_S * sample_rate), dtype=np.float64)


def _gated_lufs(z: NDArray[np.float64]) -> float:
    """Loudness of the blocks that pass the absolute and then the relative gate."""
    with np.errstate(divide="ignore"):
        loudness = -0.691 + 10.0 * np.log10(z)
    audible = z[loudness >= _ABSOLUTE_GATE]
    if len(audible) == 0:
        return float("-inf")
    relative = -0.691 + 10.0 * math.log10(float(np.mean(audible))) + _RELATIVE_GATE
    gated = z[(loudness > relative) & (loudness > _ABSOLUTE_GATE)]
    if len(gated) == 0:
        return float("-inf")
    return float(-0.691 + 10.0 * math.log10(float(np.mean(gated))))


def _interpolator(taps_per_side: int = 16) -> NDArray[np.float64]:
    """The three fractional phases of a Kaiser-windowed sinc for 4x oversampling: zero at
    every original sample but its own, so those pass unchanged and the estimate is never
    below the sample peak (soxr's steep low-pass reads a lone click 0.4 dB low)."""
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
    """Peak of the 4x oversampled signal in dB full scale (-inf for silence); a long
    signal chunk by chunk, each with the interpolator's reach of its neighbours."""
    if len(samples) == 0:
        return float("-inf")
    reach = _PHASES.shape[1]
    peak = 0.0
    for start in range(0, len(samples), CHUNK):
        lo = max(0, start - reach)
        part = _oversampled_abs(samples[lo : start + CHUNK + reach])
        peak = max(peak, float(part[start - lo : start - lo + CHUNK].max()))
    return 20 * math.log10(peak) if peak > 0 else float("-inf")


def limit(
    samples: NDArray[np.float64], sample_rate: int, ceiling_dbfs: float
) -> NDArray[np.float64]:
    """`samples` with a smooth gain dip wherever the true peak would exceed the ceiling.
    A minimum filter then a box of the same width never lets the smoothed gain exceed what
    any sample needed (centred windows), so no look-ahead state is required."""
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
    """`samples` at `target_lufs`, true peak at most `ceiling_dbfs`: limiting lowers the
    loudness a little, so make-up gain and limiting alternate until it is within 0.05 LU
    of the target (a few rounds at most for speech)."""
    x = np.asarray(samples, dtype=np.float64)
    if len(x) == 0 or not np.any(x):
        return limit(x, sample_rate, ceiling_dbfs)
    powers = _block_powers(x, sample_rate)
    for _ in range(_MAX_ROUNDS):
        lufs = _gated_lufs(powers)
        if not math.isfinite(lufs) or abs(lufs - target_lufs) <= 0.05:
            break
        gain = 10 ** ((target_lufs - lufs) / 20)
        scaled = x * gain
        x = limit(scaled, sample_rate, ceiling_dbfs)
        # The filter is linear: where the limiter left the samples as they were, every
        # block's power is scaled by gain squared, and only the gates need judging again.
        powers = powers * gain**2 if x is scaled else _block_powers(x, sample_rate)
    return limit(x, sample_rate, ceiling_dbfs)
