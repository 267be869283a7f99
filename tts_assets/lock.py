"""One writer at a time: an advisory lock file beside what a run writes.

A run holds `.tts-assets.lock` in the data dir (the JSON files) and in the out dir (the
manifest) while it writes. A second run on the same content waits up to `wait` seconds
for the first to finish, then stops with a message naming the holder. The lock is an
flock, so a killed run releases it with its last file descriptor: no stale lock to
delete by hand.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import LockedError

LOCK_NAME = ".tts-assets.lock"


@contextlib.contextmanager
def locked(folders: list[Path], *, wait: float = 0.0) -> Iterator[None]:
    """Hold the lock of every folder (created if missing) for the block's duration."""
    with contextlib.ExitStack() as stack:
        seen: set[Path] = set()
        for folder in folders:
            real = folder.resolve()
            if real in seen:
                continue
            seen.add(real)
            real.mkdir(parents=True, exist_ok=True)
            stack.enter_context(_lock_one(real / LOCK_NAME, wait))
        yield


@contextlib.contextmanager
def _lock_one(path: Path, wait: float) -> Iterator[None]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                    raise LockedError(
                        f"{path.parent}: another tts-assets run (pid {holder}) is writing "
                        "here; wait for it to finish, or pass --wait SECONDS"
                    ) from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield
    finally:
        os.close(fd)
