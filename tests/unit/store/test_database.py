"""A manifest of many clips kept in a database (`store.database`): moved into one once, at the
first flush that finds it that large; each flush one transaction of the changes alone, a
kill in it rolled back; a damaged row left out as a damaged record; a newer one refused."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
from dataclasses import asdict, replace
from pathlib import Path

import pytest

from tests.support.manifests import parsed_rows
from tts_assets.errors import ConfigError, InputError
from tts_assets.store import database, manifest
from tts_assets.store.database import (
    DATABASE_ENV,
    DATABASE_FROM,
    DATABASE_NAME,
    STUB_VERSION,
    database_from,
)
from tts_assets.store.manifest import NewerManifest, Store, StoredClip, sha256

SIZE = 3


def _clip(n: int) -> StoredClip:
    key = f"{n:032x}"
    path = f"vocabulary/{key}.mp3"
    return StoredClip(key, path, f"ことば{n}", "espeak", "ja", 0.5, SIZE, sha256(b"x" * SIZE))


def _store(out: Path) -> Store:
    return Store(out, out / ".temp-audio")


def _filled(out: Path, clips: int) -> Store:
    """A store of `clips` entries, each with its file, flushed."""
    store = _store(out)
    for n in range(clips):
        clip = _clip(n)
        store.put(clip.path, b"x" * SIZE, clip)
    store.flush()
    return store


@pytest.fixture(autouse=True)
def by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default line, whatever the environment (`.ci/run` sets it to 0 for some tests)."""
    monkeypatch.delenv(DATABASE_ENV, raising=False)


@pytest.fixture
def from_three(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATABASE_ENV, "3")


def _stub(out: Path) -> object:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_a_manifest_moves_into_a_database_at_the_first_flush_that_finds_it_that_large(
    tmp_path: Path, from_three: None
) -> None:
    out = tmp_path / "out"
    small = _filled(out, 2)
    assert small.database is None and "clips" in _stub(out)  # a JSON manifest still
    json_entries = list(_store(out))
    clip = _clip(2)
    small.put(clip.path, b"x" * SIZE, clip)
    small.flush()
    assert small.database == out / DATABASE_NAME
    assert _stub(out) == {"version": STUB_VERSION, "database": DATABASE_NAME}
    again = _store(out)
    assert again.database is not None
    assert list(again) == [*json_entries, replace(clip, sets=None)] or list(again) == sorted(
        [*json_entries, clip], key=lambda c: c.path
    )
    assert len(again) == 3 and again.get(clip.path) == small.get(clip.path)
    assert not (out / ".temp-audio").exists() or not list((out / ".temp-audio").glob("*.part"))


def test_a_large_json_manifest_moves_at_the_next_flush_even_with_nothing_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    _filled(out, 4)  # written as JSON: by default, never a database
    before = [asdict(c) for c in _store(out)]
    monkeypatch.setenv(DATABASE_ENV, "3")
    store = _store(out)
    assert store.database is None  # read as it is
    store.flush()
    assert store.database is not None and "database" in _stub(out)
    assert [asdict(c) for c in _store(out)] == before


@pytest.mark.parametrize("line", ["default", "variable"])
def test_under_the_line_a_manifest_stays_one_json_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str
) -> None:
    """Under the line (the default's, or one a team set above the course's clips) an out
    dir keeps its JSON manifest: a text file to diff (a move is one way)."""
    monkeypatch.setattr(database, "DATABASE_FROM", 302)
    if line == "variable":
        monkeypatch.setattr(database, "DATABASE_FROM", 5)
        monkeypatch.setenv(DATABASE_ENV, "302")
    out = tmp_path / "out"
    store = _filled(out, 300)
    store.put(_clip(300).path, b"x" * SIZE, _clip(300))
    store.flush()
    assert store.database is None and not (out / DATABASE_NAME).exists()
    assert len(_stub(out)["clips"]) == 301  # type: ignore[index]


