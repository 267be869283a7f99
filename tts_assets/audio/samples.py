"""The samples every stage passes on: what a provider makes and the audio stages finish."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from .timings import Timings


@dataclass(frozen=True)
class Audio:
    """Synthesized speech: mono float32 samples in [-1, 1] at one sample rate."""

    samples: NDArray[np.float32]
    """Mono samples; int16 is made on demand when encoding."""
    sample_rate: int
    """Samples per second."""
    phonemes: str | None = None
    """What the provider said, as it spelled it out: Kokoro's phonemes, espeak-ng's
    phoneme mnemonics (`-x`). None when the provider cannot tell. Recorded in the
    manifest with the clip, so a reviewer (and a check) can read what a clip says."""
    timings: Timings | None = None
    """When each unit of what was said is heard, in samples of `samples`, as the model
    that made them reported it (`timings.py`); None when the provider reports none."""
    silences: tuple[tuple[int, int], ...] = ()
    """Where the silence put between a clip's pieces is ([start, end) in samples): a
    clip's written pauses and the gaps between its sentences (`process.finish_pieces`)."""

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate if self.sample_rate else 0.0
