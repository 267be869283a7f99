"""Replacing files without losing anything: atomic writes, and the check-then-swap.

`write_atomic` replaces a file the tool owns (a clip, the manifest): a reader sees the
old file or the new one, never half of one.

`replace_if_unchanged` replaces a file a person owns (a content file): on top of that,
it refuses when the file is no longer what the writer read (an editor saved it, `git
pull` or `git checkout` rewrote it, it was deleted, a symbolic link was put in its
place) and when it has hard links. How:

1. `read_snapshot` reads the bytes and notes which file they came from (device, inode,
   size, times, sha256, the symbolic link it went through).
2. The new bytes are staged, fsynced, with the old file's owner, group, mode and xattrs.
3. The name is checked once more, then the staged file and the current one are swapped
   in one step (`renameat2(RENAME_EXCHANGE)`) and the file swapped out compared with the
   snapshot. If someone saved in between, the swap is undone and NotReplaced raised;
   that save is first copied aside (`NAME.RANDOM.kept`, never deleted), since a program
   that read our version meanwhile may save over it. A file deleted in between is not
   re-created.

What remains: a program writing in place into the old file just after the comparison
writes into the replaced file. Where the exchange is not available (not Linux, some
network file systems) the swap is a plain rename after the last check.

A crash at any point leaves the name holding the old or the new content; the other
one stays in the staging folder as `<pid>-<random>.part`, which the next run removes.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import logging
import os
import shutil
import stat
import sys
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NoReturn, TypeVar

from ..errors import NotReplaced

log = logging.getLogger(__name__)

T = TypeVar("T")

NOFOLLOW: int = getattr(os, "O_NOFOLLOW", 0)
"""O_NOFOLLOW where the system has it (POSIX); Windows opens no symbolic link this way."""
BINARY: int = getattr(os, "O_BINARY", 0)
"""O_BINARY on Windows, where a descriptor opened without it translates line ends."""
NONBLOCK: int = getattr(os, "O_NONBLOCK", 0)
"""O_NONBLOCK where the system has it (POSIX): a named pipe opens without a writer."""

KEPT_SUFFIX = ".kept"
"""A save set aside while a file was written (`NAME.RANDOM.kept`): never deleted."""

_READ_ATTEMPTS = 5
"""Reads of a file that is being written in place meanwhile, before giving up."""


@dataclass(frozen=True)
class Kept:
    """What a replace could not carry over from the file it replaced (empty: everything)."""

    lost: tuple[str, ...] = ()
    """One phrase per attribute, e.g. `owner nobody (uid 65534): not permitted (...)`."""


@dataclass(frozen=True)
class Snapshot:
    """A file as a writer read it: which file it was and what it held."""

    path: Path
    """The name the writer read."""
    real: Path
    """The file behind the name (where a symbolic link led), absolute."""
    linked: bool
    """The name itself was a symbolic link."""
    dev: int
    ino: int
    size: int
    mtime_ns: int
    ctime_ns: int
    sha256: str
    """Of the bytes read."""

    def same_file(self, st: os.stat_result, *, renamed: bool = False) -> bool:
        """`st` is this file, unchanged as far as its metadata tells (but for the change
        time after `renamed`: a rename sets it)."""
        return (
            stat.S_ISREG(st.st_mode)
            and (st.st_dev, st.st_ino, st.st_size) == (self.dev, self.ino, self.size)
            and st.st_mtime_ns == self.mtime_ns
            and (renamed or st.st_ctime_ns == self.ctime_ns)
        )


READ_LIMIT = 1 << 28
"""The largest file tts-assets reads as content (256 MiB): a bigger one is refused, never
read until memory runs out."""


def open_regular(path: str | Path, limit: int = READ_LIMIT) -> int:
    """A read-only descriptor of the regular file at `path` (no symbolic link at its last
    step), or OSError: as `open` raises it, EINVAL for a pipe, a device or a folder
    (opened without waiting), EFBIG for a file over `limit` bytes."""
    fd = os.open(path, os.O_RDONLY | NONBLOCK | NOFOLLOW | BINARY)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a pipe, a device, a folder)", path)
        if st.st_size > limit:
            raise OSError(
                errno.EFBIG, f"{st.st_size:,} bytes, more than the {limit:,} it may be", path
            )
        if NONBLOCK:  # a regular file: reads block again (Windows opened it blocking)
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


_SPECIAL = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFDIR: "a folder",
    stat.S_IFSOCK: "a socket",
}
"""What a file of each kind but a regular one or a device is, in words (`special_file`)."""


def special_file(path: Path) -> str | None:
    """What is at `path` when it is not a regular file (`a folder` ...), None for a
    regular file or nothing at all. Symbolic links are followed."""
    try:
        st = path.stat()
    except OSError:
        return None
    kind = stat.S_IFMT(st.st_mode)
    return None if kind == stat.S_IFREG else _SPECIAL.get(kind, "a device")


def read_upto(f: BinaryIO, limit: int) -> bytes:
    """What the open file `f` holds, up to `limit` bytes and one more (which tells that it
    holds more), memory taken for what it holds, never for `limit`."""
    data = f.read(min(os.fstat(f.fileno()).st_size, limit) + 1)
    while len(data) <= limit and (more := f.read(min(1 << 20, limit + 1 - len(data)))):
        data += more  # it grew while it was read
    return data


def read_regular(path: Path, limit: int = READ_LIMIT) -> bytes:
    """The bytes of the regular file at `path` (symbolic links followed), at most `limit`
    of them; OSError as `open_regular` raises it."""
    return read_bounded(Path(os.path.realpath(path)), limit)


def read_bounded(path: Path, limit: int = READ_LIMIT) -> bytes:
    """The bytes of the regular file at `path` (not a symbolic link: ELOOP), at most
    `limit` of them; OSError as `open_regular` raises it."""
    fd = open_regular(path, limit)
    with os.fdopen(fd, "rb") as f:
        data = read_upto(f, limit)
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"more than the {limit:,} bytes it may be", path)
    return data


def read_head(path: Path, size: int) -> bytes:
    """The first `size` bytes of the regular file at `path` (not a symbolic link)."""
    fd = open_regular(path, sys.maxsize)
    with os.fdopen(fd, "rb") as f:
        return f.read(size)


def not_regular(error: OSError) -> str:
    """What `open_regular`'s refusal `error` says, in words, or its strerror."""
    if error.errno in (errno.EINVAL, errno.EFBIG) and error.strerror:
        return error.strerror
    if error.errno == errno.ELOOP:
        return "a symbolic link"
    return error.strerror or str(error)


