"""A clip's word timings gathered into phrases and sentences, for a
shadowing drill that stops after each phrase or sentence, not after every word.

The Japanese passage is a real clip's record: the sample's reading passage as Kokoro said
it (its words, morae and the pitch pattern it was told), kept in tests/fixtures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.support.sweep import check_each_one
from tts_assets.readings.units import units_of

PASSAGE = json.loads(
    (Path(__file__).parents[2] / "fixtures/passage_timings.json").read_text("utf-8")
)


def _words(*spans: tuple[int, int, str]) -> list[dict[str, Any]]:
    return [{"start": s, "end": e, "text": t} for s, e, t in spans]


def test_a_japanese_passage_by_sentence_has_a_segment_per_sentence_at_its_words_edges() -> None:
    words = PASSAGE["words"]
    units = units_of(words, "sentence", PASSAGE["text"], "ja", PASSAGE["pattern"])
    assert [u["text"] for u in units] == [
        "今日は朝から雨が降っています。",
        "出かける予定でしたが、家にいることにしました。",
        "窓の外を見ながら、好きな本を読みました。",
        "午後になると、雨が少し弱くなりました。",
        "夕方には晴れるといいですね。",
    ]
    assert "".join(str(u["text"]) for u in units) == PASSAGE["text"]
    # Each sentence starts where its first word starts and ends where its last ends.
    starts = {w["start"] for w in words}
    ends = {w["end"] for w in words}
    assert all(u["start"] in starts and u["end"] in ends for u in units)
    assert units[0]["start"] == words[0]["start"] and units[-1]["end"] == words[-1]["end"]
    assert units[0]["reading"] == "きょうはあさからあめがふっています"


def test_a_japanese_passage_by_phrase_follows_the_accent_phrases_it_was_told() -> None:
    units = units_of(PASSAGE["words"], "phrase", PASSAGE["text"], "ja", PASSAGE["pattern"])
    texts = [u["text"] for u in units]
    assert texts[:8] == [
        "今日は",
        "朝から",
        "雨が",
        "降っています。",
        "出かける",
        "予定でしたが、",
        "家に",
        "いることにしました。",
    ]
    # As many phrases as the told pattern has.
    phrases = PASSAGE["pattern"].replace("|", " ").replace("/", " ").split()
    assert len(units) == len(phrases)
    assert "".join(str(t) for t in texts) == PASSAGE["text"]


def test_a_question_ending_low_then_rising_is_cut_by_its_phrases_too() -> None:
    # 雨？ is told HV: its last mora (V) falls after the word's accent, then rises; a mora
    # like every other letter of the pattern, so the phrases count the words' morae.
    morae = [
        [0, 100, "きょ"],
        [100, 200, "う"],
        [200, 300, "は"],
        [300, 400, "あ"],
        [400, 500, "め"],
    ]
    words = [
        {"start": 0, "end": 300, "text": "今日は", "morae": morae[:3]},
        {"start": 300, "end": 500, "text": "雨？", "morae": morae[3:]},
    ]
    units = units_of(words, "phrase", "今日は雨？", "ja", "LHH HV")
    assert [u["text"] for u in units] == ["今日は", "雨？"]


def test_without_a_pattern_that_fits_a_phrase_ends_at_a_comma_or_a_sentence_end() -> None:
    for pattern in (None, "HL"):  # none told, or one for other words
        units = units_of(PASSAGE["words"], "phrase", PASSAGE["text"], "ja", pattern)
        assert [u["text"] for u in units][:3] == [
            "今日は朝から雨が降っています。",
            "出かける予定でしたが、",
            "家にいることにしました。",
        ]


def test_english_sentences_end_as_english_ends_them() -> None:
    text = "Dr. Smith is here. He waits, then he leaves! Is it 3.5 km?"
    said = text.split()
    at = 0
    spans = []
    for word in said:
        spans.append((at, at + 100, word))
        at += 120
    words = _words(*spans)
    units = units_of(words, "sentence", text, "en")
    assert [u["text"] for u in units] == [
        "Dr. Smith is here.",
        "He waits, then he leaves!",
        "Is it 3.5 km?",
    ]
    assert [(u["start"], u["end"]) for u in units] == [(0, 460), (480, 1060), (1080, 1540)]
    by_phrase = units_of(words, "phrase", text, "en")
    assert [u["text"] for u in by_phrase] == [
        "Dr. Smith is here.",
        "He waits,",
        "then he leaves!",
        "Is it 3.5 km?",
    ]


def test_words_said_otherwise_than_written_are_joined_by_their_own_text() -> None:
    # A number said in words is not found in the text as written: its word ends nothing,
    # and the sentence's own signs still do.
    text = "I have 3 cats. They sleep."
    words = _words(
        (0, 100, "I"), (120, 300, "have"), (320, 500, "three"), (520, 700, "cats."),
        (900, 1100, "They"), (1120, 1400, "sleep."),
    )  # fmt: skip
    units = units_of(words, "sentence", text, "en")
    assert [(u["text"], u["start"], u["end"]) for u in units] == [
        ("I have three cats.", 0, 700),
        ("They sleep.", 900, 1400),
    ]


def test_a_unit_joins_only_the_words_timed() -> None:
    def case(by: str) -> None:
        assert units_of([], by, "", "ja") == []
        one = _words((10, 20, "水"))
        assert units_of(one, by, "水", "ja") == [{"start": 10, "end": 20, "text": "水"}]

    check_each_one(case, ["word", "phrase", "sentence"])


def test_a_long_passage_is_grouped_whole() -> None:
    # 20,000 words, a fifth of them said otherwise than written (not found in the text):
    # each word is looked for just ahead of the last, never through the rest of the text.
    words = [
        {"start": i * 10, "end": i * 10 + 8, "text": "Word." if i % 5 else "said"}
        for i in range(20000)
    ]
    text = " ".join("Word." for _ in range(20000))
    units = units_of(words, "sentence", text, "en")
    assert len(units) == 16000
