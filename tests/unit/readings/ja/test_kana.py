"""Readings as plain strings: normalization, usability, comparison, the on'yomi rule."""

from __future__ import annotations

from tests.support.sweep import check_each
from tts_assets.lang.ja.kana import (
    as_spelled,
    normalize_reading,
    reading_key,
    sino_japanese,
    to_hiragana,
    to_katakana,
    unusable_reason,
)


def test_normalize_reading() -> None:
    def case(raw: str, normalized: str) -> None:
        assert normalize_reading(raw) == normalized

    check_each(
        case,
        [
            ("か.つ", "かつ"),  # the loader's dictionary notation goes
            ("おと-", "おと"),
            ("あ(がる)", "あがる"),
            ("〜がる", "がる"),
            ("ｶﾞｸｾｲ", "ガクセイ"),  # half-width katakana
            ("がく せい", "がくせい"),  # spaces are not said
            ("コーヒー・カップ", "コーヒーカップ"),
            ("  ", ""),
        ],
    )


def test_unusable_reason() -> None:
    def case(reading: str, reason: str | None) -> None:
        assert unusable_reason(reading) == reason

    check_each(
        case,
        [
            ("がくせい", None),
            ("ガクセー", None),
            ("ゔぁ", None),
            ("gakusei", 'reading is not kana: "gakusei"'),
            ("学生", 'reading is not kana: "学生"'),
            ("がく生", 'reading is not kana: "がく生"'),
            ("がくせい1", 'reading is not kana: "がくせい1"'),
            ("", "reading is empty"),
            # A sentence's reading writes its punctuation as its text does.
            ("おはようございます。きょうはいいてんきですね。", None),
            ("ええ、そうです！ ほんとう？", None),
            ("。", 'reading is not kana: "。"'),
            ("がくせい★", 'reading is not kana: "がくせい★"'),
        ],
    )


def test_readings_that_name_the_same_word_compare_equal() -> None:
    def case(a: str, b: str) -> None:
        assert reading_key(a) == reading_key(b)

    check_each(
        case,
        [
            ("がくせい", "ガクセイ"),  # script
            ("がくせい", "がくせー"),  # long-vowel mark
            ("とうきょう", "トーキョー"),
            ("とおり", "とうり"),  # the two spellings of a long o
            ("ゆうびん", "ユービン"),
            ("ここ", "こゝ"),  # iteration mark
        ],
    )


def test_different_readings_compare_different() -> None:
    def case(a: str, b: str) -> None:
        assert reading_key(a) != reading_key(b)

    check_each(
        case,
        [
            ("こんにちは", "こんにちわ"),  # a particle's spelling is the content's choice
            ("はなぢ", "はなじ"),
            ("ごぞうに", "おぞうに"),
            ("さんかい", "さんがい"),
            ("おもう", "おもい"),
        ],
    )


def test_key_has_one_character_per_kana() -> None:
    assert len(reading_key("ガッコー、")) == len("ガッコー")


def test_sino_japanese_long_vowels() -> None:
    def case(onyomi: str, said: str) -> None:
        assert sino_japanese(onyomi) == said

    check_each(
        case,
        [
            ("セイ", "セー"),
            ("キュウ", "キュー"),
            ("ゆう", "ユー"),
            ("トウ", "トー"),
            ("ツウ", "ツー"),
            ("イ", "イ"),
            ("ニチ", "ニチ"),
            ("アイ", "アイ"),  # a+i is two vowels
            ("カイ", "カイ"),
        ],
    )


def test_spelled_kana_make_a_palatalized_syllables_u_long() -> None:
    def case(reading: str, said: str) -> None:
        assert as_spelled(reading) == said

    check_each(
        case,
        [
            ("いっぴょう", "イッピョー"),
            ("きょう", "キョー"),
            ("しゅう", "シュー"),
            ("りょうり", "リョーリ"),
            ("ぎゅうにゅう", "ギューニュー"),
            ("きょお", "キョー"),
            ("けいと", "ケイト"),  # e+i and o+u keep their spelling
            ("おもう", "オモウ"),
            ("ちゃう", "チャウ"),  # a palatalized a+u is two vowels
        ],
    )


def test_script_folding_round_trips() -> None:
    assert to_katakana("がくせいゝ") == "ガクセイヽ"
    assert to_hiragana("ガクセイヽー") == "がくせいゝー"
