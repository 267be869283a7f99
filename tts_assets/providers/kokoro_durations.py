"""How long Kokoro says each token: the durations its own model computes, read from the graph.

Kokoro's duration predictor decides how many 25 ms frames (600 samples at 24 kHz) each
input token lasts, rounds and clips them, and casts them to integers: the decoder then
makes exactly that many frames per token, so the sum of the durations times 600 is the
clip's sample count (tested), `speed` already inside. The exported models keep that tensor
internal; here it is added to the graph's outputs (`with_durations`) under the name
`DURATIONS`, which leaves every other output, the audio included, bit for bit as it was
(tested). The tensor is found by its shape in the graph, not its name: the integer Cast of
a Clip of a Round (`/encoder/Cast_output_0` in the packaged int8 model), as the same
PyTorch code exports it to the fp32 and fp16 models.

kokoro-onnx runs the session and returns the audio only (trimmed of its edge silence):
`TimedSession` stands in for the session, hands kokoro-onnx what it asks for, and keeps
each thread's last durations and untrimmed audio so that `token_marks` can place every
token in the audio kokoro-onnx returned, with no second inference. The output is not
named `duration`: kokoro-onnx releases that know that name change how they pause after
punctuation when a model reports it, which would change the sound of every clip.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from ..audio.timings import Mark, Timings

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

DURATIONS = "tts_assets_token_frames"
"""The name of the output `with_durations` adds: each token's frames (int64)."""
SOURCE = "kokoro durations"
"""What the manifest says measured the timings."""
_MOST_TRIED = 64
"""Places tried for a trimmed audio in its untrimmed one, beyond the hop-aligned ones."""


def durations_tensor(graph: Any) -> str | None:
    """The name of the tensor holding each token's frames in a Kokoro ONNX `graph`
    (onnx GraphProto), or None when there is no such tensor."""
    from onnx import TensorProto

    made_by = {name: node for node in graph.node for name in node.output}

    def through_casts(name: str) -> Any:
        node = made_by.get(name)
        while node is not None and node.op_type == "Cast":
            node = made_by.get(node.input[0])
        return node

    for node in graph.node:
        if node.op_type != "Cast":
            continue
        to = next((a.i for a in node.attribute if a.name == "to"), None)
        if to != TensorProto.INT64:
            continue
        clip = through_casts(node.input[0])
        if clip is None or clip.op_type != "Clip":
            continue
        rounded = through_casts(clip.input[0])
        if rounded is not None and rounded.op_type == "Round":
            return str(node.output[0])
    return None


def with_durations(model: Any) -> bool:
    """Add `DURATIONS` to the outputs of `model` (onnx ModelProto), in place; whether it
    has it now (False: no durations tensor was found; the model is unchanged)."""
    from onnx import TensorProto, helper

    graph = model.graph
    if any(output.name == DURATIONS for output in graph.output):
        return True
    found = durations_tensor(graph)
    if found is None:
        return False
    # An Identity gives the tensor a name of its own: the graph's own name for it may
    # change with the exporter, and an output named after an internal tensor can keep
    # an optimizer from fusing the nodes around it.
    graph.node.append(helper.make_node("Identity", [found], [DURATIONS], name=DURATIONS))
    graph.output.append(helper.make_tensor_value_info(DURATIONS, TensorProto.INT64, None))
    return True


class TimedSession:
    """An onnxruntime session that keeps, per thread, what its last runs computed:
    kokoro-onnx's `run(None, inputs)` is passed on unchanged, and each run's audio and
    durations are kept for its thread until `take` (kokoro-onnx may split a text)."""

    def __init__(self, session: Any) -> None:
        self._session = session
        names = [output.name for output in session.get_outputs()]
        self._index = names.index(DURATIONS) if DURATIONS in names else None
        self._runs = threading.local()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)

    def run(self, output_names: Any, inputs: Any, run_options: Any = None) -> Any:
        outputs = self._session.run(output_names, inputs, run_options)
        if self._index is not None and output_names is None:
            runs = getattr(self._runs, "runs", None)
            if runs is None:
                runs = self._runs.runs = []
            runs.append((outputs[0], outputs[self._index]))
        return outputs

    def take(self) -> list[tuple[Any, Any]]:
        """The (audio, durations) of each run this thread made since it last took them."""
        runs: list[tuple[Any, Any]] = getattr(self._runs, "runs", None) or []
        self._runs.runs = []
        return runs


def token_marks(
    tokens: str, runs: list[tuple[Any, Any]], returned: NDArray[np.float32]
) -> Timings | None:
    """Where each of `tokens` (the phonemes the model was given, one token each) is said
    in `returned`, the audio kokoro-onnx made of one run (untrimmed audio and durations)
    and trimmed; None when that cannot be known exactly (several runs, or a mismatch)."""
    import numpy as np

    if len(runs) != 1:
        return None
    raw, frames = runs[0]
    raw = np.asarray(raw, dtype=np.float32).ravel()
    frames = np.asarray(frames, dtype=np.int64).ravel()
    # The model's input is the tokens between two boundary tokens.
    if len(frames) != len(tokens) + 2 or int(frames.sum()) <= 0:
        return None
    head = _offset_in(raw, np.asarray(returned, dtype=np.float32).ravel())
    if head is None:
        return None
    edges = np.concatenate([[0], np.cumsum(frames)]) * len(raw) // int(frames.sum())
    units = ["", *tokens, ""]
    marks = tuple(Mark(unit, int(edges[i]), int(edges[i + 1])) for i, unit in enumerate(units))
    timings = Timings("phoneme", marks, SOURCE)
    return timings.kept(head, head + len(returned))


def _offset_in(raw: NDArray[np.float32], cut: NDArray[np.float32]) -> int | None:
    """Where `cut`, a slice of `raw` (its edge silence trimmed), starts in `raw`."""
    import numpy as np

    if len(cut) == 0 or len(cut) > len(raw):
        return None
    room = len(raw) - len(cut)
    # kokoro-onnx trims in hops of 512 samples: try those first, then every sample.
    anywhere = np.flatnonzero(raw[: room + 1] == cut[0])[:_MOST_TRIED]
    for candidates in (range(0, room + 1, 512), anywhere):
        for start in candidates:
            if np.array_equal(raw[start : start + len(cut)], cut):
                return int(start)
    return None
