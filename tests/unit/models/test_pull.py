"""`models pull` against a model server on 127.0.0.1 (tests/support/model_server.py)
speaking the Hub's resolve protocol and GitHub's release downloads: each file is checked
against its pin, resumed, and a failure leaves nothing in place."""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.model_server import ModelServer, serving, sha256
from tts_assets.errors import DownloadFailed, InputError
from tts_assets.models.catalog import Model, ModelFile, Source
from tts_assets.models.installed import RECORD, folder, installed, recorded_sha256, verify
from tts_assets.models.pull import pull

COMMIT = "0123456789abcdef0123456789abcdef01234567"
WEIGHTS = os.urandom(300_000)
CONFIG = b'{"alignment_heads": [[1, 2]]}\n'
VOICES = os.urandom(200_000)


@pytest.fixture(autouse=True)
def models_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TTS_ASSETS_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.delenv("TTS_ASSETS_OFFLINE", raising=False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    return tmp_path / "models"


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModelServer]:
    state = ModelServer(
        hub={
            ("team/whisper", COMMIT, "model.bin"): WEIGHTS,
            ("team/whisper", COMMIT, "config.json"): CONFIG,
        },
        releases={("team/kokoro", "files-v1", "voices.bin"): VOICES},
    )
    with serving(state):
        monkeypatch.setenv("HF_ENDPOINT", state.url)
        monkeypatch.setenv("TTS_ASSETS_GITHUB_MIRROR", state.url)
        yield state


def hub_model(*, path: str = "model.bin", pin: str | None = None) -> Model:
    return Model(
        "test-whisper",
        "whisper",
        "a Whisper stand-in",
        "MIT",
        Source("hf", "team/whisper", COMMIT),
        (
            ModelFile("config.json", "config.json", len(CONFIG), sha256=sha256(CONFIG)),
            ModelFile("model.bin", path, len(WEIGHTS), sha256=pin or sha256(WEIGHTS)),
        ),
    )


def release_model() -> Model:
    return Model(
        "test-voices",
        "kokoro-voices",
        "a voices stand-in",
        "Apache-2.0",
        Source("github", "team/kokoro", "files-v1"),
        (ModelFile("voices.bin", "voices.bin", len(VOICES), sha256=sha256(VOICES)),),
    )


def left_in(place: Path) -> list[str]:
    """The files a model's folder holds (the record aside)."""
    if not place.exists():
        return []
    return sorted(p.name for p in place.iterdir() if p.name != RECORD)


def test_a_pull_through_the_hub_installs_the_pinned_files_and_records_their_digests(
    server: ModelServer,
) -> None:
    model = hub_model()
    pulled = pull(model)
    assert pulled.status == "installed"
    assert (folder(model) / "model.bin").read_bytes() == WEIGHTS
    assert (folder(model) / "config.json").read_bytes() == CONFIG
    assert left_in(folder(model)) == ["config.json", "model.bin"]  # no partial file
    found = installed(model)
    assert found is not None and found.verified
    assert found.sha256["model.bin"] == sha256(WEIGHTS)
    assert server.heads["model.bin"] == 1  # the Hub's HEAD before the GET

    again = pull(model)  # installed and verified: nothing is asked of the server
    assert again.status == "present"
    assert sum(server.gets.values()) == 2


def test_a_pull_of_a_release_asset_follows_githubs_redirect(server: ModelServer) -> None:
    model = release_model()
    pull(model)
    assert (folder(model) / "voices.bin").read_bytes() == VOICES
    assert server.gets[sha256(VOICES)] == 1  # served at the redirect's target


def test_a_connection_dropped_mid_body_is_resumed_with_a_range(server: ModelServer) -> None:
    server.drop_after = 120_000
    model = release_model()
    pull(model, backoff=0)
    assert (folder(model) / "voices.bin").read_bytes() == VOICES
    assert server.ranges == ["", "bytes=120000-"]


