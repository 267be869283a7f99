"""The blanks of a cloze question: which marks are blanks, said as pause
markers of the field's length, or filled with the answer."""

from __future__ import annotations

import pytest

from tests.support.sweep import check_each, check_each_one
from tts_assets.content.cloze import (
    Unfilled,
    answer_of,
    blank_spans,
    filled,
    filled_or_why,
    has_blank,
    parse_answer,
    with_gaps,
)
from tts_assets.pauses import split


def test_a_blank_is_a_pause_of_the_field_s_length() -> None:
    def case(text: str, gapped: str) -> None:
        assert has_blank(text)
        assert with_gaps(text, 2.0) == gapped
        # The pause module reads it as a silence between two parts, no word for it.
        paused = split(gapped)
        assert paused.problem is None and len(paused.pauses) == gapped.count("[pause")

    check_each(
        case,
        [
            ("私は___を食べます。", "私は [pause:2s] を食べます。"),
            ("これは（　）です。", "これは [pause:2s] です。"),
            ("Ich ____ Kaffee.", "Ich [pause:2s] Kaffee."),
            ("I ( ) home and she [ ] too.", "I [pause:2s] home and she [pause:2s] too."),
            ("我___去。", "我 [pause:2s] 去。"),
            ("전 ＿＿＿ 좋아해요.", "전 [pause:2s] 좋아해요."),
            ("本を読___ください", "本を読 [pause:2s] ください"),
        ],
    )


def test_no_blank_in_words_code_urls_brackets_with_words_or_short_underscores() -> None:
    def case(text: str) -> None:
        assert not has_blank(text)
        assert with_gaps(text, 2.0) == text

    check_each_one(
        case,
        [
            "a_b",
            "snake_case",
            "(go)",
            "我去。",
            "[pause:1s] ok",
            "_",
            "__",
            "Call f() then read a[].",
            "これは（）です。",
            "Define __init__ and __repr__ first.",
            "Name it max___len or MAX___LEN2.",
            "See https://example.com/a___b/___/c and www.x.org/___ now.",
            "ftp://host/___",
        ],
    )


def test_a_course_s_own_blank_marker() -> None:
    assert has_blank("私は〇〇を食べます。", "〇〇") and not has_blank("私は〇〇を食べます。")
    assert with_gaps("私は〇〇を食べます。", 1.5, "〇〇") == "私は [pause:1.5s] を食べます。"
    assert filled("私は〇〇を食べます。", ["パン"], "〇〇") == "私はパンを食べます。"


def test_filled_with_the_answer() -> None:
    assert filled("私は___を食べます。", ["りんご"]) == "私はりんごを食べます。"
    assert filled("I ____ to school.", ["walk"]) == "I walk to school."


def test_several_blanks_take_one_answer_each_in_order() -> None:
    assert filled("私___学校___行きます。", ["は", "に"]) == "私は学校に行きます。"
    assert filled("I ___ to the ( ) at https://x.org/a___b", ["go", "park"]) == (
        "I go to the park at https://x.org/a___b"
    )
    # One answer is never said in two blanks, nor two answers in one.
    with pytest.raises(Unfilled, match="2 blanks and 1 answer"):
        filled("私___学校___行きます。", ["は"])
    with pytest.raises(Unfilled, match="1 blank and 2 answers"):
        filled("私___学校に行きます。", ["は", "に"])


def test_where_each_blank_is() -> None:
    assert blank_spans("読___ください") == [(1, 4)]
    assert blank_spans("〇〇は___です", "〇〇") == [(0, 2), (3, 6)]
    assert blank_spans("a___b c ___ d") == [(8, 11)]


