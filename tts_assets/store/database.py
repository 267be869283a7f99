"""A manifest of many clips: its entries in a database file, read and written entry by entry.

A JSON manifest is read whole by every command and written whole by every flush. An out
dir of `database_from()` clips or more keeps its entries in `manifest.sqlite` instead:

- a run reads the entries it asks for, by clip path (`Rows`), and writes only those it
  changed, each flush one SQLite transaction (all or nothing whatever kills the run);
- `manifest.json` stays as a stub naming the database with a version no older tts-assets
  reads (`STUB_VERSION`): each of them refuses it as newer and touches nothing;
- a JSON manifest is moved once, by the first flush that finds it that large: the
  database is written whole and put in place, then the JSON replaced by its stub.

Each entry is stored as the JSON object a JSON manifest holds and read back through the
same checks (`parse`); a row that fails them is a damaged record, left out.
"""

from __future__ import annotations

import errno
import heapq
import json
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from operator import itemgetter
from pathlib import Path
from sys import intern
from typing import Any, TypeVar

from ..errors import ConfigError, MachineFault, machine_fault
from .files import fsync_dir

DATABASE_NAME = "manifest.sqlite"
"""The database of an out dir's manifest, beside its `manifest.json`."""

STUB_VERSION = 100
"""The version of a `manifest.json` that names a database: above every JSON manifest's, so
that every tts-assets that reads only JSON manifests refuses it as newer."""

DATABASE_FROM: int | None = 10_000
"""Clips from which an out dir's manifest is a database, unless `DATABASE_ENV` says (None:
never): about where a JSON manifest held whole weighs what a planning window does."""

DATABASE_ENV = "TTS_ASSETS_MANIFEST_DATABASE_FROM"
"""The environment variable that sets `DATABASE_FROM`."""

BUSY_WAIT = 60.0
"""Seconds a command waits for another process that holds the database before it stops
as on any fault of the machine (busy is not damaged)."""

BATCH = 500
"""Keys asked of the database in one query (`Rows.prefetch`)."""

CACHED = 4096
"""Entries a store keeps read (those a run asks for again soon: a clip and its twin)."""

PAGE_SIZE = 16384
"""The page of a database written whole: an entry with its word timings fits one."""

NEW_SUFFIX = ".new"
"""A database being written whole beside its place (`put_in_place`)."""

FIELDS = "fields"
"""The meta row naming the manifest version whose fields the entries hold."""

E = TypeVar("E")
T = TypeVar("T")


def set_by_env() -> bool:
    """Whether `DATABASE_ENV` sets the line (else `DATABASE_FROM`)."""
    return bool(os.environ.get(DATABASE_ENV, "").strip())


def database_from() -> int | None:
    """The clips from which a manifest is a database (`DATABASE_ENV`, else `DATABASE_FROM`:
    None, never); ConfigError naming the variable for a value that is not a whole number."""
    found = os.environ.get(DATABASE_ENV, "").strip()
    if not found:
        return DATABASE_FROM
    if not found.isdecimal():  # not isdigit: "²" is a digit int() refuses
        raise ConfigError(
            f"{DATABASE_ENV}={found}: the clips from which a manifest is a database, a whole "
            f"number (unset: {DATABASE_FROM:,}; one above the course's clips keeps its "
            "manifest one JSON file)"
        )
    return int(found)


def stub() -> bytes:
    """The `manifest.json` of an out dir whose manifest is its database."""
    doc = {"version": STUB_VERSION, "database": DATABASE_NAME}
    return json.dumps(doc, indent=1).encode("utf-8") + b"\n"


STUB_BYTES = 1024
"""The most bytes a stub takes (`stub`): a larger manifest.json is no stub."""


def named(doc: object) -> bool:
    """Whether a parsed `manifest.json` is a stub naming the database (`stub`)."""
    return isinstance(doc, dict) and "database" in doc


_TEXT = "(CASE WHEN json_valid(entry) THEN json_extract(entry, '$.text') END)"
"""An entry's spoken text as the index on texts is made of it (NULL for a row that is no
JSON: a damaged row is never an error of the index)."""

