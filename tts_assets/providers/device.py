"""Where an ONNX model runs: the CPU or an NVIDIA GPU (CUDA), chosen once per model.

`device = "auto" | "cpu" | "cuda"` (the `device` setting, `--device`). `auto` takes CUDA
only when all of these hold, and otherwise the CPU, saying why:

- onnxruntime has the CUDA provider, which only the `onnxruntime-gpu` package brings
  (it replaces `onnxruntime`: both at once break CUDA);
- the model is not int8: onnxruntime's CUDA backend runs the quantized operators
  (ConvInteger, MatMulInteger) poorly, users measure Kokoro int8 slower on an A100 than
  on a CPU;
- a session made with it really runs on CUDA (`session.get_providers()` after it is
  made): a listed provider whose CUDA or cuDNN libraries are missing falls back to the
  CPU without an error.

On CUDA, `cudnn_conv_algo_search` is HEURISTIC (as Piper sets it): the exhaustive search
that is onnxruntime's default runs again for every new input shape, and every text has
its own. The device never enters a clip's content key (a clip made on a GPU is the same
clip); the manifest records it.
"""

from __future__ import annotations

import contextlib
import mmap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..errors import ProviderFatal, out_of_memory

Device = Literal["auto", "cpu", "cuda"]

CUDA = "CUDAExecutionProvider"
CPU = "CPUExecutionProvider"
CUDA_OPTIONS = {"cudnn_conv_algo_search": "HEURISTIC"}
"""The CUDA provider's options: one quick algorithm search per shape, not an exhaustive one."""
GPU_INSTALL = (
    "install onnxruntime-gpu in place of onnxruntime (pip uninstall onnxruntime; "
    "pip install onnxruntime-gpu; docs/models.md)"
)
_QUANTIZED = (b"ConvInteger", b"MatMulInteger", b"DynamicQuantizeLinear")


@dataclass(frozen=True)
class Choice:
    """Where a model runs, and why there."""

    device: Literal["cpu", "cuda"]
    reason: str

    @property
    def providers(self) -> list[Any]:
        """The providers to give `onnxruntime.InferenceSession`."""
        if self.device == "cuda":
            return [(CUDA, dict(CUDA_OPTIONS)), CPU]
        return [CPU]


def choose(wanted: Device, available: Sequence[str], *, int8: bool, model: str) -> Choice:
    """The device for `model` before its session is made, from what onnxruntime lists
    (`onnxruntime.get_available_providers()`); ProviderFatal for `cuda` without CUDA."""
    if wanted == "cpu":
        return Choice("cpu", "device = cpu")
    if CUDA not in available:
        if wanted == "cuda":
            raise ProviderFatal(
                f"device = cuda, but onnxruntime has no CUDA provider (it lists "
                f"{', '.join(available) or 'none'}); {GPU_INSTALL}, or use device = auto"
            )
        return Choice("cpu", "onnxruntime has no CUDA provider (onnxruntime-gpu is not installed)")
    if int8 and wanted == "auto":
        return Choice(
            "cpu",
            f"{model} is int8, and onnxruntime's CUDA backend runs its quantized operators "
            "slower than the CPU; pull an fp32 or fp16 model for the GPU",
        )
    return Choice("cuda", "device = cuda" if wanted == "cuda" else "CUDA is available")


def confirm(choice: Choice, wanted: Device, running: Sequence[str]) -> Choice:
    """The device a session made for `choice` really runs on (`session.get_providers()`):
    ProviderFatal when `cuda` was asked for and onnxruntime fell back to the CPU."""
    if choice.device != "cuda" or (running and running[0] == CUDA):
        return choice
    why = (
        "onnxruntime lists CUDA, but a session made with it runs on the CPU "
        "(are the CUDA and cuDNN libraries onnxruntime-gpu needs installed?)"
    )
    if wanted == "cuda":
        raise ProviderFatal(f"device = cuda: {why}")
    return Choice("cpu", why)


# onnxruntime's own log: 4 is FATAL only. Everything it fails at reaches the caller as an
# exception, which the tool says in its one line; its own ERROR line, printed beside it
# (memory running out while a session is built: "[E:onnxruntime:...] Exception during
# initialization: std::bad_alloc"), was a second, raw account of the same failure.
QUIET = 4


def session_options(threads: int) -> Any:
    """onnxruntime SessionOptions for one model: `threads` for its operators, one for
    running them side by side, its log quiet (`QUIET`), and no memory patterns: they plan
    one block per input shape, and every text has its own, so without them peak RSS is
    lower at the same speed."""
    import onnxruntime

    opts = onnxruntime.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.log_severity_level = QUIET
    opts.enable_mem_pattern = False
    return opts


def sessions(
    models: Sequence[str | bytes], wanted: Device, *, threads: int, int8: bool, name: str
) -> tuple[list[Any], Choice]:
    """A session of each of `models` (a file's path or a model's bytes) on the device
    chosen for them (`choose`, then `confirm` of the first), with `session_options`."""
    import onnxruntime

    choice = choose(wanted, available_providers(), int8=int8, model=name)
    opts = session_options(threads)
    made = [
        onnxruntime.InferenceSession(m, sess_options=opts, providers=choice.providers)
        for m in models
    ]
    return made, confirm(choice, wanted, made[0].get_providers())


@contextlib.contextmanager
def loading(what: str, fix: str) -> Iterator[None]:
    """ProviderFatal `cannot load {what}: ...; {fix}` for the untyped errors onnxruntime
    (or a malformed config) raises while a model loads; ProviderFatal and memory running
    out (not the file's fault) pass as they are."""
    try:
        yield
    except ProviderFatal:
        raise
    except Exception as e:
        if out_of_memory(e):
            raise
        raise ProviderFatal(f"cannot load {what}: {e}; {fix}") from None


def available_providers() -> list[str]:
    import onnxruntime

    return list(onnxruntime.get_available_providers())


def gpu_runtime_installed() -> bool:
    """Whether onnxruntime-gpu is installed, read from the package metadata (no import)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        version("onnxruntime-gpu")
    except PackageNotFoundError:
        return False
    return True


def quantized(model: Path) -> bool:
    """Whether an ONNX model holds int8 operators (ConvInteger, MatMulInteger, ...)."""
    try:
        with model.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
            return any(m.find(op) >= 0 for op in _QUANTIZED)
    except (OSError, ValueError):
        return False
