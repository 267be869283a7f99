"""The Kokoro provider with the real packaged int8 model and Japanese voices."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from tts_assets.errors import ClipError, InputError
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
def test_a_text_with_nothing_to_say_is_named_in_the_error(kokoro: KokoroProvider) -> None:
    with pytest.raises(ClipError) as info:
        kokoro.synthesize_blocking(Speech("♪…", "ja", "jf_alpha", 1.0))
    assert str(info.value) == (
        "kokoro: nothing to say: '♪…' gives no phonemes; check the text, or give it a "
        "reading in [pronunciations]"
    )


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


def _voices_file(folder: Path, **renamed: str) -> Path:
    """A voices file holding packaged Japanese voices under other languages' names.

    No voice of another language ships as a package; a Japanese style vector under a
    Chinese name still takes the other-language path (espeak-ng phonemes, the model)."""
    import zipfile

    packaged = KokoroProvider().voices_path
    out = folder / "voices.npz"
    with zipfile.ZipFile(packaged) as src, zipfile.ZipFile(out, "w") as dst:
        for name, source in {"jf_alpha": "jf_alpha", **renamed}.items():
            dst.writestr(f"{name}.npy", src.read(f"{source}.npy"))
    return out


def test_a_voices_language_is_the_first_letter_of_its_name(tmp_path: Path) -> None:
    voices = _voices_file(tmp_path, zf_xiaobei="jf_alpha", ef_dora="jf_nezumi", bm_lewis="jm_kumo")
    kokoro = KokoroProvider(KokoroSettings(voices=voices))
    assert [kokoro.voice_languages(v) for v in kokoro.voices()] == [
        ("en-gb",),
        ("es",),
        ("ja",),
        ("zh",),
    ]
    assert kokoro.default_voice("zh") == "zf_xiaobei"
    assert kokoro.voices_for("en") == ["bm_lewis"]  # British English is English
    assert kokoro.voices_for("de") == []
    assert "Kokoro v1.0 speaks no German" in kokoro.no_voice("de")
    # The phonemizer goes into the key: Japanese from the G2P, the others from espeak-ng.
    assert kokoro.identity("zf_xiaobei")["g2p"] != kokoro.identity("jf_alpha")["g2p"]


@pytest.mark.slow
def test_other_languages_go_through_espeak_phonemes_in_the_voices_language(
    tmp_path: Path,
) -> None:
    from tts_assets.errors import ClipError

    voices = _voices_file(tmp_path, zf_xiaobei="jf_alpha", ef_dora="jf_alpha")
    kokoro = KokoroProvider(KokoroSettings(voices=voices))
    chinese = kokoro.synthesize_blocking(Speech("我每天早上六点起床。", "zh", "zf_xiaobei", 1.0))
    spanish = kokoro.synthesize_blocking(Speech("Buenos días.", "es", "ef_dora", 1.0))
    assert 1.0 < chinese.duration < 5.0 and 0.4 < spanish.duration < 3.0
    # kokoro-onnx never checks a voice against the text's language; the provider does.
    with pytest.raises(ClipError, match="the voice jf_alpha speaks ja, not zh"):
        kokoro.synthesize_blocking(Speech("我每天早上六点起床。", "zh", "jf_alpha", 1.0))
