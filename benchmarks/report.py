"""Writing a benchmark's generated block into BENCHMARKS.md, leaving the rest as it is."""

from __future__ import annotations

from pathlib import Path


def replace_block(path: Path, block: str, start: str, end: str) -> None:
    """Replace the part of `path` from `start` to `end` with `block` (or append it)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
