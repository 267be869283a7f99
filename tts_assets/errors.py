"""The exceptions tts-assets raises, each message written for the person running it.

    TtsAssetsError                 anything the tool reports instead of a traceback
    ├── InputError        exit 2   bad flags, config or content: nothing is written
    │   ├── ConfigError            a setting or config file is wrong
    │   ├── ModelNotInstalled      a setting names a model that is not pulled yet
    │   └── ModelNotPinned         a pulled model's file changed since the pull
    ├── ProviderFatal     exit 3   the provider cannot go on (model missing, auth, quota)
    ├── MachineFault      exit 3   the machine cannot go on (disk full, no write access, read-only,
    │                              out of memory)
    ├── DownloadFailed    exit 3   a model could not be pulled (network, server, wrong file)
    ├── LockedError       exit 2   another run holds the content lock
    ├── Interrupted       exit 130 stopped (Ctrl-C) before the run began: nothing was written
    ├── NotReplaced       exit 1   a content file changed, vanished or is hard-linked: left as it is
    └── ClipError                  one clip failed; recorded, the run goes on (exit 1 at the end)
        ├── CannotSay              the provider showed it cannot say the text in its language
        └── AudioInvalid           the synthesized audio failed validation
            └── NotFetched         a Git LFS pointer where a clip's audio should be

Messages say what is wrong, where (file and JSON path) and what to do, in one line.
Any other exception is a bug: the CLI exits 4 with one line and a log (`crash.py`).
"""

from __future__ import annotations

import enum
import errno
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any, Literal, TypeVar

T = TypeVar("T")


class ExitCode(enum.IntEnum):
    """What a command's exit says, the one list of them (docs/commands.md, exit codes)."""

    OK = 0
    FAILED = 1
    """Some texts have no clip, or a check found problems: the rest was done."""
    INPUT = 2
    """Bad flags, config or content, or a lock held: nothing was written."""
    CANNOT_GO_ON = 3
    """The provider or the machine cannot go on (auth, quota, full disk, out of memory)."""
    BUG = 4
    """An unexpected error: one line, the traceback in a log (`cli/crash.py`)."""
    INTERRUPTED = 130
    """Stopped by Ctrl-C or SIGTERM; what was done is kept."""


EXIT_RANK = (
    ExitCode.OK,
    ExitCode.FAILED,
    ExitCode.CANNOT_GO_ON,
    ExitCode.INPUT,
    ExitCode.INTERRUPTED,
)
"""Exit codes from least to most serious (any other code ranks as 1)."""


def combined_exit_code(codes: Iterable[int]) -> int:
    """The exit code of a command over several sets: the most serious of theirs."""
    return max(codes, key=lambda c: EXIT_RANK.index(c) if c in EXIT_RANK else 1, default=0)


class TtsAssetsError(Exception):
    """Base of every error meant for the user; `exit_code` is what the CLI returns."""

    exit_code: int = ExitCode.INPUT


class InputError(TtsAssetsError):
    """Bad flags, configuration or content; the run stops before writing anything."""


class ConfigError(InputError):
    """A setting, a config file or an environment variable is wrong."""


class ModelNotInstalled(InputError):
    """A setting names a model of the catalog that is not installed: the message names
    the command that pulls it (a run never downloads)."""

    def __init__(self, name: str, instead: str = "") -> None:
        super().__init__(f"{name} is not installed; run: tts-assets models pull {name}{instead}")
        self.name = name


class ModelNotPinned(InputError):
    """A setting names a pulled model one of whose files is not its pin any more (changed
    after the pull): no run uses it. The message names the pull that repairs it."""

    def __init__(self, name: str, path: Path, why: str) -> None:
        super().__init__(
            f"{name}: {path} is not the pinned file ({why}); repair it with: tts-assets "
            f"models pull {name} (it keeps the changed file aside), or copy the file "
            "elsewhere and name its path to use it as a model of your own"
        )
        self.name = name
        self.path = path


class LockedError(TtsAssetsError):
    """Another tts-assets run holds the lock on this content."""


Unreplaced = Literal["changed", "deleted", "symlink", "moved", "hard links"]

_UNREPLACED: dict[Unreplaced, str] = {
    "changed": "changed on disk while tts-assets was writing it (an editor, git); left as it is",
    "deleted": "was deleted during the run; not re-created",
    "symlink": "became a symbolic link during the run; nothing was written through it",
    "moved": "leads to another file than when it was read; nothing was written",
    "hard links": "has hard links",
}


class NotReplaced(TtsAssetsError):
    """A file was not replaced because it is no longer the file that was read, or must not be.

    `kind` says why: `changed` (saved or rewritten since it was read), `deleted`,
    `symlink` (a symbolic link was put in its place), `moved` (its link leads elsewhere
    now), `hard links`. Nothing was written to it; the run's other work is kept.
    """

    exit_code = ExitCode.FAILED

    def __init__(
        self,
        path: Path,
        kind: Unreplaced,
        detail: str | None = None,
        *,
        kept: tuple[Path, ...] = (),
    ) -> None:
        action = "" if kind in ("hard links", "deleted") else "; run again"
        self.detail = detail or _UNREPLACED[kind]
        super().__init__(f"{path}: {self.detail}{action}")
        self.path = path
        self.kind = kind
        self.kept = kept
        """Saves of the file set aside while it was written (each named in the message):
        never deleted, for the person to look at."""


