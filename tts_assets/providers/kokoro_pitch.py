"""Kokoro told a Japanese accent: its predicted pitch set to the pattern before the decoder.

Kokoro v1.0 was trained on Japanese phonemes without accent marks (misaki's first
Japanese G2P), so no symbol of its vocabulary steers the pitch of a Japanese word: the
Chinese tone arrows it knows (↓ → ↗ ↘) were measured to move it no consistent way
(BENCHMARKS.md, the accent check). Its graph, though, predicts the F0 contour from the
text (StyleTTS 2's prosody predictor) and hands it to the decoder, which follows it.
Here the graph is cut in two at that point: the *front* (text and style to durations,
alignment, F0 and energy: about 2 % of a clip's compute) and the *back* (the decoder).
Between them the predicted F0 is set to the accent's pattern in the voice's own range
(`audio/accent_contour.py`), mora by mora as the predicted durations place the morae.
The back given the front's F0 unchanged makes the very samples the whole model makes
(tested), so a clip with no accent to say is unchanged.

What is said is decided above the providers: the pitch comes as a level per phoneme
(`HLL` for 雨's a|me: readings/accent.py `phoneme_pitch`), and each run of one level
is placed by the model's own durations of its tokens.
Needs onnx to cut the graph (the `kokoro` extra), imported when a model is cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..audio.accent_contour import accent_contour

SAMPLES_PER_FRAME = 600
"""Samples of 24 kHz audio per duration frame (25 ms); the F0 has two per frame."""
RATE = 24000

DURATIONS = "/encoder/Cast_output_0"
ALIGNMENT = "/encoder/Cast_4_output_0"
F0 = "/encoder/Reshape_output_0"
ENERGY = "/encoder/Reshape_1_output_0"
DECODER_STYLE = "/decoder/Slice_output_0"
CUT = (DURATIONS, ALIGNMENT, F0, ENERGY, DECODER_STYLE)
"""The tensors where the graph of Kokoro v1.0's ONNX export is cut (front to back)."""

LEVELS = frozenset("HL")
"""A token's level in a pitch string: high or low; any other sign, none (a space)."""


def level_spans(pitch: str, durations: Sequence[int]) -> tuple[list[tuple[float, float]], str]:
    """The spans (seconds of the model's audio) of the runs of one level in `pitch` (a
    level per phoneme token) and their levels, from the per-token `durations` (frames;
    the first and last are the pads around the phonemes). Tokens without a level
    (spaces, signs) belong to no span."""
    edges = [0]
    for frames in durations:
        edges.append(edges[-1] + int(frames))
    seconds = SAMPLES_PER_FRAME / RATE
    spans: list[tuple[float, float]] = []
    levels = ""
    for i, level in enumerate(pitch):
        if level not in LEVELS:
            continue
        start, end = edges[i + 1] * seconds, edges[i + 2] * seconds  # token 0 is the pad
        if levels.endswith(level) and spans and spans[-1][1] == start:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
            levels += level
    return spans, levels


@dataclass(frozen=True)
class PitchedModel:
    """A Kokoro model cut in two, to set its predicted pitch between the halves."""

    front: Any
    """onnxruntime session: tokens, style, speed → the `CUT` tensors."""
    back: Any
    """onnxruntime session: tokens and the cut tensors but durations → audio."""

    def synthesize(
        self, tokens: Sequence[int], style: Any, speed: float, pitch: str | None
    ) -> tuple[Any, list[int]]:
        """Audio (float32 at 24 kHz, untrimmed) and per-token durations of `tokens`
        (vocabulary ids), said with `pitch` (a level per token: H, L, or none) or as the
        model predicts it (None)."""
        import numpy as np

        feeds = {
            "tokens": np.array([[0, *tokens, 0]], dtype=np.int64),
            "style": np.asarray(style, dtype=np.float32).reshape(1, -1),
            "speed": np.array([speed], dtype=np.float32),
        }
        durations, alignment, f0, energy, decoder_style = self.front.run(list(CUT), feeds)
        frames = [int(d) for d in np.asarray(durations).ravel()]
        if pitch is not None:
            if len(pitch) != len(tokens):
                raise ValueError(f"{len(pitch)} levels for {len(tokens)} tokens")
            spans, levels = level_spans(pitch, frames)
            if levels:
                f0_frame_s = SAMPLES_PER_FRAME / RATE / 2
                shaped = accent_contour(np.asarray(f0).ravel(), f0_frame_s, spans, levels)
                f0 = shaped.astype(np.float32).reshape(np.shape(f0))
        (audio,) = self.back.run(
            ["audio"],
            {
                "tokens": feeds["tokens"],
                ALIGNMENT: alignment,
                F0: f0,
                ENERGY: energy,
                DECODER_STYLE: decoder_style,
            },
        )
        return np.asarray(audio, dtype=np.float32).ravel(), frames


def cut_model(model: Any) -> tuple[bytes, bytes] | None:
    """The front and back of an ONNX `model` (a ModelProto), serialized; None when the
    model is not Kokoro v1.0's export (the cut's tensors are not in it)."""
    from onnx.utils import Extractor

    produced = {name for node in model.graph.node for name in node.output}
    if not all(name in produced for name in CUT):
        return None
    extractor = Extractor(model)
    front = extractor.extract_model(["tokens", "style", "speed"], list(CUT))
    back = extractor.extract_model(["tokens", *CUT[1:]], ["audio"])
    return front.SerializeToString(), back.SerializeToString()


def pitched_model(model_path: str, options: Any, providers: Sequence[str]) -> PitchedModel | None:
    """`model_path` cut in two as onnxruntime sessions made with `options`; None when it
    cannot be cut (not Kokoro v1.0's graph)."""
    import onnx
    import onnxruntime as ort

    halves = cut_model(onnx.load(model_path))
    if halves is None:
        return None
    front, back = halves
    return PitchedModel(
        ort.InferenceSession(front, options, list(providers)),
        ort.InferenceSession(back, options, list(providers)),
    )
