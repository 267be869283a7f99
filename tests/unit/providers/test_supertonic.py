"""The supertonic provider's whole path through a small model with Supertonic-3's graph
names, dtypes and dynamic axes (tests/support/supertonic_graphs.py), installed as
supertonic-3 by `models pull --from`: ids and masks, the step loop, batching, the cut to
the predicted duration, the seed, the split of long texts and the refusal of a character
the model cannot say."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.support.supertonic_graphs import (
    SIGNATURE,
    install_small_model,
    signature,
    write_model,
)
from tts_assets.errors import CannotSay, InputError, ModelNotInstalled
from tts_assets.languages import resolved
from tts_assets.models.installed import folder
from tts_assets.providers.base import Speech
from tts_assets.providers.supertonic import (
    LANGUAGES,
    VOICES,
    SupertonicProvider,
    SupertonicSettings,
)
from tts_assets.providers.supertonic_runtime import Runtime, tagged, unsayable
from tts_assets.readings.saying import Saying, Written

SENTENCE = "사과를 주세요."


@pytest.fixture(autouse=True)
def models_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TTS_ASSETS_MODELS_DIR", str(tmp_path / "models"))
    return tmp_path / "models"


@pytest.fixture
def provider(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SupertonicProvider:
    install_small_model(monkeypatch, tmp_path)
    return SupertonicProvider()


def runtime_of(provider: SupertonicProvider) -> Runtime:
    return provider._load()


class Spy:
    """A real session, recording what it was given (its inputs by name, per run)."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self.fed: list[dict[str, Any]] = []

    def run(self, outputs: Any, feed: dict[str, Any]) -> Any:
        self.fed.append(feed)
        return self.session.run(outputs, feed)


def test_its_voices_speak_every_language_of_the_model_without_the_model() -> None:
    provider = SupertonicProvider()
    assert provider.voices() == list(VOICES) and len(VOICES) == 10
    assert {"ko", "de", "vi", "en", "ja"} <= set(LANGUAGES) and "zh" not in LANGUAGES
    assert provider.speaks("F1", "ko") and provider.speaks("M5", "vi-VN")
    assert not provider.speaks("F1", "th")
    with pytest.raises(ModelNotInstalled, match="run: tts-assets models pull supertonic-3"):
        provider.identity("F1")
    assert provider.offer("ko") is None  # not suggested before it is pulled...
    assert provider.voice_hint("ko") == "--voice F1 (run: tts-assets models pull supertonic-3)"


def test_the_small_graphs_have_the_real_ones_names_types_and_axes(
    provider: SupertonicProvider,
) -> None:
    model = provider.options.catalog.get("supertonic-3")
    assert model is not None
    for name, expected in SIGNATURE.items():
        assert signature(folder(model) / f"{name}.onnx") == expected, name


def test_the_text_is_normalized_tagged_and_indexed_with_its_mask(
    provider: SupertonicProvider,
) -> None:
    model_input = tagged("사과  “주세요”", "ko")
    # NFKD: the syllables become their conjoining jamo; quotes plain, spaces single.
    assert model_input == "<ko>" + unicodedata.normalize("NFKD", '사과 "주세요"') + "</ko>"
    assert "\u1109" in model_input  # ᄉ, the jamo of 사
    assert tagged("사과", "de").endswith(".</de>")  # a text ending without a mark gets one
    runtime = runtime_of(provider)
    spy = Spy(runtime.duration)
    runtime.duration = spy
    model_input = tagged(SENTENCE, "ko")
    runtime.make(model_input, provider._style("F1"), 1, steps=1, speed=1.0)
    ids, mask = spy.fed[0]["text_ids"], spy.fed[0]["text_mask"]
    assert ids.shape == (1, len(model_input)) and ids.dtype == np.int64
    assert mask.tolist() == [[[1.0] * len(model_input)]] and mask.dtype == np.float32
    assert (ids > 0).all() and ids[0, 0] == runtime.indexer[ord("<")]


def test_the_step_loop_runs_each_step_with_its_place_and_the_total(
    provider: SupertonicProvider,
) -> None:
    runtime = runtime_of(provider)
    spy = Spy(runtime.estimator)
    runtime.estimator = spy
    style = provider._style("F1")
    made3 = runtime.make(tagged(SENTENCE, "ko"), style, 7, steps=3, speed=1.0)
    assert [float(f["current_step"][0]) for f in spy.fed] == [0.0, 1.0, 2.0]
    assert all(float(f["total_step"][0]) == 3.0 for f in spy.fed)
    # Each step is given what the last made.
    assert not np.array_equal(spy.fed[0]["noisy_latent"], spy.fed[1]["noisy_latent"])
    made8 = runtime.make(tagged(SENTENCE, "ko"), style, 7, steps=8, speed=1.0)
    assert len(made3.samples) == len(made8.samples)
    assert not np.array_equal(made3.samples, made8.samples)


