"""Italian."""

from __future__ import annotations

from .profile import LATIN, Language, wordset

PROFILE = Language(
    "it",
    "italian",
    (LATIN,),
    numbers="tts_assets.lang.it:Italian",
    sentence_ends="european",
    abbreviations=wordset("sig sigg sig.ra dott dott.ssa prof ing avv es pag"),
)
