"""Portuguese."""

from __future__ import annotations

from .profile import LATIN, Language

PROFILE = Language(
    "pt",
    "portuguese",
    (LATIN,),
    sentence_ends="european",
    abbreviations=frozenset(["sr", "sra", "srta", "dr", "dra", "prof", "ex", "pág", "núm", "av"]),
)
