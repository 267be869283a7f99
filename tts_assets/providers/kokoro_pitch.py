"""Kokoro told a Japanese accent: its predicted pitch set to the pattern before the decoder.

Kokoro v1.0 was trained on Japanese phonemes without accent marks (misaki's first Japanese
G2P), so no symbol of its vocabulary steers the pitch of a Japanese word: the Chinese tone
arrows it knows (↓ → ↗ ↘) were measured to move it no consistent way. Its graph, though,
predicts the F0 contour from the text (StyleTTS 2's prosody predictor) and hands it to the
decoder, which follows it.
Here the graph is cut in two at that point: the *front* (text and style to durations,
alignment, F0 and energy: a small part of a clip's compute) and the *back* (the decoder).
Between them the predicted F0 is set to the accent's pattern in the voice's own range
(`audio/accent_contour.py`), mora by mora as the predicted durations place the morae.
The back given the front's F0 unchanged makes the very samples the whole model makes
(tested), so a clip with no accent to say is unchanged.

What is said is decided above the providers: the pitch comes as a level per phoneme
(`HLL` for 雨's a|me: readings/accent.py `phoneme_pitch`), and each run of one level
is placed by the model's own durations of its tokens.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..audio.accent_contour import LEVELS, accent_contour

VOICED_HZ = 30.0
"""The predicted F0 from which a frame is taken for voiced: the model predicts 5-25 Hz
for silence and unvoiced sounds (a high voice such as jf_tebukuro up to 25), which must
stay as they are."""
HOLD_S = 0.1
"""The longest a word's last voiced pitch is held past the model's predicted voicing."""
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


def level_spans(pitch: str, durations: Sequence[int]) -> tuple[list[tuple[float, float]], str]:
    """The spans (seconds of the model's audio) of the runs of one level in `pitch` (a
    level per phoneme token) and their levels, from the per-token `durations` (frames;
    the first and last are the pads around the phonemes). Tokens without a level
    (spaces, signs) belong to no span."""
    edges = [0, *itertools.accumulate(map(int, durations))]
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
    tokens_input: str = "tokens"
    """The name of the model's input of token ids."""

    def run(self, feeds: Mapping[str, Any], pitch: str | None) -> tuple[Any, Any]:
        """The model's audio and durations for its inputs `feeds`, the predicted pitch set
        to `pitch` (a level per token between the pads) unless it is None."""
        import numpy as np

        durations, alignment, f0, energy, decoder_style = self.front.run(list(CUT), dict(feeds))
        tokens = feeds[self.tokens_input]
        if pitch is not None:
            if len(pitch) != np.shape(tokens)[-1] - 2:
                raise ValueError(f"{len(pitch)} levels for {np.shape(tokens)[-1] - 2} tokens")
            frames = [int(d) for d in np.asarray(durations).ravel()]
            spans, levels = level_spans(pitch, frames)
            if levels:
                f0_frame_s = SAMPLES_PER_FRAME / RATE / 2
                shaped = accent_contour(
                    np.asarray(f0).ravel(), f0_frame_s, spans, levels, voiced_hz=VOICED_HZ
                )  # the held tail below: a last vowel voiced past the predicted voicing
                f0 = _held(shaped, frames).astype(np.float32).reshape(np.shape(f0))
        audio = self.back.run(
            None,
            {
                self.tokens_input: tokens,
                ALIGNMENT: alignment,
                F0: f0,
                ENERGY: energy,
                DECODER_STYLE: decoder_style,
            },
        )[0]
        return audio, durations


