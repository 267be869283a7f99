"""What a check of a file recorded, and when a run may trust it instead of hashing again.

Why a `Stamp` can be trusted: docs/models.md, "What a run trusts". A file hashed in this
process is remembered by its stamp (`sha256_of`), so one run hashes a model at most once.

The records are small JSON files the tool writes (a pulled model's `.verified.json`, the
rewritten Kokoro model's record in the cache folder), read as any file the tool did not
make this run: at most `RECORD_LIMIT` bytes of a regular file that is no symbolic link
(store/files.py's bounded read), each entry checked for its types. A record that is
anything else (a named pipe, a link to a device, nested brackets, wrong types, not UTF-8)
is no record: nothing is trusted, and the files are hashed again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..store.files import read_bounded, write_atomic

RECORD_LIMIT = 1 << 20
"""The largest record read (1 MiB: a model of a thousand files); a bigger one is damaged."""
RECORD_VERSION = 2
"""Version 1 recorded size and mtime only, which a hostile edit can keep: not trusted."""

_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Stamp:
    """What a file's metadata says of its bytes: any write changes it."""

    size: int
    mtime_ns: int
    ctime_ns: int
    """Set by the system at every change of the file; no call sets it back."""
    ino: int
    dev: int

    @classmethod
    def of(cls, path: Path) -> Stamp:
        """The stamp of the file at `path` (symbolic links followed); OSError as stat."""
        st = path.stat()
        return cls(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)

    @classmethod
    def from_json(cls, entry: Mapping[str, Any]) -> Stamp | None:
        """The stamp an entry of a record holds, or None where a value is missing or of
        another type."""
        values: list[Any] = [entry.get(f.name) for f in dataclasses.fields(cls)]
        if any(type(value) is not int for value in values):  # bool is no size, a float no inode
            return None
        return cls(*values)

    def as_json(self) -> dict[str, int]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Checked:
    """One file's check: its sha256 and the stamp it had when hashed."""

    sha256: str
    stamp: Stamp

    def vouches_for(self, path: Path) -> bool:
        """Whether the file at `path` is still the file that was hashed."""
        try:
            return Stamp.of(path) == self.stamp
        except OSError:
            return False


@dataclass(frozen=True)
class Record:
    """A record file: the checked files by name, and what it says of them (`about`: the
    model's name, what a derived file was made from)."""

    files: dict[str, Checked]
    about: dict[str, str]


NO_RECORD = Record({}, {})


def read_record(path: Path) -> Record:
    """The record at `path`, or NO_RECORD when it is absent or anything but a record."""
    try:
        raw = read_bounded(path, RECORD_LIMIT)
        doc = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return NO_RECORD
    if not isinstance(doc, dict) or doc.get("version") != RECORD_VERSION:
        return NO_RECORD
    files: dict[str, Checked] = {}
    entries = doc.get("files")
    if not isinstance(entries, dict):
        return NO_RECORD
    for name, entry in entries.items():
        if not isinstance(entry, dict):
            continue
        sha, stamp = entry.get("sha256"), Stamp.from_json(entry)
        if isinstance(sha, str) and _HEX64.fullmatch(sha) and stamp is not None:
            files[name] = Checked(sha, stamp)
    about = {k: v for k, v in doc.items() if isinstance(v, str)}
    return Record(files, about)


def write_record(path: Path, files: Mapping[str, Checked], about: Mapping[str, str]) -> None:
    """Write the record at `path` atomically (a reader sees the old one or the new one);
    OSError as the file system raises it (read-only, full)."""
    doc: dict[str, Any] = {**about, "version": RECORD_VERSION}
    doc["files"] = {
        name: {"sha256": c.sha256, **c.stamp.as_json()} for name, c in sorted(files.items())
    }
    write_atomic(path, (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode("utf-8"))


def checked(path: Path, sha256: str) -> Checked:
    """`path` recorded as holding `sha256` now (OSError when it is gone)."""
    return Checked(sha256, Stamp.of(path))


def derived(record_path: Path, source_sha256: str, *paths: Path) -> Record | None:
    """The record at `record_path` of files made from the file of `source_sha256` (a
    rewritten or cut model), when it says so and each of `paths` holds the bytes it
    records (`holds`); else None: they are to be made again."""
    found = read_record(record_path)
    if found.about.get("derived_from") != source_sha256:
        return None
    for path in paths:
        entry = found.files.get(path.name)
        if entry is None or not holds(path, entry.sha256, record_path):
            return None
    return found


_HASHED: dict[Stamp, str] = {}
_HASHED_LOCK = threading.Lock()


def sha256_of(path: Path, recorded: Callable[[Path], str | None] = lambda _: None) -> str:
    """The sha256 of the file at `path`, hashed unless this process hashed the same file,
    unchanged, before, or `recorded` vouches for it; OSError as open raises it."""
    before = Stamp.of(path)
    with _HASHED_LOCK:
        known = _HASHED.get(before)
    if known is not None:
        return known
    sha = recorded(path)
    if sha is None:
        with path.open("rb") as f:
            sha = hashlib.file_digest(f, "sha256").hexdigest()
    if Stamp.of(path) == before:  # not written while it was read
        with _HASHED_LOCK:
            _HASHED[before] = sha
    return sha


def trusted_sha256(path: Path, record: Record) -> str | None:
    """The sha256 `record` holds for `path` (by its name), when the file is still the one
    that was hashed; else None (it must be hashed to be known)."""
    entry = record.files.get(path.name)
    if entry is not None and entry.vouches_for(path):
        return entry.sha256
    return None


def holds(path: Path, sha256: str, record_path: Path) -> bool:
    """Whether the file at `path` holds the bytes of `sha256`: by the record at
    `record_path` when the file is unchanged since it was recorded, else by hashing it
    (then recorded there, where the folder takes it; the record's other entries kept).
    A derived file (a joined model, an assembled one) is checked this way before use."""
    found = read_record(record_path)
    if trusted_sha256(path, found) == sha256:
        return True
    try:
        before = Stamp.of(path)
        if sha256_of(path) != sha256:
            return False
        if Stamp.of(path) == before:
            with contextlib.suppress(OSError):
                files = {**found.files, path.name: Checked(sha256, before)}
                write_record(record_path, files, found.about)
    except OSError:
        return False
    return True
