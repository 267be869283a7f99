"""Which file a damaged record vouches for: a clip file of the out dir whose
bytes it records, never a file reached through a link or outside the out dir, and never a
file a sound record lists (two clips may hold the same bytes)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.markers import needs_symlinks
from tts_assets.store.manifest import Store, StoredClip, sha256

KEY = "abc" * 10 + "ab"
OTHER = "def" * 10 + "de"
PATH = f"kanji/{KEY}.mp3"


def _record(clip: str, data: bytes, **fields: object) -> dict[str, object]:
    key = clip
    entry = StoredClip(
        key, f"kanji/{key}.mp3", "かつ", "kokoro", "jf_alpha", 1.0, len(data), sha256(data)
    )
    return {**{k: v for k, v in entry.__dict__.items() if v is not None}, **fields}


def _store(out: Path, *records: dict[str, object]) -> Store:
    (out / "manifest.json").write_text(json.dumps({"version": 5, "clips": list(records)}))
    return Store(out, out / ".temp-audio")


def test_a_record_naming_a_file_outside_the_out_dir_vouches_for_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "kanji").mkdir(parents=True)
    (tmp_path / "outside.mp3").write_bytes(b"precious")
    sound = _record(OTHER, b"other")
    (out / f"kanji/{OTHER}.mp3").write_bytes(b"other")
    store = _store(out, sound, _record(KEY, b"precious", path="../outside.mp3", note=5))
    (damaged,) = store.damaged
    assert damaged.file is None and damaged.unsure is None
    assert store.vouching(PATH, KEY) is None
    assert "makes its clip again" in store.damage_notes()[0]


@needs_symlinks
def test_a_clip_file_that_is_a_link_is_not_vouched_for(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "kanji").mkdir(parents=True)
    (tmp_path / "elsewhere.mp3").write_bytes(b"bytes")
    (out / PATH).symlink_to(tmp_path / "elsewhere.mp3")
    (out / f"kanji/{OTHER}.mp3").write_bytes(b"other")
    store = _store(out, _record(OTHER, b"other"), _record(KEY, b"bytes", note=5))
    assert store.damaged[0].file is None and store.vouching(PATH, KEY) is None


def test_a_damaged_record_never_takes_a_sound_records_file(tmp_path: Path) -> None:
    """Two clips of the same bytes: the damaged record of the first, its key pointing at
    the second, is not given the second's file (it has its own record)."""
    out = tmp_path / "out"
    (out / "kanji").mkdir(parents=True)
    for key in (KEY, OTHER):
        (out / f"kanji/{key}.mp3").write_bytes(b"same")
    store = _store(out, _record(OTHER, b"same"), _record(KEY, b"same", key=OTHER, note=5))
    (damaged,) = store.damaged
    assert damaged.file == PATH  # its path's file, not the other clip's
    assert store.vouching(PATH, KEY) is damaged
