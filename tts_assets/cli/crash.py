"""What an unexpected error (a bug in tts-assets or a plugin) leaves: one line and a log.

Expected failures are `TtsAssetsError`s, turned into their exit codes by the CLI. Anything
else is a bug: the CLI prints one line naming the error and the log file, writes the whole
traceback there, and exits `EXIT_CODE`, so CI tells a bug from a clip that failed (1).
With `--json` the command group prints the one object every command prints as well
(`ok` false, `exit_code`, `error`: the same line), whatever the bug (`crashed`).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import NoReturn

from ..errors import OUT_OF_MEMORY as WHAT
from ..errors import ExitCode, near_memory_limit, out_of_memory
from ..store.layout import CRASH_PREFIX

EXIT_CODE = ExitCode.BUG
"""The exit code of an unexpected error (README, exit codes)."""

OUT_OF_MEMORY = ExitCode.CANNOT_GO_ON
"""The exit code when memory runs out, wherever it does: the machine cannot go on."""


def report(error: Exception) -> int:
    """Print the one line for `error`, an exception no command expected, and return the
    exit code (`crashed`)."""
    code, message = crashed(error)
    if code == EXIT_CODE:
        try:
            print(f"error: {message}", file=sys.stderr)
            return code
        except MemoryError:
            code, message = OUT_OF_MEMORY, WHAT
    with contextlib.suppress(OSError, MemoryError):
        sys.stderr.flush()
        os.write(2, f"error: {message}\n".encode())
    return code


def quiet_unraisable_memory() -> None:
    """Install a hook for exceptions raised where nothing can catch them (a finalizer, a
    generator closed while the stack unwinds) that leaves out MemoryError: memory ran out,
    and the command says so in its one line (exit 3). Python's own hook, formatting one
    at the limit, failed itself and printed "Exception ignored in sys.unraisablehook"
    before that line (seen once in CI, `test_bounded_reading`). Any other such exception
    is printed by Python's hook, as before; one that memory cuts short is left out."""
    default = sys.__unraisablehook__

    def hook(unraisable: sys.UnraisableHookArgs) -> None:
        if _thread_never_started(unraisable):
            _end_out_of_memory()
        if isinstance(unraisable.exc_value, MemoryError):
            return
        with contextlib.suppress(MemoryError):
            default(unraisable)

    sys.unraisablehook = hook


def _thread_never_started(unraisable: sys.UnraisableHookArgs) -> bool:
    """Whether `unraisable` is a new thread that memory ended before it started.

    `threading.Thread.start` waits, without a timeout, for the new thread to say it has
    started; a thread whose first allocations fail (at the address-space limit) dies before
    it says so, its error handed here, and the thread that started it waits for ever (a run
    hung under `ulimit -v`, its making stopped in anyio's `to_thread.run_sync`)."""
    import threading

    thread = getattr(unraisable.object, "__self__", None)
    said = getattr(thread, "_started", None)  # the Event `start` waits for
    bootstrap = getattr(threading.Thread, "_bootstrap", None)  # what a new thread runs
    return (
        isinstance(thread, threading.Thread)
        and getattr(unraisable.object, "__func__", None) is bootstrap
        and isinstance(said, threading.Event)
        and not said.is_set()
        and unraisable.exc_value is not None
        and out_of_memory(unraisable.exc_value)
    )


def _end_out_of_memory() -> NoReturn:
    """The one line (and with --json the one object) of memory running out, and the end
    of the process at once, as safe as a kill: every file is written atomically (README)."""
    code = int(OUT_OF_MEMORY)
    with contextlib.suppress(OSError, MemoryError, ValueError):
        sys.stderr.flush()
        os.write(2, f"error: {WHAT}\n".encode())
        if "--json" in sys.argv[1:]:
            import json

            from ..commands.report import envelope

            sys.stdout.flush()
            doc = json.dumps(envelope({"error": WHAT}, code), ensure_ascii=False)
            os.write(1, f"{doc}\n".encode())
    os._exit(code)


def crashed(error: Exception) -> tuple[int, str]:
    """The exit code and the one line (without `error: `) for `error`, an exception no
    command expected: `OUT_OF_MEMORY` when memory ran out (in it, what caused it or a group
    of errors holding it; or while the traceback was written), else `EXIT_CODE` with the
    traceback written to a log file that the line names."""
    if not out_of_memory(error) and not _lost_to_memory(error):
        try:
            return EXIT_CODE, line(error, record(error))
        except MemoryError:
            pass
    return OUT_OF_MEMORY, WHAT


LOST = "error return without exception set"
"""What CPython raises (a SystemError) when an exception was lost on its way up: at the
address-space limit, the MemoryError itself, whose unwinding found no memory left."""


def _lost_to_memory(error: BaseException) -> bool:
    """Whether `error` is CPython's lost-exception SystemError in a process that reached
    its address-space limit (`errors.near_memory_limit`): memory ran out, and the
    MemoryError was lost while the stack unwound. Anywhere the limit or the peak cannot be
    read, it stays a bug."""
    return isinstance(error, SystemError) and str(error) == LOST and near_memory_limit()


def record(error: BaseException) -> Path | None:
    """Write `error`'s traceback to a new log file; its path, or None if none could be
    written (the line printed then says so)."""
    from ..dirs import cache_folder

    stamp = time.strftime("%Y%m%d-%H%M%S")
    text = "".join(traceback.format_exception(error))
    for folder in (cache_folder() / "crashes", Path(tempfile.gettempdir())):
        path = folder / f"{CRASH_PREFIX}{stamp}-{os.getpid()}.log"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError:
            continue
        return path
    return None


def line(error: BaseException, log: Path | None) -> str:
    """The one line the user sees (after `error: `)."""
    where = f"the traceback is in {log}" if log else "the traceback could not be written"
    said = " ".join(str(error).split())  # one line, whatever the error's text holds
    return (
        f"unexpected {type(error).__name__}: {said}; {where}. This is a bug in "
        "tts-assets (or a plugin): please report it with that file"
    )