def test_a_flush_writes_the_changes_alone_in_one_transaction(
    tmp_path: Path, from_three: None
) -> None:
    out = tmp_path / "out"
    store = _filled(out, 5)
    db = sqlite3.connect(out / DATABASE_NAME)
    changes = db.total_changes
    rows = {path: raw for path, raw in db.execute("SELECT path, entry FROM clips")}
    gone = _clip(0).path
    store.drop(gone)
    clip = _clip(9)
    store.put(clip.path, b"x" * SIZE, clip)
    store.flush()
    after = {path: raw for path, raw in db.execute("SELECT path, entry FROM clips")}
    assert set(after) == set(rows) - {gone} | {clip.path}
    assert all(after[p] == rows[p] for p in rows if p != gone)  # the others untouched
    assert db.total_changes == changes  # (another connection wrote them)
    db.close()
    assert [c.path for c in _store(out)] == sorted(set(rows) - {gone} | {clip.path})


def test_a_write_cut_by_a_kill_is_rolled_back_at_the_next_open(
    tmp_path: Path, from_three: None
) -> None:
    out = tmp_path / "out"
    _filled(out, 4)
    before = list(_store(out))
    # A process that began a flush (every row deleted, many written, its pages spilled to
    # the file for want of cache) and was killed before it committed.
    script = f"""
import os, signal, sqlite3
db = sqlite3.connect({str(out / DATABASE_NAME)!r}, isolation_level=None)
db.execute("PRAGMA journal_mode = DELETE")
db.execute("PRAGMA cache_size = 1")
db.execute("BEGIN IMMEDIATE")
db.execute("DELETE FROM clips")
for n in range(300):
    db.execute("INSERT INTO clips VALUES (?, 'x', 1, NULL, 0, randomblob(3000))", (str(n),))
os.kill(os.getpid(), signal.SIGKILL)
"""
    done = subprocess.run([sys.executable, "-c", script], check=False)
    assert done.returncode == -signal.SIGKILL
    assert (out / f"{DATABASE_NAME}-journal").exists()  # a hot journal: the cut write
    assert list(_store(out)) == before
    assert not (out / f"{DATABASE_NAME}-journal").exists()


