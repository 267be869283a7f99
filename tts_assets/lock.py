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
from collections.abc import Iterator
from pathlib import Path

from .errors import LockedError


@contextlib.contextmanager
def locked(folders: list[Path], *, wait: float = 0.0) -> Iterator[None]:
    """Hold the lock of every folder (created if missing) for the block's duration."""
    with contextlib.ExitStack() as stack:
        seen: set[Path] = set()
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
            real = folder.resolve()
            if real not in seen:
                seen.add(real)
                stack.enter_context(_lock_one(real, wait))
        yield


@contextlib.contextmanager
def _lock_one(folder: Path, wait: float) -> Iterator[None]:
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
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)
