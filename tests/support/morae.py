"""Each mora of a Kokoro Japanese clip and when it is said (tests and benchmarks)."""

from __future__ import annotations

from tts_assets.audio.timings import Mark, Timings
from tts_assets.scripts.kana import mora_groups


def kokoro_morae(timings: Timings) -> list[Mark]:
    """Each mora of a Kokoro Japanese clip and when it is said: its phonemes (`kʲi`),
    its first sample and the sample after its last, in the samples `timings` count
    (`Audio.timings` of what `KokoroProvider` made, or of the finished clip); the
    phonemes cut into morae as `scripts.kana.mora_groups` cuts them.

    Raises ValueError for timings of another unit than Kokoro's phonemes.
    """
    if timings.unit != "phoneme":
        raise ValueError(f"Kokoro morae need phoneme timings, not {timings.unit} timings")
    marks = timings.marks
    return [
        Mark(
            "".join(marks[i].text for i in group),
            marks[group[0]].start,
            marks[group[-1]].end,
        )
        for group in mora_groups([m.text for m in marks])
    ]
