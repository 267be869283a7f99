"""A command under an address-space limit runs in a child process this one watches.

Under `ulimit -v` (RLIMIT_AS) memory can run out inside a library's C code, which then
ends the process itself, where no Python code can answer: SIGABRT (an uncaught C++
`bad_alloc`), glibc's `cannot allocate memory for thread-local data: ABORT` (exit 127),
SIGSEGV or SIGBUS (an unchecked allocation). Such a death is memory's, and says so as
memory running out anywhere else does: one line, exit 3, what is done kept (every file a
run writes is written atomically).

So the process, under a limit only (on Linux), starts the same command again and waits
for it: its exit code is the command's; a death of the kinds above is memory's line and
3; another signal that ended it ends this process the same way. The signals that stop a
run are passed on. On a terminal, in its foreground, the child shares this process group
(Ctrl-C reaches both); anywhere else it has a group of its own, so a stop sent to a group
(`timeout`, a CI runner's cancel) reaches it once. The child is told SIGTERM when this
process ends, even killed (`PR_SET_PDEATHSIG`): no run goes on unwatched, holding its
locks or billing a paid provider. A stop that ends the child before it can answer one is
the run's stop all the same ("interrupted", 130). Without a limit, or when the program was
not named on the command line (`python - < script`), the command runs in this process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from types import FrameType

from ..errors import ExitCode, memory_limited
from .crash import OUT_OF_MEMORY as EXIT
from .crash import ending_lines, said

CHILD = "_TTS_ASSETS_LIMITED_CHILD"
"""Set in the child's environment: the child runs the command itself."""

LIBRARY_ENDS = frozenset((-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGBUS, 127))
"""How a library's C code ends a process where memory ran out (module docstring)."""

PASSED_ON = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


def watched() -> int | None:
    """The command's exit code, run in a child this process watched; None: run it here."""
    if os.environ.get(CHILD) or not memory_limited() or not sys.platform.startswith("linux"):
        return None
    if not _program_named(sys.orig_argv[1:]):
        return None
    command = [sys.executable, *sys.orig_argv[1:]]
    child: list[subprocess.Popen[bytes]] = []
    pending: list[int] = []
    sent: list[int] = []
    foreground = _terminal_sent()

    def pass_on(signum: int, frame: FrameType | None) -> None:
        if signum == signal.SIGINT and foreground and _terminal_sent():
            return  # the terminal's Ctrl-C: the child, in the same group, has it too
        if child:
            sent.append(signum)
            with contextlib.suppress(OSError):
                child[0].send_signal(signum)
        else:
            pending.append(signum)

    before = {s: signal.signal(s, pass_on) for s in PASSED_ON}
    try:
        if pending:  # stopped before the child was started: none is
            return _said(*ending_lines("interrupted", ExitCode.INTERRUPTED), ExitCode.INTERRUPTED)
        try:
            started = subprocess.Popen(
                command,
                env={**os.environ, CHILD: "1"},
                process_group=None if foreground else 0,
                preexec_fn=_stopped_with(os.getpid()),
            )
            child.append(started)
        except OSError:
            return None
        for signum in pending:  # (come while it was being started)
            sent.append(signum)
            child[0].send_signal(signum)
        code = child[0].wait()
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
    return _ended(code, sent)


def _stopped_with(parent: int) -> Callable[[], None]:
    """What the child does before it runs the interpreter: it is told a stop (SIGTERM)
    when `parent` ends, killed or not (module docstring)."""
    import ctypes  # loaded before the child is started: nothing is imported in the fork

    prctl = ctypes.CDLL(None, use_errno=True).prctl

    def bound() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent:  # it ended before the line above: stop at once
            os._exit(int(ExitCode.INTERRUPTED))

    return bound


PR_SET_PDEATHSIG = 1
"""Linux's prctl option: the signal a process is sent when its parent ends."""


def _program_named(args: list[str]) -> bool:
    """Whether the interpreter's options and arguments `args` name the program it runs (a
    script, `-c`, `-m`), which a second process can run again; not one it read from stdin
    (`-`, or no program at all: a pipe, a prompt)."""
    words = iter(args)
    for word in words:
        if word == "--":
            return next(words, "-") != "-"
        if word == "-" or not word.startswith("-"):
            return word != "-"
        if word.startswith("--"):
            if word == "--check-hash-based-pycs":
                next(words, None)  # its value
            continue
        for i, flag in enumerate(word[1:], 2):
            if flag in "cm":
                return True
            if flag in "WX":  # its value: the rest of the word, or else the next word
                if i == len(word):
                    next(words, None)
                break
    return False


def _terminal_sent() -> bool:
    """Whether a SIGINT is most likely the terminal's: this process is in the terminal's
    foreground process group (the child is in it too)."""
    try:
        return os.tcgetpgrp(sys.stdin.fileno()) == os.getpgrp()
    except (OSError, ValueError, AttributeError):
        return False


def _ended(code: int, sent: list[int]) -> int:
    """This process's exit code for the child's `code` (module docstring)."""
    if code in LIBRARY_ENDS:
        return _said(*ending_lines(), EXIT)
    if code < 0 and -code in sent:  # the child had not yet set its own answer to a stop
        return _said(*ending_lines("interrupted", ExitCode.INTERRUPTED), ExitCode.INTERRUPTED)
    if code < 0:
        with contextlib.suppress(OSError, ValueError):  # (SIGKILL's cannot be set)
            signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
        return 128 - code  # (a signal that does not end a process: its usual code)
    return code


def _said(line: bytes, doc: bytes, code: int) -> int:
    """`code`, once `line` is on stderr and `doc` (with --json) on stdout (`crash.said`)."""
    said(line, doc)
    return int(code)


__all__ = ["CHILD", "watched"]
