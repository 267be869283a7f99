"""Portuguese."""

from __future__ import annotations

from .profile import LATIN, Language

PROFILE = Language(
    "pt",
    "portuguese",
    (LATIN,),
    numbers="tts_assets.lang.pt:Portuguese",
    regional_numbers=(("pt-br", "tts_assets.lang.pt:BrazilianPortuguese"),),
    sentence_ends="european",
    abbreviations=frozenset(["sr", "sra", "srta", "dr", "dra", "prof", "ex", "pág", "núm", "av"]),
)