def read_snapshot(path: Path) -> tuple[bytes, Snapshot]:
    """The bytes of `path` and the snapshot `replace_if_unchanged` checks them against
    (read again while it changes); OSError as `open_regular` raises it."""
    linked = path.is_symlink()
    real = Path(os.path.realpath(path))
    for _ in range(_READ_ATTEMPTS):
        # O_NOFOLLOW: `real` has no link left; one there now was put there meanwhile.
        fd = open_regular(real)
        with os.fdopen(fd, "rb") as f:
            before = os.fstat(fd)
            data = read_upto(f, READ_LIMIT)
            after = os.fstat(fd)
        if stat_key(before) == stat_key(after) and len(data) == after.st_size:
            break
    else:
        raise NotReplaced(path, "changed", "kept changing while it was read")
    return data, snapshot_of(path, real, linked, after, hashlib.sha256(data).hexdigest())


def snapshot_of(path: Path, real: Path, linked: bool, st: os.stat_result, sha256: str) -> Snapshot:
    """The snapshot of the file `path` names (`real` behind it, `linked` or not), `st`
    its state once read whole, `sha256` that of its bytes."""
    return Snapshot(
        path=path,
        real=real,
        linked=linked,
        dev=st.st_dev,
        ino=st.st_ino,
        size=st.st_size,
        mtime_ns=st.st_mtime_ns,
        ctime_ns=st.st_ctime_ns,
        sha256=sha256,
    )


