"""Japanese: kana and kanji, read by the Japanese reader (readings, pitch accent); its code
in `tts_assets/lang/ja/`."""

from __future__ import annotations

from .profile import HAN, KANA, ROMAJI, Language

PROFILE = Language(
    "ja",
    "japanese",
    (HAN, KANA),
    reading_script=KANA,
    pitch_accent="tts_assets.lang.ja.accent_verify",
    han_alone=True,
    han_forms=("cp932",),
    reader="tts_assets.lang.ja.reader:JapaneseReader",
    romanization=ROMAJI,
    listening_form="tts_assets.lang.ja.listening:KanaFold",
    own_types="tts_assets.lang.ja.types:types",
    misread="tts_assets.lang.ja.misread:misread_word",
    said_words="tts_assets.lang.ja.analysis:first_analysis",
    listening=(0.3, -1.3, 8),
    spaced=False,
)