def test_a_clip_is_cut_to_the_predicted_duration_at_the_speed_asked(
    provider: SupertonicProvider,
) -> None:
    runtime = runtime_of(provider)
    style = provider._style("F1")
    normal = runtime.make(tagged(SENTENCE, "ko"), style, 3, steps=2, speed=1.0)
    fast = runtime.make(tagged(SENTENCE, "ko"), style, 3, steps=2, speed=1.5)
    assert fast.seconds == pytest.approx(normal.seconds / 1.5)
    assert len(normal.samples) == int(normal.seconds * 44100)
    assert len(normal.samples) % 3072 != 0  # not the vocoder's whole frames
    audio = provider.synthesize_blocking(Speech(SENTENCE, "ko", "F1"))
    assert audio.sample_rate == 44100
    # The settings' pace (1.05) times the run's (1.0).
    expected = runtime.make(tagged(SENTENCE, "ko"), style, 3, steps=8, speed=1.05)
    assert len(audio.samples) == len(expected.samples)


def test_the_same_request_gives_the_same_bytes_and_another_other_noise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_small_model(monkeypatch, tmp_path)
    first = SupertonicProvider().synthesize_blocking(Speech(SENTENCE, "ko", "F1"))
    again = SupertonicProvider().synthesize_blocking(Speech(SENTENCE, "ko", "F1"))
    assert first.samples.tobytes() == again.samples.tobytes()
    other_voice = SupertonicProvider().synthesize_blocking(Speech(SENTENCE, "ko", "F2"))
    fewer_steps = SupertonicProvider(SupertonicSettings(steps=4)).synthesize_blocking(
        Speech(SENTENCE, "ko", "F1")
    )
    assert first.samples.tobytes() != other_voice.samples.tobytes()
    assert first.samples.tobytes() != fewer_steps.samples.tobytes()
    provider = SupertonicProvider()
    assert provider.seed(Speech(SENTENCE, "ko", "F1"), "ko") != provider.seed(
        Speech("사과를 주세요!", "ko", "F1"), "ko"
    )
    assert SupertonicProvider().identity("F1")["steps"] == "8"
    assert SupertonicProvider(SupertonicSettings(steps=4)).identity("F1") != provider.identity("F1")


def test_a_character_it_cannot_say_is_named_with_its_place_before_synthesis(
    provider: SupertonicProvider,
) -> None:
    runtime = runtime_of(provider)
    spy = Spy(runtime.duration)
    runtime.duration = spy
    text = "學校에 가요."  # hanja the model has no id for
    with pytest.raises(CannotSay, match=r"學 \(U\+5B78\) at character 1 \(and 1 more\)"):
        provider.synthesize_blocking(Speech(text, "ko", "F1"))
    assert spy.fed == []  # refused before any graph ran
    assert "學" in (provider.cannot_say(Speech(text, "ko", "F1")) or "")
    assert provider.cannot_say(Speech(SENTENCE, "ko", "F1")) is None
    assert [u.index for u in unsayable("좋아요 🍎 學", runtime.indexer)] == [6]  # emoji dropped


def test_a_long_korean_text_is_said_in_pieces_of_at_most_120_characters(
    provider: SupertonicProvider,
) -> None:
    sentence = "오늘은 날씨가 아주 좋아서 친구들과 함께 공원에 가서 산책을 했습니다."
    passage = " ".join([sentence] * 6)
    said = Saying().say(Written(passage, resolved("ko")), provider, "F1")
    assert len(said.pieces) > 1 and all(len(p) <= 120 for p in said.pieces)
    assert " ".join(said.pieces) == passage
    assert said.phonemes is None  # it reads letters


def test_korean_numbers_are_said_in_words_before_it(provider: SupertonicProvider) -> None:
    said = Saying().say(Written("사과 3개를 주세요.", resolved("ko")), provider, "F1")
    assert not any(c.isdigit() for c in "".join(said.pieces))


def test_a_folder_of_its_own_in_upstreams_layout_is_a_model(tmp_path: Path) -> None:
    write_model(tmp_path / "korva")  # onnx/ and voice_styles/, as a clone of the repository
    own = SupertonicProvider(SupertonicSettings(model=tmp_path / "korva"))
    audio = own.synthesize_blocking(Speech("Xin chào các bạn.", "vi", "M1"))
    assert audio.sample_rate == 44100 and len(audio.samples) > 0
    assert own.identity("M1")["voice_data"] != own.identity("F1")["voice_data"]
    missing = SupertonicProvider(SupertonicSettings(model=tmp_path))
    with pytest.raises(InputError, match=r"not a Supertonic model \(no duration_predictor"):
        missing.identity("F1")
