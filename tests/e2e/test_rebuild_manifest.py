"""A damaged manifest is rebuilt from the clip files, paying nothing.

Real runs of the whole pipeline with the fault provider (its healthy tone, encoded and
validated for real); its call log shows that rebuilding synthesizes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support import fault_provider
from tests.support.manifests import manifest_file, read_manifest, write_manifest
from tests.support.project import Project, made_once
from tts_assets.store.manifest import MANIFEST_VERSION

TEXTS = [f"{c}を見ます。" for c in "山川海空"]
"""Four clips: a damaged one among others, a stray copy of another; each more is a clip
made once for the module and measured again by each rebuild."""


def _build(project: Project) -> None:
    fault_provider.write_grammar(project / "data", TEXTS)
    config = fault_provider.write_config(project, log="calls.jsonl")
    config.write_text(f'provider = "fault"\n{config.read_text("utf-8")}', "utf-8")
    code, out = project.invoke("generate")
    assert code == 0, out


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return made_once(tmp_path_factory, _build)


@pytest.fixture
def project(project: Project, made: Project, fault: None) -> Project:
    """The fault provider's clips of TEXTS, its calls logged."""
    return project.copy(made)


def _manifest_path(root: Path) -> Path:
    return root / "public/audio/manifest.json"


def _entries(root: Path) -> list[dict[str, Any]]:
    clips: list[dict[str, Any]] = read_manifest(root / "public/audio")["clips"]
    return clips


def _calls(root: Path) -> int:
    return len(fault_provider.calls(root / "calls.jsonl"))


def test_a_damaged_manifest_is_rebuilt_exactly_with_no_synthesis(project: Project) -> None:
    original = _entries(project)
    calls = _calls(project)
    entries = manifest_file(project / "public/audio")  # a database's, or manifest.json
    damaged = entries.read_bytes()[:300]
    entries.write_bytes(damaged)
    code, out = project.invoke("generate")
    assert code == 2
    assert "run tts-assets rebuild-manifest" in out

    code, out = project.invoke("rebuild-manifest", "--json")
    assert code == 0, out
    report = json.loads(out)
    assert report["recorded"] == len(TEXTS) and report["missing"] == 0
    assert report["rejected"] == [] and report["unnamed"] == 0
    # Every field, measures and sets included; but when the words are said is not in
    # the file, and the damaged manifest that said it is never read.
    assert [{**e, "timings": None} for e in original] == [
        {**e, "timings": None} for e in _entries(project)
    ]
    assert all(e["timings"] is None for e in _entries(project))
    assert entries.with_name(f"{entries.name}.damaged").read_bytes() == damaged
    assert _calls(project) == calls, "nothing was synthesized"

    code, out = project.invoke("generate", "--json")
    assert code == 0, out
    assert json.loads(out)["generated"] == 0 and _calls(project) == calls
    assert project.invoke("verify", "--deep")[0] == 0


def test_a_damaged_clip_file_is_left_out_and_made_again(project: Project) -> None:
    original = _entries(project)
    broken = project / "public/audio" / original[2]["path"]
    broken.write_bytes(broken.read_bytes()[:200])
    stray = project / "public/audio/grammar" / ("f" * 32 + ".mp3")
    stray.write_bytes((project / "public/audio" / original[0]["path"]).read_bytes())
    _manifest_path(project).unlink()
    calls = _calls(project)

    code, out = project.invoke("rebuild-manifest")
    assert code == 0, out
    assert out.startswith(f"{original[2]['path']}: ")
    out = " ".join(out.split())
    assert "1 clip file(s) no text of this content needs were left out" in out
    assert f"{len(TEXTS) - 1} clip(s) recorded from their files" in out
    assert "1 clip(s) to make: run tts-assets generate" in out
    assert [e["path"] for e in _entries(project)] == [
        e["path"] for e in original if e["path"] != original[2]["path"]
    ]
    code, out = project.invoke("generate", "--json")
    assert code == 0, out
    assert json.loads(out)["generated"] == 1 and _calls(project) == calls + 1
    # The clips recorded from their files have no timings (no file says them); the
    # one made again has them as it had.
    untimed = [{**e, "timings": None} for e in original]
    assert [{**e, "timings": None} for e in _entries(project)] == untimed
    remade = _entries(project)[2]
    assert remade["path"] == original[2]["path"] and remade["timings"] == original[2]["timings"]


def test_an_entry_keeps_what_the_old_one_knew_of_the_same_bytes(project: Project) -> None:
    """Where an adopted clip came from, who said it on which device, and what the listening
    and accent checks heard in these very bytes: kept, as a damaged record's are."""
    out = project / "public/audio"
    doc = read_manifest(out)
    first, second = doc["clips"][0], doc["clips"][1]
    known = {
        "origin": "recordings/yama.mp3",
        "also_from": ["recordings/yama-2.mp3"],
        "device": "studio microphone",
        "listened": {"by": "whisper-base", "sha256": first["sha256"], "verdict": "ok"},
        "accent": {"sha256": first["sha256"], "expected": "LH", "heard": "LH"},
    }
    first.update(known)
    # A verdict on other bytes is not these bytes' verdict.
    second["accent"] = {"sha256": "0" * 64, "expected": "LH", "heard": "HL"}
    write_manifest(out, doc)

    code, said = project.invoke("rebuild-manifest")
    assert code == 0, said
    after = {e["path"]: e for e in _entries(project)}
    assert {k: after[first["path"]][k] for k in known} == known
    assert after[second["path"]]["accent"] is None


def test_a_manifest_of_a_newer_version_asks_for_an_upgrade_and_is_kept(project: Project) -> None:
    doc = read_manifest(project / "public/audio")
    doc["version"] = 99
    write_manifest(project / "public/audio", doc)
    before = project.tree()
    for command in ("generate", "rebuild-manifest", "verify", "prune"):
        code, out = project.invoke(command)
        assert code == 2, (command, out)
        line = " ".join(out.split())
        newer = f"manifest version 99; this one reads {MANIFEST_VERSION}"
        assert f"written by a newer tts-assets ({newer})" in line
        assert "upgrade tts-assets" in line
    assert project.tree() == before
