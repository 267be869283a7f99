"""What a run read, found by tracing it (for the kept plan, `commands.kept`).

While a `Trace` is on, every file the process opens (the `open` audit event: `open()`,
`os.open`, imports), every folder it lists (`os.listdir`, `os.scandir`), every SQLite
database it connects to, every shared library it loads, every `os.stat`/`os.lstat` it
asks and every environment variable it reads is noted with its state when first met (its
`Inputs`). Nothing is listed by hand: an input a later change adds is traced the same way.

The state of a path (`state`): a file outside the Python installation by its bytes
(blake2b) with its size and mtime; a file inside it (the standard library, site-packages)
by its size and mtime; a folder listed by its entries' names and kinds (one only the
import system listed, a folder on the import path, by those an import or a distribution
can be found by: a hidden entry or `__pycache__` aside); a stat by what it said (kind,
size, mtime; a link's ctime too, standing for where it points). A run that starts a
program is doubtful (its inputs are not traced), as is any trace whose hook failed: a
doubtful trace keeps nothing.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import sqlite3
import stat as stat_module
import sys
import threading
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

State = list[object] | None
"""A path's state as recorded (JSON-able): None when it is missing."""

_SKIPPED = ("/proc/", "/sys/", "/dev/")
"""The machine's own files (cpuinfo changes by the second): not inputs of a plan."""
_CHUNK = 1 << 20
_INSTALLED = tuple(
    sorted({os.path.join(os.path.realpath(p), "") for p in (sys.prefix, sys.base_prefix)})
)
"""The Python installation: its files are known by size and mtime, not read."""


@dataclass
class Inputs:
    """What a traced run read: each path's state when first met."""

    files: dict[str, State] = field(default_factory=dict)
    """Files opened (and SQLite databases, shared libraries)."""
    listed: dict[str, State] = field(default_factory=dict)
    """Folders listed."""
    stats: Stats = field(default_factory=lambda: Stats())
    """`os.stat` (key `path`) and `os.lstat` (key `path` + NUL + `l`) asked."""
    env: dict[str, str | None] = field(default_factory=dict)
    """Environment variables read, each by `variable_state` (None: unset)."""
    doubt: str | None = None
    """Why this trace cannot be trusted (a program started, a hook failed)."""
    signed: dict[str, Signature] = field(default_factory=dict, repr=False, compare=False)
    """What the file system said of each file whose bytes were read when first met
    (`signature`), for the check at the end of the traced run (`changed`'s `signed`)."""

    def changed(self, *, env: bool = True, signed: bool = False) -> str | None:
        """The first input whose state is not what it was when first met; None if none.
        `env=False`: the variables are not asked (at the end of the traced run itself, a
        variable can differ only where the process set it, `os.environ.setdefault` on
        import as threadpoolctl does: a process after starts as the traced one did).
        `signed` (that end itself): a file the file system says is the one whose bytes
        were read when first met (`signed`: the same device, inode, size, modification
        and change time) is not read again (a no-op's trace read 100 MB twice: the
        manifest, the content, the reading memo), as `store.shared` trusts a manifest; and
        no `os.stat` is asked again (a plan's 58,385 clips at 120,042 texts): each stat's
        state is what the run itself was told (`_stat`, `_seen`), so a path that changed
        since is found by the next run's check (`changed()`), which plans in full. A file
        is checked here because its state is its bytes read apart from the run's own
        read, and a listing because the run's own listing is not what is noted."""
        for path, was in self.files.items():
            sign = self.signed.get(path) if signed else None
            if sign is not None and sign == signature(path):
                continue
            if file_state(path) != was:
                return path
        for path, was in self.listed.items():
            if (modules_listing if was and was[0] == "m" else listing)(path) != was:
                return path
        for key, was in self.stats.in_order() if not signed else ():
            if stat_state(key) != was:
                return key
        for name, value in self.env.items() if env else ():
            if variable_state(os.environ.get(name)) != value:
                return f"${name}"
        return None


SPILL = 4096
"""The stats a trace keeps in memory (`Stats`) before it moves them into its database."""


