"""Sample-rate conversion, one high-quality resampler for joining pieces and encoding."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import soxr

from ..errors import room_for

if TYPE_CHECKING:
    from numpy.typing import NDArray

SOXR_ROOM = 16 << 20
"""Address space asked free before soxr resamples, in a process under an address-space
limit (`errors.room_for`): soxr writes through allocations it does not check. Room for
its filter, for the other worker's call at once, and for the stack a thread started
meanwhile maps (less than that still crashed under a tight limit)."""


def resample(samples: NDArray[np.float32], from_rate: int, to_rate: int) -> NDArray[np.float32]:
    """`samples` at `to_rate`: soxr's very-high-quality filter, deterministic, no dither."""
    if from_rate == to_rate:
        return samples
    room_for(SOXR_ROOM, "resampling")
    out = soxr.resample(np.ascontiguousarray(samples), from_rate, to_rate, quality="VHQ")
    return np.asarray(out, dtype=np.float32)
