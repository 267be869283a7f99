"""`tts-assets prune` on clips the real Kokoro model made: what it lists, deletes and keeps."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from tests.support.manifests import read_manifest, write_manifest
from tests.support.project import invoke, read_json, tree, url_of, write_json
from tts_assets.store import lock
from tts_assets.store.manifest import Store

pytestmark = pytest.mark.slow  # a real Kokoro run makes the project

EXTRA_KEY = "0123456789abcdef0123456789abcdef"


def out_dir(project: Path) -> Path:
    return project / "public/audio"


def add_unreferenced(project: Path) -> str:
    """A clip in the manifest that no text uses (as a text that changed leaves behind)."""
    store = Store(out_dir(project), project / ".temp-audio")
    source = next(iter(store))
    rel = f"grammar/{EXTRA_KEY}.mp3"
    store.put(rel, store.file(source.path).read_bytes(), replace(source, key=EXTRA_KEY))
    store.flush()
    return rel


def manifest_paths(project: Path) -> set[str]:
    return {c["path"] for c in read_manifest(out_dir(project))["clips"]}


def test_lists_an_unreferenced_clip_without_deleting(kokoro_project: Path) -> None:
    rel = add_unreferenced(kokoro_project)
    before = tree(kokoro_project, folders=True)
    code, out = invoke("prune")
    assert code == 0, out
    assert out.splitlines()[0].startswith(f"{rel}: unreferenced, ")
    assert "run again with --yes to delete them" in out
    assert tree(kokoro_project, folders=True) == before


def test_yes_deletes_it_and_drops_it_from_the_manifest(kokoro_project: Path) -> None:
    rel = add_unreferenced(kokoro_project)
    kept = manifest_paths(kokoro_project) - {rel}
    code, out = invoke("prune", "--yes", "--json")
    assert code == 0, out
    report = json.loads(out)
    assert report["deleted"] is True
    assert [u["path"] for u in report["unused"]] == [rel]
    assert not (out_dir(kokoro_project) / rel).exists()
    assert manifest_paths(kokoro_project) == kept
    for path in kept:  # the clips of both types are still there
        assert (out_dir(kokoro_project) / path).is_file()
    assert {p.split("/")[0] for p in kept} == {"grammar", "vocabulary"}
    assert invoke("verify")[0] == 0


def test_every_type_counts_whatever_the_config_selects(kokoro_project: Path) -> None:
    # A config that selects only grammar must not make vocabulary's clips unneeded.
    (kokoro_project / "tts-assets.toml").write_text('type = "grammar"\n', encoding="utf-8")
    code, out = invoke("prune", "--yes", "--json")
    assert code == 0, out
    assert json.loads(out)["unused"] == []
    assert invoke("verify", "--type", "all")[0] == 0


def test_a_url_still_in_the_json_keeps_its_clip(kokoro_project: Path) -> None:
    # The text was emptied: no clip is planned for it, but its old URL is still there.
    url = url_of(kokoro_project, "vocabulary.json", 1, "audioUrl")
    doc = read_json(kokoro_project / "data/vocabulary.json")
    doc[1]["word"] = ""  # type: ignore[index]
    write_json(kokoro_project / "data/vocabulary.json", doc)
    code, out = invoke("prune", "--yes", "--json")
    assert code == 0, out
    assert json.loads(out)["unused"] == []
    assert (kokoro_project / "public" / url.removeprefix("/")).is_file()


def test_orphans_are_deleted_unless_needed(kokoro_project: Path) -> None:
    needed = url_of(kokoro_project, "vocabulary.json", 0, "audioUrl").removeprefix("/audio/")
    staging = out_dir(kokoro_project) / ".temp-audio"
    store = Store(out_dir(kokoro_project), staging)
    store.drop(needed, delete=False)  # a crash between rename and manifest write
    store.flush()
    source = next(iter(store))
    killed = Store(out_dir(kokoro_project), staging)  # a run killed before its manifest write
    killed.put(f"vocabulary/{EXTRA_KEY}.mp3", b"left by a killed run", source)
    orphan = out_dir(kokoro_project) / f"vocabulary/{EXTRA_KEY}.mp3"
    hand_made = out_dir(kokoro_project) / "vocabulary/intro.mp3"
    hand_made.write_bytes(b"not ours")
    md5_named = out_dir(kokoro_project) / f"vocabulary/{'ab' * 16}.mp3"  # a predecessor's
    md5_named.write_bytes(b"not ours either")

    code, out = invoke("prune")
    assert code == 0, out
    lines = out.splitlines()
    assert f"vocabulary/{EXTRA_KEY}.mp3: orphan: not in the manifest, 20 bytes" in lines
    assert f"{needed}: not in the manifest, but the content uses it; kept" in lines
    assert (
        f"1 file(s) named like clips kept (first: vocabulary/{'ab' * 16}.mp3): tts-assets did "
        "not make them, so they are a person's (a predecessor's clips?)"
    ) in lines

    assert invoke("prune", "--yes")[0] == 0
    assert not orphan.exists()
    assert (out_dir(kokoro_project) / needed).is_file()
    assert hand_made.read_bytes() == b"not ours"
    assert md5_named.read_bytes() == b"not ours either"


def test_never_follows_symlinks_out_of_the_out_dir(kokoro_project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "phrases").mkdir(parents=True)
    target = outside / "phrases" / f"{EXTRA_KEY}.mp3"
    target.write_bytes(b"precious")
    (out_dir(kokoro_project) / "phrases").symlink_to(outside / "phrases")  # a whole type folder
    link = out_dir(kokoro_project) / f"grammar/{'f' * 32}.mp3"
    link.symlink_to(target)  # one clip
    doc = read_manifest(out_dir(kokoro_project))
    template = doc["clips"][0]
    doc["clips"].append({**template, "path": f"../outside/{EXTRA_KEY}.mp3"})
    doc["clips"].append({**template, "key": EXTRA_KEY, "path": f"phrases/{EXTRA_KEY}.mp3"})
    write_manifest(out_dir(kokoro_project), doc)

    code, out = invoke("prune", "--yes", "--json")
    assert code == 0, out
    assert target.read_bytes() == b"precious"
    assert link.is_symlink()
    # The entry behind the symlinked folder is forgotten, its file not touched; a path
    # tts-assets could not have written is left as it is.
    unused = {u["path"]: u["reason"] for u in json.loads(out)["unused"]}
    assert unused == {f"phrases/{EXTRA_KEY}.mp3": "no file"}
    assert f"../outside/{EXTRA_KEY}.mp3" in manifest_paths(kokoro_project)


def test_keeps_the_clips_of_a_type_whose_file_is_missing(kokoro_project: Path) -> None:
    (kokoro_project / "data/grammar.json").unlink()
    clips = {p for p in manifest_paths(kokoro_project) if p.startswith("grammar/")}
    code, out = invoke("prune", "--yes")
    assert code == 0, out
    assert "grammar/ kept: grammar.json is not in the data dir" in out.splitlines()
    assert clips <= manifest_paths(kokoro_project)


def test_refuses_without_any_content(kokoro_project: Path) -> None:
    for path in (kokoro_project / "data").iterdir():
        path.unlink()
    before = tree(kokoro_project, folders=True)
    code, out = invoke("prune", "--yes")
    assert code == 2
    assert "no content file found" in out
    assert tree(kokoro_project, folders=True) == before


def test_deleting_waits_for_the_run_lock(kokoro_project: Path) -> None:
    add_unreferenced(kokoro_project)
    with lock.locked([out_dir(kokoro_project)]):
        code, out = invoke("prune", "--yes")
    assert code == 2
    assert "another tts-assets run is writing here" in out
    assert len(json.loads(invoke("prune", "--json")[1])["unused"]) == 1


def test_writes_nothing_when_there_is_nothing_to_prune(kokoro_project: Path) -> None:
    before = tree(kokoro_project, folders=True)
    code, out = invoke("prune")
    assert code == 0, out
    assert out.strip() == "nothing to prune: every clip is needed"
    assert tree(kokoro_project, folders=True) == before