class Stats(Mapping[str, State]):
    """The stats a trace met, each with its state when first met, in the order met: the
    last met (up to `SPILL`) in memory, the others in a private temporary database (on
    disk past a small cache, deleted with it): a run of a course in windows asks the stat
    of every clip, some 340 bytes each in a dict, so that the trace's memory would grow with
    the course (BENCHMARKS.md). `met` keeps a state unless one was met first."""

    def __init__(self, found: dict[str, State] | None = None) -> None:
        self._recent: dict[str, State] = {} if found is None else found
        """Met since the last spill (a record's stats, read back, all of them)."""
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def met(self, key: str, state: State) -> None:
        """`key`'s `state` as met now, kept unless `key` was met before (the first stands)."""
        with self._lock:
            recent = self._recent
            if key not in recent:
                recent[key] = state
                if len(recent) >= SPILL:
                    self._spill()

    def _spill(self) -> None:
        """The stats in memory moved into the database, after those moved before (a key met
        again there too: the first row of each key stands, `_rows`)."""
        if self._db is None:
            # "" names a private temporary database (as `planning.course.CourseIndex`).
            self._db = sqlite3.connect("", check_same_thread=False)
            self._db.execute("PRAGMA cache_size = -1024")
            # No index: a row appended costs a quarter of one put in an index of random
            # paths (a run in windows meets each clip's stat twice: its survey, its window);
            # the first of each key is found once, when a record is written (`_rows`).
            self._db.execute("CREATE TABLE stats (seq INTEGER PRIMARY KEY, key TEXT, state TEXT)")
        self._db.executemany(
            "INSERT INTO stats (key, state) VALUES (?, ?)",
            [(key, json.dumps(state)) for key, state in self._recent.items()],
        )
        self._recent = {}

    def _rows(self) -> Iterator[tuple[str, str]]:
        """Each stat (its key, its state as JSON) in the order first met."""
        with self._lock:
            if self._db is None:
                found = [(key, json.dumps(state)) for key, state in self._recent.items()]
            else:
                self._spill()
                found = None
        if found is not None:
            yield from found
            return
        assert self._db is not None
        # Each key's first row (SQLite takes a bare column from the row min() picks).
        query = "SELECT key, state, min(seq) AS first FROM stats GROUP BY key ORDER BY first"
        yield from ((key, state) for key, state, _ in self._db.execute(query))

    def in_order(self) -> Iterator[tuple[str, State]]:
        """Each stat and its state, in the order first met."""
        if self._db is None:
            yield from list(self._recent.items())
            return
        for key, state in self._rows():
            yield key, json.loads(state)

    def json(self) -> Iterator[str]:
        """The stats as `json.dumps` writes a dict of them, a piece at a time."""
        yield "{"
        for n, (key, state) in enumerate(self._rows()):
            yield f"{', ' if n else ''}{json.dumps(key)}: {state}"
        yield "}"

    def __getitem__(self, key: str) -> State:
        with self._lock:
            if self._db is None:
                return self._recent[key]
            self._spill()
            query = "SELECT state FROM stats WHERE key = ? ORDER BY seq LIMIT 1"
            row = self._db.execute(query, (key,)).fetchone()
        if row is None:
            raise KeyError(key)
        found: State = json.loads(row[0])
        return found

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self.in_order())

    def __len__(self) -> int:
        with self._lock:
            if self._db is None:
                return len(self._recent)
            self._spill()
            return int(self._db.execute("SELECT count(DISTINCT key) FROM stats").fetchone()[0])


def variable_state(value: str | None) -> str | None:
    """A variable's state as recorded: a digest of its value (a variable may hold a secret,
    an API key, and a record is a file in the cache folder), None when unset."""
    if value is None:
        return None
    return hashlib.blake2b(value.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


Signature = tuple[int, int, int, int, int]
"""What the file system says of a file: its device, inode, size, modification and change
time (ns)."""


def signature(path: str) -> Signature | None:
    """`path`'s `Signature` now (following links, as reading it does); None when it cannot
    be asked."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return _signed(st)


def _signed(st: os.stat_result) -> Signature:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def file_state(path: str) -> State:
    """A file's state: ["f", size, mtime, blake2b] (outside the installation), ["s", kind,
    size, mtime] (inside it, or not a regular file), None when missing. Only a regular
    file's bytes are read (never a FIFO or a device), no more than its size said."""
    return _file_state(path)[0]


