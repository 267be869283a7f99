"""Which word a rejection's reading corrects: one word the analyzer
found in the text, read as no more kana than that word can be, or the verdict is refused.
The water sentence must never come to say the library sentence."""

from __future__ import annotations

import pytest

from tests.support.sweep import check_each, check_each_one
from tts_assets.errors import InputError
from tts_assets.lang.ja.misread import longest_reading
from tts_assets.languages import resolved
from tts_assets.review.corrected import misread_word
from tts_assets.review.verdicts import Verdict

WATER = "このみずはとてもつめたいです。"  # この / み / ず / は / とても / つめたい / です
LIBRARY = "としょかんでほんをかりました"


def _verdict(reading: str, word: str | None = None) -> Verdict:
    return Verdict(
        key="0" * 32,
        clip=f"grammar/{'0' * 32}.mp3",
        places=("grammar.json › [0] › examples › [0] › japanese",),
        text=WATER,
        verdict="reject",
        note="",
        reading=reading,
        voice=None,
        at="2026-11-22T10:00:00Z",
        word=word,
    )


def _place(key: str) -> str:
    return f"review.json › verdicts › [0] › {key}"


def _refused(verdict: Verdict, text: str = WATER, lang: str = "ja", kind: str = "text") -> str:
    with pytest.raises(InputError) as e:
        misread_word(verdict, text, resolved(lang), kind, _place)
    return str(e.value)


def test_a_run_of_words_is_refused(japanese_analyzer: None) -> None:
    def case(word: str) -> None:
        said = _refused(_verdict(LIBRARY, word))
        assert said.startswith(f"{_place('word')}: ")
        assert "is not one word of the text as the analyzer reads it" in said
        assert "この / み / ず / は / とても / つめたい / です" in said

    check_each_one(case, ["みずはとても", "このみず", WATER.removesuffix("。"), "とてもつめたい"])


def test_one_word_read_as_a_sentence_is_refused(japanese_analyzer: None) -> None:
    said = _refused(_verdict(LIBRARY, "とても"))
    assert said.startswith(f"{_place('reading')}: ")
    assert f'"{LIBRARY}" ({len(LIBRARY)} kana) is no reading of "とても"' in said


def test_a_one_word_text_read_as_a_sentence_is_refused(japanese_analyzer: None) -> None:
    said = _refused(_verdict(LIBRARY), text="先生")
    assert 'is no reading of "先生", which is read as 13 kana at most' in said


def test_a_text_of_several_words_takes_no_reading_for_all_of_it(
    japanese_analyzer: None,
) -> None:
    said = _refused(_verdict("おねがいします"), text="お願いします")
    assert "several words as the analyzer reads it (お願い / し / ます)" in said


def test_one_word_the_analyzer_found_is_the_override(japanese_analyzer: None) -> None:
    assert (
        misread_word(_verdict("つめたい", "つめたい"), WATER, resolved("ja"), "text", _place)
        == "つめたい"
    )
    assert misread_word(_verdict("せんせい"), "先生", resolved("ja"), "text", _place) == "先生"
    assert misread_word(_verdict("すい"), "スイ", resolved("ja"), "reading", _place) == "スイ"


@pytest.mark.parametrize(
    ("text", "lang", "kind", "said"),
    [("water", "en", "text", "a text in en"), ("あ", "ja", "kana", "a kana chart's sound")],
)
def test_a_reading_for_what_has_no_words_to_read_is_refused(
    text: str, lang: str, kind: str, said: str
) -> None:
    assert f"this clip says {said}" in _refused(_verdict("うぉーたー"), text, lang, kind)


def test_a_bare_reading_is_one_word() -> None:
    said = _refused(_verdict("み", "み"), text="みず", kind="reading")
    assert "is a reading, one word: leave the word out" in said


def test_the_longest_reading_of_a_word() -> None:
    assert longest_reading("承") == 7 and longest_reading("みず") == 3
    assert longest_reading("一度") == 13


SONG = "この歌は一度聞いたことがある。"
SONG_WORDS = "この / 歌 / は / 一度 / 聞い / た / こと / が / ある"
"""The song sentence's words as the analyzer reads them, as a refusal lists them."""
PASSAGE = "今日は晴れです。この歌は一度聞いたことがある。明日も晴れるでしょう。"


NOT_ONE_WORD = {
    "the whole sentence": (
        SONG,
        SONG,
        "このうたはいちどきいた",
        ["is the whole text", "name the misread word"],
    ),
    "across a sentence end": (PASSAGE, "です。この", "ですこの", ["is not one word"]),
    "not found": (SONG, "度聞", "どき", ["is not one word of the text", "一度"]),
    **{
        name: (SONG, word, reading, ["is not one word of the text", SONG_WORDS])
        for name, word, reading in [
            ("the sentence", SONG.removesuffix("。"), "このうたはとしょかんでかりました"),  # no 。
            ("a run", "この歌", "このうた"),  # a run of words: この / 歌
            ("a run with a particle", "歌は一度", "うたはいちど"),
        ]
    },
}
"""A verdict's word that is no one word of its text: (the text, the word, its reading, what
the refusal says)."""


def test_a_word_that_is_no_one_word_of_the_sentence_is_refused(japanese_analyzer: None) -> None:
    """What `review --apply` refuses a verdict's word with (tests/e2e/test_review_words.py
    shows the command refusing one: exit 2, one line, nothing written): each case of
    `NOT_ONE_WORD` (one test; each it fails on named)."""

    def refused_as(text: str, word: str, reading: str, said: list[str]) -> None:
        refused = _refused(_verdict(reading, word), text=text)
        assert refused.startswith(f"{_place('word')}: "), refused
        assert all(words in refused for words in said), refused

    check_each(refused_as, NOT_ONE_WORD)


@pytest.mark.parametrize(
    ("text", "word"),
    [(SONG, "歌"), ("先生", None)],
    ids=["a word of a sentence", "a one-word text"],
)
def test_a_reading_longer_than_its_word_can_be_read_is_refused(
    japanese_analyzer: None, text: str, word: str | None
) -> None:
    """One word read as a whole sentence: the water sentence would say the library one."""
    refused = _refused(_verdict("としょかんでほんをかりました", word), text=text)
    assert refused.startswith(f"{_place('reading')}: "), refused
    assert "14 kana" in refused and "is no reading of" in refused, refused
