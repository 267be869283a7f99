"""A stored clip's samples, and how alike two stretches of sound are: what a join's tests
compare (each part of a drill, each line of a dialogue, against its own clip)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import soundfile


def samples(project: Path, url: str) -> tuple[np.ndarray[Any, Any], int]:
    """The samples (mono) and rate of the clip at `url` (`/audio/...`, under `public`)."""
    data, rate = soundfile.read(project / "public" / url.lstrip("/"), dtype="float32")
    return (data.mean(axis=1) if data.ndim > 1 else data), rate


def similarity(a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> float:
    """The peak of the normalised cross-correlation of two stretches (1: the same)."""
    a = a - a.mean()
    b = b - b.mean()
    corr = np.correlate(a, b, mode="full")
    return float(np.max(np.abs(corr)) / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-12))


def speech(found: np.ndarray[Any, Any], rate: int) -> np.ndarray[Any, Any]:
    """The stretch of `found` louder than 40 dB below its loudest 10 ms."""
    hop = rate // 100
    frames = len(found) // hop
    rms = np.sqrt((found[: frames * hop].reshape(frames, hop) ** 2).mean(axis=1))
    loud = np.flatnonzero(rms > rms.max() * 10 ** (-40 / 20))
    return found[loud[0] * hop : (loud[-1] + 1) * hop]


def stretch(found: np.ndarray[Any, Any], rate: int, start_ms: int, end_ms: int) -> Any:
    """`found` from `start_ms` to `end_ms`."""
    return found[round(start_ms * rate / 1000) : round(end_ms * rate / 1000)]


def stored(project: Any, url: str) -> dict[str, Any]:
    """The manifest's record of the clip at `url` (`project`: a `Project`)."""
    manifest = project.manifest()  # either form (`support.manifests`)
    (clip,) = [c for c in manifest["clips"] if c["path"] == url.removeprefix("/audio/")]
    return dict(clip)