def _file_state(path: str) -> tuple[State, Signature | None]:
    """`file_state`, and the file's `Signature` when its bytes were read (None else)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        try:
            return _said(os.stat(path)), None
        except OSError:
            return None, None
    try:
        st = os.fstat(fd)
        if not stat_module.S_ISREG(st.st_mode) or path.startswith(_INSTALLED):
            return _said(st), None
        digest = hashlib.blake2b(digest_size=20)
        left = st.st_size
        while left > 0:
            chunk = os.read(fd, min(_CHUNK, left))
            if not chunk:
                break
            digest.update(chunk)
            left -= len(chunk)
        return ["f", st.st_size, st.st_mtime_ns, digest.hexdigest()], _signed(st)
    finally:
        os.close(fd)


def listing(path: str) -> State:
    """A folder's entries, names and kinds, as one digest; None when it cannot be listed."""
    try:
        with os.scandir(path) as found:
            names = sorted(f"{e.name}\0{_kind(e)}" for e in found)
    except OSError:
        return None
    return ["d", hashlib.blake2b("\n".join(names).encode("utf-8", "surrogateescape")).hexdigest()]


def modules_listing(path: str) -> State:
    """A folder's entries as the import system lists it (`_by_importing`): its names and
    kinds but those no import or distribution is found by (a name starting with a dot,
    `__pycache__`: the `.hypothesis` or `.pytest_cache` a tool makes in a project folder
    Python runs from), as one digest; None when it cannot be listed."""
    try:
        with os.scandir(path) as found:
            names = sorted(
                f"{e.name}\0{_kind(e)}"
                for e in found
                if e.name[:1] != "." and e.name != "__pycache__"
            )
    except OSError:
        return None
    return ["m", hashlib.blake2b("\n".join(names).encode("utf-8", "surrogateescape")).hexdigest()]


_IMPORTING = frozenset(
    (
        ("<frozen importlib._bootstrap_external>", "_fill_cache"),
        (os.path.join(os.path.dirname(importlib.__file__), "metadata", "__init__.py"), "children"),
    )
)
"""Where the import system lists a folder: a path entry's finder filling its cache, and
`importlib.metadata` looking for distributions (the plugins installed)."""


def _by_importing() -> bool:
    """Whether the listing being noted is the import system's (`_IMPORTING`): the audit
    hook's caller's caller, or one further up."""
    frame: FrameType | None = sys._getframe(3)
    for _ in range(3):
        if frame is None:
            return False
        code = frame.f_code
        if (code.co_filename, code.co_name) in _IMPORTING:
            return True
        frame = frame.f_back
    return False


def stat_state(key: str) -> State:
    """What `os.stat` (or `os.lstat`, a key ending NUL + `l`) says of a path now."""
    path, _, how = key.partition("\0")
    try:
        return _said(os.stat(path, follow_symlinks=how != "l"))
    except (OSError, ValueError):
        return None


def _said(st: os.stat_result) -> State:
    kind = stat_module.S_IFMT(st.st_mode)
    if stat_module.S_ISDIR(st.st_mode):
        return ["s", kind]  # a folder's mtime moves with its entries: listings say those
    if stat_module.S_ISLNK(st.st_mode):
        # Where a link points is not read (`os.readlink` is not traced): its ctime, which
        # no one sets (a link made again, or its mtime set, moves it), stands for that.
        return ["s", kind, st.st_size, st.st_mtime_ns, st.st_ctime_ns]
    return ["s", kind, st.st_size, st.st_mtime_ns]


def _kind(entry: os.DirEntry[str]) -> str:
    try:
        return "l" if entry.is_symlink() else "d" if entry.is_dir() else "f"
    except OSError:
        return "?"


_lock = threading.Lock()
_current: Inputs | None = None
_hooked = False
_traced = False
"""Whether this process traced a run before: a later run's trace misses what earlier ones
cached in memory (`functools.cache` on a variable or a version), so it is doubtful."""


class _Recording(os._Environ[str]):
    """`os.environ` while a trace is on: notes each variable read."""

    def __getitem__(self, key: str) -> str:
        try:
            value: str = super().__getitem__(key)
        except KeyError:
            _noted_env(key, None)
            raise
        _noted_env(key, value)
        return value

    def __iter__(self) -> Iterator[str]:
        keys = list(super().__iter__())
        for key in keys:
            _noted_env(key, super().__getitem__(key))
        return iter(keys)


