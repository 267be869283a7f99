"""French."""

from __future__ import annotations

from .profile import LATIN, Language, wordset

PROFILE = Language(
    "fr",
    "french",
    (LATIN,),
    numbers="tts_assets.lang.fr:French",
    sentence_ends="european",
    abbreviations=wordset("m mme mmes mlle mlles dr pr st ste ex env av apr cf j.-c c.-à-d"),
)
