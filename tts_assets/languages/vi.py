"""Vietnamese: Latin letters with its own (ă đ ơ ư, the tone marks under a vowel)."""

from __future__ import annotations

from .profile import LATIN, VIETNAMESE_LETTERS, Language

PROFILE = Language(
    "vi",
    "vietnamese",
    (LATIN,),
    own_letters=VIETNAMESE_LETTERS,
    sentence_ends="european",
    abbreviations=frozenset(["tp", "ts", "ths", "pgs", "gs", "bs", "ks"]),
)
