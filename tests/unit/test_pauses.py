"""Pauses written in a text (`tts_assets/pauses.py`): read, bounded, refused when unreadable,
in linear time; the gate and the bounds of a clip's length read the text without them."""

from __future__ import annotations

import time

import pytest

from tts_assets import pauses
from tts_assets.audio.bounds import likely_speech, speech_bounds
from tts_assets.content.gate import Status, check_text
from tts_assets.pauses import Paused, split, without_pauses


@pytest.mark.parametrize(
    ("text", "parts", "silences"),
    [
        ("おはよう。[pause:1.5s]こんにちは。", ("おはよう。", "こんにちは。"), (1.5,)),
        ("a [pause:500ms] b", ("a", "b"), (0.5,)),
        ("a [PAUSE:2S] b", ("a", "b"), (2.0,)),
        ('a <break time="800ms"/> b', ("a", "b"), (0.8,)),
        ("a <break time='1s'> b", ("a", "b"), (1.0,)),
        ("a <break/> b", ("a", "b"), (0.4,)),  # SSML's default: medium
        ('a <break strength="x-strong"/> b', ("a", "b"), (1.2,)),
        ('a <break strength="none"/> b', ("a", "b"), (0.0,)),
        # Pauses in a row add up; at the edges they are left out (a clip's lead and tail).
        ("[pause:1s] a [pause:1s][pause:0.5s] b [pause:3s]", ("a", "b"), (1.5,)),
        ("no pause here", ("no pause here",), ()),
        ("[pause:1s]", (), ()),
        ("a [pause:1s] b [pause:2s] c", ("a", "b", "c"), (1.0, 2.0)),
    ],
)
def test_a_pause_is_read_as_silence_between_the_parts(
    text: str, parts: tuple[str, ...], silences: tuple[float, ...]
) -> None:
    found = split(text)
    assert found.problem is None
    assert (found.parts, found.pauses) == (parts, silences)
    for part, (start, end) in zip(found.parts, found.spans, strict=True):
        assert text[start:end] == part  # where each part is in the text as written


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("a [pause:abc] b", "[pause:abc]: not a length"),
        ("a [pause:1.5] b", "[pause:1.5]: not a length"),  # no unit: not guessed
        ("a [pause:99s] b", "[pause:99s]: a pause lasts at most 10 s"),
        ("a [pause:10001ms] b", "a pause lasts at most 10 s"),
        ("a [pause] b", "[pause]: a pause gives its length"),
        ('a <break time="soon"/> b', "not a length"),
        ('a <break strength="loud"/> b', "a break's strength is one of none, x-weak"),
    ],
)
def test_a_marker_it_cannot_read_is_refused_with_how_to_write_it(text: str, why: str) -> None:
    found = split(text)
    assert found.problem is not None and why in found.problem
    assert pauses.HOW in found.problem or "shorter" in found.problem


def test_text_that_only_looks_like_a_marker_is_text() -> None:
    for text in ("[pause", "a [pausing] b", "<breakfast>", "a [pause:1s b"):
        found = split(text)
        assert found.problem is None and found.pauses == (), text


def test_the_gate_judges_the_words_not_the_markers() -> None:
    assert check_text("おはようございます。[pause:1.5s]こんにちは。", "ja").status != Status.REFUSED
    assert check_text('Guten Morgen. <break time="1s"/> Wie geht es?', "de").status != (
        Status.REFUSED
    )
    assert without_pauses("水 [pause:1s] 火") == "水   火"


def test_a_pause_counts_in_the_bounds_of_a_clips_length() -> None:
    plain = speech_bounds("おはよう。こんにちは。")
    paused = speech_bounds("おはよう。[pause:9s]こんにちは。")
    assert paused == pytest.approx((plain[0] + 9, plain[1] + 9))
    low, high = likely_speech("おはよう。[pause:2s]こんにちは。")
    assert low >= 2 and high >= likely_speech("おはよう。こんにちは。")[1] + 2


def test_written_puts_each_pause_back_between_its_parts() -> None:
    assert pauses.written(("a", "b", "c"), (1.5, 0.3), pauses.SENTENCE_S) == "a [pause:1.5s] b c"


@pytest.mark.slow  # times a growing input, as a ratio
def test_hostile_texts_are_read_in_linear_time() -> None:
    shapes = ["[pause" * 4, "<break" * 4, "[pause:" + "9" * 40, "<break " + "x" * 300, "[pause:1s]"]

    def seconds(n: int) -> float:
        text = "".join(shapes) * n
        start = time.process_time()
        for _ in range(3):
            found = split(text)
        assert isinstance(found, Paused)
        return time.process_time() - start

    seconds(50)  # warm
    small, large = seconds(500), seconds(2000)
    assert large < 10 * max(small, 1e-3), (small, large)  # 4x the text: not 16x the time