def _held(f0: Any, durations: Sequence[int]) -> Any:
    """`f0` with its last voiced level held to the end of the token it ends in (at most
    `HOLD_S`): the decoder goes on voicing a word's last vowel after the predicted pitch
    has ramped off, at a low pitch of its own that would unsay a high last mora. A vowel
    the model devoices after it is another token, and stays unvoiced."""
    import numpy as np

    voiced = np.flatnonzero(f0 >= VOICED_HZ)  # as shaped: the pads' low values are not
    if not len(voiced):
        return f0
    last = int(voiced[-1])
    ends = np.cumsum(durations) * 2  # two pitch frames per duration frame
    token = int(np.searchsorted(ends, last, side="right"))
    if token >= len(ends) - 1:
        return f0  # voiced into the pad after the text: nothing left to hold
    token_end = int(ends[token])
    stop = min(token_end, last + 1 + round(HOLD_S * RATE / SAMPLES_PER_FRAME * 2), len(f0))
    held = f0.copy()
    held[last + 1 : stop] = f0[last]
    return held


class PitchedSession:
    """Stands in for a Kokoro model's onnxruntime session: a run on a thread that was
    given a pitch (`saying`) goes through the model cut in two, every other run through
    the session as it is, until the cut is made (by `build`, on the first run given a
    pitch). From then on every run goes through the cut, which given the front's own
    pitch makes the whole model's very samples, and the whole session is let go: one copy
    of the model in memory, not two (`benchmarks/kokoro_cut_memory.py`). If the
    model cannot be cut, the whole session is made again (`whole`). kokoro-onnx, which
    runs the session, trims, batches and pauses as it always does."""

    def __init__(
        self,
        session: Any,
        build: Callable[[], PitchedModel | None],
        whole: Callable[[], Any],
    ) -> None:
        self._session: Any | None = session
        self._outputs = [o.name for o in session.get_outputs()]
        self._build = build
        self._whole = whole
        self._model: PitchedModel | None = None
        self._built = False
        self._lock = threading.Lock()
        self._local = threading.local()

    def __getattr__(self, name: str) -> Any:
        # What kokoro-onnx asks of its session when it is made (inputs, outputs, metadata):
        # the whole session's, which is there until the first clip told a pitch.
        return getattr(self._session, name)

    @contextmanager
    def saying(self, pitch: str) -> Iterator[None]:
        """Runs of this thread inside the block say `pitch` (a level per token)."""
        self._local.pitch = pitch
        try:
            yield
        finally:
            self._local.pitch = None

    def run(self, output_names: Any, inputs: Any, run_options: Any = None) -> Any:
        pitch = getattr(self._local, "pitch", None)
        session = self._session
        if pitch is None and session is not None:
            return session.run(output_names, inputs, run_options)
        model = self._cut()
        if model is None:
            if pitch is None:
                return self._whole_session().run(output_names, inputs, run_options)
            raise ValueError("this Kokoro model cannot be told a pitch (its graph is not cut)")
        audio, durations = model.run(inputs, pitch)
        made = {self._outputs[0]: audio}
        for name in self._outputs[1:]:
            made[name] = durations  # the token durations the timed model reports
        return [made[name] for name in output_names or self._outputs]

    def _cut(self) -> PitchedModel | None:
        with self._lock:
            if not self._built:
                # The whole session is let go before the cut is made, so that the two are
                # never in memory together (a run under way keeps it until it returns).
                self._session = None
                give_back_freed_memory()
                # Built once made: where memory ran out making it, the next clip tries
                # again (and meets the same), rather than being told the graph is not cut.
                self._model = self._build()
                self._built = True
                if self._model is None:
                    self._session = self._whole()
            return self._model

    def _whole_session(self) -> Any:
        with self._lock:
            if self._session is None:
                self._session = self._whole()
            return self._session


def cut_model(model: Any) -> tuple[bytes, bytes, str] | None:
    """The front and back of an ONNX `model` (a ModelProto), serialized, and the name of
    its token input; None when the model is not Kokoro v1.0's export (the cut's tensors
    or its inputs are not in it)."""
    from onnx.utils import Extractor

    produced = {name for node in model.graph.node for name in node.output}
    inputs = [i.name for i in model.graph.input]
    if not all(name in produced for name in CUT) or inputs[1:] != ["style", "speed"]:
        return None
    outputs = [o.name for o in model.graph.output]
    tokens = inputs[0]
    extractor = Extractor(model)
    front = extractor.extract_model([tokens, "style", "speed"], list(CUT))
    back = extractor.extract_model([tokens, *CUT[1:]], outputs[:1])
    return front.SerializeToString(), back.SerializeToString(), tokens


