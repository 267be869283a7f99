"""The "Notation said" flag on what careless word lists hold, and not on what a sentence
says: a dash after a comma in speech, a time, a hyphenated word."""

from __future__ import annotations

from tests.support.sweep import check_each_one
from tts_assets.review.flags import notation_in


def test_notation_a_word_list_carries_is_flagged() -> None:
    def case(spoken: str) -> None:
        assert notation_in(spoken).endswith("is said as written")

    check_each_one(
        case,
        [
            "die Adresse,-en",
            "der Arzt, -Ä, e",
            "das Haus, ¨-er",
            "der Lehrer, -",
            "die Mutter, ¨",
            "die Frau,-en;",
            "el libro, -s",
            "213082_20_SV",
            "a=b",
            "https://x.com/a_b",
        ],
    )


def test_what_a_sentence_says_is_not_flagged() -> None:
    def case(spoken: str) -> None:
        assert notation_in(spoken) == ""

    check_each_one(
        case,
        ["Er kam, - und ging.", "Wait, - what?", "10:30", "the 2-3 times", "well-known", "e-mail"],
    )
