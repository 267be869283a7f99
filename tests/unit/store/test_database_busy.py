"""A database manifest another process holds (a database browser, another tool's long
write) is busy, not damaged: a command waits for it (`database.BUSY_WAIT`), then stops as
on a fault of the machine (exit 3, "locked by another process"), never calling it damaged
nor advising a rebuild; a run finds out before it makes anything that the manifest cannot
be written; a periodic flush never waits, its changes kept for the next."""

from __future__ import annotations

import errno
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tts_assets.errors import ExitCode, MachineFault, machine_fault
from tts_assets.store import database
from tts_assets.store.database import DATABASE_ENV, DATABASE_NAME
from tts_assets.store.manifest import Store, StoredClip, sha256

SIZE = 3


def _clip(n: int) -> StoredClip:
    key = f"{n:032x}"
    path = f"vocabulary/{key}.mp3"
    return StoredClip(key, path, f"ことば{n}", "espeak", "ja", 0.5, SIZE, sha256(b"x" * SIZE))


def _store(out: Path) -> Store:
    return Store(out, out / ".temp-audio")


@pytest.fixture
def out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An out dir of three clips in a database manifest; the wait made short."""
    monkeypatch.setenv(DATABASE_ENV, "0")
    monkeypatch.setattr(database, "BUSY_WAIT", 0.2)
    found = tmp_path / "out"
    store = _store(found)
    for n in range(3):
        store.put(_clip(n).path, b"x" * SIZE, _clip(n))
    store.flush()
    assert store.database is not None
    return found


@contextmanager
def _held(out: Path, how: str) -> Iterator[sqlite3.Connection]:
    """The database held by another connection (SQLite's locks are the file's, whatever
    the process) in a transaction `how` (EXCLUSIVE: no one reads; IMMEDIATE: an open
    write, others read)."""
    other = sqlite3.connect(out / DATABASE_NAME, isolation_level=None, check_same_thread=False)
    other.execute(f"BEGIN {how}")
    try:
        yield other
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_database_no_one_may_read_is_locked_not_damaged(out: Path) -> None:
    with _held(out, "EXCLUSIVE"), pytest.raises(MachineFault) as raised:
        _store(out)
    said = str(raised.value)
    assert said.startswith(f"{out / DATABASE_NAME}: locked by another process"), said
    assert "rebuild" not in said and "damaged" not in said and "\n" not in said
    assert raised.value.exit_code == ExitCode.CANNOT_GO_ON
    assert len(_store(out)) == 3  # let go: read as always


def test_a_holder_that_lets_go_within_the_wait_is_waited_for(
    out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_WAIT", 30.0)
    with _held(out, "EXCLUSIVE") as other:
        timer = threading.Timer(0.5, lambda: other.execute("ROLLBACK"))
        timer.start()
        store = _store(out)  # waits for the write to end
        timer.join()
        other.execute("BEGIN")  # for the block's own ROLLBACK
    assert len(store) == 3


def test_an_open_write_elsewhere_is_found_before_anything_is_made(out: Path) -> None:
    store = _store(out)
    with _held(out, "IMMEDIATE"):
        assert len(_store(out)) == 3  # read as always
        with pytest.raises(MachineFault, match=r"locked by another process.*nothing was synthe"):
            store.check_writable([])
    store.check_writable([])


def test_a_write_that_finds_the_database_held_keeps_its_changes(out: Path) -> None:
    store = _store(out)
    store.put(_clip(4).path, b"x" * SIZE, _clip(4))
    with _held(out, "IMMEDIATE"):
        store.flush(at_most_every=0.001)  # periodic: not waited for, nothing lost
        with pytest.raises(OSError) as raised:
            store.flush()  # the run's last: waited for, then a fault of the machine
        assert raised.value.errno == errno.EBUSY
        fault = machine_fault(raised.value)
        assert fault is not None and "locked by another process" in str(fault)
    assert _paths(out) == [_clip(n).path for n in range(3)]  # (the journal holds it)
    store.flush()
    assert _paths(out) == [_clip(n).path for n in (0, 1, 2, 4)]


def _paths(out: Path) -> list[str]:
    """The clip paths the database's rows hold."""
    db = sqlite3.connect(out / DATABASE_NAME)
    try:
        return [path for (path,) in db.execute("SELECT path FROM clips ORDER BY path")]
    finally:
        db.close()


def test_a_read_of_rows_that_finds_the_database_held_is_a_fault_of_the_machine(
    out: Path,
) -> None:
    store = _store(out)
    with _held(out, "EXCLUSIVE"), pytest.raises(MachineFault, match="locked by another"):
        list(store)