def test_a_pull_that_broke_off_is_resumed_by_the_next_pull(server: ModelServer) -> None:
    server.drop_after = 50_000
    model = hub_model()
    with pytest.raises(DownloadFailed, match=r"run tts-assets models pull test-whisper again"):
        pull(model, attempts=1)
    assert (folder(model) / "model.bin.partial").stat().st_size == 50_000
    assert installed(model) is None

    pull(model)
    assert (folder(model) / "model.bin").read_bytes() == WEIGHTS
    assert server.ranges[-1] == "bytes=50000-"
    assert left_in(folder(model)) == ["config.json", "model.bin"]


def test_a_server_that_ignores_the_range_gets_the_file_written_from_the_start(
    server: ModelServer,
) -> None:
    server.drop_after = 70_000
    model = release_model()
    with pytest.raises(DownloadFailed):
        pull(model, attempts=1)
    server.ignore_range = True
    pull(model)
    assert server.ranges[-1] == "bytes=70000-"  # asked for the rest, was sent it all
    assert (folder(model) / "voices.bin").read_bytes() == VOICES


def test_a_file_that_is_not_the_pinned_one_leaves_nothing_behind(server: ModelServer) -> None:
    server.wrong = {sha256(VOICES)}  # same size, other bytes
    model = release_model()
    with pytest.raises(DownloadFailed, match=r"another file than the pinned voices\.bin"):
        pull(model)
    assert left_in(folder(model)) == []
    assert installed(model) is None


def test_the_hubs_etag_refuses_a_changed_file_before_it_is_downloaded(server: ModelServer) -> None:
    model = hub_model(pin="f" * 64)
    with pytest.raises(DownloadFailed, match=r"the Hub holds another model\.bin"):
        pull(model)
    assert server.gets.get(sha256(WEIGHTS), 0) == 0
    assert "model.bin" not in left_in(folder(model))


def test_a_server_without_the_hubs_headers_is_refused(server: ModelServer) -> None:
    server.omit = {"X-Repo-Commit"}
    model = hub_model()
    with pytest.raises(DownloadFailed, match="without X-Repo-Commit: that is not a Hugging Face"):
        pull(model)
    assert left_in(folder(model)) == []


def test_a_file_the_hub_does_not_have_is_named(server: ModelServer) -> None:
    model = hub_model(path="weights/model.bin")
    with pytest.raises(DownloadFailed, match="not in the repository at that revision"):
        pull(model)
    assert "model.bin" not in left_in(folder(model))


@pytest.mark.parametrize("variable", ["TTS_ASSETS_OFFLINE", "HF_HUB_OFFLINE"])
def test_offline_a_cold_cache_refuses_the_network_and_a_warm_one_needs_none(
    server: ModelServer, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "1")
    with pytest.raises(InputError, match=f"{variable}=1: the network is off.*--from DIR"):
        pull(release_model())
    assert not server.gets and not server.ranges

    monkeypatch.delenv(variable)
    pull(release_model())
    monkeypatch.setenv(variable, "1")
    assert pull(release_model()).status == "present"
    assert sum(server.gets.values()) == 1


