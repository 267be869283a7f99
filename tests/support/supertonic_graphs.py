"""A Supertonic model of a few KB: the four graphs with exactly Supertonic-3's input and
output names, dtypes and dynamic axes, its config, its indexer and its ten voices.

The real weights (401 MB) are never on a test machine. These graphs compute little, but
each uses what it is given, so the runtime's work shows in the audio:

    duration_predictor  seconds = 0.02 x the characters its text_mask lets through, x (1 +
                        the mean of style_dp): a mask or a voice wrong changes the length
    text_encoder        text_emb [B,256,T] = the ids (as floats) under the mask, plus the
                        style_ttl's mean per channel
    vector_estimator    denoised = (noisy x 0.9 + 0.01 x current/total + 1e-8 x the sum
                        of text_emb over the text per position) x latent_mask: each step changes it
    vocoder             wav [B, L*3072] = tanh(a 220 Hz tone x 3 x each frame's mean latent)

`write_model(folder)` lays the files out as upstream's repository does (onnx/,
voice_styles/), which `models pull --from` reads.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import math
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from tts_assets.models.catalog import Model, pinned
from tts_assets.models.pull import pull

MODEL = "supertonic-3"

VOICES = ("F1", "F2", "F3", "F4", "F5", "M1", "M2", "M3", "M4", "M5")
SAYABLE = [
    *range(0x20, 0x7F),
    *range(0xC0, 0x250),  # Latin letters with marks (German, Vietnamese as written)
    *range(0x300, 0x370),  # combining marks (what NFKD leaves of them)
    *range(0x1100, 0x1200),  # Hangul jamo (what NFKD makes of Hangul syllables)
    *range(0x1EA0, 0x1F00),  # Vietnamese letters
]
"""The code points the small model has an id for; Han (hanja) and the rest: -1."""

FLOAT, INT64 = TensorProto.FLOAT, TensorProto.INT64


def _io(name: str, kind: int, shape: list[str | int]) -> onnx.ValueInfoProto:
    return helper.make_tensor_value_info(name, kind, shape)


def _const(name: str, value: np.ndarray) -> onnx.TensorProto:
    return numpy_helper.from_array(value, name)


def _model(
    name: str,
    nodes: list[onnx.NodeProto],
    inputs: list[onnx.ValueInfoProto],
    outputs: list[onnx.ValueInfoProto],
    constants: list[onnx.TensorProto],
) -> bytes:
    graph = helper.make_graph(nodes, name, inputs, outputs, initializer=constants)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return bytes(model.SerializeToString())


def duration_predictor() -> bytes:
    nodes = [
        helper.make_node("ReduceSum", ["text_mask", "axes12"], ["count"], keepdims=0),
        helper.make_node("ReduceMean", ["style_dp"], ["dp_mean"], axes=[1, 2], keepdims=0),
        helper.make_node("Add", ["dp_mean", "one"], ["scale"]),
        helper.make_node("Mul", ["count", "per_char"], ["plain"]),
        helper.make_node("Mul", ["plain", "scale"], ["duration"]),
    ]
    return _model(
        "duration_predictor",
        nodes,
        [
            _io("text_ids", INT64, ["B", "T"]),
            _io("style_dp", FLOAT, ["B", 8, 16]),
            _io("text_mask", FLOAT, ["B", 1, "T"]),
        ],
        [_io("duration", FLOAT, ["B"])],
        [
            _const("axes12", np.array([1, 2], dtype=np.int64)),
            _const("one", np.array(1.0, dtype=np.float32)),
            _const("per_char", np.array(0.02, dtype=np.float32)),
        ],
    )


def text_encoder() -> bytes:
    nodes = [
        helper.make_node("Cast", ["text_ids"], ["ids_f"], to=FLOAT),
        helper.make_node("Unsqueeze", ["ids_f", "axis1"], ["ids_3"]),
        helper.make_node("Mul", ["ids_3", "text_mask"], ["masked"]),
        helper.make_node("ReduceMean", ["style_ttl"], ["ttl_mean"], axes=[1], keepdims=0),
        helper.make_node("Unsqueeze", ["ttl_mean", "axis2"], ["ttl_col"]),
        helper.make_node("Add", ["masked", "ttl_col"], ["text_emb"]),
    ]
    return _model(
        "text_encoder",
        nodes,
        [
            _io("text_ids", INT64, ["B", "T"]),
            _io("style_ttl", FLOAT, ["B", 50, 256]),
            _io("text_mask", FLOAT, ["B", 1, "T"]),
        ],
        [_io("text_emb", FLOAT, ["B", 256, "T"])],
        [
            _const("axis1", np.array([1], dtype=np.int64)),
            _const("axis2", np.array([2], dtype=np.int64)),
        ],
    )


def vector_estimator() -> bytes:
    nodes = [
        helper.make_node("Mul", ["noisy_latent", "keep"], ["kept"]),
        helper.make_node("Div", ["current_step", "total_step"], ["progress"]),
        helper.make_node("Mul", ["progress", "step_weight"], ["step_shift"]),
        # The mean of text_emb over the text's own positions: padding changes nothing.
        helper.make_node("Mul", ["text_emb", "text_mask"], ["emb_kept"]),
        helper.make_node("ReduceSum", ["emb_kept", "axes12"], ["emb_sum"], keepdims=0),
        helper.make_node("ReduceSum", ["text_mask", "axes12"], ["count"], keepdims=0),
        helper.make_node("Div", ["emb_sum", "count"], ["emb_mean"]),
        helper.make_node("Mul", ["emb_mean", "emb_weight"], ["emb_shift"]),
        helper.make_node("Add", ["step_shift", "emb_shift"], ["shift"]),
        helper.make_node("Reshape", ["shift", "b11"], ["shift_3"]),
        helper.make_node("Add", ["kept", "shift_3"], ["moved"]),
        helper.make_node("Mul", ["moved", "latent_mask"], ["denoised_latent"]),
    ]
    return _model(
        "vector_estimator",
        nodes,
        [
            _io("noisy_latent", FLOAT, ["B", 144, "L"]),
            _io("text_emb", FLOAT, ["B", 256, "T"]),
            _io("style_ttl", FLOAT, ["B", 50, 256]),
            _io("text_mask", FLOAT, ["B", 1, "T"]),
            _io("latent_mask", FLOAT, ["B", 1, "L"]),
            _io("current_step", FLOAT, ["B"]),
            _io("total_step", FLOAT, ["B"]),
        ],
        [_io("denoised_latent", FLOAT, ["B", 144, "L"])],
        [
            _const("keep", np.array(0.9, dtype=np.float32)),
            _const("step_weight", np.array(0.01, dtype=np.float32)),
            _const("emb_weight", np.array(1e-8, dtype=np.float32)),
            _const("axes12", np.array([1, 2], dtype=np.int64)),
            _const("b11", np.array([-1, 1, 1], dtype=np.int64)),
        ],
    )


def vocoder() -> bytes:
    t = np.arange(3072, dtype=np.float32)
    tone = (3.0 * np.sin(2 * math.pi * 220.0 * t / 44100.0)).astype(np.float32)
    nodes = [
        helper.make_node("ReduceMean", ["latent"], ["frame"], axes=[1], keepdims=0),
        helper.make_node("Unsqueeze", ["frame", "axis2"], ["frame_3"]),
        helper.make_node("Mul", ["frame_3", "tone"], ["waves"]),
        helper.make_node("Tanh", ["waves"], ["bounded"]),
        helper.make_node("Reshape", ["bounded", "flat"], ["wav_tts"]),
    ]
    return _model(
        "vocoder",
        nodes,
        [_io("latent", FLOAT, ["B", 144, "L"])],
        [_io("wav_tts", FLOAT, ["B", "W"])],
        [
            _const("axis2", np.array([2], dtype=np.int64)),
            _const("tone", tone.reshape(1, 1, 3072)),
            _const("flat", np.array([0, -1], dtype=np.int64)),
        ],
    )


CONFIG = {
    "ae": {"sample_rate": 44100, "base_chunk_size": 512},
    "ttl": {"chunk_compress_factor": 6, "latent_dim": 24},
}


def indexer() -> list[int]:
    ids = [-1] * 0x10000
    for n, code in enumerate(SAYABLE, start=1):
        ids[code] = n
    return ids


def voice(name: str) -> dict[str, object]:
    rng = np.random.default_rng(sum(map(ord, name)))
    return {
        "style_ttl": {"dims": [1, 50, 256], "data": rng.normal(0, 0.1, (1, 50, 256)).tolist()},
        "style_dp": {"dims": [1, 8, 16], "data": rng.normal(0, 0.1, (1, 8, 16)).tolist()},
    }


def files() -> dict[str, bytes]:
    """Every file of the small model by its path in upstream's repository (built once a
    process: the same bytes each time, a new dict each call)."""
    return dict(_files())


@functools.cache
def _files() -> dict[str, bytes]:
    found = {
        "onnx/duration_predictor.onnx": duration_predictor(),
        "onnx/text_encoder.onnx": text_encoder(),
        "onnx/vector_estimator.onnx": vector_estimator(),
        "onnx/vocoder.onnx": vocoder(),
        "onnx/tts.json": json.dumps(CONFIG).encode(),
        "onnx/unicode_indexer.json": json.dumps(indexer()).encode(),
    }
    for name in VOICES:
        found[f"voice_styles/{name}.json"] = json.dumps(voice(name)).encode()
    return found


def write_model(folder: Path) -> dict[str, bytes]:
    """The small model's files under `folder`, as upstream lays them out; what was written."""
    made = files()
    for path, data in made.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)
    return made


