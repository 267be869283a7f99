"""Clip measures for the review page, from encoded files through the project's own codec."""

from __future__ import annotations

import numpy as np
import pytest

from tests.support.sweep import check_each_one
from tts_assets.audio import AudioSettings
from tts_assets.audio.measure import (
    WAVEFORM_CHARS,
    WAVEFORM_POINTS,
    ClipMeasures,
    measure_audio,
    measure_clip,
    waveform_levels,
)
from tts_assets.audio.process import encode, finish
from tts_assets.errors import AudioInvalid, InputError
from tts_assets.providers.base import Audio

RATE = 24_000


def tone(seconds: float, level: float = 0.3, hz: float = 220.0) -> np.ndarray:
    t = np.arange(round(seconds * RATE)) / RATE
    # A vowel-like tone with a slow swell, so loudness and limiting behave as on speech.
    swell = 0.6 + 0.4 * np.sin(2 * np.pi * 3 * t)
    return (level * swell * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def silence(seconds: float) -> np.ndarray:
    return np.zeros(round(seconds * RATE), dtype=np.float32)


def test_a_finished_clip_measures_what_was_made() -> None:
    def case(fmt: str) -> None:
        settings = AudioSettings(format=fmt)
        speech = Audio(np.concatenate([silence(0.3), tone(0.8), silence(0.4)]), RATE)
        data = encode(finish(speech, settings), settings)
        m = measure_clip(data)
        padding = (settings.lead_ms + settings.tail_ms) / 1000
        assert m.duration == pytest.approx(0.8 + padding, abs=0.06)  # codec padding included
        assert m.speech == pytest.approx(0.8, abs=0.06)
        assert m.lufs == pytest.approx(settings.target_lufs, abs=0.5)
        assert 0.1 < m.peak < 0.95 and not m.reaches_full_scale
        levels = waveform_levels(m.waveform)
        assert len(levels) == WAVEFORM_POINTS and len(m.waveform) == WAVEFORM_CHARS
        # The 200 ms tail is silent; the middle is the tone.
        assert levels[-2:] == [0, 0]
        assert min(levels[10:36]) > 10

    check_each_one(case, ["mp3", "ogg", "wav"])


def test_silence_in_the_middle_and_clipping_show_in_the_waveform() -> None:
    samples = np.concatenate([tone(0.5), silence(0.5), np.sign(tone(0.5)).astype(np.float32)])
    m = measure_audio(Audio(samples, RATE))
    levels = waveform_levels(m.waveform)
    assert max(levels[18:30]) == 0  # the silent middle third
    assert levels[-1] == 255 and m.reaches_full_scale
    assert m.peak == pytest.approx(1.0)


def test_digital_silence_measures_as_nothing() -> None:
    m = measure_audio(Audio(silence(0.5), RATE))
    assert (m.speech, m.lufs, m.loudest_dbfs, m.peak) == (0.0, None, None, 0.0)
    assert set(waveform_levels(m.waveform)) == {0}
    tiny = measure_audio(Audio(np.array([0.5, -0.5], dtype=np.float32), RATE))
    assert len(waveform_levels(tiny.waveform)) == WAVEFORM_POINTS


def test_bytes_that_are_not_audio_raise_audio_invalid() -> None:
    with pytest.raises(AudioInvalid, match="does not decode"):
        measure_clip(b"\0" * 4000)


def test_measures_round_trip_through_a_manifest_entry() -> None:
    m = measure_audio(Audio(np.concatenate([silence(0.1), tone(0.6)]), RATE))
    back = ClipMeasures.from_manifest(m.as_manifest(), "manifest.json › clips › [0]")
    assert back.waveform == m.waveform
    assert back.speech == pytest.approx(m.speech, abs=0.001)
    assert back.lufs == pytest.approx(m.lufs, abs=0.05)
    assert len(str(m.as_manifest())) < 200  # small enough for every manifest entry
    broken = {**m.as_manifest(), "waveform": "abc"}
    with pytest.raises(InputError, match=r"^manifest.json › clips › \[0\]: not a set of clip"):
        ClipMeasures.from_manifest(broken, "manifest.json › clips › [0]")
