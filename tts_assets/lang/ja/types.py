"""Japanese content's own built-in types: its kanji, and its kana chart (the chart's kanji
left to the kanji type), as `content.builtins` tables (`Language.own_types`)."""

from __future__ import annotations

from typing import Any

from ...content.builtins import KANA_TYPES, KANJI


def types() -> dict[str, dict[str, Any]]:
    """The tables (made anew: the caller fills in each field's language)."""
    return {
        "kanji": {
            "file": "kanji.json",
            "fields": [
                {
                    "name": "reading",
                    "text": ["onyomi[0]", "kunyomi[0]"],
                    "url": "audioUrl",
                    "kind": "reading",
                    "kanji": KANJI,
                },
                {
                    "name": "onyomi",
                    "text": "onyomi[]",
                    "url": "onyomiAudioUrls[]",
                    "kind": "reading",
                    "kanji": KANJI,
                },
                {
                    "name": "kunyomi",
                    "text": "kunyomi[]",
                    "url": "kunyomiAudioUrls[]",
                    "kind": "reading",
                    "kanji": KANJI,
                },
                # The word, reconciled with its reading (an entry with no word: the reading).
                {
                    "name": "example",
                    "text": ["examples[].word", "examples[].reading"],
                    "url": "examples[].audioUrl",
                    "reading": "examples[].reading",
                },
            ],
        },
        "characters": {
            "file": "characters.json",
            # Kana entries only: the chart's kanji (no type, or "kanji") are the kanji
            # type's, which a team points at this file with where = { type = ["", "kanji"] }.
            "where_not": {"type": KANA_TYPES},
            "fields": [
                {
                    "name": "kana",
                    "text": ["char", "hiragana", "katakana"],
                    "url": "audioUrl",
                    "kind": "kana",
                },
                # From the kana word, never from its romaji "reading".
                {"name": "example", "text": "examples[].word", "url": "examples[].audioUrl"},
            ],
        },
    }
