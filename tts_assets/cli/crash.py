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
    and the command says so in its one line (exit 3); Python's own hook, formatting one
    at the limit, fails itself and prints "Exception ignored in sys.unraisablehook" before
    that line. Any other such exception is printed by Python's hook."""
    default = sys.__unraisablehook__

    def hook(unraisable: sys.UnraisableHookArgs) -> None:
        if isinstance(unraisable.exc_value, MemoryError):
            return
        with contextlib.suppress(MemoryError):
            default(unraisable)

    sys.unraisablehook = hook


STARTING_NAP = 0.25
"""How often (seconds) a thread being started is looked at again (`_Starting`)."""

NOT_STARTED = 5.0
"""How long (seconds) a new thread may take to start in a process near its address-space
limit before it is known dead: one starts in microseconds, well under a second at load 20."""


def ending_lines(what: str = WHAT, code: int = OUT_OF_MEMORY) -> tuple[bytes, bytes]:
    """What a command that ends on `what` with exit `code` (by default: memory ran out)
    prints, made while there is memory: its line for stderr, and (with `--json`) the one
    object every command prints, for stdout (else empty)."""
    line, doc_line = f"error: {what}\n".encode(), b""
    if "--json" in sys.argv[1:]:
        import json

        from ..commands.report import envelope

        doc = json.dumps(envelope({"error": what}, int(code)), ensure_ascii=False)
        doc_line = f"{doc}\n".encode()
    return line, doc_line


def said(line: bytes, doc_line: bytes) -> None:
    """`line` on stderr and `doc_line` (if any) on stdout, after what the streams hold, by
    the descriptors themselves (no allocation a full heap could refuse); a stream that
    cannot be flushed or written (closed, a broken pipe) is left as it is."""
    with contextlib.suppress(Exception):
        sys.stdout.flush()
        sys.stderr.flush()
    with contextlib.suppress(OSError):
        os.write(2, line)
        if doc_line:
            os.write(1, doc_line)


def end_where_memory_is_lost() -> None:
    """End the process with memory's one line (exit 3) wherever memory runs out in a way
    that nothing would report, rather than wait for ever.

    A run's clips are made in anyio's worker threads, each handing its result back to the
    event loop; where memory ends a thread, or its result on the way, the clip waiting for
    it never wakes, and neither the clip's timeout nor a stop can end the wait (it is
    shielded). Four guards, one for each way a run under an address-space limit hangs:

    - `threading.Thread.start` waits, without a timeout, for the new thread to say it has
      started. A thread whose first allocations fail dies before it says so, and one whose
      end finds no memory (its traceback, its exit) is gone without a word: the thread's
      own start (`_bootstrap`) ends the process when memory ends it there.
    - A thread dead before any of its Python ran (the first frame of its start found no
      memory) is known by its starter: not started after `NOT_STARTED` seconds in a
      process near its limit (`errors.near_memory_limit`).
    - A thread's `run` that memory ends (a worker handing its result to the loop: Python
      prints the thread's traceback and the thread is gone) ends the process.
    - An event loop's callback that memory ends (the loop taking a worker's result:
      asyncio logs it and goes on) ends the process (`errors.end_on_lost_memory`, the
      loop the commands start through `errors.watching`).

    What is written is made now, while there is memory, and the end is `os._exit`, as safe
    as a kill: every file is written atomically (README)."""
    import threading

    from ..errors import end_on_lost_memory, memory_in

    bootstrap = getattr(threading.Thread, "_bootstrap", None)
    if bootstrap is None:  # not CPython's threading: nothing to guard
        return
    line, doc_line = ending_lines()

    def end() -> None:
        said(line, doc_line)
        os._exit(OUT_OF_MEMORY)

    def guarded(thread: threading.Thread) -> None:
        try:
            run = thread.run

            def run_or_end() -> None:
                try:
                    run()
                except BaseException as e:
                    if memory_in(e):
                        end()
                    raise

            thread.run = run_or_end  # type: ignore[method-assign]
            bootstrap(thread)
        except BaseException as e:
            if not memory_in(e):
                raise
            end()

    class _Starting(threading.Event):
        """A new thread's `_started`, whose untimed wait (`Thread.start`'s) gives up on a
        thread dead before it started (`NOT_STARTED`)."""

        def wait(self, timeout: float | None = None) -> bool:
            if timeout is not None:
                return super().wait(timeout)
            waited = 0.0
            while not super().wait(STARTING_NAP):
                waited += STARTING_NAP
                if waited >= NOT_STARTED and near_memory_limit():
                    end()
            return True

    real_start = threading.Thread.start

    def start(thread: threading.Thread) -> None:
        if type(getattr(thread, "_started", None)) is threading.Event:
            thread._started = _Starting()  # type: ignore[attr-defined]
        real_start(thread)

    threading.Thread._bootstrap = guarded  # type: ignore[attr-defined]
    threading.Thread.start = start  # type: ignore[method-assign,assignment]
    end_on_lost_memory(end)


def crashed(error: Exception) -> tuple[int, str]:
    """The exit code and the one line (without `error: `) for `error`, an exception no
    command expected: `OUT_OF_MEMORY` when memory ran out (in it, what caused it or a group
    of errors holding it; or while the traceback was written), else `EXIT_CODE` with the
    traceback written to a log file that the line names."""
    lost = out_of_memory(error) or (
        isinstance(error, SystemError) and str(error) == LOST and near_memory_limit()
    )
    if not lost:
        try:
            return EXIT_CODE, line(error, record(error))
        except MemoryError:
            pass
    return OUT_OF_MEMORY, WHAT


LOST = "error return without exception set"
"""What CPython raises (a SystemError) when an exception was lost on its way up: in a
process at its address-space limit (`errors.near_memory_limit`), the MemoryError itself,
whose unwinding found no memory left. Where the limit cannot be read, it stays a bug."""


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
