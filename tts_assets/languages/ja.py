"""Japanese: kana and kanji, read by the Japanese reader (readings, pitch accent)."""

from __future__ import annotations

from .profile import HAN, KANA, ROMAJI, Language

PROFILE = Language(
    "ja",
    "japanese",
    (HAN, KANA),
    reading_script=KANA,
    pitch_accent=True,
    han_alone=True,
    reader="tts_assets.readings.ja.reader:JapaneseReader",
    romanization=ROMAJI,
    listening_form=KANA,
    own_types=("kanji", "characters"),
    listening=(0.3, -1.3, 8),
    spaced=False,
)
