"""The manifest's fields belong to versions: a new field comes with a new version, so an
older tts-assets says "written by a newer tts-assets" and touches nothing, instead of
calling the manifest damaged and advising a rebuild; and every older
version is still read.

`PINNED` is the record of what each version's entries hold. It is never edited for a
version that reached main: a field is added with a new version (docs/design.md, "The
manifest's versions"), and this test fails whenever the fields change without one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict, fields, replace
from pathlib import Path

import pytest

from tests.support import old_tool
from tests.support.sweep import check_each_one
from tts_assets.errors import InputError
from tts_assets.store import manifest
from tts_assets.store.manifest import (
    FIELDS_ADDED,
    MANIFEST_VERSION,
    NewerManifest,
    Store,
    StoredClip,
)

PINNED: dict[int, tuple[str, ...]] = {
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
"""The fields each manifest version added (version 1: the first versioned manifest)."""

KEY = "0123456789abcdef0123456789abcdef"
CLIP = StoredClip(KEY, f"vocabulary/{KEY}.mp3", "水", "kokoro", "jf_alpha", 0.5, 3, "0" * 64)


def test_the_fields_of_every_manifest_version_are_pinned() -> None:
    assert dict(FIELDS_ADDED) == PINNED, "a version's fields changed: add a version instead"
    assert max(PINNED) == MANIFEST_VERSION
    every = [name for version in sorted(PINNED) for name in PINNED[version]]
    assert sorted(f.name for f in fields(StoredClip)) == sorted(every), (
        "StoredClip's fields are not those of the versions: a new field needs a new version "
        "in FIELDS_ADDED (and here)"
    )


def _write(out: Path, version: int, entry: dict[str, object]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    doc = {"version": version, "clips": [entry]}
    (out / "manifest.json").write_text(json.dumps(doc), encoding="utf-8")


def _fields_of(version: int) -> dict[str, object]:
    """An entry holding every field up to `version`, each with a value of its own."""
    values = {
        **asdict(CLIP),
        "lang": "ja",
        "sets": ["../data"],
        "origin": "/audio/v/mizu.mp3",
        "also_from": ["/audio/v/mizu-2.mp3"],
        "device": "cpu",
    }
    names = [name for v in sorted(PINNED) if v <= version for name in PINNED[v]]
    return {name: values[name] for name in names}


def test_every_older_version_is_still_read(tmp_path_factory: pytest.TempPathFactory) -> None:
    def case(version: int) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        entry = _fields_of(version)
        _write(tmp_path / "out", version, entry)
        store = Store(tmp_path / "out", tmp_path / "staging")
        (clip,) = store
        assert {name: getattr(clip, name) for name in entry} == {
            name: tuple(value) if isinstance(value, list) else value
            for name, value in entry.items()
        }

    check_each_one(case, sorted(PINNED))


def test_a_manifest_is_written_in_the_newest_version(tmp_path: Path) -> None:
    store = Store(tmp_path / "out", tmp_path / "staging")
    store.replace(replace(CLIP, device="cpu"))
    store.flush()
    doc = json.loads((tmp_path / "out/manifest.json").read_text(encoding="utf-8"))
    assert doc["version"] == MANIFEST_VERSION
    assert set(doc["clips"][0]) == {f.name for f in fields(StoredClip)}


def test_a_field_of_a_later_version_in_an_older_manifest_is_damage(tmp_path: Path) -> None:
    """Version 2's fields in a version 1 manifest: the builds before version 2 wrote
    them so (the lapse), and they are read; a field no version up to its own names is not."""
    _write(tmp_path / "lapse", 1, _fields_of(2))
    assert len(Store(tmp_path / "lapse", tmp_path / "staging")) == 1
    _write(tmp_path / "out", 1, {**_fields_of(1), "word_timings": []})
    with pytest.raises(InputError, match="not a tts-assets manifest"):
        Store(tmp_path / "out", tmp_path / "staging")


def test_an_older_tool_calls_a_manifest_written_now_newer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a tool that reads one version less does with this one's manifest."""
    store = Store(tmp_path / "out", tmp_path / "staging")
    store.replace(CLIP)
    store.flush()
    older = MANIFEST_VERSION - 1
    monkeypatch.setattr(manifest, "MANIFEST_VERSION", older)
    with pytest.raises(
        NewerManifest, match=f"manifest version {MANIFEST_VERSION}; this one reads {older}"
    ):
        Store(tmp_path / "out", tmp_path / "staging")


PREVIOUS = "3cff475"
"""The last main before `also_from` and `device`, which came without a new version: it reads
version 1 manifests of exactly `PINNED[1]`, and called the next ones damaged."""


@pytest.mark.slow
def test_the_previous_tts_assets_leaves_a_manifest_written_now_alone(tmp_path: Path) -> None:
    """The real previous tool (its package and entry points from git), on a project this
    one generated: exit 2, "written by a newer tts-assets", and nothing touched."""
    old = old_tool.extract(PREVIOUS, tmp_path / "previous")
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    (project / "data/vocabulary.json").write_text('[{"id": "v1", "word": "みず"}]\n', "utf-8")
    (project / "tts-assets.toml").write_text('provider = "espeak"\ntype = "vocabulary"\n', "utf-8")
    now = subprocess.run(
        [sys.executable, "-m", "tts_assets", "generate"], cwd=project, capture_output=True
    )
    assert now.returncode == 0, now.stderr
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    for command in ("generate", "verify"):
        done = subprocess.run(
            [sys.executable, "-m", "tts_assets", command],
            cwd=project,
            env={**os.environ, "PYTHONPATH": str(old)},
            capture_output=True,
            text=True,
        )
        assert done.returncode == 2, done.stderr
        said = " ".join(done.stderr.split())
        assert f"written by a newer tts-assets (manifest version {MANIFEST_VERSION}" in said
        assert "rebuild-manifest" not in said
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before
