"""Minimal pairs of length: two words side by side that differ only by a long
vowel or a geminate are measured from the mora timings the model recorded, and a pair
whose length mora adds under half a mora is flagged."""

from __future__ import annotations

from typing import Any

from tests.support.sweep import check_each
from tts_assets.listening.lengths import THRESHOLD, LengthClip, inserted, length_pairs


def _timed(*morae: tuple[str, int]) -> dict[str, Any]:
    """Timings of a clip said in `morae` (kana, ms each), as the manifest records them."""
    at, out = 50, []
    for kana, ms in morae:
        out.append([at, at + ms, kana])
        at += ms
    return {"source": "kokoro durations", "words": [{"morae": out}]}


def _clip(text: str, place: str, *morae: tuple[str, int]) -> LengthClip:
    return LengthClip(f"{text}.mp3", text, (place,), _timed(*morae))


PAIR = "pronunciation.json › drills › [0] › content › pairs › [0]"


def test_the_length_morae_that_make_the_long_word() -> None:
    def case(short: str, long: str, added: list[int]) -> None:
        short_morae = ["ビ", "ル"] if short == "ビル" else list(short)
        long_morae = ["ビ", "ー", "ル"] if long == "ビール" else list(long)
        assert inserted(short_morae, long_morae) == added

    check_each(
        case,
        [
            ("おばさん", "おばあさん", [2]),
            ("ここ", "こうこう", [1, 3]),
            ("きて", "きって", [1]),
            ("ビル", "ビール", [1]),
            ("せき", "せいき", [1]),
            ("いえ", "いいえ", [1]),
            ("にほん", "にっぽん", []),  # another consonant too: no pair of length
            ("あめ", "あめう", []),  # う does not lengthen め
            ("かき", "かぎ", []),
        ],
    )


def test_a_pair_whose_length_mora_adds_little_is_flagged_on_its_words() -> None:
    # Kokoro's おばさん/おばあさん: ば 175 ms, then あ 75 ms; 0.43 of a mora.
    weak = [
        _clip("おばさん", f"{PAIR} › word1", ("お", 159), ("ば", 175), ("さ", 225), ("ん", 136)),
        _clip(
            "おばあさん",
            f"{PAIR} › word2",
            *[("お", 161), ("ば", 175), ("あ", 75), ("さ", 225), ("ん", 97)],
        ),
    ]
    (pair,) = length_pairs(weak)
    assert (pair.short, pair.long, pair.added_ms) == ("おばさん.mp3", "おばあさん.mp3", 75)
    assert pair.contrast < THRESHOLD and "おばさん / おばあさん" in pair.reason
    # A geminate said a whole mora long is heard apart.
    other = "pronunciation.json › drills › [1] › content › pairs › [0]"
    clear = [
        _clip("きて", f"{other} › word1", ("き", 200), ("て", 180)),
        _clip("きって", f"{other} › word2", ("き", 210), ("っ", 190), ("て", 175)),
    ]
    (pair,) = length_pairs(clear)
    assert pair.contrast >= THRESHOLD and pair.reason == ""


def test_only_words_the_content_puts_side_by_side_pair() -> None:
    apart = [
        _clip("おばさん", "vocabulary.json › [0] › word", ("お", 159), ("ば", 175), ("さ", 225)),
        _clip("おばあさん", "vocabulary.json › [1] › word", ("お", 161), ("ば", 175), ("あ", 5)),
    ]
    assert length_pairs(apart) == []
    untimed = LengthClip("ばあ.mp3", "ばあ", (f"{PAIR} › word2",), None)
    assert length_pairs([_clip("ば", f"{PAIR} › word1", ("ば", 200)), untimed]) == []


def test_the_items_of_a_list_are_no_pair() -> None:
    # A kanji's kun'yomi (み.つ, みっ.つ of 三) side by side in its list (the seed app).
    readings = [
        _clip("み.つ", "kanji.json › [2] › kunyomi › [0]", ("み", 200), ("つ", 150)),
        _clip("みっ.つ", "kanji.json › [2] › kunyomi › [1]", ("み", 200), ("っ", 8), ("つ", 150)),
    ]
    assert length_pairs(readings) == []
