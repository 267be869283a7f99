"""How a clip's word timings agree with its own audio: the check the timings' tests and
benchmark hold each clip's words to."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from tts_assets.audio.edges import _loud, speech_span
from tts_assets.readings.words import PAUSE_DB, TimedWord

SHORTEST_PAUSE_S = 0.15
"""The shortest silence called a pause: longer than a geminate's closure (っ), which is
silence inside a word."""


def pauses(
    samples: NDArray[np.floating], sample_rate: int, quiet_db: float, shortest_s: float
) -> list[tuple[int, int]]:
    """[start, end) of each silence inside the speech: a run of at least `shortest_s`
    quieter than `quiet_db` below the loudest 10 ms, between the first and the last loud
    sample (the edges' silence is not a pause)."""
    loud = _loud(samples, sample_rate, quiet_db)
    if loud is None:
        return []
    where = np.flatnonzero(loud)
    first, last = int(where[0]), int(where[-1])
    inside = loud[first : last + 1]
    # Where loudness changes: a run of quiet samples starts after a loud one and ends
    # before the next.
    change = np.flatnonzero(np.diff(inside.astype(np.int8)))
    starts = change[inside[change]] + 1  # loud -> quiet
    ends = change[~inside[change]] + 1  # quiet -> loud
    shortest = shortest_s * sample_rate
    return [
        (first + int(a), first + int(b))
        for a, b in zip(starts, ends, strict=False)
        if b - a >= shortest
    ]


def _in_ms(sample: int, rate: int) -> int:
    return round(sample * 1000 / rate)


@dataclass(frozen=True)
class TimingCheck:
    """How a clip's word timings agree with its audio: its pauses and the edges of its
    speech, found by energy (`audio.edges`)."""

    in_order: bool
    """Each word starts where or after the one before ends, and none ends before it starts."""
    inside: bool
    pause_overlaps_ms: tuple[int, ...]
    """For each pause in the audio, how far the word reaching furthest into it does (0:
    the pause falls between two words)."""
    start_error_ms: int
    """How far the first word starts from where the speech starts."""
    end_error_ms: int
    """How far the last word ends from where the speech ends."""


def check_timings(
    words: Sequence[TimedWord], samples: NDArray[np.floating], rate: int, trim_db: float
) -> TimingCheck:
    """How `words` (in ms of the clip `samples` at `rate`) agree with the clip's pauses
    and the edges of its speech (found `trim_db` below its loudest 10 ms)."""
    span = speech_span(samples, rate, trim_db)
    length = _in_ms(len(samples), rate)
    in_order = all(w.start <= w.end for w in words) and all(
        a.end <= b.start for a, b in itertools.pairwise(words)
    )
    inside = all(w.start >= 0 and w.end <= length for w in words)
    overlaps = []
    for start, end in pauses(samples, rate, PAUSE_DB, SHORTEST_PAUSE_S):
        a, b = _in_ms(start, rate), _in_ms(end, rate)
        overlaps.append(max([0, *(min(w.end, b) - max(w.start, a) for w in words)]))
    if span is None or not words:
        return TimingCheck(in_order, inside, tuple(overlaps), length, length)
    first, last = (
        abs(words[0].start - _in_ms(span[0], rate)),
        abs(words[-1].end - _in_ms(span[1], rate)),
    )
    return TimingCheck(in_order, inside, tuple(overlaps), first, last)
