"""Chinese: hanzi (and zhuyin), read by the Chinese reader (pinyin, polyphones); its code in
`tts_assets/lang/zh/`."""

from __future__ import annotations

from .profile import BOPOMOFO, HAN, PINYIN, Language

PROFILE = Language(
    "zh",
    "chinese",
    (HAN, BOPOMOFO),
    reading_script=PINYIN.name,
    han_alone=True,
    han_forms=("gb2312", "big5"),
    reader="tts_assets.lang.zh.reader:ChineseReader",
    numbers="tts_assets.lang.zh.numbers:Chinese",
    romanization=PINYIN,
    listening_form="tts_assets.lang.zh.listening:SimplifiedFold",
    spoken_length="tts_assets.lang.zh.pinyin:tone_length",
    reads="tts_assets.lang.zh.pinyin:reads",
    shown_said="tts_assets.lang.zh.pinyin:marked",
    spaced=False,
)