def test_the_answer_is_a_text_or_the_option_at_the_index_beside_the_list() -> None:
    assert parse_answer("exercises[].options[@correct]").index_key == "correct"
    assert parse_answer("exercises[].options[@correct]").source == "exercises[].options"
    assert parse_answer("answer").index_key is None
    exercise = {"options": ["a", "b"], "correct": 1}
    assert answer_of(exercise["options"], exercise, "correct") == ("b",)
    for bad in (5, -1, True, "1", None, [], [0, 7]):
        assert answer_of(["a", "b"], {"correct": bad}, "correct") is None
    assert answer_of(["a", "b", "c"], {"correct": [2, 0]}, "correct") == ("c", "a")
    assert answer_of("walk", None, None) == ("walk",)
    assert answer_of("  ", None, None) is None and answer_of([" "], None, None) is None
    assert answer_of(["は", "に"], None, None) == ("は", "に")
    assert answer_of("は / に", None, None, " / ") == ("は", "に")
    assert answer_of("は / に", None, None) == ("は / に",)
    assert answer_of("は /  / に", None, None, "/") is None


def test_a_text_of_many_blanks_and_underscores_is_read_in_linear_time() -> None:
    text = "_" * 200_000 + "a" + "（" * 100_000 + "（ " * 100_000
    assert with_gaps(text, 1.0).startswith("[pause:1s] a")
    names = "a___b " * 40_000
    assert blank_spans(names + "https://" + "_" * 100_000) == []
    assert blank_spans(names + "___ https://" + "_" * 100_000) == [(240_000, 240_003)]


# --- hostile markers and answers (tests/e2e/test_hostile_cloze.py has the runs) --------


def test_a_marker_is_one_blank_and_never_in_a_url_or_a_written_pause() -> None:
    def case(text: str, marker: str, gapped: str) -> None:
        assert with_gaps(text, 2.0, marker) == gapped
        assert split(gapped).problem is None

    check_each(
        case,
        [
            # A marker inside a blank as courses write it: one blank, not one per underscore.
            ("I ___ tea.", "_", "I [pause:2s] tea."),
            ("I ______ tea.", "___", "I [pause:2s] tea."),
            ("I （　） tea, ____.", "　", "I [pause:2s] tea, [pause:2s] ."),
            # Markers side by side stay two blanks.
            ("私は〇〇〇〇です。", "〇〇", "私は [pause:2s] [pause:2s] です。"),
            # Never inside a URL, nor inside a pause the text writes.
            ("See http://x.org/XX/a and XX.", "XX", "See http://x.org/XX/a and [pause:2s] ."),
            ("a [pause:1s] b XX", "[", "a [pause:1s] b XX"),
            ("a [pause:1s] b XX", "pause", "a [pause:1s] b XX"),
            ("a [pause:1s] b XX", "XX", "a [pause:1s] b [pause:2s]"),
            ('a <break time="1s"/> b XX', "time", 'a <break time="1s"/> b XX'),
        ],
    )


def test_an_answer_that_holds_a_blank_fills_nothing() -> None:
    # Said, its filled sentence would say the blank: never that, a reason instead.
    with pytest.raises(Unfilled, match=r"the answer \('___'\) holds a blank"):
        filled("I ___ tea.", ["___"])
    with pytest.raises(Unfilled, match=r"answer 2 \('〇〇'\) holds a blank"):
        filled("私は〇〇を〇〇ます。", ["水", "〇〇"], "〇〇")
    whole, why = filled_or_why("I ___ tea.", ("( )",), None, "answer", None)
    assert whole is None and why == (
        "the answer ('( )') holds a blank: give the words it stands for at answer "
        "(a cloze's filled sentence)"
    )
    # Code in an answer is no blank.
    assert filled("Call ___ first.", ["__init__"]) == "Call __init__ first."


def test_a_hostile_marker_over_a_long_text_is_read_in_linear_time() -> None:
    # Every character a marker, or a marker over a text of written pauses and URLs:
    # each blank found once, no scan again per blank.
    assert len(blank_spans("a" * 100_000, "a")) == 100_000
    text = "[pause:1s] http://x.org/a_b ___ " * 3_000
    assert len(blank_spans(text, "a")) == 3_000
    assert len(blank_spans(text, "_")) == 3_000
