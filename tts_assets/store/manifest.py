"""Where clips live: staged in `.temp-audio/`, renamed into the out dir, listed in a manifest.

A clip is only ever visible under its final name once it is complete: its bytes are
written and fsynced in the staging folder, then renamed into place. The manifest
(`<out-dir>/manifest.json`) records what exists; a run trusts a file only when the
manifest lists it with the same size, never on mere existence, so a file left by a
crash between rename and manifest write is simply made again.

Where each file goes is `layout.py`'s to say.

Each field of an entry belongs to the manifest version that added it (`FIELDS_ADDED`). A
tts-assets reads every version up to its own and refuses a newer one as newer ("upgrade
tts-assets"), touching nothing; a field it does not know in a version it reads is damage.
So a new field comes with a new version, or the tool before it would call the manifests
of the tool after it damaged and advise a rebuild. To add a field (docs/design.md, "The
manifest's versions"):

1. add it to `StoredClip`, with a default (None: older entries leave it out) and a
   docstring;
2. add the next version to `FIELDS_ADDED`, naming it (`MANIFEST_VERSION` follows); a
   version that reached main is never changed, fields added together share one;
3. pin the new version in `tests/unit/store/test_manifest_versions.py`, which fails
   whenever the fields change without a new version.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import MISSING, asdict, dataclass, fields, replace
from itertools import repeat
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from ..audio.settings import FORMATS
from ..errors import InputError, MachineFault, machine_fault
from . import shared
from .database import (
    DATABASE_ENV,
    DATABASE_NAME,
    STUB_VERSION,
    Rows,
    besides,
    database_from,
    named,
    opened,
    probe_write,
    put_in_place,
    set_by_env,
    stub,
)
from .files import (
    READ_LIMIT,
    check_writable,
    not_regular,
    read_bounded,
    read_regular,
    write_atomic,
)
from .layout import (
    MADE_PREFIX,
    MANIFEST_NAME,
    SCRATCH_SUFFIX,
    STAGED_SUFFIX,
    clip_file,
    ignore_staging,
    is_clip_path,
    key_of,
    leave_staging,
    made_journal,
    made_journals,
    staged_name,
    track_paths,
)
from .lock import alive
from .records import damage

FIELDS_ADDED: Mapping[int, tuple[str, ...]] = {
    1: (
        "key",
        "path",
        "text",
        "provider",
        "voice",
        "duration",
        "bytes",
        "sha256",
        "lang",
        "measures",
        "spoken",
        "phonemes",
        "reading",
        "verdict",
        "note",
        "sets",
        "origin",
        "listened",
    ),
    2: ("also_from", "device"),
    3: ("timings",),
    4: ("accent",),
    5: ("pitch",),
    6: ("tempo",),
}
"""The fields of an entry each manifest version added (module docstring: how to add one)."""

MANIFEST_VERSION = max(FIELDS_ADDED)
"""The version this tts-assets writes, and the newest it reads."""

WRITTEN_EARLY: Mapping[int, tuple[str, ...]] = {1: ("also_from", "device")}
"""Fields the builds before a version wrote under an older one: tts-assets up to da34df4
wrote `also_from` and `device` into version 1 manifests, which are read as they are."""

MANIFEST_LIMIT = 1 << 30
"""The largest manifest read (1 GiB): a bigger file, a device or a pipe in its place is
damaged, refused unread. A flush past it moves the manifest into a database."""

FLUSH_SHARE = 10  # a periodic flush waits 10 times what the last took (a JSON one is whole)

PROBE_BYTES = 1 << 16
"""What the check before a run writes in the staging folder: a disk that cannot take
this cannot take a clip."""


class NewerManifest(InputError):
    """The manifest was written by a newer tts-assets: this one must not rewrite it."""


@dataclass(frozen=True)
class StoredClip:
    """One manifest entry: a complete, validated audio file under the out dir."""

    key: str
    """Content key (hash of everything that changes the sound)."""
    path: str
    """Path relative to the out dir, with forward slashes."""
    text: str
    """The spoken text."""
    provider: str
    """The provider that made it; empty for an adopted clip (who made it is not known)."""
    voice: str
    """Its voice; empty for an adopted clip."""
    duration: float
    """Seconds of audio."""
    bytes: int
    """File size; resume checks it against the file on disk."""
    sha256: str
    lang: str | None = None
    """The language it was spoken in (the text's field's); None in older manifests."""
    measures: Mapping[str, Any] | None = None
    """What its audio measures (`review.ClipMeasures.as_manifest()`); None: not recorded."""
    spoken: str | None = None
    """The form given to the engine (the text, or the kana a misread word was said as)."""
    phonemes: str | None = None
    """The exact phonemes spoken, for a provider that takes phonemes (Kokoro)."""
    reading: str | None = None
    """What the readings engine decided is said, in kana (Japanese texts with a reading)."""
    verdict: str | None = None
    """The readings engine's verdict: agree, disagree, unusable, override, bare."""
    note: str | None = None
    """The verdict's message for a teacher, when there is one."""
    sets: tuple[str, ...] | None = None
    """The content sets (`content_set_id`) that needed it when they last ran (prune
    deletes only its own set's); None: not recorded (`UNRECORDED`)."""
    origin: str | None = None
    """The URL the content held for an adopted clip (`adopt`), None for one tts-assets
    made. An adopted clip records only what is known of it: no provider, voice, phonemes."""
    also_from: tuple[str, ...] | None = None
    """Other URLs the content held for the same text where the clip was adopted:
    write-back gives them the clip's URL too."""
    device: str | None = None
    """Where its model ran ("cpu", "cuda"); never part of the content key."""
    listened: Mapping[str, Any] | None = None
    """The listening check's verdict on these bytes (`listening.verdict`); None: not heard."""
    timings: Mapping[str, Any] | None = None
    """When each word is said, in ms of this file (`readings.words.ClipTimings`), or why
    there are none (`{"none": why}`)."""
    accent: Mapping[str, Any] | None = None
    """What `verify --accent` heard of these bytes' Japanese accent; None: not heard."""
    pitch: Mapping[str, Any] | None = None
    """The Japanese pitch accent it was told (`readings.accent`: `pattern`, `kana`, `from`,
    `note`); None: the model's own pitch."""
    tempo: float | None = None
    """A twin's tempo: its text's clip stretched to it (0.6: a slow twin); None: as spoken."""


