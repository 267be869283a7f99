"""Korean content's own built-in type: its Hangul chart, every entry a letter (ㄱ said as
가, ㅏ as 아), as a `content.builtins` table (`Language.own_types`)."""

from __future__ import annotations

from typing import Any


def types() -> dict[str, dict[str, Any]]:
    """The table (made anew: the caller fills in each field's language)."""
    return {
        "characters": {
            "file": "characters.json",
            # A Hangul chart: every entry a letter (its `type` "alphabet", or none).
            "fields": [
                {
                    "name": "letter",
                    "text": ["char", "character"],
                    "url": "audioUrl",
                    "kind": "kana",
                },
                {"name": "example", "text": "examples[].word", "url": "examples[].audioUrl"},
            ],
        },
    }
