"""A provider's timings move with its samples: trimming, resampling, padding, joining, encoding."""

from __future__ import annotations

import numpy as np
import pytest

from tests.support.sweep import check_each_one
from tests.support.timings_check import pauses
from tts_assets.audio.process import finish, finish_pieces, join, process_heard
from tts_assets.audio.samples import Audio
from tts_assets.audio.settings import AudioSettings
from tts_assets.audio.timings import Mark, Timings, joined

RATE = 24000


def _tone(seconds: float, rate: int = RATE) -> np.ndarray:
    t = np.arange(round(seconds * rate)) / rate
    return (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


def _silence(seconds: float, rate: int = RATE) -> np.ndarray:
    return np.zeros(round(seconds * rate), dtype=np.float32)


def _spoken(rate: int = RATE) -> Audio:
    """0.2 s of silence, "a" sounding 0.3 s, 0.25 s of silence, "b" sounding 0.3 s, 0.3 s
    of silence: a boundary mark before, "a", a space, "b", a boundary mark taking the end."""
    samples = np.concatenate(
        [
            _silence(0.2, rate),
            _tone(0.3, rate),
            _silence(0.25, rate),
            _tone(0.3, rate),
            _silence(0.3, rate),
        ]
    )

    def at(seconds: float) -> int:
        return round(seconds * rate)

    marks = (
        Mark("", 0, at(0.2)),
        Mark("a", at(0.2), at(0.5)),
        Mark(" ", at(0.5), at(0.75)),
        Mark("b", at(0.75), at(1.05)),
        Mark("", at(1.05), len(samples)),
    )
    return Audio(samples, rate, "a b", Timings("phoneme", marks, "test"))


def _seconds(mark: Mark, rate: int) -> tuple[float, float]:
    return round(mark.start / rate, 3), round(mark.end / rate, 3)


def test_trimming_resampling_and_padding_move_the_marks_with_the_samples() -> None:
    def case(target: int) -> None:
        settings = AudioSettings(sample_rate=target, lead_ms=50, tail_ms=200)
        done = finish(_spoken(), settings)
        rate = done.sample_rate
        assert done.timings is not None
        marks = done.timings.marks
        # The leading silence cut (but for the 5 ms the trim keeps before an onset), the
        # lead of 50 ms added: "a" starts at 0.055 s.
        assert _seconds(marks[1], rate) == pytest.approx((0.055, 0.355), abs=0.002)
        assert _seconds(marks[3], rate) == pytest.approx((0.605, 0.905), abs=0.002)
        # The boundary marks are held to the speech kept (the silence at its ends is cut).
        lead = round(0.05 * rate)
        assert (marks[0].start, marks[0].end) == (lead, marks[1].start)
        assert marks[-1].start == marks[3].end and marks[-1].end == len(done.samples) - round(
            0.2 * rate
        )
        assert all(0 <= m.start <= m.end <= len(done.samples) for m in marks)

    check_each_one(case, [0, 44100, 16000])


def test_the_marks_hold_after_encoding_and_decoding() -> None:
    settings = AudioSettings(format="mp3", sample_rate=44100)
    _, heard = process_heard(_spoken(), settings, "a b")
    assert heard.timings is not None
    rate = heard.sample_rate
    (gap,) = pauses(heard.samples, rate, -40.0, 0.15)
    a, b = heard.timings.marks[1], heard.timings.marks[3]
    # The silence between "a" and "b" is where the marks say, to the half-width of the
    # 10 ms window that finds it.
    assert abs(gap[0] - a.end) / rate < 0.006 and abs(gap[1] - b.start) / rate < 0.006


def test_a_passages_pieces_keep_their_marks_where_each_lands() -> None:
    settings = AudioSettings(lead_ms=50, tail_ms=200)
    first, second = _spoken(), _spoken(16000)
    whole = finish_pieces([first, second], settings, 0.4)
    assert whole.timings is not None
    rate = whole.sample_rate
    said = [m for m in whole.timings.marks if m.text.strip()]
    assert [m.text for m in said] == ["a", "b", "a", "b"]
    spans = [t for m in said for t in _seconds(m, rate)]
    # Each piece trimmed to 0.86 s (5 ms kept at each edge), 0.4 s between them, after
    # the 50 ms lead.
    expected = [0.055, 0.355, 0.605, 0.905, 1.315, 1.615, 1.865, 2.165]
    assert spans == pytest.approx(expected, abs=0.002)
    # The two pieces are two words, whatever their last and first units.
    assert " " in [m.text for m in whole.timings.marks[4:7]]
    joined_raw = join([first, second], 0.4)
    assert joined_raw.timings is not None
    assert [m.text for m in joined_raw.timings.marks if m.text.strip()] == ["a", "b", "a", "b"]


def test_a_passage_with_a_piece_without_timings_has_none() -> None:
    timed = _spoken()
    untimed = Audio(timed.samples, RATE)
    assert finish_pieces([timed, untimed], AudioSettings(), 0.4).timings is None
    assert join([timed, untimed], 0.4).timings is None
    assert joined([(timed.timings, 0), (None, 100)]) is None


def test_pauses_are_the_silences_inside_the_speech_only() -> None:
    samples = _spoken().samples
    found = pauses(samples, RATE, -40.0, 0.15)
    assert [(round(a / RATE, 2), round(b / RATE, 2)) for a, b in found] == [(0.5, 0.75)]
    assert pauses(samples, RATE, -40.0, 0.3) == []  # shorter than asked