def pin_small_model(monkeypatch: pytest.MonkeyPatch, made: dict[str, bytes]) -> Model:
    """For the test: the catalog's supertonic-3 pins the small model's files (`made`, by
    their paths) instead of the real ones, its sources and everything else as they are;
    the model as pinned now."""
    real = pinned()[MODEL]
    files = tuple(
        dataclasses.replace(
            f, size=len(made[f.remote]), sha256=hashlib.sha256(made[f.remote]).hexdigest()
        )
        for f in real.files
    )
    model = dataclasses.replace(real, files=files)
    monkeypatch.setitem(pinned(), MODEL, model)
    return model


def install_small_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Model:
    """The small model installed as supertonic-3 in the models folder the environment
    names, through `models pull --from` (its pins the small files', for the test)."""
    source = tmp_path / "supertonic-files"
    model = pin_small_model(monkeypatch, write_model(source))
    pull(model, from_dir=source)
    return model


SIGNATURE: dict[str, tuple[list[tuple[str, str, tuple[int | None, ...]]], list[str]]] = {
    "duration_predictor": (
        [
            ("text_ids", "tensor(int64)", (None, None)),
            ("style_dp", "tensor(float)", (None, 8, 16)),
            ("text_mask", "tensor(float)", (None, 1, None)),
        ],
        ["duration"],
    ),
    "text_encoder": (
        [
            ("text_ids", "tensor(int64)", (None, None)),
            ("style_ttl", "tensor(float)", (None, 50, 256)),
            ("text_mask", "tensor(float)", (None, 1, None)),
        ],
        ["text_emb"],
    ),
    "vector_estimator": (
        [
            ("noisy_latent", "tensor(float)", (None, 144, None)),
            ("text_emb", "tensor(float)", (None, 256, None)),
            ("style_ttl", "tensor(float)", (None, 50, 256)),
            ("text_mask", "tensor(float)", (None, 1, None)),
            ("latent_mask", "tensor(float)", (None, 1, None)),
            ("current_step", "tensor(float)", (None,)),
            ("total_step", "tensor(float)", (None,)),
        ],
        ["denoised_latent"],
    ),
    "vocoder": ([("latent", "tensor(float)", (None, 144, None))], ["wav_tts"]),
}
"""Supertonic-3's graphs as upstream's code reads them: each input's name,
type and shape (None: a dynamic axis), and the outputs' names."""


def signature(path: Path) -> tuple[list[tuple[str, str, tuple[int | None, ...]]], list[str]]:
    """The inputs (name, type, shape; None for a dynamic axis) and output names of a graph."""
    import onnxruntime as ort

    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    inputs = [
        (i.name, i.type, tuple(d if isinstance(d, int) else None for d in i.shape))
        for i in session.get_inputs()
    ]
    return inputs, [o.name for o in session.get_outputs()]
