"""How a stretched clip's pitch compares with its source's (tests and benchmarks)."""

from __future__ import annotations

from tts_assets.audio.edges import speech_span
from tts_assets.audio.samples import Audio


def pitch_ratio(original: Audio, slowed: Audio) -> float:
    """How the pitch of `slowed` (`original` stretched) compares with the original's: the
    median ratio of their F0 over the frames voiced in both, each frame of `slowed`
    mapped to the original's time across their speech (1.0: the pitch kept). Frame by
    frame, since the median of each clip's own voiced frames jumps by octaves where the
    tracker's voicing differs (a low voice's creak). Needs pyworld (the `accent` extra);
    how the tests and benchmarks/slow.py measure a stretch."""
    import numpy as np
    import pyworld

    tracks = []
    for audio in (original, slowed):
        samples = np.asarray(audio.samples, dtype=np.float64)
        span = speech_span(samples, audio.sample_rate, -40.0)
        if span is None:
            return float("nan")
        f0, times = pyworld.harvest(samples, audio.sample_rate, frame_period=5.0)
        tracks.append((f0, times, span[0] / audio.sample_rate, span[1] / audio.sample_rate))
    (f0, times, start, end), (g0, slow_times, slow_start, slow_end) = tracks
    mapped = start + (slow_times - slow_start) * (end - start) / (slow_end - slow_start)
    voiced = np.interp(mapped, times, (f0 > 0).astype(np.float64)) > 0.99
    both = (g0 > 0) & voiced
    if not both.any():
        return float("nan")
    return float(np.median(g0[both] / np.interp(mapped[both], times, f0)))
