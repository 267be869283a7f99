"""The blanks of a cloze question (issue 53: 3): which marks are blanks, said as pause
markers of the field's length, or filled with the answer."""

from __future__ import annotations

import pytest

from tts_assets.content.cloze import (
    answer_of,
    filled,
    has_blank,
    parse_answer,
    with_gaps,
)
from tts_assets.pauses import split


@pytest.mark.parametrize(
    ("text", "gapped"),
    [
        ("私は___を食べます。", "私は [pause:2s] を食べます。"),
        ("これは（　）です。", "これは [pause:2s] です。"),
        ("これは（）です。", "これは [pause:2s] です。"),
        ("Ich ____ Kaffee.", "Ich [pause:2s] Kaffee."),
        ("I ( ) home and she [ ] too.", "I [pause:2s] home and she [pause:2s] too."),
        ("我___去。", "我 [pause:2s] 去。"),
        ("전 ＿＿ 좋아해요.", "전 [pause:2s] 좋아해요."),
    ],
)
def test_a_blank_is_a_pause_of_the_field_s_length(text: str, gapped: str) -> None:
    assert has_blank(text)
    assert with_gaps(text, 2.0) == gapped
    # The pause module reads it as a silence between two parts, no word for it.
    paused = split(gapped)
    assert paused.problem is None and len(paused.pauses) == gapped.count("[pause")


@pytest.mark.parametrize("text", ["a_b", "snake_case", "(go)", "我去。", "[pause:1s] ok", "_"])
def test_no_blank_in_words_brackets_with_words_or_a_single_underscore(text: str) -> None:
    assert not has_blank(text)
    assert with_gaps(text, 2.0) == text


def test_a_course_s_own_blank_marker() -> None:
    assert has_blank("私は〇〇を食べます。", "〇〇") and not has_blank("私は〇〇を食べます。")
    assert with_gaps("私は〇〇を食べます。", 1.5, "〇〇") == "私は [pause:1.5s] を食べます。"
    assert filled("私は〇〇を食べます。", "パン", "〇〇") == "私はパンを食べます。"


def test_filled_with_the_answer() -> None:
    assert filled("私は___を食べます。", "りんご") == "私はりんごを食べます。"
    assert filled("I ____ to school.", "walk") == "I walk to school."


def test_the_answer_is_a_text_or_the_option_at_the_index_beside_the_list() -> None:
    assert parse_answer("exercises[].options[@correct]").index_key == "correct"
    assert parse_answer("exercises[].options[@correct]").source == "exercises[].options"
    assert parse_answer("answer").index_key is None
    exercise = {"options": ["a", "b"], "correct": 1}
    assert answer_of(exercise["options"], exercise, "correct") == "b"
    for bad in (5, -1, True, "1", None):
        assert answer_of(["a", "b"], {"correct": bad}, "correct") is None
    assert answer_of("walk", None, None) == "walk"
    assert answer_of("  ", None, None) is None and answer_of(["x"], None, None) is None


def test_a_text_of_many_blanks_and_underscores_is_read_in_linear_time() -> None:
    text = "_" * 200_000 + "a" + "（" * 100_000
    assert with_gaps(text, 1.0).startswith("[pause:1s] a")
