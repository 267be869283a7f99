"""Korean: Hangul (and hanja); its own sentence ends, a Hangul chart."""

from __future__ import annotations

from .profile import HAN, HANGUL, Language

PROFILE = Language(
    "ko",
    "korean",
    (HANGUL, HAN),
    sentence_ends="korean",
    letter_chart="hangul",
    own_types=("characters",),
)