_REQUIRED = frozenset(f.name for f in fields(StoredClip) if f.default is MISSING)


def fields_of(version: int) -> frozenset[str]:
    """The fields an entry of a manifest of `version` may hold (those of every version up
    to it, and what builds before the next one wrote early)."""
    names = {name for v, added in FIELDS_ADDED.items() if v <= version for name in added}
    return frozenset(names.union(WRITTEN_EARLY.get(version, ())))


class DamagedRecord(ValueError):
    """A manifest record with a field the tool never writes so (`records.damage`), or a key
    its path does not name: left out, its clip recorded again from a file that holds the
    bytes it records (`commands.recovered`), else made again."""

    def __init__(self, where: str, why: str, entry: Mapping[str, Any] | None = None) -> None:
        super().__init__(f"{where}: {why}")
        self.where = where
        """The record's clip path, or its place in the list ("clips › [3]")."""
        self.why = why
        self.entry: Mapping[str, Any] = entry or {}
        """The record as the manifest holds it."""
        self.file: str | None = None
        """The clip path whose file holds the bytes it records (`Store._vouched`)."""
        self.unsure: str | None = None
        """Where its `sha256` cannot be read: the clip path it names, when that file is
        there (trusted only as `rebuild-manifest` trusts a file)."""
        self.recovered: str | None = None
        """The clip path recorded again from its file by this run (`commands.recovered`)."""

    def note(self, manifest: Path) -> str:
        """What is wrong with this record and what happens to its clip, in one line."""
        said = f"{manifest}: the record of {self.where} is damaged ({self.why}); it is left out"
        if self.recovered is not None:
            how = "the bytes it records" if self.file == self.recovered else "a good clip"
            return (
                f"{said}, and its clip was recorded again from its file {self.recovered} "
                f"({how}), as rebuild-manifest records it: nothing synthesized or billed"
            )
        if self.file is not None:
            return (
                f"{said}; its file {self.file} holds the bytes it records: tts-assets "
                "generate records it again from the file, nothing synthesized or billed"
            )
        return f"{said}, and tts-assets generate makes its clip again"


def _from_manifest(entry: dict[str, Any], known: frozenset[str], place: str = "") -> StoredClip:
    """The StoredClip a manifest entry (a JSON object) of `known` fields records;
    ValueError if it is not one, DamagedRecord (named by its path, else `place`) if a field
    holds what the tool never writes there. The checked dict becomes the clip's attributes
    as it is: every command reads every entry, and `__init__` would cost more."""
    if not isinstance(entry, dict) or not _REQUIRED <= entry.keys() <= known:
        found = sorted(entry) if isinstance(entry, dict) else type(entry).__name__
        raise ValueError(f"an entry is not a clip's record: {found}")
    path, key = entry["path"], entry["key"]
    why = damage(entry)
    if why is None and key_of(path) != key and is_clip_path(path):  # cheaper test first
        why = f"key: {key!r} is not the key its path names"
    if why is not None:
        raise DamagedRecord(path if isinstance(path, str) and path else place, why, entry)
    for name in ("sets", "also_from"):
        if entry.get(name) is not None:
            entry[name] = tuple(entry[name])
    clip: StoredClip = object.__new__(StoredClip)
    object.__setattr__(clip, "__dict__", entry)
    return clip


def _parsed(entry: object, version: int = MANIFEST_VERSION) -> StoredClip | None:
    """The StoredClip a JSON object of a manifest of `version` records, None where it
    records none (damaged, another version's, or a line a crash cut)."""
    try:
        return _from_manifest(entry, fields_of(version))  # type: ignore[arg-type]
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


UNRECORDED = "unrecorded"
"""How prune names the content set of a clip whose manifest entry records none."""


def owners(clip: StoredClip) -> tuple[str, ...]:
    """The content sets a clip serves, `(UNRECORDED,)` when its entry records none."""
    return (UNRECORDED,) if clip.sets is None else clip.sets


def only_for(entry: StoredClip, own: str) -> bool:
    """Whether `entry` serves no content set but `own` (or records none): prune of `own`
    deletes it once nothing needs it; verify calls it unused then."""
    return set(owners(entry)) <= {own, UNRECORDED}


def with_sets(clip: StoredClip, sets: frozenset[str]) -> StoredClip:
    """`clip` serving exactly `sets` (kept in sorted order: manifests compare equal)."""
    if sets == {UNRECORDED}:
        return replace(clip, sets=None)
    return replace(clip, sets=tuple(sorted(sets)))