class ProviderFatal(TtsAssetsError):
    """The provider cannot go on: no new clips start, finished ones are kept."""

    exit_code = ExitCode.CANNOT_GO_ON


class DownloadFailed(TtsAssetsError):
    """A model could not be pulled: the network, the server, or a file that is not the
    pinned one. Nothing half-downloaded is left in place of the model."""

    exit_code = ExitCode.CANNOT_GO_ON


class Interrupted(TtsAssetsError):
    """A stop was asked for (Ctrl-C) before the run began; nothing was written."""

    exit_code = ExitCode.INTERRUPTED


class ClipError(TtsAssetsError):
    """One clip could not be made; `retryable` lets the pool try it again (retry.py).

    `retry_after` is how long the server asked us to wait before trying again (HTTP
    Retry-After), in seconds; the retry policy honours it up to its cap.
    """

    exit_code = ExitCode.FAILED

    def __init__(
        self, message: str, *, retryable: bool = False, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.retry_after = retry_after


class CannotSay(ClipError):
    """The provider showed that it cannot say a text in its language: espeak-ng switched
    to another language for it, a G2P fell back. No clip is made, since a clip in the
    wrong language is worse than none, and making it again would fail again.

    `why` is the reason in a few words (`it switched to English`), for the run's note on a
    language whose provider fails most of its texts this way.
    """

    def __init__(self, message: str, *, why: str) -> None:
        super().__init__(message, retryable=False)
        self.why = why


class AudioInvalid(ClipError):
    """Synthesized or stored audio failed a check (silent, truncated, wrong length...)."""


class NotFetched(AudioInvalid):
    """A Git LFS pointer file where a clip's audio should be: the repository was checked
    out without its LFS objects. The audio exists; fetching it (`git lfs pull`) is the
    fix, never synthesizing it again."""


LFS_FETCH = (
    "the repository was checked out without its Git LFS files; fetch them (git lfs pull, "
    "or actions/checkout with lfs: true), do not synthesize them again"
)
"""What to do about Git LFS pointers, in every message that finds one."""


class MachineFault(TtsAssetsError):
    """The machine cannot go on: a full disk, a folder it may not write, a read-only file
    system. No new clip starts; what is stored is kept and written back (exit 3)."""

    exit_code = ExitCode.CANNOT_GO_ON


_FAULTS = {
    errno.ENOSPC: "the disk is full: free some space, then run again",
    errno.EDQUOT: "the disk quota is used up: free some space, then run again",
    errno.EROFS: "the file system is read-only: make it writable, or choose another folder",
    errno.EACCES: "permission denied: give this user write access, or choose another folder",
    errno.EPERM: "operation not permitted: give this user write access, or choose another folder",
    errno.EBUSY: "locked by another process (a database browser, another tool writing it): "
    "close it or let it finish, then run again",
}


OUT_OF_MEMORY = (
    "out of memory: run it where more memory is allowed, or split the content (several "
    "[[sets]], or --shard K/N), then run again; what is done is kept"
)
"""What running out of memory says (exit 3), wherever it happens."""


_MEMORY_SIGNS = (
    "can't start new thread",  # a thread's stack could not be mapped
    "failed to map segment from shared object",  # a library could not be loaded
    "cannot allocate memory",
)
"""What an error says where memory ran out without a MemoryError (a thread not started, a
library not loaded: numpy's OpenBLAS, soundfile's libsndfile), lowercased."""

_ARENA_FULL = "failed to allocate memory for requested buffer"
"""What onnxruntime's arena says (in an error of its own type) when an allocation fails
while a model runs: Kokoro under a tight limit printed it in its summary, after "stopped:
out of memory"."""

NEAR_LIMIT = 0.9
"""How close to its address-space limit a process came for an error that may be memory
running out to be that: a failed allocation leaves the peak just under the limit."""


def near_memory_limit() -> bool:
    """Whether this process came near its address-space limit (RLIMIT_AS, read against
    /proc/self/status's VmPeak); False wherever either cannot be read."""
    try:
        import resource  # POSIX only

        limit = resource.getrlimit(resource.RLIMIT_AS)[0]
        if limit == resource.RLIM_INFINITY:
            return False
        with open("/proc/self/status", encoding="ascii") as status:
            peak = next(int(ln.split()[1]) * 1024 for ln in status if ln.startswith("VmPeak:"))
    except (ImportError, OSError, StopIteration, ValueError, IndexError):
        return False
    return peak >= NEAR_LIMIT * limit


def memory_limited() -> bool:
    """Whether this process runs under an address-space limit (RLIMIT_AS): where a library
    that maps its data whole (pyopenjtalk's large dictionary) fails to open it, the
    mapping was refused well before the peak neared the limit."""
    try:
        import resource  # POSIX only

        return resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY
    except (ImportError, OSError, ValueError):
        return False


def room_for(size: int, what: str) -> None:
    """A MemoryError unless `size` bytes of address space can still be reserved, in a
    process under an address-space limit (elsewhere a reservation proves nothing): asked
    before work of about that size is given to a library that crashes where an
    allocation fails (onnx's protobuf, which dies of a segmentation fault), so that memory
    running out is the tool's exit 3 and one line, not a crash."""
    if not memory_limited():
        return
    import mmap

    try:
        mmap.mmap(-1, size).close()
    except OSError as e:
        if e.errno != errno.ENOMEM:
            raise
        raise MemoryError(f"no room for {what} ({size >> 20} MiB)") from None


def _memory_ran_out(error: BaseException) -> bool:
    """Whether `error` itself says memory ran out: a MemoryError, ENOMEM, a thread or a
    library that could not be mapped, or a library that could not be loaded (soundfile
    then names the system's libsndfile it fell back to) in a process at its limit; a C++
    library's failed allocation (onnxruntime's std::bad_alloc), or a model protobuf could
    not serialize or parse for want of memory under an address-space limit, whatever the
    library's error type."""
    if isinstance(error, MemoryError):
        return True
    if isinstance(error, OSError) and error.errno == errno.ENOMEM:
        return True
    said = str(error).lower()
    if "std::bad_alloc" in said or _ARENA_FULL in said:
        return True
    if not isinstance(error, RuntimeError | ImportError | OSError):
        # protobuf's EncodeError (its other cause, a message over 2 GB: no model here is)
        # and DecodeError where its arena could not grow
        protobuf = ("failed to serialize proto", "arena alloc failed")
        return any(sign in said for sign in protobuf) and memory_limited()
    if any(sign in said for sign in _MEMORY_SIGNS):
        return True
    if "failed to initialize mecab" in said:  # pyopenjtalk's dictionary could not be mapped
        return memory_limited()
    return "cannot load library" in said and near_memory_limit()


def out_of_memory(error: BaseException) -> bool:
    """Whether memory ran out in `error`, what caused it or what it was raised in, or in
    an error of a group it is (`_memory_ran_out`)."""
    seen: set[int] = set()
    todo: list[BaseException] = [error]
    while todo:
        found = todo.pop()
        if id(found) in seen:
            continue
        seen.add(id(found))
        if _memory_ran_out(found):
            return True
        if isinstance(found, BaseExceptionGroup):
            todo.extend(found.exceptions)
        todo.extend(e for e in (found.__cause__, found.__context__) if e is not None)
    return False


def memory_in(error: BaseException) -> bool:
    """`out_of_memory(error)`, and True when memory runs out while it is asked: where an
    exception would be dropped, either way memory is what ended the work."""
    try:
        return out_of_memory(error)
    except MemoryError:
        return True


_ENDS: list[Callable[[], object]] = []
"""What ends the process where memory ran out and nothing would say so (`end_on_lost_memory`)."""


def end_on_lost_memory(end: Callable[[], object]) -> None:
    """Have `end` (which does not return) called where memory ran out in an exception that
    would otherwise be dropped (`lost`): the CLI's way to its one line (exit 3) rather than
    a run waiting for ever on a result that memory lost. A library's caller sets none, and
    its loop keeps its own handler."""
    _ENDS[:] = [end]


def lost(error: BaseException) -> None:
    """Called with an exception about to be dropped where it was raised (an event loop's
    callback, whose exception asyncio only logs): ends the process (`end_on_lost_memory`)
    when memory ran out in it. A run's worker hands its result to the loop in such a
    callback; lost to memory there, the clip waiting for it never wakes (espeak-ng under a
    tight limit hung so, rarely)."""
    if _ENDS and memory_in(error):
        _ENDS[0]()


async def watching(fn: Callable[[], Awaitable[T]]) -> T:
    """`fn()` in the running event loop, whose callbacks' exceptions go to `lost` first
    (then to the loop's handler as before) when something asked (`end_on_lost_memory`):
    given to `anyio.run` by the commands that start a loop."""
    if _ENDS:
        import asyncio

        loop = asyncio.get_running_loop()
        before = loop.get_exception_handler()

        def handle(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
            error = context.get("exception")
            if isinstance(error, BaseException):
                try:
                    lost(error)
                except MemoryError:  # what asyncio would log and drop in turn
                    _ENDS[0]()
            if before is None:
                loop.default_exception_handler(context)
            else:
                before(loop, context)

        loop.set_exception_handler(handle)
    return await fn()


def machine_fault(error: BaseException) -> MachineFault | None:
    """`error` (or what caused it) as a MachineFault when the machine, not the clip, failed:
    ENOSPC, EDQUOT, EROFS, EACCES, EPERM or EBUSY (a database another process holds), or
    memory ran out (`out_of_memory`); else
    None."""
    if out_of_memory(error):
        return MachineFault(OUT_OF_MEMORY)
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, MachineFault):
            return cause
        if isinstance(cause, OSError) and cause.errno in _FAULTS:
            where = f"{cause.filename}: " if cause.filename else ""
            return MachineFault(f"{where}{_FAULTS[cause.errno]}")
        seen.add(id(cause))
        cause = cause.__cause__
    return None
