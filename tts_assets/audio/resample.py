"""Sample-rate conversion, one high-quality resampler for joining pieces and encoding."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import soxr

if TYPE_CHECKING:
    from numpy.typing import NDArray


def resample(samples: NDArray[np.float32], from_rate: int, to_rate: int) -> NDArray[np.float32]:
    """`samples` at `to_rate`: soxr's very-high-quality filter, deterministic, no dither."""
    if from_rate == to_rate:
        return samples
    out = soxr.resample(np.ascontiguousarray(samples), from_rate, to_rate, quality="VHQ")
    return np.asarray(out, dtype=np.float32)
