"""One writer at a time: an advisory lock on the folders a run writes to.

A run holds an flock on the data dir (the JSON files) and on the out dir (the manifest)
from before it reads the content until it has written everything back. A second run on
the same content waits up to `wait` seconds for the first to finish, then stops with a
clear message. Locking the folders themselves leaves no lock file in the team's
repository, and a killed run releases its lock with its last file descriptor: there is
no stale lock to delete by hand.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import Interrupted, LockedError

POLL_S = 0.1
"""Seconds between two tries while waiting for another run's lock."""


def _never() -> bool:
    return False


@contextlib.contextmanager
def locked(
    folders: list[Path], *, wait: float = 0.0, give_up: Callable[[], bool] = _never
) -> Iterator[None]:
    """Hold the lock of every folder (created if missing) for the block's duration.

    While waiting for another run, `give_up()` is asked at every try: True ends the wait
    with Interrupted (a stop was requested).
    """
    with contextlib.ExitStack() as stack:
        seen: set[Path] = set()
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
            real = folder.resolve()
            if real not in seen:
                seen.add(real)
                stack.enter_context(_lock_one(real, wait, give_up))
        yield


@contextlib.contextmanager
def _lock_one(folder: Path, wait: float, give_up: Callable[[], bool]) -> Iterator[None]:
    fd = os.open(folder, os.O_RDONLY)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockedError(
                        f"{folder}: another tts-assets run is writing here; wait for it to "
                        "finish, or pass --wait SECONDS to wait for it"
                    ) from None
                if give_up():
                    raise Interrupted("interrupted") from None
                time.sleep(POLL_S)
        yield
    finally:
        os.close(fd)