def test_a_failed_flush_keeps_its_changes_for_the_next(
    tmp_path: Path, from_three: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    store = _filled(out, 3)
    clip = _clip(7)
    store.put(clip.path, b"x" * SIZE, clip)
    real = database.connect
    failing = {"on": True}

    class Full:
        """A write connection whose disk fills as the rows are written."""

        def __init__(self, db: sqlite3.Connection) -> None:
            self.db = db

        def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
            return self.db.execute(sql, *args)  # type: ignore[arg-type]

        def executemany(self, sql: str, rows: object) -> sqlite3.Cursor:
            if failing["on"] and sql.startswith("INSERT OR REPLACE"):
                error = sqlite3.OperationalError("database or disk is full")
                error.sqlite_errorcode = 13  # type: ignore[attr-defined]
                raise error
            return self.db.executemany(sql, rows)  # type: ignore[arg-type]

        def close(self) -> None:
            self.db.close()

    def connect(path: Path, *, write: bool = False, wait: float | None = None) -> object:
        db = real(path, write=write, wait=wait)
        return Full(db) if write else db

    monkeypatch.setattr(database, "connect", connect)
    with pytest.raises(OSError) as raised:
        store.flush()
    assert raised.value.errno == 28  # ENOSPC: a run stops on it as on a full disk
    rows = sqlite3.connect(out / DATABASE_NAME).execute("SELECT path FROM clips").fetchall()
    assert (clip.path,) not in rows and len(rows) == 3  # nothing of the cut write
    failing["on"] = False
    store._written = -1  # (the run flushes again at its end)
    store.flush()
    assert clip.path in {c.path for c in _store(out)}


def test_a_damaged_row_is_a_damaged_record_left_out(tmp_path: Path, from_three: None) -> None:
    out = tmp_path / "out"
    _filled(out, 3)
    db = sqlite3.connect(out / DATABASE_NAME, isolation_level=None)
    bad = _clip(1)
    entry = {**asdict(bad), "bytes": "many"}
    db.execute("UPDATE clips SET entry = ? WHERE path = ?", (json.dumps(entry), bad.path))
    db.close()
    store = _store(out)
    assert store.get(bad.path) is None  # left out, as it is read
    assert [r.where for r in store.damaged] == [bad.path]
    assert "is damaged (bytes" in store.damage_notes()[0]
    assert [c.path for c in store] == [_clip(0).path, _clip(2).path]
    store.flush()  # the next manifest leaves it out
    assert len(_store(out)) == 2


def test_a_database_a_newer_tool_wrote_is_refused_and_left_alone(
    tmp_path: Path, from_three: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    _filled(out, 3)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    older = manifest.MANIFEST_VERSION - 1
    monkeypatch.setattr(manifest, "MANIFEST_VERSION", older)
    with pytest.raises(NewerManifest, match=f"manifest version {older + 1}; this one reads"):
        _store(out)
    monkeypatch.undo()
    (out / "manifest.json").write_text(json.dumps({"version": 101, "database": DATABASE_NAME}))
    with pytest.raises(NewerManifest, match="manifest version 101"):
        _store(out)
    (out / "manifest.json").write_bytes(before["manifest.json"])
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_a_stub_without_its_database_is_a_damaged_manifest(
    tmp_path: Path, from_three: None
) -> None:
    out = tmp_path / "out"
    _filled(out, 3)
    (out / DATABASE_NAME).unlink()
    with pytest.raises(InputError, match=r"not a tts-assets manifest .*run tts-assets rebuild"):
        _store(out)
    (out / DATABASE_NAME).write_bytes(b"SQLite format 3\0" + b"\xff" * 200)
    with pytest.raises(InputError, match="not a tts-assets manifest"):
        _store(out)


def test_a_plan_reads_its_clips_at_once_and_sees_the_changes_since(
    tmp_path: Path, from_three: None
) -> None:
    out = tmp_path / "out"
    _filled(out, 6)
    store = _store(out)
    store.prefetch([_clip(n).key for n in (1, 2, 3)])
    assert store.is_present(_clip(2).path, _clip(2).key)
    assert store.is_listed(_clip(5).path, _clip(5).key)  # not prefetched: read alone
    store.drop(_clip(3).path)
    assert store.get(_clip(3).path) is None and len(store) == 5
    changed = replace(_clip(1), text="かわった")
    store.replace(changed)
    assert store.get(_clip(1).path) == changed


def test_the_threshold_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATABASE_ENV, raising=False)
    assert database_from() == DATABASE_FROM == 10_000  # a JSON manifest held whole: a window's
    monkeypatch.setenv(DATABASE_ENV, "0")
    assert database_from() == 0
    monkeypatch.setenv(DATABASE_ENV, "lots")
    with pytest.raises(ConfigError, match=f"{DATABASE_ENV}=lots"):
        database_from()


@pytest.mark.parametrize("set_by", ["default", "variable"])
def test_a_move_by_the_default_line_is_said_before_it_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, set_by: str
) -> None:
    # The move is one way (an older tts-assets refuses the out dir): a plan that brings a
    # JSON manifest to the default line says so, once it would; a line a team set, not.
    monkeypatch.setattr(database, "DATABASE_FROM", 5)
    if set_by == "variable":
        monkeypatch.setenv(DATABASE_ENV, "5")
    out = tmp_path / "out"
    _filled(out, 3)
    store = _store(out)
    assert store.database is None
    assert store.moving_note(1) == []
    said = store.moving_note(2)
    if set_by == "variable":
        assert said == []
        return
    (note,) = said
    assert note.startswith(f"{out / 'manifest.json'}: 5 clips once the 2 missing are made, 5 or")
    assert DATABASE_NAME in note and "older" in note and DATABASE_ENV in note
    for n in (3, 4):
        store.put(_clip(n).path, b"x" * SIZE, _clip(n))
    store.flush()
    assert _store(out).database is not None and _store(out).moving_note(9) == []


