"""`models pull supertonic-3`: its sixteen files pinned by size and sha256, both of its
sources tried, its licence's terms shown; pulled from a Hub on 127.0.0.1
(tests/support/model_server.py) serving a small model of the same files, whose pins the
catalog entry takes for the test (the same code path as the real pins)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.model_server import ModelServer, serving
from tests.support.project import Project
from tests.support.supertonic_graphs import MODEL, files, pin_small_model
from tts_assets.errors import DownloadFailed
from tts_assets.models.catalog import pinned
from tts_assets.models.installed import folder, installed, verify
from tts_assets.models.pull import pull
from tts_assets.retry import RetryPolicy

UPSTREAM = ("Supertone/supertonic-3", "724fb5abbf5502583fb520898d45929e62f02c0b")
ARCHIVE = ("supertone-oss-archive/supertonic-3", "aafc6e32416a594460b32413efc49d7fe4ce6d46")
ONCE = RetryPolicy(max_attempts=1)


def hub(*sources: tuple[str, str], changed: str | None = None) -> dict[tuple[str, str, str], bytes]:
    """The small model's files at each of `sources`, with one byte of file `changed`
    (a path) different at the first."""
    served = {}
    for n, (repo, revision) in enumerate(sources):
        for path, data in files().items():
            if path == changed and n == 0:
                data = data[:100] + bytes([data[100] ^ 1]) + data[101:]
            served[repo, revision, path] = data
    return served


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModelServer]:
    state = ModelServer()
    with serving(state):
        monkeypatch.setenv("HF_ENDPOINT", state.url)
        yield state


def test_the_catalog_pins_the_sixteen_files_of_both_sources_with_the_licences_terms() -> None:
    model = pinned()[MODEL]
    assert [s.describe() for s in model.sources] == [
        f"Hugging Face {UPSTREAM[0]} @ {UPSTREAM[1]}",
        f"Hugging Face {ARCHIVE[0]} @ {ARCHIVE[1]}",
    ]
    assert len(model.files) == 16 and model.size == 401_276_744
    assert sorted(f.remote for f in model.files) == sorted(files())  # the small model's paths
    assert all(f.sha256 and len(f.sha256) == 64 for f in model.files)
    vocoder = next(f for f in model.files if f.name == "vocoder.onnx")
    assert (vocoder.size, vocoder.sha256) == (
        101_424_195,
        "085de76dd8e8d5836d6ca66826601f615939218f90e519f70ee8a36ed2a4c4ba",
    )
    assert "OpenRAIL-M" in model.licence and "machine-generated" in model.terms
    assert {"ko", "de", "vi"} <= set(model.languages)


def test_models_list_shows_its_pins_and_its_licence(project: Project) -> None:
    rows = {r["name"]: r for r in project.json("models", "list", "--json")["models"]}
    row = rows[MODEL]
    assert row["status"] == "not installed" and "OpenRAIL-M" in row["licence"]
    assert len(row["files"]) == 16
    assert {"name": "F1.json", "size": 292_046, "pin": "sha256 bbdec6ee00231c2c742ad05483df5334"
            "cab3b52fda3ba38e6a07059c4563dbc2"} in row["files"]  # fmt: skip
    code, out = project.invoke("models", "list")
    assert code == 0
    assert "supertonic-3: licence BigScience OpenRAIL-M" in out
    assert "say that the audio is machine-generated" in out


def test_a_changed_byte_is_refused_naming_the_file_and_nothing_is_installed(
    server: ModelServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = pin_small_model(monkeypatch, files())
    server.hub = hub(UPSTREAM, changed="voice_styles/F3.json")  # no archive to fall back on
    server.lfs_from = 10**9  # small files: no sha256 ETag, so the bytes themselves are checked
    with pytest.raises(DownloadFailed, match=r"another file than the pinned F3\.json") as e:
        pull(model, retry=ONCE)
    assert "supertone-oss-archive" in str(e.value)  # the second source was asked too
    assert installed(model) is None
    assert not (folder(model) / "F3.json").exists()


def test_the_archive_serves_what_the_first_source_serves_changed(
    server: ModelServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = pin_small_model(monkeypatch, files())
    server.hub = hub(UPSTREAM, ARCHIVE, changed="onnx/vocoder.onnx")
    server.lfs_from = 10**9
    pulled = pull(model, retry=ONCE)
    assert pulled.status == "installed"
    assert (folder(model) / "vocoder.onnx").read_bytes() == files()["onnx/vocoder.onnx"]
    assert verify(model).problems == []


def test_the_right_bytes_install_verify_and_print_the_licence(
    server: ModelServer, monkeypatch: pytest.MonkeyPatch, project: Project
) -> None:
    model = pin_small_model(monkeypatch, files())
    server.hub = hub(UPSTREAM)
    code, out = project.invoke("models", "pull", MODEL)
    assert code == 0, out
    assert f"{MODEL}: installed in {folder(model)}" in out
    assert f"{MODEL}: licence BigScience OpenRAIL-M" in out and "machine-generated" in out
    found = installed(model)
    assert found is not None and found.verified
    assert found.path == folder(model)  # a setting names the folder
    for f in model.files:
        data = (folder(model) / f.name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == f.sha256
    assert server.heads["onnx/vector_estimator.onnx"] == 1  # asked of the pinned revision


def test_from_a_folder_in_upstreams_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = pin_small_model(monkeypatch, files())
    source = tmp_path / "stick"
    for path, data in files().items():
        (source / path).parent.mkdir(parents=True, exist_ok=True)
        (source / path).write_bytes(data)
    assert pull(model, from_dir=source).status == "installed"
    assert verify(model).problems == []
