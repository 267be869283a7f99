"""A command caught where it waits for a folder another process holds, then signalled.

A test holds a folder's lock (`tts_assets.store.lock.locked`), starts the command, waits
until the command has the folder open (it waits for the lock there), and only then sends
its signal: the order of events is made, not hoped for.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path


def holds(pid: int, folders: list[Path]) -> bool:
    """Whether process `pid` has one of `folders` open (to lock it); reads /proc."""
    wanted = {str(f.resolve()) for f in folders}
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except FileNotFoundError:
        return False
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") in wanted:
                return True
        except OSError:
            continue
    return False


def wait_for(
    proc: subprocess.Popen[str], ready: Callable[[], bool], what: str, seconds: float = 120
) -> None:
    """Return once `ready()`; fail if `proc` ends first, or after `seconds` saying `what`
    never happened (`proc` killed then)."""
    deadline = time.monotonic() + seconds
    while not ready():
        assert proc.poll() is None, proc.communicate()
        if time.monotonic() >= deadline:
            proc.kill()
            proc.wait()
            raise AssertionError(what)
        time.sleep(0.02)


def signalled(proc: subprocess.Popen[str], sig: signal.Signals) -> tuple[str, str]:
    """`proc`'s stdout and stderr once `sig` has ended it (within 60 s); it is killed if
    it has not."""
    try:
        proc.send_signal(sig)
        return proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
