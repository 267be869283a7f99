"""Chinese characters and pinyin as written: which characters are hanzi, and numbered
syllables written with their tone marks (`pian2 yi5` → pián yi).

What a text is said as (the content's pinyin read as syllables, a reading decided from the
sentence) is decided in `readings/chinese/`; the providers use these to find the
characters of a text and to write a reading in their messages.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence


def is_hanzi(char: str) -> bool:
    """Whether `char` is a Chinese character (the CJK unified ideographs and extensions,
    and the twelve compatibility ideographs that are characters of their own, 﨑 﨎: the
    others are folded to their unified form by NFC)."""
    if "\u4e00" <= char <= "\u9fff":
        return True  # the main block, all of it assigned: most characters, no name looked up
    if char < "\u3000":
        return False  # letters, digits, punctuation of the alphabets
    name = unicodedata.name(char, "")
    return name.startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH")) or char == "〇"


def hanzi_of(text: str) -> list[str]:
    """The Chinese characters of `text`, in order."""
    return [c for c in text if is_hanzi(c)]


def plain(numbered: Sequence[str]) -> str:
    """Numbered syllables as the content would write them with marks: pián yi."""
    return " ".join(_marked(s) for s in numbered)


_VOWELS = "aoeiuv"
_MARK_OF = {1: "\u0304", 2: "\u0301", 3: "\u030c", 4: "\u0300"}


@functools.lru_cache(maxsize=4096)
def _marked(numbered: str) -> str:
    if not numbered[-1:].isdigit():
        return numbered  # no reading known (`?`): shown as it is
    letters, tone = numbered[:-1], int(numbered[-1])
    if tone in _MARK_OF:
        # The mark goes on a or e, on the o of ou, else on the last vowel.
        vowels = [i for i, c in enumerate(letters) if c in _VOWELS]
        first = "a" if "a" in letters else "e" if "e" in letters else "o" if "ou" in letters else ""
        at = letters.index(first) if first else (vowels[-1] if vowels else None)
        if at is not None:
            letters = letters[: at + 1] + _MARK_OF[tone] + letters[at + 1 :]
    return unicodedata.normalize("NFC", letters.replace("v", "u\u0308"))
