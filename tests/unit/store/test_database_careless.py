"""A database manifest handled as a careless user and a hostile one handle it: the stub's
place taken by a folder, a device or a loop of links; the stub and the database replaced,
linked, truncated, edited by hand; the database held by another process. Each case says
what the store must do: read every record it can, refuse (exit 2) naming what to move,
or stop as on the machine's fault (exit 3), and never delete the database."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tts_assets.errors import InputError, MachineFault
from tts_assets.store import database
from tts_assets.store.database import DATABASE_ENV, DATABASE_NAME, stub
from tts_assets.store.manifest import NewerManifest, Store, StoredClip, sha256

SIZE = 3
CLIPS = 3


def _clip(n: int) -> StoredClip:
    key = f"{n:032x}"
    return StoredClip(
        key, f"vocabulary/{key}.mp3", f"w{n}", "espeak", "ja", 0.5, SIZE, sha256(b"x" * SIZE)
    )


def _store(out: Path) -> Store:
    return Store(out, out / ".temp-audio")


@pytest.fixture
def out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An out dir whose manifest is a database of three clips."""
    monkeypatch.setenv(DATABASE_ENV, "0")
    folder = tmp_path / "out"
    store = _store(folder)
    for n in range(CLIPS):
        store.put(_clip(n).path, b"x" * SIZE, _clip(n))
    store.flush()
    assert (folder / "manifest.json").read_bytes() == stub()
    return folder


def _sql(out: Path, query: str) -> None:
    db = sqlite3.connect(out / DATABASE_NAME)
    db.execute(query)
    db.commit()
    db.close()


FIRST = f"path = '{_clip(0).path}'"


def _folder(out: Path) -> None:
    (out / "manifest.json").unlink()
    (out / "manifest.json").mkdir()


def _fifo(out: Path) -> None:
    (out / "manifest.json").unlink()
    os.mkfifo(out / "manifest.json")


def _loop(out: Path) -> None:
    (out / "manifest.json").unlink()
    (out / "manifest.json").symlink_to(out / "manifest.json")


@pytest.mark.parametrize("junk", [_folder, _fifo, _loop], ids=["folder", "fifo", "link-loop"])
def test_a_folder_device_or_link_loop_in_the_stubs_place_is_moved_away_never_rebuilt(
    out: Path, junk: Callable[[Path], object]
) -> None:
    """It was "not a tts-assets manifest; run rebuild-manifest", whose rebuild from the
    clip files throws away what the database holds of each clip beyond its file."""
    junk(out)
    with pytest.raises(InputError) as refused:
        _store(out)
    said = str(refused.value)
    assert "neither a manifest nor the stub" in said and "move it away" in said, said
    assert str(out / DATABASE_NAME) in said and "rebuild-manifest" not in said, said
    assert (out / DATABASE_NAME).is_file()


def _stub_deleted(out: Path) -> None:
    (out / "manifest.json").unlink()


def _stub_linked(out: Path) -> None:
    (out.parent / "kept.json").write_bytes(stub())
    (out / "manifest.json").unlink()
    (out / "manifest.json").symlink_to(out.parent / "kept.json")


def _stub_dangling(out: Path) -> None:
    (out / "manifest.json").unlink()
    (out / "manifest.json").symlink_to(out.parent / "nowhere.json")


def _database_linked(out: Path) -> None:
    (out / DATABASE_NAME).rename(out.parent / "kept.sqlite")
    (out / DATABASE_NAME).symlink_to(out.parent / "kept.sqlite")


def _junk_journal(out: Path) -> None:
    (out / f"{DATABASE_NAME}-journal").write_bytes(b"junk" * 50)


def _edited(query: str) -> Callable[[Path], object]:
    return lambda out: _sql(out, query)


READ = [
    ("stub deleted", _stub_deleted, CLIPS),
    ("stub a link to a stub", _stub_linked, CLIPS),
    ("stub a dangling link", _stub_dangling, CLIPS),
    ("database a link", _database_linked, CLIPS),
    ("a junk journal beside it", _junk_journal, CLIPS),
    ("a row's entry a list", _edited(f"UPDATE clips SET entry = '[]' WHERE {FIRST}"), CLIPS - 1),
    ("a row's entry no JSON", _edited(f"UPDATE clips SET entry = 'x{{' WHERE {FIRST}"), CLIPS - 1),
    ("a row's entry empty", _edited(f"UPDATE clips SET entry = '{{}}' WHERE {FIRST}"), CLIPS - 1),
    ("a row deleted", _edited(f"DELETE FROM clips WHERE {FIRST}"), CLIPS - 1),
]