def test_from_a_folder_installs_a_good_copy_and_refuses_a_corrupt_one(tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    (stick / "voices.bin").write_bytes(VOICES[:-1] + b"\x00")
    model = release_model()
    with pytest.raises(
        InputError, match=rf"{re.escape(str(Path('usb/voices.bin')))} is not the pinned voices\.bin"
    ):
        pull(model, from_dir=stick)
    assert left_in(folder(model)) == []

    (stick / "voices.bin").write_bytes(VOICES)
    pulled = pull(model, from_dir=stick)
    assert pulled.files == {"voices.bin": "copied"}
    assert verify(model) == []


def test_two_pulls_at_once_wait_for_each_other(server: ModelServer) -> None:
    server.hold = threading.Event()
    model = release_model()
    second_waits = threading.Event()
    errors: list[BaseException] = []
    results: list[str] = []

    class Waiting:
        def waiting(self, model: str) -> None:
            second_waits.set()

        def started(self, model: str, name: str, total: int, start: int) -> None:
            pass

        def advanced(self, done: int) -> None:
            pass

        def finished(self, model: str, name: str, how: str) -> None:
            pass

    def run(progress: Waiting | None) -> None:
        try:
            results.append(pull(model, progress=progress).status)
        except BaseException as e:
            errors.append(e)

    first = threading.Thread(target=run, args=(None,))
    first.start()
    assert server.holding.wait(10)  # the first is in the middle of the body
    second = threading.Thread(target=run, args=(Waiting(),))
    second.start()
    assert second_waits.wait(10)  # the second found the model locked
    server.hold.set()
    first.join(10)
    second.join(10)
    assert not errors
    assert sorted(results) == ["installed", "present"]
    assert server.gets[sha256(VOICES)] == 1
    assert (folder(model) / "voices.bin").read_bytes() == VOICES


def test_verify_finds_a_file_changed_after_the_pull(server: ModelServer) -> None:
    model = release_model()
    pull(model)
    path = folder(model) / "voices.bin"
    path.write_bytes(VOICES[:-1] + b"\x01")
    found = installed(model)
    assert found is not None and not found.verified
    assert verify(model) == [
        f"test-voices: {path} is not the pinned file (sha256 {sha256(VOICES)}); "
        "delete it and run: tts-assets models pull test-voices"
    ]


def test_a_piper_voice_is_pinned_by_the_md5_of_voices_json(server: ModelServer) -> None:
    onnx, config = os.urandom(90_000), b'{"language": {"family": "de"}}'
    server.hub[("rhasspy/voices", "v1.0.0", "de/de_DE/x/medium/de_DE-x-medium.onnx")] = onnx
    server.hub[("rhasspy/voices", "v1.0.0", "de/de_DE/x/medium/de_DE-x-medium.onnx.json")] = config
    server.commits[("rhasspy/voices", "v1.0.0")] = COMMIT  # a tag the Hub resolves

    def voice(md5: str) -> Model:
        return Model(
            "piper:de_DE-x-medium",
            "piper-voice",
            "a Piper stand-in",
            "CC0",
            Source("hf", "rhasspy/voices", "v1.0.0"),
            (
                ModelFile(
                    "de_DE-x-medium.onnx",
                    "de/de_DE/x/medium/de_DE-x-medium.onnx",
                    len(onnx),
                    md5=md5,
                ),
                ModelFile(
                    "de_DE-x-medium.onnx.json",
                    "de/de_DE/x/medium/de_DE-x-medium.onnx.json",
                    len(config),
                    md5=hashlib.md5(config).hexdigest(),
                ),
            ),
        )

    with pytest.raises(DownloadFailed, match=r"md5 [0-9a-f]{32}, pinned md5 0{32}"):
        pull(voice("0" * 32))
    assert "de_DE-x-medium.onnx" not in left_in(folder(voice("0" * 32)))
    model = voice(hashlib.md5(onnx).hexdigest())
    pull(model)
    found = installed(model)
    assert found is not None and found.verified
    assert found.path == folder(model) / "de_DE-x-medium.onnx"
    assert found.sha256["de_DE-x-medium.onnx"] == sha256(onnx)  # recorded as well


def test_a_models_folder_that_cannot_be_made_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("TTS_ASSETS_MODELS_DIR", str(blocker / "models"))
    with pytest.raises(
        DownloadFailed, match=r"cannot create the models folder.*TTS_ASSETS_MODELS_DIR"
    ):
        pull(release_model())


def test_a_run_reads_a_pulled_files_digest_from_the_record_until_the_file_changes(
    server: ModelServer,
) -> None:
    model = release_model()
    pull(model)
    path = folder(model) / "voices.bin"
    assert recorded_sha256(path) == sha256(VOICES)
    path.write_bytes(VOICES[::-1])
    assert recorded_sha256(path) is None  # hashed again by whoever needs it
