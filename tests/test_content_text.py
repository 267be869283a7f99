"""Text cleanup and sentence splitting."""

from __future__ import annotations

import random
import re

import pytest

from tts_assets.content.text import clean, split_sentences


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("  水  ", "水"),
        ("朝ごはん\u3000を 食べる", "朝ごはん を 食べる"),  # ideographic space collapses too
        ("一行目\r\n\r\n  二行目 ", "一行目\n二行目"),
        ("か\u3099", "が"),  # NFC: combining dakuten composed
        ("ネコ\x00\x07\u200b\ufeff", "ネコ"),  # NUL, BEL, zero-width space, BOM
        ("ab\x85cd", "abcd"),  # C1 control
        ("か.つ", "か.つ"),  # a dot in ordinary text is kept
        ("", ""),
        ("   \t\n", ""),
        ("\x00\x01", ""),
    ],
)
def test_clean_text(text: str, spoken: str) -> None:
    assert clean(text) == spoken


@pytest.mark.parametrize(
    ("reading", "spoken"),
    [
        ("か.つ", "かつ"),
        ("おと-", "おと"),
        ("-ち", "ち"),
        ("ちい.さい", "ちいさい"),
        ("た．べる", "たべる"),  # full-width dot
        ("－び", "び"),  # full-width hyphen
        ("あ(がる)", "あがる"),
        ("あ（がる）", "あがる"),
        ("〜がる", "がる"),  # the wave dash of an attaching reading
        ("～がる", "がる"),  # its full-width twin
        ("コーヒー", "コーヒー"),  # the long-vowel mark is speech
        ("ショウ", "ショウ"),
        (" - ", ""),
    ],
)
def test_clean_reading_removes_dictionary_notation(reading: str, spoken: str) -> None:
    assert clean(reading, "reading") == spoken


def test_clean_rejects_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown text kind"):
        clean("x", "kana")


def test_split_sentences_one_sentence_per_piece() -> None:
    text = "今日は雨です。傘を持って行きます！大丈夫？はい。"
    assert split_sentences(text, 50) == [
        "今日は雨です。",
        "傘を持って行きます！",
        "大丈夫？",
        "はい。",
    ]


def test_split_sentences_keeps_closing_quotes_and_decimals() -> None:
    text = "彼は「行きます。」と言った。It costs 3.50 dollars. Really?! Yes"
    assert split_sentences(text, 40) == [
        "彼は「行きます。」",
        "と言った。",
        "It costs 3.50 dollars.",
        "Really?!",
        "Yes",
    ]


def test_split_sentences_breaks_at_line_ends() -> None:
    assert split_sentences("タイトル\n本文です。", 20) == ["タイトル", "本文です。"]


def test_long_sentence_is_cut_at_clauses_then_spaces_then_hard() -> None:
    text = "朝は早く起きて、顔を洗って、ご飯を食べて、駅まで歩きます。"
    assert split_sentences(text, 14) == [
        "朝は早く起きて、顔を洗って、",
        "ご飯を食べて、",
        "駅まで歩きます。",
    ]
    assert split_sentences("one two three four", 9) == ["one two", "three", "four"]
    assert split_sentences("あいうえおかきくけこさ", 4) == ["あいうえ", "おかきく", "けこさ"]


def test_split_sentences_never_separates_a_combining_mark() -> None:
    text = "か\u3099か\u3099か\u3099"  # が written with combining marks
    pieces = split_sentences(text, 3)
    assert "".join(pieces) == text
    assert all(not p.startswith("\u3099") for p in pieces)


def _no_space(s: str) -> str:
    return re.sub(r"\s", "", s)


def test_split_sentences_keeps_every_character_in_order() -> None:
    rng = random.Random(1234)
    alphabet = "あいうえお漢字カナabc 、。！？!?.,;\n「」 "
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        limit = rng.randint(1, 30)
        pieces = split_sentences(text, limit)
        assert all(0 < len(p) <= limit and p == p.strip() for p in pieces), (text, limit)
        # In order, nothing lost, nothing added: only whitespace at the cuts is dropped.
        assert _no_space("".join(pieces)) == _no_space(text), (text, limit)
        pos = 0
        for p in pieces:
            pos = text.index(p, pos) + len(p)


def test_split_sentences_rejects_a_zero_limit() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        split_sentences("x", 0)
