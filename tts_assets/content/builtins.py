"""The built-in content types, written as `[types.NAME]` tables, for content in one language.

Content of this shape looks the same in every language the apps teach: one folder per
language with `vocabulary.json`, `grammar.json`, `readings.json`, `listening.json`. So
the built-in types follow the run's content language: their fields speak it unless they
declare their own `lang` (a vocabulary `meaning` is English), and the grammar sentence
sits under the language's English name (`examples[].chinese` in Chinese content).
The kanji and kana-chart types (`kanji`, `characters`) are Japanese content and are
built in for Japanese only: a kanji's on'yomi, or a chart's kana, is Japanese whatever
else a team teaches, and a `characters.json` in another language's folder is not a kana
chart.
"""

from __future__ import annotations

from typing import Any

from ..languages import content_language

JAPANESE_ONLY = ("kanji", "characters")
"""Built-in types that exist only for Japanese content."""

EXTRAS = ("characters", "listening")
"""Built-in types few content sets have: under --type all a missing file skips them without
a note (the notes of vocabulary, grammar, kanji and reading say why a run found nothing)."""

KANA_TYPES = ["", "kanji"]
"""`type` values of a chart's kanji entries ("" = no type); every other entry is a kana."""


def builtin_tables(lang: str = "ja") -> dict[str, dict[str, Any]]:
    """The built-in types for content in `lang`, as config tables; ValueError for an unknown lang.

    A field written without `lang` below speaks `lang`.
    """
    name = content_language(lang).name
    tables: dict[str, dict[str, Any]] = {
        "vocabulary": {
            "file": "vocabulary.json",
            "fields": [
                {"name": "word", "text": "word", "url": "audioUrl", "reading": "reading"},
                {"name": "example", "text": "examples[].sentence", "url": "examples[].audioUrl"},
                {
                    "name": "meaning",
                    "text": "meaning",
                    "url": "meaningAudioUrl",
                    "lang": "en",
                    "enabled": False,
                },
            ],
        },
        "grammar": {
            "file": "grammar.json",
            "fields": [
                {"name": "example", "text": f"examples[].{name}", "url": "examples[].audioUrl"},
            ],
        },
        "kanji": {
            "file": "kanji.json",
            "fields": [
                {
                    "name": "reading",
                    "text": ["onyomi[0]", "kunyomi[0]"],
                    "url": "audioUrl",
                    "kind": "reading",
                },
                {
                    "name": "onyomi",
                    "text": "onyomi[]",
                    "url": "onyomiAudioUrls[]",
                    "kind": "reading",
                },
                {
                    "name": "kunyomi",
                    "text": "kunyomi[]",
                    "url": "kunyomiAudioUrls[]",
                    "kind": "reading",
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
        "reading": {
            "file": "readings.json",
            "fields": [{"name": "passage", "text": "text", "url": "audioUrl", "split": True}],
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
        "listening": {
            "file": "listening.json",
            "fields": [{"name": "passage", "text": "text", "url": "audioUrl", "split": True}],
        },
    }
    if content_language(lang).code != "ja":
        for japanese in JAPANESE_ONLY:
            del tables[japanese]
    for table in tables.values():
        for f in table["fields"]:
            f.setdefault("lang", lang)
    return tables