def stat_key(st: os.stat_result) -> tuple[int, ...]:
    """What tells a file changed: its device, inode, size, modification and change times."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def write_atomic(path: Path, data: bytes, *, temp: Path | None = None) -> Kept:
    """Replace `path` with `data`: temp file, fsync, rename over `path`, fsync its folder.
    The temp file is `temp` (in a run's staging folder) unless that is on another file
    system, else a fresh name beside `path`. An existing file's owner, group, mode and
    xattrs are kept where the process may set them (the rest in `Kept.lost`); a new file
    gets 0o644."""
    try:
        st: os.stat_result | None = path.stat()
    except FileNotFoundError:
        st = None
    tmp, kept = _stage(path, data, st, temp)
    try:
        os.replace(tmp, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if temp is not None and isinstance(e, OSError) and e.errno == errno.EXDEV:
            return write_atomic(path, data)
        raise
    fsync_dir(path.parent)
    return kept


def replace_if_unchanged(
    read: Snapshot, data: bytes | BinaryIO, *, temp: Path | None = None
) -> Kept:
    """Replace the file `read` describes with `data` (bytes, or a file read from its
    start), only if it is still what was read (through a symbolic link: the link stays;
    attributes and `temp` as in `write_atomic`).

    Raises NotReplaced, leaving the file as it is, when it changed since it was read,
    was deleted, became or left a symbolic link, or has hard links (a rename would cut
    them); OSError for the file system's own failures.
    """
    st = _check(read)
    if st.st_nlink > 1:
        raise NotReplaced(
            read.path,
            "hard links",
            f"has {st.st_nlink} hard links; replacing it would cut them, and writing it "
            "in place could leave it half-written after a crash: make the other names "
            "symbolic links to it and run again",
        )
    tmp, kept = _stage(read.real, data, st, temp)
    held = _hold(tmp) if _renameat2() is not None else None
    try:
        ours = os.lstat(tmp) if held is None else os.fstat(held)
        _check(read)
        try:
            exchange(tmp, read.real)
        except OSError as e:
            if e.errno == errno.ENOENT:
                raise NotReplaced(read.path, "deleted") from None
            if e.errno == errno.EXDEV and temp is not None:
                os.unlink(tmp)
                return replace_if_unchanged(read, data)
            if e.errno not in _NO_EXCHANGE:
                raise
            os.replace(tmp, read.real)
            fsync_dir(read.real.parent)
            return kept
        # `tmp` now names the file that was in place: it must be the one that was read.
        if not _holds(read, tmp):
            _undo(read, tmp, ours)
        os.unlink(tmp)
    except BaseException:
        with contextlib.suppress(OSError):
            if _same_inode(os.lstat(tmp), ours):
                os.unlink(tmp)
        raise
    finally:
        if held is not None:
            os.close(held)
    fsync_dir(read.real.parent)
    return kept


def _hold(path: Path) -> int:
    """A descriptor that keeps the file at `path` (one of ours) alive until it is closed,
    so that its inode number names it and no other file: a freed number is given to the
    next file made, an editor's next save, which would be taken for ours and deleted.
    The file is removed if it cannot be held."""
    try:
        return os.open(path, os.O_RDONLY | NOFOLLOW | BINARY)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise


def check_name(read: Snapshot) -> Path:
    """The file `read.path` leads to now; NotReplaced unless it leads where it did
    (`deleted`, `symlink`, `moved`). The content is not compared."""
    path = read.path
    if not os.path.lexists(path):
        raise NotReplaced(path, "deleted")
    if path.is_symlink() != read.linked:
        raise NotReplaced(path, "symlink" if not read.linked else "moved")
    real = Path(os.path.realpath(path))
    if real != read.real:
        raise NotReplaced(
            path,
            "moved",
            f"leads to {real} now, to {read.real} when it was read; nothing was written",
        )
    return real


def _check(read: Snapshot) -> os.stat_result:
    """The file behind `read.path` now; raises NotReplaced if it is not the one read."""
    try:
        st = os.lstat(check_name(read))
    except FileNotFoundError:
        raise NotReplaced(read.path, "deleted") from None
    if not read.same_file(st):
        raise NotReplaced(read.path, "changed")
    return st


def _holds(read: Snapshot, path: Path) -> bool:
    """`path` (the name it was swapped to) is the file that was read, with the bytes read."""
    try:
        fd = os.open(path, os.O_RDONLY | NOFOLLOW | BINARY)
    except OSError:
        return False  # a symbolic link (ELOOP), or gone
    with os.fdopen(fd, "rb") as f:
        if not read.same_file(os.fstat(fd), renamed=True):
            return False
        return hashlib.sha256(f.read()).hexdigest() == read.sha256


def _undo(read: Snapshot, tmp: Path, ours: os.stat_result) -> None:
    """Put back the save that landed before the swap (it wins); raises NotReplaced. A
    program that read our version meanwhile may save over it, so it is first copied aside
    (named in the refusal), held open (`_hold`), and put back at the name if it cannot be."""
    try:
        held = os.open(tmp, os.O_RDONLY | NOFOLLOW | BINARY)
    except BaseException:
        exchange(tmp, read.real)
        raise
    try:
        saved = os.fstat(held)
        kept = [_keep_copy(read, tmp, lambda: exchange(tmp, read.real))]
        exchange(tmp, read.real)
        if _same_inode(os.lstat(tmp), ours):
            os.unlink(tmp)
            _refuse_keeping(
                read,
                kept,
                f"was saved while it was written; that save is in place, and a copy of it is "
                f"kept in {kept[0]} (a program that read the file meanwhile may save over it)",
            )
        # Saved again, over our version, between the two swaps: that newest save goes back to
        # the name. The save put back a moment ago was at the name meanwhile, and a program
        # that read it may save over this one: it is copied aside first, as the first was.
        try:
            kept.append(_keep_copy(read, tmp, lambda: exchange(tmp, read.real)))
        except OSError:
            log.warning(
                "%s: was saved while it was written; a save is kept in %s", read.path, kept[0]
            )
            raise
        exchange(tmp, read.real)
        if _same_inode(os.lstat(tmp), saved):
            os.unlink(tmp)  # the first save, copied aside above
        else:  # another save, made on the first while it was back: kept aside as it is
            kept.append(_aside(read, tmp))
            os.replace(tmp, kept[-1])
        _refuse_keeping(
            read,
            kept,
            f"was saved {_TIMES.get(len(kept), f'{len(kept)} times')} while it was written; "
            f"the last save is in place, and the saves are kept in {', '.join(map(str, kept))}",
        )
    finally:
        os.close(held)


def _refuse_keeping(read: Snapshot, kept: list[Path], detail: str) -> NoReturn:
    """Raise NotReplaced naming the saves `kept` aside, logged too: a caller that tries
    again on `changed` cannot lose their names silently."""
    for copy in kept:
        fd = os.open(copy, os.O_RDONLY | NOFOLLOW | BINARY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    fsync_dir(read.real.parent)
    fsync_dir(kept[0].parent)
    log.warning("%s: %s", read.path, detail)
    raise NotReplaced(read.path, "changed", detail, kept=tuple(kept))


_TIMES = {2: "twice", 3: "three times"}


def _aside(read: Snapshot, beside: Path) -> Path:
    """A fresh name for a save of `read`'s file set aside in `beside`'s folder."""
    return beside.with_name(f"{read.real.name}.{uuid.uuid4().hex[:8]}{KEPT_SUFFIX}")


def _keep_copy(read: Snapshot, source: Path, put_back: Callable[[], None]) -> Path:
    """A copy of the save at `source` (swapped out of `read`'s name) under a fresh `.kept`
    name beside it, with its attributes, staged as `.part` first so a `.kept` file is
    always whole (fsynced later, by `_refuse_keeping`: the swap back comes first). When
    no copy can be made, `put_back()` puts the save back at the name before raising.
    """
    part = source.with_name(f"{os.getpid()}-{uuid.uuid4().hex}.part")
    try:
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL | BINARY, 0o600)
        with open(source, "rb") as src, os.fdopen(fd, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
            dst.flush()
            _copy_attributes(dst.fileno(), source, os.fstat(src.fileno()))  # its owner, mode
        aside = _aside(read, source)
        os.replace(part, aside)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(part)
        put_back()
        raise
    return aside


def _same_inode(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _stage(
    target: Path, data: bytes | BinaryIO, old: os.stat_result | None, temp: Path | None
) -> tuple[Path, Kept]:
    """A complete, fsynced file holding `data` (bytes, or a file copied from its start),
    with `old`'s owner, group, mode and xattrs."""
    if temp is not None:
        tmp = str(temp)
        fd = create_in(
            temp.parent, lambda: os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | BINARY, 0o600)
        )
    else:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            if isinstance(data, bytes):
                f.write(data)
            else:
                data.seek(0)
                shutil.copyfileobj(data, f)
            f.flush()
            lost = _copy_attributes(f.fileno(), target, old)
            for what in lost:
                # Also returned to the caller; logged so that no caller can lose it silently.
                log.warning("%s: the new version cannot keep the old one's %s", target, what)
            os.fsync(f.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return Path(tmp), Kept(tuple(lost))


STAGING_TRIES = 3


def create_in(folder: Path, create: Callable[[], T]) -> T:
    """`create()` something new in `folder` (a staging folder), making the folder first,
    and again where another run removed it in between (`Store.clean_staging`)."""
    attempt = 1
    while True:
        folder.mkdir(parents=True, exist_ok=True)
        try:
            return create()
        except FileNotFoundError:
            if attempt >= STAGING_TRIES or folder.is_dir():
                raise
            attempt += 1


def _copy_attributes(fd: int, source: Path, old: os.stat_result | None) -> list[str]:
    """Give the open file `fd` the owner, group, mode and xattrs of `old` (at `source`),
    in `shutil.copystat`'s order (a chown clears setuid bits); what could not be set."""
    if not hasattr(os, "fchmod"):  # Windows before Python 3.13: no owners, no modes
        return []
    if old is None:
        os.fchmod(fd, 0o644)
        return []
    lost: list[str] = []
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) != (old.st_uid, old.st_gid) and hasattr(os, "fchown"):
        try:
            os.fchown(fd, old.st_uid, old.st_gid)
        except PermissionError as e:
            if mine.st_uid != old.st_uid:
                lost.append(f"owner {_named('uid', old.st_uid)}: {e.strerror}")
            with contextlib.suppress(PermissionError):
                if mine.st_gid != old.st_gid:
                    os.fchown(fd, -1, old.st_gid)
            if os.fstat(fd).st_gid != old.st_gid:
                lost.append(f"group {_named('gid', old.st_gid)}: {e.strerror}")
    lost += _copy_xattrs(fd, source)
    os.fchmod(fd, stat.S_IMODE(old.st_mode))
    return lost


def _copy_xattrs(fd: int, source: Path) -> list[str]:
    if not hasattr(os, "listxattr"):
        return []
    try:
        names = os.listxattr(source)
    except OSError:
        return []  # not supported here: there are none to keep
    lost = []
    for name in names:
        try:
            os.setxattr(fd, name, os.getxattr(source, name))
        except OSError as e:
            lost.append(f"extended attribute {name}: {e.strerror}")
    return lost


def _named(kind: str, number: int) -> str:
    """A user (`kind` "uid") or group ("gid") by name and number, as a refusal says it."""
    try:
        import grp
        import pwd

        name = pwd.getpwuid(number).pw_name if kind == "uid" else grp.getgrgid(number).gr_name
        return f"{name} ({kind} {number})"
    except (ImportError, KeyError):
        return f"{kind} {number}"


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}
"""What renameat2 says where the exchange is not available (file system, kernel, libc)."""


@functools.cache
def _renameat2() -> Callable[[int, bytes, int, bytes, int], int] | None:
    """libc's renameat2, looked up on first use (ctypes is not needed before a write)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a libc older than glibc 2.28, or not glibc
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


def exchange(a: Path, b: Path) -> None:
    """Swap the files named `a` and `b` in one step; OSError where either is missing or
    the system cannot swap (ENOSYS, EINVAL: callers fall back to a rename)."""
    renameat2 = _renameat2()
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available", str(a))
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE):
        import ctypes

        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(a), None, str(b))


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); not possible or needed on Windows."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def check_writable(folder: Path) -> None:
    """Raise OSError (EROFS, EACCES) when this process may not create and rename files
    in `folder`, as the error writing there would raise."""
    if os.access(folder, os.W_OK | os.X_OK):
        return
    try:
        read_only = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # AttributeError: no statvfs (Windows)
        read_only = False
    code = errno.EROFS if read_only else errno.EACCES
    raise OSError(code, os.strerror(code), str(folder))
