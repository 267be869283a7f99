"""A reading in kana as the content writes it: normalized, and whether it can be said.

The pronunciations file and the Japanese reader take a reading in kana; a reading the
content writes with dictionary notation (`か.つ`, `あ(がる)`) or a loanword's middle dot
says the same kana without them.
"""

from __future__ import annotations

import functools
import unicodedata

from ..scripts.kana import is_kana
from .text import clean

# Separators a reading may carry that are not said: spaces and the middle dot some
# dictionaries put between the words of a loanword.
_UNSAID = str.maketrans("", "", " \u3000・\u30fb")


@functools.lru_cache(maxsize=1 << 16)
def normalize_reading(raw: str) -> str:
    """The reading `raw` says: cleaned as the loader cleans one (dictionary notation
    goes), compatibility forms folded (half-width katakana), spaces and middle dots out."""
    return unicodedata.normalize("NFKC", clean(raw, "reading")).translate(_UNSAID)


def unusable_reason(reading: str) -> str | None:
    """Why a normalized reading cannot be spoken, or None when it is kana: its letters
    kana, with the punctuation a sentence's reading writes as its text does
    (`おはようございます。きょうは…`)."""
    if not reading:
        return "reading is empty"
    if not all(is_kana(c) or _is_sign(c) for c in reading) or not any(map(is_kana, reading)):
        return f'reading is not kana: "{reading}"'
    return None


def _is_sign(char: str) -> bool:
    """Whether `char` is punctuation or a space (no letter, no digit, no symbol)."""
    return char.isspace() or unicodedata.category(char).startswith("P")
