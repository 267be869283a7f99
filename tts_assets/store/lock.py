"""One writer at a time: an advisory lock on the folders a run writes to.

A run holds a lock on the data dir and the out dir from before it reads the content until
it has written everything back; a second run waits up to `wait` seconds, then stops. A
killed run's lock goes with its process. POSIX locks the folder itself (flock: no lock
file in the repository); Windows, which cannot, locks a file named after the folder's
path in the user's temp folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import Interrupted, LockedError

POLL_S = 0.1
"""Seconds between two tries while waiting for another run's lock."""

Release = Callable[[], None]


_waiting: dict[Path, int] = {}
"""The descriptor of each folder this process waits to lock (POSIX), open between tries."""


def _flock(folder: Path) -> Release | None:
    """The folder's flock, or None while another process holds it (POSIX)."""
    import fcntl  # POSIX only: this backend is chosen on POSIX only

    fd = _waiting.pop(folder, None)
    if fd is None:
        fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        _waiting[folder] = fd
        return None
    except BaseException:
        os.close(fd)
        raise
    return lambda: os.close(fd)


def _file_lock(folder: Path) -> Release | None:
    """A lock file standing for the folder (a resolved path; in the user's temp folder),
    or None while another process holds it."""
    import filelock  # the Windows backend's dependency, imported where it is used

    key = str(folder)
    if sys.platform == "win32":  # one folder, however its path is cased
        key = key.casefold()
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    path = Path(tempfile.gettempdir()) / "tts-assets-locks" / f"{digest}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    held = filelock.FileLock(str(path), thread_local=False)
    try:
        held.acquire(timeout=0)
    except filelock.Timeout:
        return None
    return lambda: held.release(force=True)


try_lock: Callable[[Path], Release | None] = _file_lock if sys.platform == "win32" else _flock
"""Take one folder's lock without waiting: its release, or None if another run holds it."""


@contextlib.contextmanager
def locked(
    folders: list[Path], *, wait: float = 0.0, give_up: Callable[[], bool] = lambda: False
) -> Iterator[None]:
    """Hold the lock of every folder (created if missing) for the block's duration; while
    waiting, `give_up()` True at a try ends the wait with Interrupted."""
    with contextlib.ExitStack() as stack:
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
        for real in dict.fromkeys(folder.resolve() for folder in folders):
            stack.enter_context(_lock_one(real, wait, give_up))
        yield


@contextlib.contextmanager
def _lock_one(folder: Path, wait: float, give_up: Callable[[], bool]) -> Iterator[None]:
    deadline = time.monotonic() + wait
    try:
        while (release := try_lock(folder)) is None:
            if time.monotonic() >= deadline:
                raise LockedError(
                    f"{folder}: another tts-assets run is writing here; wait for it to "
                    "finish, or pass --wait SECONDS to wait for it"
                )
            if give_up():
                raise Interrupted("interrupted")
            time.sleep(POLL_S)
    except BaseException:
        fd = _waiting.pop(folder, None)  # the descriptor kept for the wait
        if fd is not None:
            os.close(fd)
        raise
    try:
        yield
    finally:
        release()


_QUERY_LIMITED_INFORMATION = 0x1000
_ERROR_ACCESS_DENIED = 5
_STILL_ACTIVE = 259


def alive(pid: int) -> bool:
    """Whether process `pid` still runs (its staged files may still be in use)."""
    if sys.platform == "win32":
        # os.kill there ends the process whatever the signal (TerminateProcess): ask
        # Windows for its exit code instead, which is STILL_ACTIVE while it runs.
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.OpenProcess.restype = wintypes.HANDLE
        kernel32.OpenProcess.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]
        kernel32.GetExitCodeProcess.argtypes = [wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD)]
        kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
        handle = kernel32.OpenProcess(_QUERY_LIMITED_INFORMATION, False, pid)
        if not handle:  # no such process, or (access denied) one that is not ours
            return ctypes.get_last_error() == _ERROR_ACCESS_DENIED
        try:
            code = wintypes.DWORD()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == _STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
