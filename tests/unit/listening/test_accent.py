"""The accent check on real voiced sound: a buzz whose pitch moves as a pattern, tracked by
WORLD and judged mora by mora against the pattern expected."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from tts_assets.audio.accent_contour import accent_contour
from tts_assets.lang.ja import accent_heard
from tts_assets.lang.ja.accent_heard import contrast, hear_accent, judge_phrase

RATE = 24000
MORA_S = 0.18


@pytest.fixture(autouse=True, scope="module")
def _pitch_tracked_once() -> Iterator[None]:
    """WORLD's pitch track of a clip (`track_pitch`, 45 ms of a test's 50 to 130) made
    once for the same samples: the tests judge one buzz against several patterns, and the
    track is a function of the samples and rate alone. Each call gets an array of its own."""
    track = accent_heard.track_pitch
    tracked: dict[tuple[bytes, int], Any] = {}

    def once(samples: Any, rate: int) -> Any:
        key = (np.ascontiguousarray(samples, dtype=np.float64).tobytes(), rate)
        if key not in tracked:
            tracked[key] = track(samples, rate)
        return tracked[key].copy()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(accent_heard, "track_pitch", once)
        yield


def voiced(levels_hz: list[float], voiced_morae: list[bool] | None = None) -> Any:
    """A vowel-like buzz (harmonics under a falling envelope), one mora per level, the pitch
    gliding between levels over 40 ms; a mora not voiced is noise."""
    n = int(MORA_S * RATE)
    per_sample = np.repeat(np.array(levels_hz, dtype=np.float64), n)
    glide = int(0.04 * RATE)
    per_sample = np.convolve(
        np.pad(per_sample, (glide // 2, glide - 1 - glide // 2), mode="edge"),
        np.ones(glide) / glide,
        mode="valid",
    )
    phase = 2 * np.pi * np.cumsum(per_sample) / RATE
    x = sum(np.sin(k * phase) / k for k in range(1, 12))
    rng = np.random.default_rng(0)
    if voiced_morae is not None:
        for i, on in enumerate(voiced_morae):
            if not on:
                x[i * n : (i + 1) * n] = rng.normal(0, 0.05, n)
    return 0.3 * x / np.max(np.abs(x))


def morae(count: int) -> list[tuple[float, float]]:
    return [(i * MORA_S, (i + 1) * MORA_S) for i in range(count)]


def test_a_clip_said_with_its_pattern_is_right() -> None:
    heard = hear_accent(voiced([260, 200]), RATE, morae(2), ["HL"])
    assert heard.verdict == "right"
    assert heard.heard == "HL"


def test_a_rise_where_a_fall_belongs_is_wrong_and_says_what_was_heard() -> None:
    # 雨 (HL) said rising, as jf_alpha says it today.
    heard = hear_accent(voiced([235, 300]), RATE, morae(2), ["HL"])
    assert heard.verdict == "wrong"
    assert (heard.expected, heard.heard) == ("HL", "LH")


def test_a_fall_where_the_pitch_should_stay_high_is_wrong() -> None:
    # 端 / 飴 (LH) said falling, as jm_kumo says most words of two morae.
    assert hear_accent(voiced([100, 75]), RATE, morae(2), ["LH"]).verdict == "wrong"


def test_longer_words_are_heard_as_the_pattern_that_fits_best() -> None:
    # Expected flat (LHHH), said with a fall after the second mora.
    heard = hear_accent(voiced([180, 250, 185, 175]), RATE, morae(4), ["LHHH"])
    assert (heard.verdict, heard.heard) == ("wrong", "LHLL")
    # The same word said flat with its ordinary drift down is right.
    drift = hear_accent(voiced([180, 240, 232, 225]), RATE, morae(4), ["LHHH"])
    assert drift.verdict == "right"


def test_a_flat_clip_of_an_accented_word_is_wrong_and_of_a_flat_word_is_not() -> None:
    assert hear_accent(voiced([220, 221]), RATE, morae(2), ["HL"]).heard == "flat"
    assert hear_accent(voiced([220, 221]), RATE, morae(2), ["HL"]).verdict == "wrong"
    assert hear_accent(voiced([220, 221]), RATE, morae(2), ["LH"]).verdict == "right"


def test_a_word_of_one_mora_is_heard_on_its_halves() -> None:
    n = int(MORA_S * RATE)
    falling = voiced([260, 190])  # two halves of one long mora
    spans = [(0.0, 2 * n / RATE)]
    assert hear_accent(falling, RATE, spans, ["H"]).verdict == "right"  # 木
    assert hear_accent(falling, RATE, spans, ["L"]).verdict == "wrong"  # 気
    assert hear_accent(falling, RATE, spans, ["L"]).heard == "H"


def test_a_mora_without_voice_is_marked_and_a_phrase_with_too_few_is_unchecked() -> None:
    heard = hear_accent(voiced([240, 200], [True, False]), RATE, morae(2), ["HL"])
    assert heard.verdict == "unchecked"
    assert heard.pitches[1] is None


def test_phrases_are_judged_each_on_their_own() -> None:
    # 橋を渡る: LHL then LHH; the second phrase starts low again.
    levels = [180, 240, 180, 170, 230, 225]
    heard = hear_accent(voiced(levels), RATE, morae(6), ["LHL", "LHH"])
    assert heard.verdict == "right"
    assert heard.expected == "LHL LHH"


def test_a_clip_whose_morae_do_not_match_the_pattern_is_unchecked() -> None:
    assert hear_accent(voiced([240, 200]), RATE, morae(2), ["HLL"]).verdict == "unchecked"


def test_contrast_is_high_over_low_in_semitones() -> None:
    assert contrast([60.0, 55.0], "HL") == pytest.approx(5.0)
    assert contrast([60.0, None], "HL") is None
    assert judge_phrase([55.0, 60.0], "HL").verdict == "wrong"


def test_the_contour_sets_the_pattern_in_the_voices_range_and_keeps_unvoiced_frames() -> None:
    frame_s = 0.0125
    f0 = np.concatenate([np.full(4, 7.0), np.linspace(240, 300, 40), np.full(4, 7.0)])
    spans = [(4 * frame_s, 24 * frame_s), (24 * frame_s, 44 * frame_s)]
    shaped = accent_contour(f0, frame_s, spans, "HL")
    assert np.array_equal(shaped[:4], f0[:4])  # unvoiced: as they were
    first, second = np.median(shaped[6:20]), np.median(shaped[28:42])
    assert 12 * np.log2(first / second) >= 3.5  # a fall of the voice's range at least
    assert 240 * 0.8 < second < first < 300 * 1.25  # in the voice's own range


def test_a_minimal_pair_said_alike_is_reported_and_one_said_right_is_not() -> None:
    from tts_assets.lang.ja.accent_heard import minimal_pair

    rising = hear_accent(voiced([235, 300]), RATE, morae(2), ["HL"])
    also = hear_accent(voiced([235, 300]), RATE, morae(2), ["LH"])
    same = minimal_pair(("雨", "飴"), ("HL", "LH"), (rising, also), same_samples=True)
    assert same is not None and same.reason == "the two clips are the same samples"
    wrong = minimal_pair(("雨", "飴"), ("HL", "LH"), (rising, also), same_samples=False)
    assert wrong is not None and wrong.heard == ("LH", "LH")
    falling = hear_accent(voiced([300, 235]), RATE, morae(2), ["HL"])
    assert minimal_pair(("雨", "飴"), ("HL", "LH"), (falling, also), same_samples=False) is None
    # 花/鼻: the same pattern in a clip of the word alone; the drill needs the particle.
    alone = minimal_pair(("花", "鼻"), ("LH", "LH"), (also, also), same_samples=False)
    assert alone is not None and "花が" in alone.reason


def test_the_morae_come_from_the_manifests_timings_in_seconds() -> None:
    from tts_assets.readings.words import mora_spans

    timings = {
        "source": "kokoro durations",
        "words": [
            {"start": 131, "end": 543, "text": "飴", "morae": [[131, 206, "あ"], [206, 543, "め"]]}
        ],
    }
    assert mora_spans(timings) == [(0.131, 0.206), (0.206, 0.543)]
    assert mora_spans({"none": "say reports no timings"}) is None
    assert mora_spans(None) is None


def test_a_question_after_a_fall_is_heard_on_its_low_before_the_rise() -> None:
    # 雨？ told HV: あ high, め low and then rising. The second mora is two
    # segments of the signal: its low half, then the rise.
    spans = [(0.0, MORA_S), (MORA_S, 3 * MORA_S)]
    said = hear_accent(voiced([260, 190, 330]), RATE, spans, ["HV"])
    assert (said.verdict, said.expected, said.heard) == ("right", "HV", "HV")
    # Said like 飴？ (rising all along): the fall is missing.
    rising = hear_accent(voiced([200, 250, 330]), RATE, spans, ["HV"])
    assert rising.verdict == "wrong" and rising.heard == "LV"
