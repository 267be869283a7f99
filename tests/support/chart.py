"""A kana and kanji chart as real apps write it, and a helper writing content files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CHART = [
    {
        "char": "が",
        "type": "dakuten",
        "romaji": "ga",
        "examples": [{"word": "がくせい", "reading": "gakusei"}],
        "audioUrl": "",
    },
    {"char": "きゃ", "type": "yoon", "romaji": "kya", "audioUrl": ""},
    {"hiragana": "あ", "katakana": "ア", "type": "basic", "romaji": "a"},
    {"katakana": "ン", "type": "basic", "romaji": "n"},
    {"kanji": "日", "onyomi": ["ニチ"], "kunyomi": ["ひ"], "audioUrl": ""},
    {"kanji": "月", "type": "kanji", "onyomi": ["ゲツ"], "examples": [{"reading": "つき"}]},
]
"""A real chart's shape: kana entries (new and older forms) beside kanji entries."""


def write(folder: Path, name: str, content: Any) -> None:
    (folder / name).write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