class Held(dict[str, StoredClip]):
    """A JSON manifest's entries by clip path, held whole, asked as `database.Rows` are."""

    _keys: dict[str, list[StoredClip]] | None = None

    def ordered(
        self, *, adopted: bool = False, skipping: Iterable[str] = ()
    ) -> Iterator[tuple[str, StoredClip]]:
        """Every entry by path, in path order (`adopted`: only those with an `origin`), but
        those at `skipping` (paths in path order)."""
        pairs = (p for p in sorted(self.items()) if not adopted or p[1].origin is not None)
        return besides(pairs, iter(skipping), itemgetter(0))

    def of_key(self, key: str) -> list[StoredClip]:
        if self._keys is None:
            self._keys = {}
            for clip in self.values():
                self._keys.setdefault(clip.key, []).append(clip)
        return self._keys.get(key, [])

    def of_texts(self, texts: Iterable[str]) -> list[StoredClip]:
        wanted = set(texts)
        return sorted((c for c in self.values() if c.text in wanted), key=attrgetter("path"))

    def prefetch(self, keys: Iterable[str]) -> None:
        """Nothing to read: every entry is held."""


class Store:
    """The out dir, its staging folder and its manifest."""

    def __init__(self, out_dir: Path, temp_dir: Path, *, load: bool = True) -> None:
        """The store of `out_dir`, its manifest read unless `load` is False (rebuilding it).
        A wrong `database.DATABASE_ENV` is refused here, before a run makes a clip."""
        database_from()
        self.out_dir = out_dir
        self.temp_dir = temp_dir
        self.manifest_path = out_dir / MANIFEST_NAME
        self._clips: Held | Rows[StoredClip] = Held()
        self.database: Path | None = None
        """The database the manifest is in, when it is one (`database`)."""
        self.serving: str | None = None
        """The content set this run is for: clips it stores or finds present serve it
        (`claim`). None: record no set (merge)."""
        self.unfetched: list[str] = []
        """Clip paths `is_present` found to be Git LFS pointers, not audio."""
        self.damaged: list[DamagedRecord] = []
        """The manifest's records left out as damaged (`damage_notes` tells why)."""
        self._root = os.fspath(out_dir)
        # put() runs in worker threads while flush() runs on the event loop: changes are
        # counted under a lock, so a put made during a flush is never marked as written.
        self._lock = threading.Lock()
        self._changes = 0
        self._written = 0
        self._last_flush = 0.0
        self._flush_took = 0.0  # how long the last flush took (FLUSH_SHARE)
        self.manifest_stamp = self._manifest_stat()
        """The manifest file's (mtime in ns, size) as last read or written; None: none."""
        self._journal: Path | None = None
        """Where this store notes each clip it puts in place before the manifest lists it
        (`made_journal`): proof it made the file, should the run be killed."""
        self._unrecorded: set[str] = set()
        """Clips noted in the journal, not yet in a written manifest."""
        self.moved: list[str] = []
        """The note on the move of this store's JSON manifest into a database (`flush`)."""
        self.foretold = False
        """Whether `moving_note` said the move before a flush made it."""
        self._recovered: set[str] = set()
        """Clips taken back from killed runs' journals, not yet in a written manifest."""
        self._restub: str | None = None
        """The note on a database whose stub is missing or replaced: the next flush
        writes the stub."""
        if load:
            self._load()
            self._recover()

    def _manifest_stat(self) -> tuple[int, int] | None:
        try:
            st = (self.database or self.manifest_path).stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def changed_on_disk(self) -> bool:
        """Whether another process rewrote the manifest since this store read it."""
        return self._manifest_stat() != self.manifest_stamp

    def _load(self) -> None:
        """Read the manifest: a JSON one, or the database its stub names."""
        if os.path.lexists(self.out_dir / DATABASE_NAME):
            self._load_beside()
            return
        before = shared.identity(self.manifest_path)  # with sets: read once (`shared`)
        if (read := shared.records(self.manifest_path, before)) is not None:
            self._clips = Held(read)
            self._changes += _database_due(len(read))
            return
        raw = self._read_json()
        try:
            doc: Any = None if raw is None else json.loads(raw)
            if named(doc):
                self._rows(*self._opened(doc))
            elif raw is not None:
                version = self._json_version(doc)
                self._records(doc["clips"], fields_of(version))
                if not self.damaged:  # a damaged record's file is looked for again each time
                    shared.keep(self.manifest_path, before, self._clips)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
            raise self._damaged(_said(e)) from None

    def _load_beside(self) -> None:
        """Read the database beside `manifest.json`: it is the manifest whatever that
        holds (the move is one way). Where the stub is missing or a JSON manifest stands in
        its place, the JSON's records whose files hold their bytes are taken in and the
        next flush puts the stub back, said in a note; anything else there is refused."""
        try:
            raw = self._read_json()
        except InputError:
            if self.manifest_path.is_file():
                raise
            raw = b""  # a folder, a device, a loop of links: no stub, refused below
        try:
            doc: Any = None if raw is None else json.loads(raw)
            version = 0 if raw is None or named(doc) else self._json_version(doc)
        except (ValueError, AttributeError, RecursionError):
            doc, version = None, 0
        if raw is not None and not named(doc) and not (version and "clips" in doc):
            raise InputError(
                f"{self.manifest_path}: neither a manifest nor the stub of the database "
                f"manifest {self.out_dir / DATABASE_NAME} beside it; move it away (the next "
                "write puts the stub back)"
            )
        try:
            self._rows(*self._opened(doc if named(doc) else None))
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
            raise self._damaged(_said(e)) from None
        if named(doc):
            return
        why = "is missing"
        if version:
            entries = doc["clips"] if isinstance(doc["clips"], list) else []
            taken = len(self._take_back(filter(None, map(_parsed, entries, repeat(version)))))
            why = (
                f"is a JSON manifest (version {version}) where the stub of the database "
                f"belongs (a checkout from before the move, or a move cut short); {taken:,} "
                "of its records, whose files hold their bytes, are taken into the database"
            )
        self._restub = (
            f"{self.manifest_path} {why}: {self.out_dir / DATABASE_NAME} is the manifest; "
            "the next write (generate, prune --yes, adopt, merge) puts its stub back; "
            "nothing is deleted, nothing made again"
        )
        self._changes += 1

    def _opened(self, stub: Any) -> tuple[sqlite3.Connection, int]:
        """The database a stub names (the default one where `stub` is None) and its fields."""
        return opened(
            self.out_dir,
            stub if stub is not None else {"version": STUB_VERSION, "database": DATABASE_NAME},
            lambda v: NewerManifest(self._newer(v)),
            MANIFEST_VERSION,
        )

    def _read_json(self) -> bytes | None:
        """The bytes of `manifest.json`, None when there is none; InputError where it
        cannot be read (a device, a folder in its way)."""
        try:
            return read_regular(self.manifest_path, MANIFEST_LIMIT)
        except FileNotFoundError:
            return None
        except OSError as e:
            if e.errno in (errno.EINVAL, errno.EFBIG, errno.ELOOP):
                raise self._damaged(not_regular(e)) from None
            if e.errno == errno.ENOTDIR:
                raise in_the_way(self.manifest_path) from None
            raise InputError(f"{self.manifest_path}: cannot read the manifest ({e})") from None

    def _json_version(self, doc: Any) -> int:
        """The version of a JSON manifest's document; NewerManifest above this tool's,
        ValueError where it names none."""
        version = doc.get("version")
        if isinstance(version, int) and version > MANIFEST_VERSION:
            raise NewerManifest(self._newer(version))
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ValueError(f"unknown manifest version {version!r}")
        return version

    def _take_back(self, clips: Iterable[StoredClip]) -> set[str]:
        """Record those of `clips` (of any path, the latest last) whose files hold their
        bytes where this store's record of the path does not (the file holds one of the
        two): a clip recorded elsewhere is never made, nor billed, again. The paths taken."""
        found: dict[str, list[StoredClip]] = {}
        for clip in clips:
            held = self._clips.get(clip.path)
            if held is None or not _same(held, clip):
                found.setdefault(clip.path, []).append(clip)
        taken = set()
        for rel, candidates in found.items():
            path, held = self.clip_file(rel), self._clips.get(rel)
            if held is not None and holds(path, held):
                continue
            latest = next((c for c in reversed(candidates) if holds(path, c)), None)
            if latest is not None:
                self._clips[rel] = latest
                taken.add(rel)
        self._changes += len(taken)
        return taken

    def _records(self, entries: Iterable[Any], known: frozenset[str]) -> None:
        """Take the records of a JSON manifest's `entries` (its version's fields `known`),
        each damaged one left out (ValueError when none can be read)."""
        damaged = []
        for n, entry in enumerate(entries):
            try:
                clip = _from_manifest(entry, known, f"clips › [{n}]")
            except DamagedRecord as e:
                damaged.append(e)
            else:
                self._clips[clip.path] = clip
        if damaged and not self._clips:
            # Nothing in it can be read: a damaged manifest, rebuilt without synthesis.
            raise ValueError(f"{damaged[0]}; no record can be read")
        self._changes += _database_due(len(self._clips))  # moved by the next flush, once
        for record in damaged:  # its file looked for once every sound record is known
            self._left_out(record)

    def _left_out(self, record: DamagedRecord) -> None:
        """Leave out a damaged record (the next manifest written leaves it out), its file
        looked for (`_vouched`): of a JSON manifest as it is read, of a database's as its
        row is (by what the row's own columns say, where its entry holds no record)."""
        with self._lock:
            self.damaged.append(record)
            self._changes += 1
        self._vouched(record)

    def _rows(self, db: sqlite3.Connection, fields: int) -> None:
        """The entries of the database `db` (of version `fields`), read as asked for."""
        known = fields_of(fields)
        rows = Rows(
            db,
            lambda e, rel: _from_manifest(e, known, rel),
            asdict,
            lambda rel, e, row: self._left_out(
                e if isinstance(e, DamagedRecord) else DamagedRecord(rel, str(e), row)
            ),
        )
        with self._lock:
            self._clips, self.database = rows, self.out_dir / DATABASE_NAME
        self.manifest_stamp = self._manifest_stat()

    def _newer(self, version: int) -> str:
        return (
            f"{self.manifest_path}: written by a newer tts-assets (manifest version "
            f"{version}; this one reads {MANIFEST_VERSION}); upgrade tts-assets "
            "(pip install -U tts-assets)"
        )

    def damage_notes(self) -> list[str]:
        """A line per damaged record (`damaged`): which, what is wrong, what happens;
        first, where the stub of a database manifest is missing or replaced (`restub`)."""
        restub = [] if self._restub is None else [self._restub]
        return restub + [e.note(self.manifest_path) for e in self.damaged]

    def moving_note(self, adding: int = 0) -> list[str]:
        """The note on a JSON manifest that a flush moves into a database once it holds
        the `adding` clips a plan makes too (by the default line, or past
        `MANIFEST_LIMIT`): the move is one way, so a team hears of it first."""
        held = len(self._clips)
        clips = held + adding
        if self.database is not None or not clips:
            return []
        size = self.manifest_stamp[1] if self.manifest_stamp is not None and held else 0
        if size * clips > MANIFEST_LIMIT * held:
            why = f"some {size * clips // held // 2**20:,} MiB as JSON, past the 1 GiB a run reads"
        elif not set_by_env() and _database_due(clips):
            why = f"{database_from():,} or more"
        else:
            return []
        once = f" once the {adding:,} missing are made" if adding else ""
        self.foretold = True
        return [
            f"{self.manifest_path}: {clips:,} clips{once}, {why}: the next write of it "
            "(generate, prune --yes, adopt, merge, rebuild-manifest) moves it into "
            f"{DATABASE_NAME}, "
            "read a clip at a time; a tts-assets older than this one then refuses the out dir "
            f"(upgrade it on every machine), and {DATABASE_ENV} set above the course's clips "
            "keeps it one JSON file up to 1 GiB"
        ]

    def _vouched(self, record: DamagedRecord) -> None:
        """Find the file a damaged record is of (`DamagedRecord.file`, `.unsure`): one its
        key names, in any type folder, else its path; never one a sound record lists."""
        entry = record.entry
        path, key, digest = entry.get("path"), entry.get("key"), entry.get("sha256")
        named = self._files_of(key) if isinstance(key, str) else []
        if isinstance(path, str) and is_clip_path(path) and path not in named:
            named.append(path)
        for rel in named:
            if rel in self._clips and self._clips[rel].key == key_of(rel):
                continue  # a sound record's file: this one is not its
            found = self.clip_file(rel)
            if found is None or not found.is_file():
                continue
            if not isinstance(digest, str):
                record.unsure = record.unsure or rel
            elif _hashes_to(found, digest):
                record.file = rel
                return

    def _files_of(self, key: str) -> list[str]:
        """The clip files named by content key `key`, in any type folder of the out dir."""
        try:
            folders = [f.name for f in os.scandir(self.out_dir) if f.is_dir()]
        except OSError:
            return []
        return [
            rel
            for folder in sorted(folders)
            for ext in FORMATS
            if is_clip_path(rel := f"{folder}/{key}.{ext}") and os.path.lexists(self.file(rel))
        ]

    def vouching(self, rel_path: str, key: str) -> DamagedRecord | None:
        """The damaged record, not yet recovered, that vouches for the clip file at
        `rel_path` of `key`; else a record of `key` at another path, with no file there,
        that records this file's bytes (left out as damaged from now on); else, where no
        record lists the file, one that stands for it by its name alone (`unsure`)."""
        for record in self.damaged:
            if record.recovered is None and rel_path in (record.file, record.unsure):
                return record
        path = self.clip_file(rel_path)
        if path is None or not os.path.isfile(path):
            return None  # the usual new clip: nothing to recover
        for other in self._clips.of_key(key):
            if (
                other.path != rel_path
                and self._clips.get(other.path) == other
                and not os.path.lexists(self.file(other.path))
                and _hashes_to(path, other.sha256)
            ):
                why = f"path: names no file; the file of its key is {rel_path}"
                record = DamagedRecord(other.path, why, asdict(other))
                record.file = rel_path
                self.drop(other.path, delete=False)
                break
        else:
            named = (rel_path in (r.where, r.entry.get("path")) for r in self.damaged)
            if self._clips.get(rel_path) is not None or any(named):
                return None
            why, entry = "missing: no record lists its file", {"path": rel_path, "key": key}
            record = DamagedRecord(rel_path, why, entry)  # a record deleted
            record.unsure = rel_path
        self.damaged.append(record)
        return record

    def _damaged(self, why: str) -> InputError:
        return InputError(
            f"{self.manifest_path}: not a tts-assets manifest ({why}); run tts-assets "
            "rebuild-manifest (it rebuilds it from the clip files, nothing is synthesized)"
        )

    def __iter__(self) -> Iterator[StoredClip]:
        return self.besides(())

    def __len__(self) -> int:
        return len(self._clips)

    def besides(self, skipping: Iterable[str]) -> Iterator[StoredClip]:
        """Every entry in path order but those at `skipping` (paths in path order)."""
        return (clip for _, clip in self._clips.ordered(skipping=skipping))

    def get(self, rel_path: str) -> StoredClip | None:
        return self._clips.get(rel_path)

    def of_texts(self, texts: Iterable[str]) -> list[StoredClip]:
        """The entries whose text is among `texts`, in path order."""
        return self._clips.of_texts(texts)

    def file(self, rel_path: str) -> Path:
        return self.out_dir / rel_path

    def read(self, rel_path: str) -> bytes | str:
        """The bytes of the file at `rel_path`, or why they cannot be read (never waits
        on a pipe)."""
        try:
            return read_regular(self.file(rel_path))
        except OSError as e:
            return not_regular(e)

    def clip_file(self, rel_path: str) -> Path | None:
        """The file of clip path `rel_path` in this out dir (see `clip_file`)."""
        return clip_file(self.out_dir, rel_path)

    def clip_files(self) -> dict[str, int]:
        """Every clip file on disk (relative path → bytes), without following symlinks."""
        found: dict[str, int] = {}
        try:
            folders = list(os.scandir(self.out_dir))
        except (FileNotFoundError, NotADirectoryError):
            return found
        for folder in folders:
            if not folder.is_dir(follow_symlinks=False):
                continue
            with os.scandir(folder.path) as files:
                for entry in files:
                    rel = f"{folder.name}/{entry.name}"
                    if entry.is_file(follow_symlinks=False) and is_clip_path(rel):
                        found[rel] = entry.stat(follow_symlinks=False).st_size
        return dict(sorted(found.items()))

    def origins(self) -> frozenset[str]:
        """The URLs adopted clips came from (`StoredClip.origin`): the tool's to replace."""
        found = ((c.origin, *(c.also_from or ())) for _, c in self._clips.ordered(adopted=True))
        return frozenset(url for urls in found if urls[0] for url in urls if url)

    def prefetch(self, keys: Iterable[str]) -> None:
        """Read at once the entries of the clips of content `keys`, which a plan is about
        to ask of (a database manifest reads each entry from disk, `database.Rows`)."""
        self._clips.prefetch(keys)

    def is_listed(self, rel_path: str, key: str) -> bool:
        """True when the manifest lists this file with this key (the file not looked at)."""
        clip = self._clips.get(rel_path)
        return clip is not None and clip.key == key

    def is_present(self, rel_path: str, key: str) -> bool:
        """True when the manifest lists this file with this key and the file has its size."""
        clip = self._clips.get(rel_path)
        if clip is None or clip.key != key:
            return False
        try:
            if os.stat(f"{self._root}/{rel_path}").st_size == clip.bytes:  # a str path
                return True
        except OSError:
            return False
        if _lfs_pointer(f"{self._root}/{rel_path}"):
            self.unfetched.append(rel_path)
        return False

    def put(self, rel_path: str, data: bytes, clip: StoredClip) -> StoredClip:
        """Stage `data`, rename it to `rel_path` and record it (manifest written on flush).

        Its entry is journaled first: a run killed before the manifest lists it leaves
        proof that tts-assets made the file (`made_by_runs`, for prune) and the entry the
        next store takes back (`_recover`), so a paid clip is never made again. The line is
        not fsynced: a killed process's writes are the system's already."""
        target = self.file(rel_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        recorded = replace(clip, path=rel_path)
        with self._lock:
            before = self._clips.get(rel_path)
            sets = set(clip.sets or ())
            if before is not None and before.key == clip.key:
                sets.update(owners(before))
            if self.serving is not None:
                sets.add(self.serving)
            if sets or clip.sets is not None:
                recorded = with_sets(recorded, frozenset(sets))
        self._note(recorded)
        try:
            self.write(target, data)
        except BaseException:
            with self._lock:
                self._unrecorded.discard(rel_path)  # not put in place: nothing to prove
            raise
        with self._lock:
            self._clips[rel_path] = recorded
            self._recovered.discard(rel_path)
            self._changes += 1
        return recorded

    def claim(self, rel_path: str, sets: Iterable[str] | None = None) -> None:
        """Record that the clip at `rel_path` serves `sets` too (default: `serving`)."""
        if sets is None:
            # The usual call, once per clip present: most already serve this set.
            held = self._clips.get(rel_path)
            if self.serving is None or (held is not None and self.serving in (held.sets or ())):
                return
            sets = (self.serving,)
        more = frozenset(sets)
        with self._lock:
            clip = self._clips.get(rel_path)
            if clip is None or more <= set(owners(clip)):
                return
            # An entry from before sets were recorded keeps UNRECORDED: some set this run
            # does not know may use it too (prune refuses until that is settled).
            self._clips[rel_path] = with_sets(clip, more.union(owners(clip)))
            self._changes += 1

    def _note(self, clip: StoredClip) -> None:
        """Append `clip`'s entry to this store's journal (created on the first clip),
        opened for each line: a run keeps no file open for writing between clips."""
        line = json.dumps({"path": clip.path, "clip": asdict(clip)}, ensure_ascii=False)
        with self._lock:
            if self._journal is None:
                self.temp_dir.mkdir(parents=True, exist_ok=True)
                ignore_staging(self.temp_dir)
                self._journal = made_journal(self.temp_dir)
            self._unrecorded.add(clip.path)
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0)
            fd = os.open(self._journal, flags, 0o644)
            try:
                os.write(fd, (line + "\n").encode("utf-8"))  # one append
            finally:
                os.close(fd)

    def made_by_runs(self) -> set[str]:
        """The clip paths runs put in place that no manifest they wrote lists yet (their
        journals), and those damaged records name: an unlisted clip file is the tool's
        only if it is here; any other is a person's."""
        made = {rel for rel, _ in _journal_lines(*made_journals(self.temp_dir))}
        damaged = {e.where for e in self.damaged} | {e.file for e in self.damaged if e.file}
        return made | {rel for rel in damaged if is_clip_path(rel)}

    def _recover(self) -> None:
        """Take back the entries that killed runs journaled (`put`) and no manifest lists,
        where the file holds the journaled bytes: their clips were made, and are not made
        (nor billed) again. A later flush lists them; until then their journals stay
        (`clean_staging`)."""
        lines = _journal_lines(*made_journals(self.temp_dir))
        journaled = (clip for rel, raw in lines if (clip := _parsed(raw)) and clip.path == rel)
        self._recovered |= self._take_back(journaled)

    def replace(self, clip: StoredClip) -> None:
        """Record `clip` as its path's entry (the file is not touched)."""
        with self._lock:
            self._clips[clip.path] = clip
            self._changes += 1

    def forget_set(self, set_id: str) -> int:
        """Record that no clip serves the content set `set_id` any more (`UNRECORDED`: the
        entries that record no set then serve none); the number of entries changed."""
        changed = 0
        with self._lock:
            for path, clip in self._clips.items():
                mine = owners(clip)
                if set_id in mine:
                    left = frozenset(mine) - {set_id} - {UNRECORDED}
                    self._clips[path] = with_sets(clip, left)
                    changed += 1
            self._changes += changed
        return changed

    def drop(self, rel_path: str, *, delete: bool = True) -> None:
        """Forget a clip (and delete its file)."""
        with self._lock:
            self._clips.pop(rel_path, None)
            self._unrecorded.discard(rel_path)
            self._recovered.discard(rel_path)
            self._changes += 1
        if delete:
            self.file(rel_path).unlink(missing_ok=True)
            for track in track_paths(rel_path):
                self.file(track).unlink(missing_ok=True)

    def flush(self, *, at_most_every: float = 0.0) -> None:
        """Write the manifest atomically if it changed (and `at_most_every` s have passed)."""
        now = time.monotonic()
        wait = max(at_most_every, FLUSH_SHARE * self._flush_took) if at_most_every else 0.0
        if self._changes == self._written or now - self._last_flush < wait:
            if self._changes == self._written:
                self._settle_journal(set())
            return
        rows = self._clips if isinstance(self._clips, Rows) else None
        with self._lock:
            changes = self._changes
            listed = {path for path in self._unrecorded if path in self._clips}
            if rows is not None:
                pending = rows.take()
            else:
                taken = dict(self._clips)
                clips = [asdict(c) for c in sorted(taken.values(), key=lambda c: c.path)]
            recovered = set(self._recovered)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        if rows is not None:
            try:  # one transaction: the changes alone
                rows.write(pending, wait=0.0 if at_most_every else None)
            except OSError as e:
                if at_most_every and e.errno == errno.EBUSY:
                    return  # kept for a later flush: a periodic one never waits for another
                raise
            if self._restub is not None:  # missing, or a JSON manifest taken in
                self.write(self.manifest_path, stub())
                self._restub = None
        elif _database_due(len(clips)):
            self._into_database(clips, taken, f"{database_from():,} or more")
        else:
            doc = {"version": MANIFEST_VERSION, "clips": clips}
            data = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
            if len(data) > MANIFEST_LIMIT:  # past what a run reads: the next would refuse it
                del data
                self._into_database(clips, taken, "past the 1 GiB a JSON manifest is read at")
            else:
                self.write(self.manifest_path, data)
                # A database beside a JSON manifest is no manifest (its stub would name it):
                # what a move cut before its stub left, or what rebuild-manifest wrote back.
                for name in (DATABASE_NAME, f"{DATABASE_NAME}-journal"):
                    with contextlib.suppress(FileNotFoundError, IsADirectoryError):
                        (self.out_dir / name).unlink()
        self.manifest_stamp = self._manifest_stat()
        self._written = changes
        self._last_flush = now
        self._flush_took = time.monotonic() - now
        with self._lock:
            self._recovered -= recovered
        self._settle_journal(listed)

    def _into_database(
        self, clips: list[dict[str, Any]], taken: dict[str, StoredClip], why: str
    ) -> None:
        """Move a manifest of `clips` (JSON objects of the entries `taken`) into a database
        put in place, then the JSON replaced by its stub (`why`: said in `moved`). What
        workers stored meanwhile is kept for the next flush."""
        self.temp_dir.mkdir(parents=True, exist_ok=True)
        db = put_in_place(self.out_dir, clips, MANIFEST_VERSION, staged_name(self.temp_dir))
        self.write(self.manifest_path, stub())
        self.moved.append(
            f"{self.manifest_path}: {len(clips):,} clips, {why}: moved into {DATABASE_NAME} "
            "by this command, read a clip at a time from now on; a tts-assets older than this "
            "one refuses the out dir now (upgrade it on every machine)"
        )
        before = self._clips
        self._rows(db, MANIFEST_VERSION)
        with self._lock:
            rows = self._clips
            for path, clip in before.items():
                if taken.get(path) is not clip:
                    rows[path] = clip  # stored since the entries were taken
            for path in taken.keys() - before.keys():
                rows.pop(path, None)  # dropped since

    def _settle_journal(self, listed: set[str]) -> None:
        """Forget the clips of `listed` (the manifest on disk lists them now), and remove
        the journal once it has nothing left to prove."""
        with self._lock:
            self._unrecorded -= listed
            if not self._unrecorded and self._journal is not None:
                self._journal.unlink(missing_ok=True)
                self._journal = None

    def write(self, path: Path, data: bytes) -> None:
        """Replace `path` with `data` atomically, staged in this store's staging folder
        (where the next run removes what a killed one left, never beside the content)."""
        try:
            self.temp_dir.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data, temp=staged_name(self.temp_dir))
        except OSError as e:
            if e.filename is None:
                e.filename = str(path)  # a failed write names no file: the message does
            raise

    def check_writable(self, folders: Iterable[Path]) -> None:
        """Raise MachineFault when the manifest's database, the staging folder (a probe
        written there: a full disk too) or one of `folders` cannot be written."""
        try:
            if self.database is not None:
                probe_write(self.database)  # another process's open write: said now
            self.temp_dir.mkdir(parents=True, exist_ok=True)
            probe = staged_name(self.temp_dir)
            try:
                self.write(probe, bytes(PROBE_BYTES))
            finally:
                probe.unlink(missing_ok=True)
            for folder in sorted(set(folders)):
                folder.mkdir(parents=True, exist_ok=True)
                check_writable(folder)
        except OSError as e:
            if e.errno in (errno.EEXIST, errno.ENOTDIR) and e.filename is not None:
                raise in_the_way(Path(e.filename), "; nothing was synthesized") from None
            fault = machine_fault(e) or MachineFault(f"{e.filename}: {e.strerror}")
            raise MachineFault(f"{fault}; nothing was synthesized") from None

    def clean_staging(self) -> None:
        """Remove what killed runs left in the staging folder (staged files, scratch
        folders, journals done with), then the folder itself when empty."""
        if not self.temp_dir.is_dir():
            return
        for journal in made_journals(self.temp_dir):
            # A killed run's journal is done with once every clip it names is listed or
            # gone (a rerun made them again); else prune needs it, to delete them.
            pid = journal.name.removeprefix(MADE_PREFIX).partition("-")[0]
            if journal == self._journal or not pid.isdigit() or alive(int(pid)):
                continue
            if all(
                (rel in self._clips and rel not in self._recovered)
                or not os.path.lexists(self.file(rel))
                for rel, _ in _journal_lines(journal)
            ):
                journal.unlink(missing_ok=True)
        for leftover in self.temp_dir.glob("[0-9]*-*"):
            pid = leftover.name.partition("-")[0]
            if not pid.isdigit() or (int(pid) != os.getpid() and alive(int(pid))):
                continue
            if (
                leftover.suffix == SCRATCH_SUFFIX
                and leftover.is_dir()
                and not leftover.is_symlink()
            ):
                shutil.rmtree(leftover, ignore_errors=True)
            elif leftover.suffix == STAGED_SUFFIX and not leftover.is_dir():
                leftover.unlink(missing_ok=True)
        leave_staging(self.temp_dir)  # not empty: a live run is staging there

    def leave_staging(self) -> None:
        """Remove the staging folder if it holds nothing but its .gitignore."""
        leave_staging(self.temp_dir)


