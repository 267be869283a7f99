"""A database manifest whose stub is missing or replaced (`Store._load_beside`): the
database is the manifest whatever stands in the stub's place; a JSON manifest found
there (a checkout from before the move) has its records whose files hold them taken into
it; the next write puts the stub back; the database is never deleted."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from pathlib import Path

import pytest

from tts_assets.errors import InputError
from tts_assets.store.database import DATABASE_ENV, DATABASE_NAME, stub
from tts_assets.store.manifest import MANIFEST_VERSION, Store, StoredClip, sha256

SIZE = 3


def _clip(n: int, fill: bytes = b"x") -> StoredClip:
    key = f"{n:032x}"
    path = f"vocabulary/{key}.mp3"
    return StoredClip(key, path, f"ことば{n}", "espeak", "ja", 0.5, SIZE, sha256(fill * SIZE))


def _store(out: Path) -> Store:
    return Store(out, out / ".temp-audio")


@pytest.fixture
def moved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, bytes]:
    """An out dir of two clips in a JSON manifest (its bytes returned: a checkout from
    before the move), then two more that moved it into a database."""
    monkeypatch.setenv(DATABASE_ENV, "4")
    out = tmp_path / "out"
    store = _store(out)
    for n in range(2):
        store.put(_clip(n).path, b"x" * SIZE, _clip(n))
    store.flush()
    older = (out / "manifest.json").read_bytes()
    assert b'"clips"' in older
    store = _store(out)
    for n in range(2, 4):
        store.put(_clip(n).path, b"x" * SIZE, _clip(n))
    store.flush()
    assert store.database is not None and (out / "manifest.json").read_bytes() == stub()
    return out, older


def _paths(store: Store) -> list[str]:
    return [c.path for c in store]


def test_a_deleted_stub_leaves_the_database_the_manifest_and_is_written_again(
    moved: tuple[Path, bytes],
) -> None:
    out, _ = moved
    (out / "manifest.json").unlink()
    store = _store(out)
    assert store.database == out / DATABASE_NAME and _paths(store) == [
        _clip(n).path for n in range(4)
    ]
    (note,) = store.damage_notes()
    assert f"{out / 'manifest.json'} is missing: {out / DATABASE_NAME} is the manifest" in note
    assert "puts its stub back" in note
    store.flush()
    assert (out / "manifest.json").read_bytes() == stub()
    again = _store(out)
    assert again.damage_notes() == [] and len(again) == 4


def test_an_older_json_manifest_over_the_stub_never_costs_the_database(
    moved: tuple[Path, bytes],
) -> None:
    out, older = moved
    (out / "manifest.json").write_bytes(older)
    store = _store(out)
    assert store.database is not None and len(store) == 4  # nothing the database held lost
    (note,) = store.damage_notes()
    assert f"is a JSON manifest (version {MANIFEST_VERSION})" in note
    assert "0 of its records" in note and str(out / DATABASE_NAME) in note
    store.flush()
    assert (out / DATABASE_NAME).is_file() and (out / "manifest.json").read_bytes() == stub()
    assert len(_store(out)) == 4


def test_a_json_record_the_database_lacks_is_taken_where_its_file_holds_it(
    moved: tuple[Path, bytes],
) -> None:
    out, _ = moved
    kept, lost, other = _clip(7), _clip(8), _clip(1, b"y")  # `other`: new bytes of clip 1
    (out / kept.path).write_bytes(b"x" * SIZE)  # its file holds it
    (out / other.path).write_bytes(b"y" * SIZE)  # the file now holds the JSON's bytes
    doc = {"version": MANIFEST_VERSION, "clips": [asdict(c) for c in (kept, lost, other)]}
    (out / "manifest.json").write_text(json.dumps(doc))
    store = _store(out)
    assert store.get(kept.path) == kept and store.get(lost.path) is None
    assert store.get(other.path) == other and len(store) == 5
    assert "2 of its records" in store.damage_notes()[0]
    store.flush()
    assert _paths(_store(out)) == sorted(c.path for c in (*map(_clip, range(4)), kept))


def test_what_is_neither_a_manifest_nor_the_stub_is_refused_naming_both_files(
    moved: tuple[Path, bytes],
) -> None:
    out, _ = moved
    for junk in (b"<<<<<<< HEAD\n", b"[]", b'{"version": "x", "clips": []}', b"{}"):
        (out / "manifest.json").write_bytes(junk)
        with pytest.raises(InputError) as raised:
            _store(out)
        said = str(raised.value)
        assert said.startswith(f"{out / 'manifest.json'}: neither a manifest nor the stub")
        assert str(out / DATABASE_NAME) in said and "move it away" in said
        assert (out / "manifest.json").read_bytes() == junk and (out / DATABASE_NAME).is_file()


def test_a_newer_json_manifest_beside_the_database_is_refused_and_left_alone(
    moved: tuple[Path, bytes],
) -> None:
    out, _ = moved
    newer = json.dumps({"version": MANIFEST_VERSION + 1, "clips": []}).encode()
    (out / "manifest.json").write_bytes(newer)
    with pytest.raises(InputError, match="written by a newer tts-assets"):
        _store(out)
    assert (out / "manifest.json").read_bytes() == newer and (out / DATABASE_NAME).is_file()


def test_a_damaged_database_without_its_stub_is_named_never_deleted(
    moved: tuple[Path, bytes],
) -> None:
    out, _ = moved
    (out / "manifest.json").unlink()
    (out / DATABASE_NAME).write_bytes(b"SQLite format 3\0" + b"\xff" * 200)
    with pytest.raises(InputError, match=r"not a tts-assets manifest .*rebuild-manifest"):
        _store(out)
    assert (out / DATABASE_NAME).is_file()


@pytest.mark.parametrize("entry", ["{}", "null", "[]", '"a record"', "{not json", "7"])
def test_a_row_that_holds_no_record_still_vouches_for_the_file_its_columns_name(
    moved: tuple[Path, bytes], entry: str
) -> None:
    out, _ = moved
    bad = _clip(2)
    db = sqlite3.connect(out / DATABASE_NAME, isolation_level=None)
    db.execute("UPDATE clips SET entry = ? WHERE path = ?", (entry, bad.path))
    db.close()
    store = _store(out)
    assert store.get(bad.path) is None  # left out as damaged
    (record,) = store.damaged
    assert record.where == bad.path and record.entry == {
        "path": bad.path,
        "key": bad.key,
        "bytes": SIZE,
    }
    assert record.unsure == bad.path  # its file, named by its key: recorded again from it
    assert store.vouching(bad.path, bad.key) is record


def test_a_file_no_record_lists_is_vouched_for_by_its_name_alone(
    moved: tuple[Path, bytes],
) -> None:
    out, _ = moved
    gone = _clip(2)
    db = sqlite3.connect(out / DATABASE_NAME, isolation_level=None)
    db.execute("DELETE FROM clips WHERE path = ?", (gone.path,))  # a row deleted
    db.close()
    store = _store(out)
    assert store.get(gone.path) is None and store.damaged == []
    record = store.vouching(gone.path, gone.key)
    assert record is not None and record.unsure == gone.path and record.file is None
    assert "missing: no record lists its file" in store.damage_notes()[0]
    assert store.vouching(_clip(9).path, _clip(9).key) is None  # no file: a new clip