def _noted_env(key: object, value: str | None) -> None:
    found = _current
    if found is not None and isinstance(key, str) and key not in found.env:
        found.env[key] = variable_state(value)


def _path(value: object) -> str | None:
    if type(value) is str and value and value != ":memory:":
        whole = value if value[0] == "/" else f"{os.getcwd()}/{value}"
        if _normal(whole):
            return whole  # what `abspath` would return: a plan asks this of every clip
    if isinstance(value, bytes):
        value = os.fsdecode(value)
    elif isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str) or not value or value == ":memory:":
        return None
    return os.path.abspath(value)


def _normal(path: str) -> bool:
    """Whether `path` is absolute and already normal (`os.path.abspath` leaves it as is):
    no `.` or `..` part, no doubled or trailing slash."""
    return path[:1] == "/" and "/." not in path and "//" not in path and path[-1:] != "/"


_inside = threading.local()
_STARTS = ("subprocess.Popen", "os.exec", "os.posix_spawn", "os.system", "os.fork")
_EVENTS = frozenset(
    ("open", "ctypes.dlopen", "sqlite3.connect", "os.listdir", "os.scandir", *_STARTS)
)
"""The audit events `_noted` looks at: any other (`builtins.id`, raised by every `id()`,
some 800,000 times in a plan of 120,000 texts) is let go at once."""


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event not in _EVENTS:
        return
    found = _current
    if found is None or getattr(_inside, "busy", False):
        return
    _inside.busy = True
    try:
        _noted(found, event, args)
    except Exception as error:  # never fail what the run does: doubt its trace instead
        found.doubt = f"{event}: {error!r}"
    finally:
        _inside.busy = False


def _noted(found: Inputs, event: str, args: tuple[Any, ...]) -> None:
    if event == "open" or event == "ctypes.dlopen":
        _met_file(found, _path(args[0]))
    elif event == "sqlite3.connect":
        for path in _databases(args[0]):
            for tail in ("", "-wal", "-journal", "-shm"):
                _met_file(found, path + tail)
    elif event in ("os.listdir", "os.scandir"):
        folder = _path(args[0] if args and args[0] is not None else ".")
        if folder is None or folder.startswith(_SKIPPED):
            return
        if _by_importing():
            _met(found.listed, folder, modules_listing)
        elif (found.listed.get(folder) or [None])[0] == "m":
            found.listed[folder] = listing(folder)  # the run's own listing: all of it, as now
        else:
            _met(found.listed, folder, listing)
    elif event in _STARTS:
        found.doubt = f"{event}: a program's inputs are not traced"


def _databases(name: object) -> list[str]:
    """The files a SQLite database `name` may be: a URI (`file:PATH?mode=ro`, which the
    audit event does not tell from a file so named) is both its path and the name as a
    file; an in-memory or temporary one is none."""
    path = _path(name)
    text = os.fsdecode(name) if isinstance(name, (bytes, str)) else path
    if path is None or not isinstance(text, str) or not text.startswith("file:"):
        return [] if path is None else [path]
    found = urllib.parse.urlsplit(text)
    if found.netloc not in ("", "localhost"):
        raise ValueError(f"a SQLite database on another host: {text}")
    named = urllib.parse.unquote(found.path)
    return [path] if not named or named == ":memory:" else [path, os.path.abspath(named)]


def _met_file(found: Inputs, path: str | None) -> None:
    """A file opened: its state when first met, and its signature (`Inputs.signed`)."""
    if path is None or path in found.files or path.startswith(_SKIPPED):
        return
    found.files[path], sign = _file_state(path)
    if sign is not None:
        found.signed[path] = sign


def _met(into: dict[str, State], path: str | None, state: Callable[[str], State]) -> None:
    if path is None or path in into or path.startswith(_SKIPPED):
        return
    into[path] = state(path)


_KIND = 0o170000  # stat's S_IFMT mask
_REGULAR = stat_module.S_IFREG
_real_stat = os.stat
_real_lstat = os.lstat