def _said(error: Exception) -> str:
    """What is wrong with a manifest that raised `error` as it was read."""
    return "nested too deeply" if isinstance(error, RecursionError) else str(error)


def _database_due(clips: int) -> bool:
    """Whether a manifest of `clips` clips is to be a database (`database.database_from`)."""
    line = database_from()
    return line is not None and clips >= line


def in_the_way(path: Path, after: str = "") -> InputError:
    """The error for a file standing where tts-assets needs a folder (`path` or a parent)."""
    found = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), path)
    return InputError(
        f"{found}: a file, where tts-assets needs a folder; move it away or delete it (or "
        f"point out_dir or temp_dir elsewhere){after}"
    )


def _journal_lines(*journals: Path) -> Iterator[tuple[str, object]]:
    """Each clip runs' `journals` name: its path, and the entry journaled (None in older
    journals); a line a crash cut, or a journal that cannot be read, is left out."""
    for journal in journals:
        try:
            text = journal.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for line in text.splitlines():
            if not line.startswith("{"):
                if is_clip_path(line):
                    yield line, None
                continue
            try:
                found = json.loads(line)
            except ValueError:
                continue
            rel = found.get("path") if isinstance(found, dict) else None
            if isinstance(rel, str) and is_clip_path(rel):
                yield rel, found.get("clip")


