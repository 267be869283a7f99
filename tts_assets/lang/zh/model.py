"""g2pM's polyphone model: how likely each reading of a character is in its sentence.

g2pM (kakaobrain, Apache-2.0; `pip install g2pM`) ships a small network in its wheel
(numpy weights): one bidirectional LSTM layer over the sentence's characters and two
dense layers, trained on the CPP benchmark's polyphones (Chinese Wikipedia). Its package
runs one sentence at a time and chooses among all the readings it knows, including
readings the character does not have. Here the same weights run over many sentences at
once (one pass per character position, every sentence in it), and each character chooses
among its own readings, with their probabilities, which the decider weighs (`decide.py`).

numpy is imported here only, when a Chinese text without pinyin is decided.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACKAGE = "g2pM"
_UNKNOWN = 1
_START = 2
_END = 3
_BATCH = 256
"""Sentences run through the network at once (padding grows with the longest)."""
_CONTEXT = 40
"""Characters kept on each side of the polyphones of a long text: the network's reach
in practice, and what keeps a passage from costing its square."""


@dataclass(frozen=True)
class Weights:
    """g2pM's network and vocabularies, as loaded from its package."""

    char_ids: dict[str, int]
    class_ids: dict[str, int]
    readings: dict[str, tuple[str, ...]]
    """Each polyphonic character's readings, as g2pM's dictionary (CC-CEDICT) gives them
    (ü as u:, nu:3: `probabilities` gives them as v, nv3)."""
    tensors: dict[str, Any]


