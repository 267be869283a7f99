"""Spanish."""

from __future__ import annotations

from .profile import LATIN, Language

PROFILE = Language(
    "es",
    "spanish",
    (LATIN,),
    numbers="tts_assets.lang.es:Spanish",
    sentence_ends="european",
    abbreviations=frozenset(
        [
            "sr",
            "sra",
            "srta",
            "dr",
            "dra",
            "dña",
            "ud",
            "uds",
            "vd",
            "vds",
            "ej",
            "pág",
            "núm",
            "aprox",
            "av",
            "avda",
            "ee",
            "uu",
        ]
    ),
)
