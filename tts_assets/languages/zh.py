"""Chinese: hanzi (and zhuyin), read by the Chinese reader (pinyin, polyphones)."""

from __future__ import annotations

from .profile import BOPOMOFO, HAN, PINYIN, SIMPLIFIED, Language

PROFILE = Language(
    "zh",
    "chinese",
    (HAN, BOPOMOFO),
    reading_script=PINYIN,
    han_alone=True,
    reader="tts_assets.readings.zh.reader:ChineseReader",
    romanization=PINYIN,
    listening_form=SIMPLIFIED,
    spaced=False,
)
