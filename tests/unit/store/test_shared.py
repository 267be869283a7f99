"""A manifest read once for every content set of one command (`store.shared`):
inside `shared_reads` a store of an out dir whose manifest is the file read before takes
the records read then, in a map of its own; a manifest rewritten, one with a damaged
record, or any read outside the block is read from the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.store.test_manifest import _clip
from tts_assets.store import manifest
from tts_assets.store.files import read_regular
from tts_assets.store.layout import KEY_LENGTH
from tts_assets.store.manifest import Store
from tts_assets.store.shared import shared_reads

A, B = "a" * KEY_LENGTH, "b" * KEY_LENGTH


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The manifest files stores read from disk, in order."""
    read: list[Path] = []

    def counted(path: Path, limit: int) -> bytes:
        read.append(path)
        return read_regular(path, limit)

    monkeypatch.setattr(manifest, "read_regular", counted)
    return read


def _out(tmp_path: Path, reads: list[Path]) -> Path:
    """An out dir whose manifest records one clip (the reads so far forgotten)."""
    store = Store(tmp_path / "out", tmp_path / "tmp")
    store.put(f"kanji/{A}.mp3", b"aa", _clip(A, b"aa"))
    store.flush()
    reads.clear()
    return tmp_path / "out"


def test_inside_the_block_an_unchanged_manifest_is_read_once(
    tmp_path: Path, reads: list[Path]
) -> None:
    out = _out(tmp_path, reads)
    with shared_reads():
        first = Store(out, tmp_path / "tmp")
        second = Store(out, tmp_path / "tmp")
        assert list(second) == list(first)
        assert second.is_present(f"kanji/{A}.mp3", A)
        # Each store's map is its own: a clip one puts is not the other's.
        first.put(f"kanji/{B}.mp3", b"bb", _clip(B, b"bb"))
        assert not second.is_listed(f"kanji/{B}.mp3", B)
    assert reads == [out / "manifest.json"]
    Store(out, tmp_path / "tmp")  # outside the block: read again
    assert len(reads) == 2


def test_a_manifest_rewritten_is_read_again_and_its_new_records_seen(
    tmp_path: Path, reads: list[Path]
) -> None:
    out = _out(tmp_path, reads)
    with shared_reads():
        first = Store(out, tmp_path / "tmp")
        first.put(f"kanji/{B}.mp3", b"bb", _clip(B, b"bb"))
        first.flush()  # what another set's run does when it makes a clip
        second = Store(out, tmp_path / "tmp")
        assert second.is_present(f"kanji/{B}.mp3", B)
        assert len(reads) == 2
        third = Store(out, tmp_path / "tmp")  # as the second found it: not read again
        assert len(reads) == 2 and list(third) == list(second)


def test_a_manifest_with_a_damaged_record_is_read_each_time(
    tmp_path: Path, reads: list[Path]
) -> None:
    out = _out(tmp_path, reads)
    doc = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    doc["clips"].append({**doc["clips"][0], "path": f"kanji/{B}.mp3", "key": B, "bytes": "2"})
    (out / "manifest.json").write_text(json.dumps(doc), encoding="utf-8")
    with shared_reads():
        notes = [Store(out, tmp_path / "tmp").damage_notes() for _ in range(2)]
    assert len(reads) == 2
    assert notes[0] == notes[1] and len(notes[0]) == 1
