"""Memory over one run: RSS sampled every 2 s while `generate` makes N unique texts.

    python -m benchmarks.rss_over_run [TEXTS]        # 240 by default, Kokoro, auto workers

Runs the library in this process (`tts_assets.generate`, no write-back) on texts from
`workload.write_unique`, and prints one line per 20 s: seconds, clips stored, RSS in MiB.
Flat RSS after the model is loaded means nothing is kept per clip. To measure another
checkout's code with this script, put that checkout first and leave out the current
folder's own place at the front: `PYTHONPATH=OTHER:. python -P -m benchmarks.rss_over_run`.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks import workload


def rss_mib() -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return 0


def main() -> None:
    from tts_assets.commands.generate import generate
    from tts_assets.settings.config import Settings

    texts = int(sys.argv[1]) if len(sys.argv) > 1 else 240
    with tempfile.TemporaryDirectory(prefix="tts-assets-rss-") as scratch:
        data, out = Path(scratch) / "data", Path(scratch) / "out"
        workload.write_unique(data, texts, seed=5)
        rows: list[tuple[float, int, int]] = []
        done = threading.Event()
        start = time.perf_counter()

        def sample() -> None:
            while not done.wait(2.0):
                clips = sum(1 for _ in out.glob("*/*.mp3"))
                rows.append((time.perf_counter() - start, clips, rss_mib()))

        watcher = threading.Thread(target=sample, daemon=True)
        watcher.start()
        summary = generate(Settings(data_dir=data, out_dir=out, update_json=False))
        done.set()
        watcher.join()
    print(f"{summary.generated} clips in {time.perf_counter() - start:.1f} s")
    for seconds, clips, rss in rows[::10]:
        print(f"{seconds:6.1f} s  {clips:5d} clips  {rss} MiB")
    print(f"end: {rss_mib()} MiB")


if __name__ == "__main__":
    main()