def _same(one: StoredClip, other: StoredClip) -> bool:
    """Whether two entries record the same bytes of the same clip."""
    return (one.key, one.bytes, one.sha256) == (other.key, other.bytes, other.sha256)


def _lfs_pointer(path: str) -> bool:
    """Whether the file at `path` is a Git LFS pointer (read without following a link)."""
    from ..audio.integrity import is_lfs_pointer

    try:
        return is_lfs_pointer(read_bounded(Path(path), 1024))
    except OSError:
        return False  # a pipe, a device, a large file: not one


def holds(path: Path | None, entry: StoredClip) -> bool:
    """Whether the clip file `path` (None: none) holds the bytes `entry` records."""
    return _hashes_to(path, entry.sha256, entry.bytes)


def _hashes_to(path: Path | None, digest: str, size: int | None = None) -> bool:
    """Whether the regular file at `path` (None: none) holds `size` bytes (None: any)
    hashing to `digest`; no more than that is ever read."""
    if path is None:
        return False
    try:
        data = read_bounded(path, READ_LIMIT if size is None else max(0, min(size, READ_LIMIT)))
    except OSError:
        return False
    return size in (None, len(data)) and sha256(data) == digest


def sha256(data: bytes) -> str:
    """Hex sha256 of a clip's bytes, as the manifest records it."""
    return hashlib.sha256(data).hexdigest()
