"""Run an int8 ONNX model's convolutions on onnxruntime's fast integer kernels.

Kokoro's int8 export computes each of its convolutions with `ConvInteger` on uint8
weights. onnxruntime's CPU kernel for that is a uint8 x uint8 matrix product, which has
no VNNI or AMX path: most of a clip's compute (`benchmarks/limit.py` times it). The
same product, written as im2col (slices of the time axis, side by side) and
`MatMulInteger` with the weights shifted to int8, runs on the uint8 x int8 kernels.
Where the CPU has VNNI or AMX those accumulate every product exactly in int32, as
`ConvInteger` does, so the model's output is bit-identical (tested) and a clip takes
much less compute (`benchmarks/run.py` compares the two).

Without VNNI or AMX, onnxruntime's uint8 x int8 kernel adds pairs of products in int16
and can saturate, so `exact_on_this_cpu()` keeps the model as shipped there.

The rewritten model is kept in the user's cache folder, keyed by the original's digest
and vouched for by a record beside it as a pulled model is (`fast_session`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import platform
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from ..dirs import cache_folder
from ..errors import ProviderFatal, out_of_memory, room_for
from ..models.record import checked, derived, sha256_of, write_record

__all__ = ["ONNX_ROOM", "cached_rewrite", "exact_on_this_cpu", "fast_session"]

ONNX_ROOM = 4
"""Address space asked to be free before onnx parses, rewrites or cuts a model, in times
the model's size: onnx's protobuf crashes (a segmentation fault) where an allocation
fails. Cutting Kokoro's model grew the process by more than twice the model's size; with
less room than this free, the cut still ran out now and then in the memory sweep (the
run's other threads reserve too), as an error, not a crash (`errors.room_for`)."""

REWRITE_VERSION = 2
"""Part of the cached file's name: bump it when the rewrite changes (2: the model also
reports each token's durations, `kokoro_durations.py`)."""

_EXACT_FLAGS = frozenset({"avx512_vnni", "avx_vnni", "amx_int8"})
"""x86 features with which onnxruntime's uint8 x int8 kernels accumulate in int32."""


def exact_on_this_cpu(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether the rewritten model computes exactly what the original does on this CPU:
    known only for Linux on x86-64 (other systems keep the model as shipped)."""
    if sys.platform != "linux" or platform.machine().lower() not in ("x86_64", "amd64"):
        return False
    try:
        text = cpuinfo.read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    for line in text.splitlines():
        if line.startswith("flags"):
            return bool(_EXACT_FLAGS.intersection(line.partition(":")[2].split()))
    return False


def fast_session(model_path: Path, digest: str, options: Any) -> Any | None:
    """An onnxruntime session of `model_path` rewritten, or None if it has nothing to rewrite.

    `digest` is the sha256 of `model_path`, as the run's content keys name it: the
    rewrite is made from those bytes only (ProviderFatal when the file holds others). The
    first session rewrites it in memory and has onnxruntime save the graph it optimized
    (`ORT_ENABLE_EXTENDED`: nothing specific to this CPU's instruction set) into the
    cache with its record (`models/record.py`); later sessions load that file, with no
    optimization to redo, only while the record names `digest` and the file is unchanged.
    A cache that cannot be written costs only the rewrite on every run; a damaged or
    changed cached file is made again. `options` (onnxruntime SessionOptions) are changed.
    """
    import onnxruntime as ort

    cache = cache_folder()
    name, cached, record = _cache_names(model_path, digest, cache)
    providers = ["CPUExecutionProvider"]
    if derived(record, digest, cached) is not None:
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
        try:
            return ort.InferenceSession(str(cached), options, providers)
        except Exception as e:  # not a model onnxruntime loads: make it again
            if out_of_memory(e):
                raise  # the file is sound: memory ran out, and a rewrite needs more
            with contextlib.suppress(OSError):
                cached.unlink()
    # A model with nothing to rewrite (a float32 export) is noted, not parsed every run.
    nothing = cache / f"{name}.nothing-to-rewrite"
    if nothing.is_file():
        return None
    data, count = rewrite_conv_integer(_bytes_of(model_path, digest))
    if count == 0:
        with contextlib.suppress(OSError):
            cache.mkdir(parents=True, exist_ok=True)
            nothing.touch()
        return None
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    part: Path | None = None
    with contextlib.suppress(OSError):
        cache.mkdir(parents=True, exist_ok=True)
        _remove_stale_parts(cache)
        part = cache / f".{name}.{os.getpid()}-{uuid.uuid4().hex}.part"
        options.optimized_model_filepath = str(part)
    try:
        session = ort.InferenceSession(data, options, providers)
    except Exception:
        if part is None:
            raise
        # Saving failed (a full disk, say): drop the half file and run without caching.
        with contextlib.suppress(OSError):
            part.unlink()
        part = None
        options.optimized_model_filepath = ""
        session = ort.InferenceSession(data, options, providers)
    options.optimized_model_filepath = ""
    if part is not None:
        try:
            # Two runs making it at once each rename a whole file into place (the same
            # bytes: a record naming the other's file holds the right sha256 all the same).
            with part.open("rb") as f:
                os.fsync(f.fileno())
            sha = sha256_of(part)
            os.replace(part, cached)
            write_record(record, {cached.name: checked(cached, sha)}, {"derived_from": digest})
        except OSError:
            with contextlib.suppress(OSError):
                part.unlink()
    return session


def _cache_names(model_path: Path, digest: str, cache: Path) -> tuple[str, Path, Path]:
    """The name of the rewrite of `model_path` (sha256 `digest`) in `cache`, its file and
    its record, for this onnxruntime."""
    import onnxruntime as ort

    name = f"{model_path.stem}-{digest[:16]}-int8-kernels-v{REWRITE_VERSION}-ort{ort.__version__}"
    return name, cache / f"{name}.onnx", cache / f"{name}.onnx.verified.json"


def cached_rewrite(model_path: Path, digest: str) -> tuple[Path, str] | None:
    """The file `fast_session` loads its session from (the rewrite as onnxruntime
    optimized it) and its sha256, when the cache holds it and its record vouches for it;
    else None."""
    _, cached, record = _cache_names(model_path, digest, cache_folder())
    found = derived(record, digest, cached)
    return None if found is None else (cached, found.files[cached.name].sha256)


def _bytes_of(model_path: Path, digest: str) -> bytes:
    """The bytes of `model_path`, which must be the model of sha256 `digest`."""
    data = model_path.read_bytes()
    found = hashlib.sha256(data).hexdigest()
    if found != digest:
        raise ProviderFatal(
            f"{model_path} changed while it was loaded (sha256 {found}, where the run took "
            f"{digest}); run again"
        )
    return data


def _remove_stale_parts(cache: Path, age_s: float = 3600.0) -> None:
    """Delete half-written files that killed runs left in the cache folder."""
    now = time.time()
    for part in cache.glob(".*.part"):
        with contextlib.suppress(OSError):
            if now - part.stat().st_mtime > age_s:
                part.unlink()


def rewrite_conv_integer(source: Path | bytes) -> tuple[bytes, int]:
    """The model (a file, or its bytes, serialized) with each plain 1-D uint8
    `ConvInteger` as im2col + `MatMulInteger`, and how many were rewritten (0: the bytes
    are the model unchanged); convolutions of other shapes are left as they are."""
    import onnx

    data = source.read_bytes() if isinstance(source, Path) else source
    room_for(ONNX_ROOM * len(data), "the rewrite of the model's convolutions")
    model = onnx.load_from_string(data)
    graph = model.graph
    weights = {t.name: t for t in graph.initializer}
    nodes: list[Any] = []
    added: dict[str, Any] = {}
    count = 0
    for node in graph.node:
        new = _as_matmul(node, weights, added) if node.op_type == "ConvInteger" else None
        if new is None:
            nodes.append(node)
        else:
            nodes.extend(new)
            count += 1
    if count == 0:
        return data, 0
    del graph.node[:]
    graph.node.extend(nodes)
    used = {name for node in nodes for name in node.input}
    kept = [t for t in graph.initializer if t.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept + list(added.values()))
    from .kokoro_durations import with_durations

    with_durations(model)  # read beside the audio, which stays as it was (tested)
    return model.SerializeToString(), count


def _as_matmul(node: Any, weights: dict[str, Any], added: dict[str, Any]) -> list[Any] | None:
    """Nodes computing `node` (a ConvInteger) as im2col + MatMulInteger, or None."""
    import numpy as np
    from onnx import helper, numpy_helper

    if len(node.input) != 4 or node.input[1] not in weights or node.input[3] not in weights:
        return None
    w = numpy_helper.to_array(weights[node.input[1]])
    w_zero = numpy_helper.to_array(weights[node.input[3]])
    attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
    if (
        w.dtype != np.uint8
        or w.ndim != 3
        or w_zero.dtype != np.uint8
        or w_zero.size != 1
        or attrs.get("group", 1) != 1
        or attrs.get("auto_pad", b"NOTSET") != b"NOTSET"
    ):
        return None
    out_ch, _, taps = w.shape
    (dilation,) = attrs.get("dilations", [1])
    (stride,) = attrs.get("strides", [1])
    pad_start, pad_end = attrs.get("pads", [0, 0])
    x, x_zero = node.input[0], node.input[2]
    name = f"{node.name or node.output[0]}/im2col"

    def const(suffix: str, value: Any) -> str:
        added[f"{name}/{suffix}"] = numpy_helper.from_array(np.asarray(value), f"{name}/{suffix}")
        return f"{name}/{suffix}"

    def ints(*values: int) -> str:
        # Shared by every node that needs the same small list: fewer initializers load
        # faster.
        shared = "im2col/ints/" + "_".join(map(str, values))
        if shared not in added:
            added[shared] = numpy_helper.from_array(np.array(values, dtype=np.int64), shared)
        return shared

    # Weights [out, in, taps] -> int8 [taps * in, out]: row k*in + c is tap k of channel
    # c, matching the columns built below. Shifting weights and their zero point by 128
    # leaves every (w - zero) unchanged.
    b = (w.astype(np.int16) - 128).astype(np.int8).transpose(2, 1, 0).reshape(-1, out_ch)
    b_zero = np.array(int(w_zero.reshape(())) - 128, dtype=np.int8)

    made = [helper.make_node("Transpose", [x], [f"{name}/x"], perm=[0, 2, 1])]  # [N, T, C]
    rows = f"{name}/x"
    if pad_start or pad_end:
        # Padding with x's zero point is padding with zeros after (x - zero).
        pads = ints(0, pad_start, 0, 0, pad_end, 0)
        made.append(helper.make_node("Pad", [rows, pads, x_zero], [f"{name}/padded"]))
        rows = f"{name}/padded"
    columns = rows
    if taps > 1 or stride > 1:
        tap_names = []
        for k in range(taps):
            # Tap k reads rows k*dilation, +stride, ... up to where the last tap ends.
            end = -dilation * (taps - 1 - k) if k < taps - 1 else np.iinfo(np.int64).max
            starts, ends, axes, steps = ints(k * dilation), ints(end), ints(1), ints(stride)
            tap_names.append(f"{name}/tap{k}")
            made.append(
                helper.make_node("Slice", [rows, starts, ends, axes, steps], [tap_names[-1]])
            )
        columns = f"{name}/columns"  # [N, T_out, taps * in]
        made.append(helper.make_node("Concat", tap_names, [columns], axis=2))
    product = f"{name}/product"  # [N, T_out, out] int32
    made.append(
        helper.make_node(
            "MatMulInteger",
            [columns, const("weights", b), x_zero, const("weights_zero", b_zero)],
            [product],
        )
    )
    made.append(helper.make_node("Transpose", [product], [node.output[0]], perm=[0, 2, 1]))
    for n, made_node in enumerate(made):
        made_node.name = f"{name}/{n}"
    return made
