"""A letter of another script left in a text is refused with its reason, never described:
espeak-ng says `Wasser (水` as "Wasser chinesisches Schriftzeichen" and
switches no language, so no check of what it said catches it. A Roman numeral character
(Ⅳ, which it names "Buchstabe 2173") is written in letters and read as a number."""

from __future__ import annotations

from tests.support.judged import file_check
from tests.support.sweep import check_each
from tts_assets.content.gate import STRAY, Status, check_text
from tts_assets.content.text import clean


def test_a_letter_of_chinese_japanese_or_korean_left_in_a_latin_text_is_refused() -> None:
    def case(text: str, lang: str, reason: str) -> None:
        verdict = check_text(text, lang)
        assert verdict.status is Status.REFUSED and verdict.looks_like == STRAY
        assert verdict.reason.startswith(reason)

    check_each(
        case,
        [
            (
                "Wasser (水",
                "de",
                '"Wasser (水" has Chinese characters (水) in German: a German voice would name '
                "them rather than say them; remove them, or put them in parentheses as a note "
                "(said without it)",
            ),
            ("Hola 你好", "es", '"Hola 你好" has Chinese characters (你) in Spanish: a Spanish'),
            ("water すい", "en", '"water すい" has kana (す) in English'),
            ("acqua 물", "it", '"acqua 물" has Hangul (물) in Italian'),
            ("eau ㄕㄨㄟ", "fr", '"eau ㄕㄨㄟ" has bopomofo (ㄕ) in French'),
        ],
    )


def test_a_note_in_parentheses_and_other_scripts_stand() -> None:
    def case(text: str, lang: str) -> None:
        assert check_text(text, lang).status is Status.AMBIGUOUS

    check_each(
        case,
        [
            ("water (水)", "en"),  # a note in parentheses is left unsaid, not refused
            ("Wasser (すい) trinken", "de"),
            ("Alpha α", "de"),  # Greek letters are named as the language names them
            ("Kapitel IV", "de"),
        ],
    )


def test_texts_with_stray_letters_do_not_make_a_file_look_like_another_language() -> None:
    # Each is a slip in one text, not a German file in Chinese: refused one by one.
    verdicts = [check_text(t, "de") for t in ("Wasser (水", "Feuer (火", "Erde (土", "Luft")]
    assert [v.refused for v in verdicts] == [True, True, True, False]
    assert file_check(verdicts, "de") is None


def test_a_roman_numeral_character_is_written_in_letters() -> None:
    def case(text: str, spoken: str) -> None:
        assert clean(text) == spoken

    check_each(
        case,
        [
            ("Kapitel (Ⅳ)", "Kapitel (IV)"),
            ("Ⅻ. Jahrhundert", "XII. Jahrhundert"),
            ("ⅸ", "ix"),
            ("Kapitel IV", "Kapitel IV"),
        ],
    )
