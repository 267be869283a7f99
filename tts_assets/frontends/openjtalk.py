"""pyopenjtalk with its dictionary mapped: where memory runs out as it is mapped, a
MemoryError, and nothing of OpenJTalk's own on the user's screen.

OpenJTalk maps its large MeCab dictionary on the first analysis of the process.
Under an address-space limit (`ulimit -v`, a container's) with no room left for it, its C
code prints `ERROR: Mecab_load() in mecab.cpp: Cannot open .../dictionary.` on stderr,
and pyopenjtalk raises `RuntimeError: failed to initialize mecab`: memory ran out, not
the text, and the user is owed the tool's one line (exit 3), not OpenJTalk's. So the
first analysis maps the dictionary here, with the process's stderr (file descriptor 2)
held in a temporary file meanwhile: after it, whatever was written there is written to
stderr, but for OpenJTalk's line where memory ran out. A failure for another cause keeps
its line, and is raised as it is.

Whatever analyzes Japanese maps the dictionary here first, with its own lock: the
Japanese readers (`lang.ja.analysis`) and Kokoro's G2P (`providers.kokoro`, which a
model's load warms on a thread of its own beside the readers), so the file descriptor is
swapped by one caller at a time and no caller maps the dictionary outside the guard.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading

from ..errors import out_of_memory

_MAPPED: list[bool] = []
"""[True] once the dictionary is mapped."""
_LOCK = threading.Lock()
"""Held while the dictionary is mapped: one swap of file descriptor 2 at a time."""

SAID_WHEN_NOT_MAPPED = b"ERROR: Mecab_load()"
"""How OpenJTalk's own line begins when it cannot map its dictionary."""


def map_dictionary() -> None:
    """Map pyopenjtalk's dictionary unless it is: a MemoryError where memory ran out as
    it was mapped (then the next call tries again)."""
    if _MAPPED:
        return
    with _LOCK:
        if not _MAPPED:
            _map()


def _map() -> None:
    import pyopenjtalk

    failed: Exception | None = None
    _flush()
    with tempfile.TemporaryFile() as held:
        kept = os.dup(2)
        os.dup2(held.fileno(), 2)
        try:
            pyopenjtalk.run_mecab("あ")  # the first analysis maps the dictionary
        except Exception as e:  # its RuntimeError: raised below, once stderr is back
            failed = e
        finally:
            _flush()
            os.dup2(kept, 2)
            os.close(kept)
        ran_out = failed is not None and out_of_memory(failed)
        held.seek(0)
        # Back to stderr (file descriptor 2), but OpenJTalk's own line where memory ran out.
        lines = held.read().splitlines(keepends=True)
        out = b"".join(s for s in lines if not (ran_out and s.startswith(SAID_WHEN_NOT_MAPPED)))
        while out:
            out = out[os.write(2, out) :]
    if failed is not None:
        if ran_out:
            raise MemoryError(str(failed)) from failed
        raise failed
    _MAPPED.append(True)


def _flush() -> None:
    if sys.stderr is not None:
        sys.stderr.flush()