_TEXT_INDEX = f"CREATE INDEX IF NOT EXISTS clips_of_text ON clips ({_TEXT});\n"
"""The index on each entry's spoken text (`Rows.of_texts`), added at a write if missing."""

_SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS clips (
    path TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    sets TEXT,
    adopted INTEGER NOT NULL,
    entry TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS clips_of_key ON clips (key);
"""
    + _TEXT_INDEX
)


def connect(path: Path, *, write: bool = False, wait: float | None = None) -> sqlite3.Connection:
    """The database at `path`: read-only, as a run keeps it open, or for one `write` (a
    durable transaction, its journal beside it). Each waits up to `wait` seconds
    (`BUSY_WAIT`) for another process holding the database."""
    timeout = BUSY_WAIT if wait is None else wait
    if not write:
        uri = f"{Path(path).absolute().as_uri()}?mode=ro"
        return sqlite3.connect(
            uri, uri=True, isolation_level=None, check_same_thread=False, timeout=timeout
        )
    db = sqlite3.connect(
        os.fspath(path), isolation_level=None, check_same_thread=False, timeout=timeout
    )
    db.execute("PRAGMA journal_mode = DELETE")
    db.execute("PRAGMA synchronous = FULL")
    return db


_ERRNO = {
    13: errno.ENOSPC,
    8: errno.EROFS,
    3: errno.EACCES,
    23: errno.EACCES,
    10: errno.EIO,
    5: errno.EBUSY,
    6: errno.EBUSY,
}
"""SQLite's result codes of a machine's fault (FULL, READONLY, PERM, AUTH, IOERR; BUSY and
LOCKED: another process holds the database), as the system's errors say them."""


def busy(error: sqlite3.Error) -> bool:
    """Whether `error` says another process holds the database (not that it is damaged)."""
    return _ERRNO.get(getattr(error, "sqlite_errorcode", 0) & 0xFF) == errno.EBUSY


def locked(error: sqlite3.Error, path: Path) -> MachineFault:
    """The fault of a database another process holds past `BUSY_WAIT` (exit 3)."""
    fault = machine_fault(os_error(error, path))
    assert fault is not None  # EBUSY is a fault of the machine
    return fault


def probe_write(path: Path) -> None:
    """Raise OSError when the database at `path` cannot be written now (EBUSY: another
    process holds it past `BUSY_WAIT`; a file it may not write), before a run makes
    anything."""
    os.close(os.open(path, os.O_RDWR))
    try:
        db = connect(path, write=True)
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("ROLLBACK")
        finally:
            db.close()
    except sqlite3.Error as e:
        raise os_error(e, path) from e


def os_error(error: sqlite3.Error, path: Path) -> OSError:
    """`error` of the database at `path` as the OSError a file's write raises."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    found = OSError(_ERRNO.get(code, errno.EIO), str(error), os.fspath(path))
    found.__cause__ = error
    return found


def _row(entry: Mapping[str, Any]) -> tuple[object, ...]:
    sets = entry.get("sets")
    return (
        entry["path"],
        entry["key"],
        entry["bytes"],
        None if sets is None else "\x1f".join(sets),
        int(entry.get("origin") is not None),
        # A field an entry leaves out is its default (None): rows are half the size.
        json.dumps({k: v for k, v in entry.items() if v is not None}, ensure_ascii=False),
    )


def write_database(path: Path, entries: Iterable[Mapping[str, Any]], version: int) -> None:
    """A database of `entries` (each as a JSON manifest holds it) at `path`, written whole
    and synced (a file of that name is replaced)."""
    path.unlink(missing_ok=True)
    db = connect(path, write=True)
    try:
        db.execute("PRAGMA journal_mode = OFF")  # not in place yet: a cut one is written again
        db.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # before its first table
        db.executescript(_SCHEMA)
        db.execute("BEGIN")
        db.execute("INSERT INTO meta VALUES (?, ?)", (FIELDS, str(version)))
        db.executemany("INSERT INTO clips VALUES (?, ?, ?, ?, ?, ?)", map(_row, entries))
        db.execute("COMMIT")
    finally:
        db.close()
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def opened(
    out_dir: Path, doc: Mapping[str, Any], newer: Callable[[int], Exception], latest: int
) -> tuple[sqlite3.Connection, int]:
    """The database an out dir's stub `doc` names, opened, and the manifest version of its
    entries; `newer(version)` raised above `latest`, ValueError where it is no manifest's
    database."""
    version = doc.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > STUB_VERSION:
        raise newer(version)
    if version != STUB_VERSION or doc.get("database") != DATABASE_NAME:
        raise ValueError(f"a manifest that names {doc.get('database')!r}, version {version!r}")
    path = out_dir / DATABASE_NAME
    if not path.is_file():
        raise ValueError(f"its database {path} is not there, or not a file")
    if os.path.exists(f"{path}-journal"):
        try:  # a kill cut a write: rolled back
            rolled = connect(path, write=True)
            rolled.execute("SELECT count(*) FROM meta").fetchall()
            rolled.close()
        except sqlite3.Error as e:
            # Where it cannot be (a read-only file system), the database cannot be read
            # either: the machine's fault, not a damaged manifest to rebuild.
            fault = machine_fault(os_error(e, path))
            if fault is not None:
                why = "" if busy(e) else " (to roll back a write a kill cut)"
                raise MachineFault(f"{fault}{why}") from None
    try:
        db = connect(path)
        row = db.execute("SELECT value FROM meta WHERE name = ?", (FIELDS,)).fetchone()
        db.execute("SELECT path, key, bytes, sets, adopted, entry FROM clips LIMIT 1").fetchall()
    except sqlite3.Error as e:
        if busy(e):
            raise locked(e, path) from None
        raise ValueError(f"not its database {path} ({e})") from None
    if row is None or not str(row[0]).isdigit():
        raise ValueError("its database names no version")
    fields = int(row[0])
    if fields > latest:
        db.close()
        raise newer(fields)
    return db, fields


def put_in_place(
    out_dir: Path, entries: Iterable[Mapping[str, Any]], version: int, temp: Path
) -> sqlite3.Connection:
    """A database of `entries` written whole at `temp` (in the staging folder, or beside
    its place where that is another file system), renamed into `out_dir`, opened."""
    path = out_dir / DATABASE_NAME
    try:
        write_database(temp, entries, version)
    except sqlite3.Error as e:
        temp.unlink(missing_ok=True)
        raise os_error(e, temp) from e
    try:
        os.replace(temp, path)
    except OSError as e:
        temp.unlink(missing_ok=True)
        if e.errno != errno.EXDEV:
            raise
        beside = path.with_name(path.name + NEW_SUFFIX)
        write_database(beside, entries, version)
        os.replace(beside, path)
    fsync_dir(out_dir)  # the rename is durable before the stub names the database
    return connect(path)


class Rows(MutableMapping[str, E]):
    """A database manifest's entries by clip path: each read when asked for (`parse`),
    each change kept until `write` (`dump`); safe to use from several threads."""

    def __init__(
        self,
        db: sqlite3.Connection,
        parse: Callable[[dict[str, Any], str], E],
        dump: Callable[[E], dict[str, Any]],
        damaged: Callable[[str, Exception, dict[str, Any]], None],
    ) -> None:
        self._db = db
        self._path = Path(db.execute("PRAGMA database_list").fetchone()[2])
        self._parse = parse
        self._dump = dump
        self._damaged = damaged
        """Told of each row that is no entry (its path, why, its own columns)."""
        self._lock = threading.RLock()
        self._changed: dict[str, E | None] = {}
        """Entries set (or deleted: None) since the last commit, by path."""
        self._read: OrderedDict[str, E] = OrderedDict()
        """Entries read and not changed, the last asked for last (at most `CACHED`)."""
        self._fetched: dict[str, E | str] = {}
        """The entries read at once for a plan (`prefetch`): their JSON until asked for."""
        self._count = int(self._query("SELECT count(*) FROM clips").fetchone()[0])

    def close(self) -> None:
        self._db.close()

    def _query(self, query: str, args: Iterable[object] = ()) -> sqlite3.Cursor:
        """`query` run on the database: MachineFault where another process holds it past
        `BUSY_WAIT` (busy, not damaged)."""
        try:
            return self._db.execute(query, tuple(args))
        except sqlite3.Error as e:
            if busy(e):
                raise locked(e, self._path) from None
            raise

    def prefetch(self, keys: Iterable[str]) -> None:
        """Read the rows of the clips of content `keys` at once, in place of those read
        before (a run planned window by window holds a window's)."""
        asked = list(dict.fromkeys(keys))
        found: dict[str, E | str] = {}
        with self._lock:
            for start in range(0, len(asked), BATCH):
                batch = asked[start : start + BATCH]
                marks = ",".join("?" * len(batch))
                query = f"SELECT path, entry FROM clips WHERE key IN ({marks})"
                found.update(self._query(query, batch))
            self._fetched = found

    def __getitem__(self, path: str) -> E:
        with self._lock:
            if path in self._changed:
                entry = self._changed[path]
            elif (entry := self._known(path)) is None:
                raw = self._fetched.get(path)
                if raw is None:
                    row = self._query("SELECT entry FROM clips WHERE path = ?", (path,)).fetchone()
                    raw = None if row is None else row[0]
                entry = self._entry(path, raw) if isinstance(raw, str) else None
                if entry is not None and path in self._fetched:
                    self._fetched[path] = entry  # asked again by the same plan: read once
                elif entry is not None:
                    self._read[path] = entry
                    if len(self._read) > CACHED:
                        self._read.popitem(last=False)
        if entry is None:
            raise KeyError(path)
        return entry

    def of_key(self, key: str) -> list[E]:
        """The entries of content key `key`, in path order, pending changes included."""
        query = "SELECT path, entry FROM clips WHERE key = ?"
        with self._lock:
            rows = self._query(query, (key,)).fetchall()
            return self._gathered(rows, lambda e: getattr(e, "key", None) == key)

    def of_texts(self, texts: Iterable[str]) -> list[E]:
        """The entries whose `text` is among `texts`, in path order, pending changes
        included: one query whatever the texts (an older database is scanned once)."""
        asked = list(dict.fromkeys(texts))
        wanted = set(asked)
        query = f"SELECT path, entry FROM clips WHERE {_TEXT} IN (SELECT value FROM json_each(?))"
        with self._lock:
            rows = self._query(query, (json.dumps(asked),)).fetchall() if asked else []
            return self._gathered(rows, lambda e: getattr(e, "text", None) in wanted)

    def _gathered(self, rows: list[tuple[str, str]], matches: Callable[[E], bool]) -> list[E]:
        """The entries of `rows` (path, JSON) not since changed, and the pending changes
        that `matches`, in path order (called under the lock)."""
        found: dict[str, E] = {}
        for path, raw in rows:
            if path not in self._changed:
                entry = self._entry(path, raw)
                if entry is not None:
                    found[path] = entry
        for path, changed in self._changed.items():
            if changed is not None and matches(changed):
                found[path] = changed
        return [found[path] for path in sorted(found)]

    def _known(self, path: str) -> E | None:
        """The entry at `path` already read (by `prefetch`, or asked for)."""
        found = self._read.get(path)
        if found is not None:
            self._read.move_to_end(path)  # the last asked for, the last forgotten
            return found
        fetched = self._fetched.get(path)
        return None if fetched is None or isinstance(fetched, str) else fetched

    def _entry(self, path: str, raw: str) -> E | None:
        """The entry a row's JSON holds (the one read already, if any); None, the row left
        out as damaged, where it holds none (its deletion kept for the next commit)."""
        known = self._known(path)
        if known is not None:
            return known
        try:
            doc = json.loads(raw)
            if not isinstance(doc, dict):
                raise ValueError(f"an entry is not a clip's record: {type(doc).__name__}")
            # Its field names shared with every other entry's, as one JSON document's are
            # (json's decoder shares a document's keys).
            return self._parse({intern(k): v for k, v in doc.items()}, path)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
            self._changed[path] = None  # left out (before it is told: the store looks again)
            self._count -= 1
            # What the row's own columns say of its clip, whatever its entry holds.
            row = self._query("SELECT key, bytes FROM clips WHERE path = ?", (path,)).fetchone()
            found = {} if row is None else {"key": row[0], "bytes": row[1]}
            self._damaged(path, e, {"path": path, **found})
            return None

    def _exists(self, path: str) -> bool:
        """Whether an entry is at `path` (its row not read)."""
        if path in self._changed:
            return self._changed[path] is not None
        if path in self._read or path in self._fetched:
            return True
        found = self._query("SELECT 1 FROM clips WHERE path = ?", (path,)).fetchone()
        return found is not None

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and self.get(path) is not None

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        for path, _ in self.ordered():
            yield path

    def ordered(
        self, *, adopted: bool = False, skipping: Iterable[str] = ()
    ) -> Iterator[tuple[str, E]]:
        """Every entry by path, in path order (`adopted`: only those with an `origin`),
        pending changes included, read a row at a time; those at `skipping` (in path
        order) not parsed."""
        query = "SELECT path, entry FROM clips" + (" WHERE adopted = 1" if adopted else "")
        with self._lock:
            changed = dict(self._changed)
        rows: Iterator[tuple[str, str | None, E | None]] = (
            (path, raw, None)
            for path, raw in self._query(query + " ORDER BY path")
            if path not in changed
        )
        kept = sorted(
            (path, None, entry)
            for path, entry in changed.items()
            if entry is not None and (not adopted or getattr(entry, "origin", None) is not None)
        )
        merged = heapq.merge(rows, kept, key=itemgetter(0))
        for path, raw, entry in besides(merged, iter(skipping), itemgetter(0)):
            if raw is not None:  # else a change not yet committed
                with self._lock:
                    entry = self._entry(path, raw)
            if entry is not None:
                yield path, entry

    def __setitem__(self, path: str, entry: E | None) -> None:
        """Set the entry at `path` (None: delete it, KeyError where there is none)."""
        with self._lock:
            there = self._exists(path)
            if entry is None and not there:
                raise KeyError(path)
            self._count += (entry is not None) - there
            self._read.pop(path, None)
            self._fetched.pop(path, None)
            self._changed[path] = entry

    def __delitem__(self, path: str) -> None:
        self[path] = None

    def take(self) -> dict[str, E | None]:
        """The changes since the last `take`, to `write`."""
        with self._lock:
            changed, self._changed = self._changed, {}
        return changed

    def write(self, changed: Mapping[str, E | None], *, wait: float | None = None) -> None:
        """Write `changed` (`take`) in one transaction, waiting up to `wait` seconds for
        another process; on failure they are kept for the next write."""
        if not changed:
            return
        rows = [_row(self._dump(e)) for e in changed.values() if e is not None]
        gone = [(path,) for path, entry in changed.items() if entry is None]
        try:
            db = connect(self._path, write=True, wait=wait)
            try:
                db.execute("BEGIN IMMEDIATE")
                db.execute(_TEXT_INDEX)
                db.executemany("DELETE FROM clips WHERE path = ?", gone)
                db.executemany("INSERT OR REPLACE INTO clips VALUES (?, ?, ?, ?, ?, ?)", rows)
                db.execute("COMMIT")
            finally:
                db.close()  # a cut transaction is rolled back: its journal stays for the next
        except BaseException as e:
            with self._lock:
                for path, entry in changed.items():
                    self._changed.setdefault(path, entry)
            if isinstance(e, sqlite3.Error):
                raise os_error(e, self._path) from e
            raise


def besides(items: Iterable[T], skipping: Iterator[str], path: Callable[[T], str]) -> Iterator[T]:
    """Those of `items` (in the order of their `path`) whose path `skipping` (in path
    order) does not name. SQLite orders text as Python does, by code point."""
    skip = next(skipping, None)
    for item in items:
        at = path(item)
        while skip is not None and skip < at:
            skip = next(skipping, None)
        if skip != at:
            yield item