@pytest.mark.parametrize(("harm", "records"), [c[1:] for c in READ], ids=[c[0] for c in READ])
def test_what_a_careless_hand_does_leaves_every_other_record_read(
    out: Path, harm: Callable[[Path], object], records: int
) -> None:
    harm(out)
    store = _store(out)
    assert len(list(store)) == records
    store.flush()
    assert _store(out).database is not None and (out / DATABASE_NAME).exists()


def _database_a_folder(out: Path) -> None:
    (out / DATABASE_NAME).unlink()
    (out / DATABASE_NAME).mkdir()


REFUSED: list[tuple[str, Callable[[Path], object], type[Exception], str]] = [
    (
        "entries of a newer version",
        _edited("UPDATE meta SET value = '999'"),
        NewerManifest,
        "newer",
    ),
    (
        "stub of a newer version",
        lambda o: (o / "manifest.json").write_text(
            '{"version": 101, "database": "manifest.sqlite"}'
        ),
        NewerManifest,
        "newer",
    ),
    ("no version", _edited("UPDATE meta SET value = 'abc'"), InputError, "rebuild-manifest"),
    ("its clips table dropped", _edited("DROP TABLE clips"), InputError, "rebuild-manifest"),
    (
        "garbage",
        lambda o: (o / DATABASE_NAME).write_bytes(b"garbage" * 100),
        InputError,
        "rebuild-manifest",
    ),
    ("empty", lambda o: (o / DATABASE_NAME).write_bytes(b""), InputError, "rebuild-manifest"),
    (
        "a folder",
        _database_a_folder,
        InputError,
        "rebuild-manifest",
    ),
]


@pytest.mark.parametrize(
    ("harm", "error", "said"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED]
)
def test_a_database_no_tts_assets_of_this_version_can_read_is_refused_and_kept(
    out: Path, harm: Callable[[Path], object], error: type[Exception], said: str
) -> None:
    harm(out)
    with pytest.raises(error) as refused:
        _store(out)
    assert said in str(refused.value) and "locked" not in str(refused.value)
    assert (out / DATABASE_NAME).exists()


@pytest.fixture
def held(out: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Hold the database in a second process (BEGIN IMMEDIATE or EXCLUSIVE)."""
    monkeypatch.setattr(database, "BUSY_WAIT", 0.3)
    holders: list[subprocess.Popen[str]] = []

    def hold(mode: str) -> None:
        code = (
            "import sqlite3, time\n"
            f"db = sqlite3.connect({str(out / DATABASE_NAME)!r}, isolation_level=None)\n"
            f"db.execute('BEGIN {mode}')\nprint('held', flush=True)\ntime.sleep(60)\n"
        )
        holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        holders.append(holder)
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"

    yield hold
    for holder in holders:
        holder.kill()
        holder.wait()


def test_a_database_held_exclusive_is_locked_never_damaged(
    out: Path, held: Callable[[str], None]
) -> None:
    held("EXCLUSIVE")
    with pytest.raises(MachineFault, match="locked by another process"):
        _store(out)
    assert (out / DATABASE_NAME).is_file() and not (out / f"{DATABASE_NAME}.damaged").exists()


def test_a_database_held_for_a_write_is_read_but_not_written(
    out: Path, held: Callable[[str], None]
) -> None:
    held("IMMEDIATE")
    store = _store(out)
    assert len(list(store)) == CLIPS
    with pytest.raises(OSError, match="locked"):
        database.probe_write(out / DATABASE_NAME)


@pytest.fixture
def unwritable(out: Path) -> Iterator[Path]:
    """The database file made one this user may not write: immutable (root, a file
    system with chattr) or read-only (any other user)."""
    path = out / DATABASE_NAME
    if os.geteuid() != 0:
        path.chmod(0o444)
        yield path
        path.chmod(0o644)
        return
    try:
        subprocess.run(["chattr", "+i", str(path)], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("no chattr here to make the database immutable")
    try:
        yield path
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_database_file_it_may_not_write_is_found_before_anything_is_made(
    out: Path, unwritable: Path
) -> None:
    """SQLite opened it read-only and took its lock: the probe passed, the run made (and
    paid for) its clips, then could not record them (exit 3 after the work)."""
    store = _store(out)
    with pytest.raises(MachineFault, match=r"manifest\.sqlite"):
        store.check_writable([])
    assert len(list(store)) == CLIPS  # still read
