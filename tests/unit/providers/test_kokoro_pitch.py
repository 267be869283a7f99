"""Kokoro told a Japanese accent: the model cut where it predicts its pitch, the pitch set to
the pattern, on the provider's real path (the packaged model, kokoro-onnx's trimming)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from tests.support.morae import kokoro_morae
from tts_assets.errors import ClipError
from tts_assets.frontends.kokoro_phonemes import japanese
from tts_assets.lang.ja.accent import expected_accent, phoneme_pitch
from tts_assets.lang.ja.accent_heard import hear_accent
from tts_assets.providers.base import Speech
from tts_assets.providers.int8_kernels import cached_rewrite, exact_on_this_cpu
from tts_assets.providers.kokoro import KokoroProvider
from tts_assets.providers.kokoro_pitch import cached_halves, level_spans

VOICES = ("jf_alpha", "jm_kumo")


@pytest.fixture(scope="module")
def kokoro() -> Iterator[KokoroProvider]:
    provider = KokoroProvider()
    provider._load()
    yield provider


def said(kokoro: KokoroProvider, word: str, voice: str, told: bool) -> tuple[np.ndarray, str]:
    phonemes = japanese(word)
    phrases = expected_accent(word)
    pattern = " ".join(phrase.pattern for phrase in phrases)
    pitch = phoneme_pitch(phonemes, pattern) if told else None
    audio = kokoro.synthesize_blocking(Speech(word, "ja", voice, phonemes=phonemes, pitch=pitch))
    assert audio.timings is not None
    morae = [
        (m.start / audio.sample_rate, m.end / audio.sample_rate)
        for m in kokoro_morae(audio.timings)
    ]
    heard = hear_accent(audio.samples, audio.sample_rate, morae, [p.pattern for p in phrases])
    return audio.samples, heard.verdict


@pytest.mark.slow  # loads the model
@pytest.mark.parametrize("voice", VOICES)
def test_a_minimal_pair_is_the_same_clip_untold_and_two_right_clips_told(
    kokoro: KokoroProvider, voice: str
) -> None:
    # 雨 (HL) and 飴 (LH) have the same phonemes: untold, the very same samples.
    rain, _ = said(kokoro, "雨", voice, told=False)
    candy, _ = said(kokoro, "飴", voice, told=False)
    assert np.array_equal(rain, candy)
    # Told their accents, each is heard with its own.
    rain, rain_heard = said(kokoro, "雨", voice, told=True)
    candy, candy_heard = said(kokoro, "飴", voice, told=True)
    assert not np.array_equal(rain, candy)
    assert (rain_heard, candy_heard) == ("right", "right")


@pytest.mark.slow  # loads the model
def test_a_clip_told_no_pitch_is_the_clip_it_always_was(kokoro: KokoroProvider) -> None:
    # The pitched path is taken only when a pitch is given: the samples of every clip made
    # before stay bit for bit (its content key does not change).
    plain = kokoro.synthesize_blocking(Speech("橋を渡る", "ja", "jf_alpha"))
    again = kokoro.synthesize_blocking(
        Speech("橋を渡る", "ja", "jf_alpha", phonemes=plain.phonemes)
    )
    assert np.array_equal(plain.samples, again.samples)


@pytest.mark.slow  # loads the model
def test_the_cut_model_given_its_own_pitch_makes_the_whole_models_samples(
    kokoro: KokoroProvider,
) -> None:
    pitched = kokoro._kokoro.sess._session
    model = pitched._cut()
    assert model is not None
    # Once cut, the whole session is let go (one copy of the model, not two),
    # and every clip goes through the cut: it must make the whole model's samples.
    assert pitched._session is None
    whole = pitched._whole()  # made again as the provider loaded it
    said = kokoro._kokoro.tokenizer.tokenize(japanese("今日は雨が降っています。"))
    for tokens in ([43, 55, 47], said):  # a m e; a sentence
        length = len(tokens)
        inputs = {
            "tokens": np.array([[0, *tokens, 0]], dtype=np.int64),
            "style": kokoro._kokoro.voices["jf_alpha"][length].reshape(1, 256),
            "speed": np.array([1.0], dtype=np.float32),
        }
        alone = whole.run(None, inputs)[0]
        cut, _ = model.run(inputs, None)
        assert np.array_equal(np.asarray(alone).ravel(), np.asarray(cut).ravel())


@pytest.mark.slow  # loads the model
def test_a_pitch_of_the_wrong_length_fails_the_clip_with_the_reason(
    kokoro: KokoroProvider,
) -> None:
    with pytest.raises(ClipError, match="pitch levels for 3 phonemes"):
        kokoro.synthesize_blocking(Speech("雨", "ja", "jf_alpha", phonemes="ame", pitch="HL"))


def test_runs_of_one_level_become_spans_placed_by_the_durations() -> None:
    # Pads of 10 frames; a m e of 2, 3, 4 frames (25 ms each): H on a, L on m e.
    spans, levels = level_spans("HLL", [10, 2, 3, 4, 10])
    assert levels == "HL"
    assert spans == [pytest.approx((0.25, 0.3)), pytest.approx((0.3, 0.475))]
    # A space between words belongs to no span.
    spans, levels = level_spans("L L", [0, 1, 1, 1, 0])
    assert (levels, len(spans)) == ("LL", 2)


def test_the_pitch_follows_the_phonemes_the_model_gets() -> None:
    # Symbols the model does not know are left out with their levels, and spaces are
    # collapsed and trimmed as kokoro-onnx collapses them.
    speech = Speech("x", "ja", "jf_alpha", phonemes=" ha  ɕi「o", pitch=" LL  HH L")
    assert KokoroProvider._pitch_said(speech, "ha ɕio") == "LL HHL"
    with pytest.raises(ClipError, match="give a level per phoneme"):
        KokoroProvider._pitch_said(Speech("x", "ja", "v", phonemes="ame", pitch="HL"), "ame")


@pytest.mark.slow  # loads the model
def test_the_cut_is_kept_and_a_later_cut_from_its_halves_is_the_same_model(
    kokoro: KokoroProvider,
) -> None:
    # A later run makes its cut from the halves kept beside the cached model: no model to
    # parse and cut in memory (its peak), and the very same sessions' samples.
    model = kokoro._kokoro.sess._session._cut()
    assert model is not None
    # Without VNNI the model runs as shipped, even where another test left a rewrite in
    # the cache: its cut is not made from that.
    source = cached_rewrite(kokoro.model_path, kokoro._model_digest)
    if source is None or not exact_on_this_cpu():
        pytest.skip("the model runs as shipped on this CPU: no cached model to cut")
    halves = cached_halves(*source)
    assert halves is not None
    again = kokoro._cut_model(1, ["CPUExecutionProvider"], True)
    assert again is not None
    phonemes = japanese("今日は雨が降っています。")
    tokens = kokoro._kokoro.tokenizer.tokenize(phonemes)
    inputs = {
        "tokens": np.array([[0, *tokens, 0]], dtype=np.int64),
        "style": kokoro._kokoro.voices["jm_kumo"][len(tokens)].reshape(1, 256),
        "speed": np.array([1.0], dtype=np.float32),
    }
    pitch = phoneme_pitch(
        phonemes, " ".join(p.pattern for p in expected_accent("今日は雨が降っています。"))
    )
    told = KokoroProvider._pitch_said(
        Speech("x", "ja", "jm_kumo", phonemes=phonemes, pitch=pitch), phonemes
    )
    for level in (None, told):
        first, _ = model.run(inputs, level)
        later, _ = again.run(inputs, level)
        assert np.array_equal(np.asarray(first).ravel(), np.asarray(later).ravel())
    # A half changed on disk is not used (its record's sha256), and is cut again.
    front = halves[0]
    front.write_bytes(front.read_bytes()[:-1] + b"\0")
    assert cached_halves(*source) is None