def test_a_json_manifest_is_never_written_past_what_a_run_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A team's line above the course's clips keeps a JSON manifest, up to the bytes a run
    # reads one at (`MANIFEST_LIMIT`): the flush that would write more moves it into a
    # database instead (the next run refused a larger one as no manifest), and a plan that
    # brings it there says so first.
    monkeypatch.setenv(DATABASE_ENV, str(10**12))
    out = tmp_path / "out"
    _filled(out, 4)
    size = (out / "manifest.json").stat().st_size
    monkeypatch.setattr(manifest, "MANIFEST_LIMIT", size + size // 8)  # about 4.5 clips
    store = _store(out)
    assert store.moving_note(0) == []
    (note,) = store.moving_note(1)
    assert "5 clips once the " in note and "past the 1 GiB" in note
    store.put(_clip(4).path, b"x" * SIZE, _clip(4))
    store.flush()
    assert store.database is not None
    again = _store(out)
    assert again.database is not None and len(again) == 5


def test_a_kill_between_the_database_and_its_stub_leaves_the_database_the_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    _filled(out, 3)
    json_before = (out / "manifest.json").read_bytes()
    monkeypatch.setenv(DATABASE_ENV, "3")
    store = _store(out)
    clip = _clip(8)
    store.put(clip.path, b"x" * SIZE, clip)

    def killed(path: Path, data: bytes) -> None:
        raise KeyboardInterrupt  # the kill, as the stub is about to be written

    monkeypatch.setattr(store, "write", killed)
    with pytest.raises(KeyboardInterrupt):
        store.flush()
    assert (out / DATABASE_NAME).exists() and (out / "manifest.json").read_bytes() == json_before
    again = _store(out)  # the database is the manifest; the JSON's records are in it
    assert again.database is not None and again.get(clip.path) == store.get(clip.path)
    assert len(again) == 4 and "where the stub of the database belongs" in again.damage_notes()[0]
    again.flush()
    assert json.loads((out / "manifest.json").read_text())["database"] == DATABASE_NAME


@pytest.mark.parametrize("line", ["3", str(10**12)], ids=["database", "json"])
def test_the_entries_besides_those_checked_come_in_path_order_the_skipped_rows_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str
) -> None:
    monkeypatch.setenv(DATABASE_ENV, line)
    out = tmp_path / "out"
    _filled(out, 6)
    if line == "3":  # a damaged row, skipped: never read, so never found damaged
        db = sqlite3.connect(out / DATABASE_NAME, isolation_level=None)
        bad = {**asdict(_clip(3)), "bytes": "many"}
        db.execute("UPDATE clips SET entry = ? WHERE path = ?", (json.dumps(bad), _clip(3).path))
        db.close()
    store = _store(out)
    assert (store.database is not None) == (line == "3")
    store.drop(_clip(4).path, delete=False)  # changes not yet flushed
    new = _clip(7)
    store.put(new.path, b"x" * SIZE, new)
    parsed = parsed_rows(monkeypatch)
    skipping = [_clip(n).path for n in (1, 3, 7)]  # in path order, one not in the manifest
    found = [c.path for c in store.besides(iter(skipping))]
    assert found == [_clip(n).path for n in (0, 2, 5)]
    assert store.damaged == []
    assert set(parsed) <= set(found)


def test_the_entries_of_a_key_are_asked_of_its_index(
    tmp_path: Path, from_three: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    _filled(out, 5)
    store = _store(out)
    twin = replace(_clip(2), path=f"grammar/{_clip(2).key}.mp3")
    store.put(twin.path, b"x" * SIZE, twin)  # not yet flushed
    parsed = parsed_rows(monkeypatch)
    assert [c.path for c in store._clips.of_key(_clip(2).key)] == [twin.path, _clip(2).path]
    assert parsed == [_clip(2).path]


@pytest.mark.parametrize("line", ["3", str(10**12)], ids=["database", "json"])
def test_the_entries_of_texts_are_asked_of_the_index_on_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str
) -> None:
    # The accent check asks the store for the clips of a window's texts: a database's
    # other rows are not read; the changes not yet flushed are among them.
    monkeypatch.setenv(DATABASE_ENV, line)
    out = tmp_path / "out"
    _filled(out, 6)
    store = _store(out)
    twin = replace(_clip(2), path=f"grammar/{_clip(2).key}.mp3", key="f" * 32)
    store.put(twin.path, b"x" * SIZE, twin)  # not yet flushed
    store.drop(_clip(4).path, delete=False)
    parsed = parsed_rows(monkeypatch)
    asked = [_clip(2).text, _clip(4).text, _clip(5).text, "not said"]
    found = [c.path for c in store.of_texts(asked)]
    assert found == sorted([twin.path, _clip(2).path, _clip(5).path])
    assert set(parsed) <= set(found)


