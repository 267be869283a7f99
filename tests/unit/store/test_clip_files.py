"""The clip files checked against the manifest in another process (`clip_files.BytesCheck`),
as verify does while it plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.manifests import is_database, manifest_file
from tts_assets.audio import AudioSettings
from tts_assets.store.clip_files import TOLD, BytesCheck, Damage, check_files
from tts_assets.store.database import DATABASE_ENV
from tts_assets.store.layout import KEY_LENGTH
from tts_assets.store.manifest import Store, StoredClip, sha256

pytestmark = pytest.mark.slow  # starts a Python process


@pytest.fixture(autouse=True, params=["json", "database"])
def manifest(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test with a JSON manifest, then a database one (read in the other process a
    row at a time, its size the database's, not its stub's)."""
    monkeypatch.setenv(DATABASE_ENV, "0" if request.param == "database" else str(10**12))
    return str(request.param)


def _filled(out: Path) -> tuple[Store, dict[str, str]]:
    """A store of four clips (bytes only), then each file but one damaged behind its back."""
    store = Store(out, out / ".temp-audio")
    paths = {}
    for n, name in enumerate(("intact", "truncated", "changed", "missing")):
        key = str(n) * KEY_LENGTH
        data = b"%d" % n * 100
        clip = StoredClip(key, "", name, "espeak", "v", 1.0, len(data), sha256(data))
        paths[name] = store.put(f"kanji/{key}.mp3", data, clip).path
    store.flush()
    (out / paths["truncated"]).write_bytes(b"1" * 10)
    (out / paths["changed"]).write_bytes(b"x" * 100)
    (out / paths["missing"]).unlink()
    return Store(out, out / ".temp-audio"), paths


def test_the_other_process_finds_each_damaged_file_and_only_those(tmp_path: Path) -> None:
    store, paths = _filled(tmp_path / "out")
    with BytesCheck(store.out_dir, smallest=0) as reading:
        found = reading.found(store)
    assert found is not None
    assert set(found) == {paths["truncated"], paths["changed"], paths["missing"]}
    assert found[paths["truncated"]] == "10 bytes where the manifest records 100"
    assert "sha256 differs" in str(found[paths["changed"]])
    missing = found[paths["missing"]]
    assert isinstance(missing, Damage) and missing.kind == "missing"
    # What it found is what this process finds on its own, decoding included.
    entries = list(store)
    here = check_files(store, entries, AudioSettings(), deep=False)
    there = check_files(store, entries, AudioSettings(), deep=False, found=found)
    assert here == there
    assert set(here) == set(found)
    assert "10 bytes where the manifest records 100" in here[paths["truncated"]].message


def test_a_manifest_written_meanwhile_is_not_trusted(tmp_path: Path) -> None:
    store, paths = _filled(tmp_path / "out")
    with BytesCheck(store.out_dir, smallest=0) as reading:
        assert reading.process is not None
        reading.process.wait()  # it has read the manifest (its answer fits the pipe)
        later = Store(store.out_dir, store.temp_dir)
        later.drop(paths["missing"], delete=False)
        later.flush()  # another run rewrote it while this one planned, then this one read it
        assert later.manifest_stamp != store.manifest_stamp
        assert reading.found(later) is None  # the caller checks the files itself


def test_nothing_is_started_without_a_manifest_or_when_told_not_to(tmp_path: Path) -> None:
    store, _ = _filled(tmp_path / "out")
    with BytesCheck(store.out_dir, start=False) as reading:
        assert reading.process is None and reading.found(store) is None
    with BytesCheck(tmp_path / "elsewhere", smallest=0) as reading:
        assert reading.process is None


def test_a_small_out_dir_is_checked_in_this_process(tmp_path: Path, manifest: str) -> None:
    store, _ = _filled(tmp_path / "out")
    assert is_database(store.out_dir) == (manifest == "database")
    size = manifest_file(store.out_dir).stat().st_size  # a database's, not its stub's
    with BytesCheck(store.out_dir, smallest=size + 1) as reading:
        assert reading.process is None and reading.found(store) is None
    with BytesCheck(store.out_dir, smallest=size) as reading:
        assert reading.process is not None and reading.found(store) is not None


def test_told_the_entries_it_finds_what_it_finds_reading_the_manifest(
    tmp_path: Path, manifest: str
) -> None:
    """Given the caller's store of a JSON manifest, the process is told its entries (it reads
    no manifest); of a database, it reads the rows itself. Either way, the same findings."""
    store, paths = _filled(tmp_path / "out")
    with BytesCheck(store.out_dir, smallest=0) as reading:
        read = reading.found(store)
    with BytesCheck(store.out_dir, smallest=0, store=store) as told:
        assert told.process is not None
        assert (TOLD in told.process.args) == (manifest == "json")
        found = told.found(store)
    assert read is not None and len(read) == 3
    assert found == read
    # Told: the store's entries, as the caller holds them (one dropped, not yet written).
    store.drop(paths["missing"], delete=False)
    with BytesCheck(store.out_dir, smallest=0, store=store) as told:
        found = told.found(store)
    assert found is not None
    expected = set(read) - ({paths["missing"]} if manifest == "json" else set())
    assert set(found) == expected


def test_a_told_process_answers_for_the_manifest_its_store_read(
    tmp_path: Path, manifest: str
) -> None:
    store, paths = _filled(tmp_path / "out")
    later = Store(store.out_dir, store.temp_dir)
    later.drop(paths["missing"], delete=False)
    later.flush()  # the caller's store read the manifest before this run rewrote it
    with BytesCheck(store.out_dir, smallest=0, store=store) as told:
        # Told (JSON): what the caller's store read; a database: the rows it reads now.
        assert (told.found(later) is None) == (manifest == "json")
    with BytesCheck(store.out_dir, smallest=0, store=store) as told:
        assert (told.found(store) is None) == (manifest == "database")