@functools.cache
def weights() -> Weights | None:
    """g2pM's weights, loaded once; None when the package is not installed."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        return None
    import numpy as np

    folder = Path(spec.origin).parent

    def load(name: str) -> Any:
        # The package's own files, as its own code loads them.
        with (folder / name).open("rb") as f:
            return pickle.load(f)

    cedict: dict[str, list[str]] = load("digest_cedict.pkl")
    tensors = {k: np.asarray(v, dtype=np.float32) for k, v in load("np_ckpt.pkl").items()}
    for way in ("", "_reverse"):
        # One bias per gate is all a forward pass needs.
        tensors[f"bias{way}"] = tensors[f"lstm.bias_ih_l0{way}"] + tensors[f"lstm.bias_hh_l0{way}"]
    return Weights(
        load("char2idx.pkl"),
        load("class2idx.pkl"),
        {c: tuple(r) for c, r in cedict.items() if len(r) > 1},
        tensors,
    )


def probabilities(
    asked: Sequence[tuple[str, Sequence[int]]],
) -> list[list[dict[str, float]]]:
    """For each (text, positions) of `asked`: at each position (an index into the text),
    the probability of each of the character's readings (numbered syllables) by g2pM; an
    empty dict where g2pM knows the character as no polyphone. Raises RuntimeError when
    g2pM is not installed."""
    found = weights()
    if found is None:
        raise RuntimeError("g2pM is not installed")
    windows: list[tuple[str, list[int]]] = []
    for text, positions in asked:
        if not positions:
            windows.append(("", []))
            continue
        start = max(0, min(positions) - _CONTEXT)
        end = min(len(text), max(positions) + _CONTEXT + 1)
        windows.append((text[start:end], [p - start for p in positions]))
    order = sorted(range(len(windows)), key=lambda i: len(windows[i][0]))
    answers: list[list[dict[str, float]]] = [[] for _ in asked]
    with _one_blas_thread():
        for at in range(0, len(order), _BATCH):
            batch = [i for i in order[at : at + _BATCH] if windows[i][1]]
            if not batch:
                continue
            for i, each in zip(batch, _run(found, [windows[i] for i in batch]), strict=True):
                answers[i] = each
    return answers


def _one_blas_thread() -> contextlib.AbstractContextManager[object]:
    """numpy's BLAS held to one thread while the network runs (threadpoolctl, the zh
    extra; as it is where that is not installed). Its products are small (a batch of 256
    by the LSTM's width), and BLAS's threads cost more than they share: deciding CPP's
    sentences took several times longer with them on a busy two-core machine
    (benchmarks/zh_polyphones.py)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext()
    limited: contextlib.AbstractContextManager[object] = threadpool_limits(1, user_api="blas")
    return limited


def _run(found: Weights, batch: list[tuple[str, list[int]]]) -> list[list[dict[str, float]]]:
    """The network over one batch of (text, positions)."""
    import numpy as np

    w = found.tensors
    ids = [[_START, *(found.char_ids.get(c, _UNKNOWN) for c in text), _END] for text, _ in batch]
    lengths = [len(x) for x in ids]
    size = max(lengths)
    forward = np.zeros((len(ids), size), dtype=np.int64)
    backward = np.zeros_like(forward)
    for row, x in enumerate(ids):
        forward[row, : len(x)] = x
        backward[row, : len(x)] = x[::-1]
    mask = forward > 0
    table = w["embedding.weight"]
    ahead = _lstm(table[forward], mask, w, "")
    behind = _lstm(table[backward], mask, w, "_reverse")
    asked = [(row, p, text[p]) for row, (text, positions) in enumerate(batch) for p in positions]
    rows = [row for row, _, _ in asked]
    points = [p + 1 for _, p, _ in asked]  # after the start token
    back = [lengths[row] - 2 - p for row, p, _ in asked]
    hidden = np.concatenate([ahead[rows, points], behind[rows, back]], axis=1)
    hidden = np.maximum(hidden @ w["logit_layer.0.weight"].T + w["logit_layer.0.bias"], 0)
    logits = hidden @ w["logit_layer.2.weight"].T + w["logit_layer.2.bias"]
    out: list[list[dict[str, float]]] = [[] for _ in batch]
    for k, (row, _, char) in enumerate(asked):
        readings = [r for r in found.readings.get(char, ()) if r in found.class_ids]
        if len(readings) < 2:
            out[row].append({})
            continue
        scores = np.array([logits[k, found.class_ids[r]] for r in readings], dtype=np.float64)
        scores = np.exp(scores - scores.max())
        scores /= scores.sum()
        # CC-CEDICT's spelling (ü as u:, nu:3) as the decider numbers it (pypinyin's: nv3)
        said = (r.replace("u:", "v") for r in readings)
        out[row].append({r: float(s) for r, s in zip(said, scores, strict=True)})
    return out


def _lstm(inputs: Any, mask: Any, w: dict[str, Any], way: str) -> Any:
    """One LSTM direction (`way`: its weights' suffix) over `inputs` (batch, time,
    features); a padded step keeps the state it had (PyTorch's gate order: input, forget,
    cell, output)."""
    import numpy as np

    w_in, w_hidden, bias = (
        w[f"lstm.weight_ih_l0{way}"],
        w[f"lstm.weight_hh_l0{way}"],
        w[f"bias{way}"],
    )
    batch, steps, _ = inputs.shape
    size = w_hidden.shape[1]
    projected = inputs @ w_in.T + bias
    h = np.zeros((batch, size), dtype=np.float32)
    c = np.zeros_like(h)
    out = np.zeros((batch, steps, size), dtype=np.float32)
    w_t = np.ascontiguousarray(w_hidden.T)
    for t in range(steps):
        z = projected[:, t] + h @ w_t
        gates = 1.0 / (1.0 + np.exp(-z[:, : 2 * size]))
        i, f = gates[:, :size], gates[:, size:]
        g = np.tanh(z[:, 2 * size : 3 * size])
        o = 1.0 / (1.0 + np.exp(-z[:, 3 * size :]))
        c_new = f * c + i * g
        h_new = o * np.tanh(c_new)
        keep = mask[:, t : t + 1]
        c = np.where(keep, c_new, c)
        h = np.where(keep, h_new, h)
        out[:, t] = h
    return out