def pitched_model(
    load: Callable[[], Any],
    options: Any,
    providers: Sequence[str],
    keep: Callable[[bytes, bytes, str], None] | None = None,
) -> PitchedModel | None:
    """The model `load` gives (a ModelProto) cut in two, as onnxruntime sessions made
    with `options`; None when it cannot be cut (not Kokoro v1.0's graph). Each of the
    model, its halves and their bytes is let go as soon as the next is made, so that the
    cut's making holds little more than one copy of the model at a time. `keep` is given
    the halves' bytes and the token input's name first (to cache them: `keep_halves`)."""
    halves = cut_model(load())
    if halves is None:
        return None
    front, back, tokens = halves
    del halves
    give_back_freed_memory()
    if keep is not None:
        keep(front, back, tokens)
    parts: list[str | bytes] = [front, back]
    del front, back
    return pitched(parts, tokens, options, providers)


def give_back_freed_memory() -> None:
    """Return the C heap's freed pages to the system (glibc's `malloc_trim`; nothing
    elsewhere). A session or a model let go is freed into the heap, which glibc keeps
    resident (its mmap threshold rises after large frees): without this, the whole
    session let go for the cut still counted in the process's memory."""
    import ctypes
    import ctypes.util
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return


CUT_VERSION = 1
"""Part of the cached halves' names: bump it when the cut changes (`CUT`, `cut_model`)."""


def _halves_names(source: Path) -> tuple[Path, Path, Path]:
    """Where the halves cut from the model file `source` are kept beside it: front, back
    and their record."""
    stem = f"{source.stem}-cut-v{CUT_VERSION}"
    return (
        source.with_name(f"{stem}-front.onnx"),
        source.with_name(f"{stem}-back.onnx"),
        source.with_name(f"{stem}.verified.json"),
    )


def cached_halves(source: Path, source_sha256: str) -> tuple[Path, Path, str] | None:
    """The front and back cut from `source` (a model file of sha256 `source_sha256`) and
    the name of the token input, when they are kept beside it (`keep_halves`) and their
    record vouches for them; else None. A later run makes its cut from these files: no
    model to parse and cut in memory (`benchmarks/kokoro_cut_memory.py`)."""
    from ..models.record import derived

    front, back, record = _halves_names(source)
    found = derived(record, source_sha256, front, back)
    tokens = found and found.about.get("tokens")
    return (front, back, tokens) if tokens else None


def keep_halves(source: Path, source_sha256: str, front: bytes, back: bytes, tokens: str) -> None:
    """Keep the halves cut from `source` beside it, with a record naming their sha256 and
    the source's; a cache folder that cannot take them costs only the cut on every run."""
    import contextlib
    import hashlib

    from ..models.record import checked, write_record
    from ..store.files import write_atomic

    paths = _halves_names(source)
    files = {}
    with contextlib.suppress(OSError):
        for path, data in zip(paths[:2], (front, back), strict=True):
            write_atomic(path, data)
            files[path.name] = checked(path, hashlib.sha256(data).hexdigest())
        write_record(paths[2], files, {"derived_from": source_sha256, "tokens": tokens})


def pitched(
    halves: list[str | bytes], tokens: str, options: Any, providers: Sequence[str]
) -> PitchedModel:
    """The sessions of the front and back (a file's path or bytes, each let go once its
    session is made)."""
    import onnxruntime as ort

    sessions = []
    while halves:
        sessions.append(ort.InferenceSession(halves.pop(0), options, list(providers)))
    give_back_freed_memory()
    return PitchedModel(sessions[0], sessions[1], tokens)
