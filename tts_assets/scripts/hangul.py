"""Hangul: the syllable a chart's letter is said as (a letter alone is its name).

The content's text cleanup says a character chart's Hangul letter as this syllable
(`content.text.clean`, kind `kana`); Korean's own built-in chart is `lang/ko/types.py`.
"""

from __future__ import annotations


def _syllable(initial: int, vowel: int, final: int = 0) -> str:
    """The Hangul syllable of these jamo indexes (Unicode's composition arithmetic)."""
    return chr(0xAC00 + (initial * 21 + vowel) * 28 + final)


_SILENT = 11
"""ㅇ's index as an initial: silent, the one a vowel is written with alone (아)."""
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"

HANGUL_SOUNDS: dict[int, str] = {
    **{ord(c): _syllable(i, 0) for i, c in enumerate(_INITIALS)},
    ord("ㅇ"): _syllable(_SILENT, 0, 21),
    **{ord(c): _syllable(_SILENT, i) for i, c in enumerate(_VOWELS)},
    **{0x1100 + i: _syllable(i, 0) for i in range(19)},  # conjoining initials ᄀ…ᄒ
    0x110B: _syllable(_SILENT, 0, 21),
    **{0x1161 + i: _syllable(_SILENT, i) for i in range(21)},  # conjoining vowels ᅡ…ᅵ
}
"""A chart's Hangul letter → the syllable its clip says. A letter alone is its name to a
Korean voice (espeak-ng says ㄱ as 기역, ㄲ as 쌍기역), and a chart teaches its sound: a
consonant is said before ㅏ, as the first column of the syllable table sounds it (ㄱ 가,
ㄴ 나, ㅎ 하); ㅇ, silent before a vowel, as the ng it says at a syllable's end (앙); a
vowel as it is written alone, after the silent ㅇ (ㅏ 아, ㅢ 의). Other letters (the
final-only clusters ㄳ ㄺ, archaic ones) are said as written."""
