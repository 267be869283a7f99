"""A number no rule reads whole is said as written and noted (`readings.numbers.tokens`):
a rule that reads part of a number (`1` of `1 234 5`, `4-3` of `4-3-16-2`, `5` of `5h20`)
fits a shape it was not written for, so the whole number is kept as written, with a
doubt saying what to write; what the rules read whole, or one side of a dash each, is
said as before."""

from __future__ import annotations

from tests.support.sweep import check_each, check_each_one
from tts_assets.readings.numbers import LANGUAGES, spoken_form

READ_IN_PART: list[tuple[str, str]] = [
    # (text, the number said as written): shapes no rule of any language reads whole
    ("Teil 4-3-16-2 passt.", "4-3-16-2"),
    ("Box 3x4 ok", "3x4"),
    ("Code 12-345-6789-0 ok", "12-345-6789-0"),
]


def test_a_number_no_rule_reads_whole_is_said_as_written_and_noted() -> None:
    """In every language (each it fails in named)."""

    def case(text: str, kept: str) -> None:
        def noted_in(lang: str) -> None:
            spoken = spoken_form.__wrapped__(text, lang)
            assert kept in spoken.text
            assert any(doubt.startswith(kept) and "write" in doubt for doubt in spoken.doubts)

        check_each_one(noted_in, LANGUAGES)

    check_each(case, READ_IN_PART)


def test_a_number_glued_to_letters_or_in_three_parts_is_not_read_in_part() -> None:
    """`5h20` was `fünfh20`: the rules read its first digit and left the rest; `3.2.1`
    was a date with a year 1."""

    def case(lang: str, text: str, kept: str) -> None:
        spoken = spoken_form.__wrapped__(text, lang)
        assert kept in spoken.text and spoken.doubts

    check_each(
        case,
        [
            ("de", "Kapitel 3.2.1 lesen", "3.2.1"),
            ("de", "Es waren 1 234 5 Leute", "1 234"),
            ("ko", "1 234 5명", "1 234 5"),
            ("pl", "Rozdział 3.2.1 czytamy", "3.2.1"),
            ("de", "Das Teil 5h20 passt.", "5h20"),
            ("en", "Part 5h20 fits.", "5h20"),
            ("it", "Pezzo 5h20 ok.", "5h20"),
            ("pl", "Część 5h20 pasuje.", "5h20"),
        ],
    )


def test_what_the_rules_read_whole_or_a_side_of_a_dash_each_is_said_as_before() -> None:
    def case(lang: str, text: str, said: str) -> None:
        spoken = spoken_form.__wrapped__(text, lang)
        assert spoken.text == said and not spoken.doubts

    check_each(
        case,
        [
            ("de", "Sprechstunde 10:00-12:30 Uhr", "Sprechstunde zehn Uhr bis zwölf Uhr dreißig"),
            ("de", "Zählt: 10 20 30 40 50", "Zählt: zehn zwanzig dreißig vierzig fünfzig"),
            ("de", "Das dauert 3-6 Monate.", "Das dauert drei bis sechs Monate."),
            (
                "fr",
                "Il y a 1 234 5 personnes.",
                "Il y a mille deux cent trente-quatre cinq personnes.",
            ),
        ],
    )
