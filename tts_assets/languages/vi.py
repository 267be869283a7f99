"""Vietnamese: Latin letters with its own (ă đ ơ ư, the tone marks under a vowel)."""

from __future__ import annotations

from ..scripts.vietnamese import SYLLABLES
from .profile import LATIN, Language

PROFILE = Language(
    "vi",
    "vietnamese",
    (LATIN,),
    own_words=SYLLABLES,
    numbers="tts_assets.lang.vi:Vietnamese",
    sentence_ends="european",
    abbreviations=frozenset(["tp", "ts", "ths", "pgs", "gs", "bs", "ks"]),
)
