"""The machine's limit: single-thread compute of each clip (phonemes + inference).

    python benchmarks/limit.py TEXTS.json RESULT.json

Loads the packaged int8 model in one single-threaded ONNX session, warms it up, then for
each text measures the CPU time of the calling thread for phonemization and inference
(with one intra-op thread, onnxruntime computes on the calling thread, so the thread's
CPU time is exactly the compute, and time stolen by other processes is not counted).
Nothing is trimmed, normalized, encoded or written: this is the floor under any tool.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from benchmarks.models import VOICE, load_kokoro


def main() -> None:
    texts: list[str] = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    kokoro, g2p = load_kokoro(threads=1)
    kokoro.create(g2p("ウォームアップ"), VOICE, is_phonemes=True)
    results = []
    for text in texts:
        cpu, wall = time.thread_time(), time.perf_counter()
        samples, rate = kokoro.create(g2p(text), VOICE, is_phonemes=True)
        results.append(
            {
                "text": text,
                "cpu": time.thread_time() - cpu,
                "wall": time.perf_counter() - wall,
                "audio": len(samples) / rate,
            }
        )
    Path(sys.argv[2]).write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
