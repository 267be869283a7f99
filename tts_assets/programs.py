"""A program run once for a clip (espeak-ng, macOS `say`, Rubber Band): in a process group of
its own, killed with every child when it overruns its time or its clip is cancelled.

The program runs in its own session (process group). When it overruns its timeout, or the
task running it is cancelled (a pool's timeout, Ctrl-C, a stop), the whole group is killed
with SIGKILL and the program reaped before the error (or the cancellation) goes on, so no
program, nor anything it started (a wrapper script's child), outlives its clip.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ClipError, ProviderFatal

if TYPE_CHECKING:
    import anyio.abc

STDERR_KEPT = 64 * 1024
"""Bytes of a program's stderr kept for its error message (only the end is shown)."""


@dataclass(frozen=True)
class Command:
    """One program invocation: its argv and the file fed to it as stdin, if any."""

    argv: list[str]
    """Program and arguments; never a text to speak (a text starting with "-" would be
    read as an option)."""
    stdin: Path | None = None
    """File whose contents become the process's standard input (None: no input)."""


async def run_command(command: Command, *, timeout: float, tool: str) -> None:
    """Run `command` to completion; ClipError on timeout (retryable) or failure, naming
    `tool`; ProviderFatal when it cannot be started at all.

    On timeout or cancellation the process group is killed and the process reaped before
    this returns or raises.
    """
    import anyio

    finished = False
    stderr = b""
    with contextlib.ExitStack() as files:
        stdin = files.enter_context(command.stdin.open("rb")) if command.stdin else None
        try:
            process = await anyio.open_process(
                command.argv,
                stdin=stdin if stdin is not None else subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
        except OSError as e:
            raise ProviderFatal(f"cannot run {tool} ({command.argv[0]}): {e}") from None
    async with process:
        try:
            with anyio.move_on_after(timeout) as deadline:
                stderr = await _read_tail(process)
                await process.wait()
                finished = True
        finally:
            if not finished:
                kill_group(process)
                with anyio.CancelScope(shield=True):
                    await process.wait()
    if deadline.cancelled_caught:
        # A hang may be a passing fault (of a speech service): the pool may retry it.
        raise ClipError(f"{tool} timed out after {timeout:g} s", retryable=True)
    if process.returncode != 0:
        raise ClipError(f"{tool} failed ({exit_text(process.returncode)}): {last_line(stderr)}")


async def _read_tail(process: anyio.abc.Process) -> bytes:
    """Read stderr to its end, keeping only the last `STDERR_KEPT` bytes."""
    tail = b""
    if process.stderr is not None:
        async for chunk in process.stderr:
            tail = (tail + chunk)[-STDERR_KEPT:]
    return tail


def kill_group(process: anyio.abc.Process) -> None:
    """Kill `process` (started with `start_new_session`) and every process of its group."""
    # The group id is the leader's pid (start_new_session). This runs before the leader is
    # reaped, or while a member still holds stderr open: either way the id is still ours.
    if sys.platform == "win32":  # no process groups, no SIGKILL: end the program itself
        process.kill()
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    except PermissionError:
        process.kill()


def exit_text(returncode: int | None) -> str:
    """`exit status 3`, `killed by SIGSEGV`: how a program ended, for a message."""
    if returncode is not None and returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exit status {returncode}"


def last_line(stderr: bytes) -> str:
    """The last line a program wrote on stderr that says something."""
    lines = [line.strip() for line in stderr.decode("utf-8", errors="replace").splitlines()]
    return next((line for line in reversed(lines) if line), "no error message")
