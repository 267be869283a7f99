"""The clip files checked against the manifest (`clip_files.check_files`), as verify
checks them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tts_assets.audio import AudioSettings
from tts_assets.store.clip_files import check_files
from tts_assets.store.database import DATABASE_ENV
from tts_assets.store.layout import KEY_LENGTH
from tts_assets.store.manifest import Store, StoredClip, sha256


@pytest.fixture(autouse=True, params=["json", "database"])
def manifest(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test with a JSON manifest, then a database one."""
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


def test_each_damaged_file_is_found_and_only_those(tmp_path: Path) -> None:
    store, paths = _filled(tmp_path / "out")
    found = check_files(store, list(store), AudioSettings(), deep=False)
    assert set(found) == {paths["truncated"], paths["changed"], paths["missing"]}
    assert "10 bytes where the manifest records 100" in found[paths["truncated"]].message
    assert "sha256 differs" in found[paths["changed"]].message
    assert found[paths["missing"]].kind == "missing"
