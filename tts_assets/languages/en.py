"""English: an English word in it is no borrowed word."""

from __future__ import annotations

from .profile import LATIN, Language, wordset

PROFILE = Language(
    "en",
    "english",
    (LATIN,),
    numbers="tts_assets.lang.en:English",
    sentence_ends="european",
    borrows_english=False,
    abbreviations=wordset("mr mrs ms dr prof st jr sr mt vs approx dept fig e.g i.e"),
    listening=(0.2, -1.0, 12),
)
