"""The Kokoro provider with the real packaged int8 model and Japanese voices."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from tts_assets.errors import InputError
from tts_assets.providers.base import Speech
from tts_assets.providers.kokoro import KokoroProvider, KokoroSettings


@pytest.fixture(scope="module")
def kokoro() -> KokoroProvider:
    provider = KokoroProvider()
    provider._load()
    return provider


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("チョウ", 0.2, 1.5), ("かつ", 0.2, 1.5), ("毎日日本語を勉強しています。", 1.2, 5.0)],
)
@pytest.mark.slow
def test_synthesizes_plausible_japanese(
    kokoro: KokoroProvider, text: str, low: float, high: float
) -> None:
    audio = kokoro.synthesize_blocking(Speech(text, "ja", "jf_alpha", 1.0))
    assert audio.sample_rate == 24000
    assert audio.samples.dtype == np.float32
    assert low < audio.duration < high
    assert float(np.sqrt(np.mean(audio.samples**2))) > 0.005  # not silence


@pytest.mark.slow
def test_faster_speed_gives_shorter_audio(kokoro: KokoroProvider) -> None:
    slow = kokoro.synthesize_blocking(Speech("日本語を勉強します。", "ja", "jf_alpha", 0.8))
    fast = kokoro.synthesize_blocking(Speech("日本語を勉強します。", "ja", "jf_alpha", 1.5))
    assert fast.duration < slow.duration * 0.8


@pytest.mark.slow
def test_threads_share_one_session_and_give_identical_samples(kokoro: KokoroProvider) -> None:
    texts = ["ひのと", "おと", "がっこう", "ともだち"]
    sequential = [
        kokoro.synthesize_blocking(Speech(t, "ja", "jm_kumo", 1.0)).samples for t in texts
    ]
    results: dict[int, np.ndarray] = {}

    def work(i: int) -> None:
        results[i] = kokoro.synthesize_blocking(Speech(texts[i], "ja", "jm_kumo", 1.0)).samples

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i, samples in enumerate(sequential):
        assert np.array_equal(samples, results[i])


def test_voices_are_listed_without_loading_the_model() -> None:
    provider = KokoroProvider()
    assert provider.voices() == ["jf_alpha", "jf_gongitsune", "jf_nezumi", "jf_tebukuro", "jm_kumo"]
    assert provider._kokoro is None


def test_unknown_voice_lists_the_valid_ones() -> None:
    with pytest.raises(InputError, match="valid voices: jf_alpha, jf_gongitsune"):
        KokoroProvider().check_voice("af_nope")


def test_english_needs_a_voices_file_with_english_voices() -> None:
    with pytest.raises(InputError, match="kokoro has no English voice in its voices file"):
        KokoroProvider().default_voice("en")


def test_identity_changes_with_the_voice_and_model_file(tmp_path: Path) -> None:
    provider = KokoroProvider()
    assert provider.identity("jf_alpha") != provider.identity("jm_kumo")
    other = tmp_path / "model.onnx"
    other.write_bytes(b"not really a model")
    custom = KokoroProvider(KokoroSettings(model=other))
    assert custom.identity("jf_alpha")["model"] != provider.identity("jf_alpha")["model"]


def test_missing_model_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        _ = KokoroProvider(KokoroSettings(model=tmp_path / "missing.onnx")).model_path