def test_a_database_an_older_tool_wrote_is_asked_by_text_and_gains_the_index(
    tmp_path: Path, from_three: None
) -> None:
    out = tmp_path / "out"
    _filled(out, 4)
    db = sqlite3.connect(out / DATABASE_NAME, isolation_level=None)
    db.execute("DROP INDEX clips_of_text")  # as an older tts-assets wrote it
    # and a row damaged by hand, no JSON: neither the index nor a scan is stopped by it
    db.execute("UPDATE clips SET entry = '{not json' WHERE path = ?", (_clip(3).path,))
    db.close()
    store = _store(out)
    asked = [_clip(1).text, _clip(3).text]
    assert [c.path for c in store.of_texts(asked)] == [_clip(1).path]  # a scan
    clip = _clip(9)
    store.put(clip.path, b"x" * SIZE, clip)
    store.flush()  # the index made in the write's transaction, the damaged row there
    db = sqlite3.connect(out / DATABASE_NAME, isolation_level=None)
    query = f"EXPLAIN QUERY PLAN SELECT path FROM clips WHERE {database._TEXT} = ?"
    (plan,) = [row[3] for row in db.execute(query, ("x",))]
    db.close()
    assert "USING INDEX clips_of_text" in plan, plan
    assert [c.path for c in _store(out).of_texts([clip.text])] == [clip.path]


def test_a_database_is_written_in_pages_that_hold_an_entry_with_its_timings(
    tmp_path: Path, from_three: None
) -> None:
    # A Kokoro sentence's entry with its word timings is 1.2 to 3.5 KB of JSON: at SQLite's
    # default 4 KiB pages each such row took an overflow page of its own.
    out = tmp_path / "out"
    words = [{"start": n * 10, "end": n * 10 + 9, "text": "ことば"} for n in range(40)]
    store = _store(out)
    for n in range(3):
        clip = replace(_clip(n), timings={"source": "kokoro", "words": words})
        store.put(clip.path, b"x" * SIZE, clip)
    store.flush()
    db = sqlite3.connect(out / DATABASE_NAME)
    (page,) = db.execute("PRAGMA page_size").fetchone()
    (row,) = db.execute("SELECT max(length(entry)) FROM clips").fetchone()
    db.close()
    assert page == database.PAGE_SIZE == 16384 and 2000 < row < page // 4, row


def test_rebuild_under_the_line_writes_json_where_a_database_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # rebuild-manifest (a store not read) under the line writes JSON where a database was:
    # it read the database's entries first; the database goes with that write.
    out = tmp_path / "out"
    monkeypatch.setenv(DATABASE_ENV, "3")
    _filled(out, 3)
    assert _store(out).database is not None
    monkeypatch.setenv(DATABASE_ENV, str(10**12))
    store = Store(out, out / ".temp-audio", load=False)
    for n in range(3):
        store.replace(_clip(n))
    store.flush()
    assert "clips" in _stub(out) and not (out / DATABASE_NAME).exists()
    store = _store(out)
    assert store.database is None and len(store) == 3


def test_the_entries_read_share_their_field_names(tmp_path: Path, from_three: None) -> None:
    out = tmp_path / "out"
    _filled(out, 4)
    store = _store(out)
    one, other = store.get(_clip(0).path), store.get(_clip(3).path)
    assert one is not None and other is not None
    names = [sorted(vars(c), key=str) for c in (one, other)]
    assert names[0] == names[1]
    assert all(a is b for a, b in zip(*names, strict=True))  # one string each, not one an entry
