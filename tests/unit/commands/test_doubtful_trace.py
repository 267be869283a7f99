"""A trace doubtful from its start (not the process's first, or a tool cache filled
before it) is never kept, so it records nothing and wraps nothing (`commands.trace`)."""

from __future__ import annotations

import os
from pathlib import Path

from tts_assets.commands import trace


def test_a_trace_after_the_first_records_nothing_and_wraps_nothing(tmp_path: Path) -> None:
    with trace.tracing():
        pass  # the process's first trace, whatever it found
    file = tmp_path / "read.txt"
    file.write_text("x", encoding="utf-8")
    with trace.tracing() as found:
        assert found is not None and found.doubt == "not the process's first trace"
        assert os.stat is trace._real_stat and os.lstat is trace._real_lstat
        file.read_text(encoding="utf-8")
        os.stat(file)
        os.environ.get("TTS_ASSETS_SOMETHING")
    assert (found.files, found.listed, found.stats, found.env) == ({}, {}, {}, {})
