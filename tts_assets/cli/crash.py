"""What an unexpected error (a bug in tts-assets or a plugin) leaves: one line and a log.

Expected failures are `TtsAssetsError`s, turned into their exit codes by the CLI. Anything
else is a bug: the CLI prints one line naming the error and the log file, writes the whole
traceback there, and exits `EXIT_CODE`, so CI tells a bug from a clip that failed (1).
"""

from __future__ import annotations

import os
import tempfile
import time
import traceback
from pathlib import Path

EXIT_CODE = 4
"""The exit code of an unexpected error (README, exit codes)."""


def record(error: BaseException) -> Path | None:
    """Write `error`'s traceback to a new log file; its path, or None if none could be
    written (the line printed then says so)."""
    from ..dirs import cache_folder

    stamp = time.strftime("%Y%m%d-%H%M%S")
    text = "".join(traceback.format_exception(error))
    for folder in (cache_folder() / "crashes", Path(tempfile.gettempdir())):
        path = folder / f"tts-assets-crash-{stamp}-{os.getpid()}.log"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError:
            continue
        return path
    return None


def line(error: BaseException, log: Path | None) -> str:
    """The one line the user sees."""
    where = f"the traceback is in {log}" if log else "the traceback could not be written"
    return (
        f"error: unexpected {type(error).__name__}: {error}; {where}. This is a bug in "
        "tts-assets (or a plugin): please report it with that file"
    )
