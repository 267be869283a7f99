"""The scripts texts are written in, and what is known of each: facts of writing every layer
may use, below the languages that declare them.

A language's profile (`languages/`) names its scripts; this package says what each is.
It imports nothing of the package but itself.
"""

from __future__ import annotations

HAN = "han"
"""Chinese characters: hanzi, kanji, hanja."""
KANA = "kana"
"""Hiragana and katakana."""
HANGUL = "hangul"
BOPOMOFO = "bopomofo"
"""Zhuyin, the Chinese phonetic letters."""
LATIN = "latin"
THAI = "thai"
"""The Thai script's letters (its vowel and tone marks above and below are marks, not letters)."""
CASED = frozenset([LATIN])
"""The scripts that write capitals: a name begins with one (the others have no case)."""
