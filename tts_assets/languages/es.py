"""Spanish."""

from __future__ import annotations

from .profile import LATIN, Language, wordset

PROFILE = Language(
    "es",
    "spanish",
    (LATIN,),
    numbers="tts_assets.lang.es:Spanish",
    sentence_ends="european",
    abbreviations=wordset("sr sra srta dr dra dña ud uds vd vds ej pág núm aprox av avda ee uu"),
)