def _stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
    found = _current
    if found is None or getattr(_inside, "busy", False) or args:
        return _real_stat(path, *args, **kwargs)
    if not kwargs and type(path) is str and _normal(path) and not path.startswith(_SKIPPED):
        # What a plan asks of every clip: the name is the path itself (`_path`, `_seen`).
        try:
            got = _real_stat(path)
        except OSError:
            found.stats.met(path, None)
            raise
        # A regular file's state (`_said`) made here: a plan stats 58,385 clips.
        found.stats.met(
            path,
            ["s", _REGULAR, got.st_size, got.st_mtime_ns]
            if got.st_mode & _KIND == _REGULAR
            else _said(got),
        )
        return got
    if kwargs.get("dir_fd") is not None or isinstance(path, int):
        return _real_stat(path, *args, **kwargs)
    follow = kwargs.get("follow_symlinks", True)
    try:
        got = _real_stat(path, **kwargs)
    except OSError:
        _seen(found, path, follow, None)
        raise
    _seen(found, path, follow, got)
    return got


def _lstat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
    if args or kwargs:
        return _real_lstat(path, *args, **kwargs)
    return _stat(path, follow_symlinks=False)


def _seen(found: Inputs, path: Any, follow: bool, got: os.stat_result | None) -> None:
    try:
        name = _path(path)
        if name is not None and not name.startswith(_SKIPPED):
            key = name if follow else f"{name}\0l"
            found.stats.met(key, None if got is None else _said(got))
    except Exception as error:
        found.doubt = f"stat: {error!r}"


_PURE = (
    "base_code",
    "_compiled",
    "_parsed_toml",
    "_syllable_alone",
    "_syllable_pattern",
    "_syllable_ipa",
)
"""Caches of a function of its arguments alone (no file, no variable): warm or not, the
trace misses nothing (a code's base; a selector compiled; a config file's bytes parsed,
the file itself read each time; a Chinese syllable's phonemes as a front end reads them)."""
_AGAIN = ("package_version", "_installed", "_builtins", "resolve_types")
"""Caches a command fills before its run (the tool's version, the plugins installed, the
built-in types, a config's types resolved with them): emptied when the trace begins, so the
trace sees what fills them again."""


def _warm() -> str | None:
    """The first of the tool's `functools` caches that holds something when the trace
    begins (an untraced run, `--type` or a shard, or another call of the library came
    first), those of `_AGAIN` emptied: what it computed (a variable read, a file asked) is
    no input the trace would see, so the trace is doubtful. None when none does."""
    for name, module in list(sys.modules.items()):
        if name != "tts_assets" and not name.startswith("tts_assets."):
            continue
        for value in list(vars(module).values()):
            members = list(vars(value).values()) if isinstance(value, type) else []
            for member in (value, *members):
                found = getattr(member, "__func__", member)
                info = getattr(found, "cache_info", None)
                called = getattr(found, "__name__", "")
                if not callable(info) or called in _PURE:
                    continue
                if called in _AGAIN:
                    found.cache_clear()
                elif getattr(info(), "currsize", 0):
                    return f"{name}.{called}: computed before the trace"
    return None


@contextmanager
def tracing() -> Iterator[Inputs | None]:
    """Trace what the block reads (the module docstring); None when another trace is on
    (in another thread): then nothing is traced and nothing should be kept."""
    global _current, _hooked, _traced
    if not _lock.acquire(blocking=False):
        yield None
        return
    environ = os.environ
    was = environ.__class__
    found = Inputs(doubt="not the process's first trace" if _traced else _warm())
    # The import system's and importlib.metadata's listings of sys.path, which a command
    # made before its run (the tool's version): emptied, so the trace sees the folders
    # listed again (a plugin installed since is a new entry: the full run finds it).
    importlib.invalidate_caches()
    _traced = True
    if found.doubt is not None:
        # Doubtful from the start: never kept (`kept.keep`), so nothing of it is recorded
        # (a process's runs after its first: each CLI call of a test process, a server's).
        try:
            yield found
        finally:
            _lock.release()
        return
    try:
        if not _hooked:
            sys.addaudithook(_hook)  # for the life of the process: idle while no trace
            _hooked = True
        os.stat, os.lstat = _stat, _lstat
        environ.__class__ = _Recording
        _current = found
        yield found
    finally:
        _current = None
        environ.__class__ = was
        os.stat, os.lstat = _real_stat, _real_lstat
        _lock.release()
