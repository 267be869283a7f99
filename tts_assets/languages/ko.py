"""Korean: Hangul (and hanja); its own sentence ends, a Hangul chart."""

from __future__ import annotations

from .profile import HAN, HANGUL, Language

PROFILE = Language(
    "ko",
    "korean",
    (HANGUL, HAN),
    sentence_ends="korean",
    numbers="tts_assets.lang.ko.numbers:Korean",
    own_types="tts_assets.lang.ko.types:types",
)
