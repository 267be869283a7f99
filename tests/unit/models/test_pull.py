"""`models pull` against a model server on 127.0.0.1 (tests/support/model_server.py)
speaking the Hub's resolve protocol and GitHub's release downloads: each file is checked
against its pin, resumed, and a failure leaves nothing in place."""

from __future__ import annotations

import hashlib
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests.support.markers import needs_dev, needs_fifo, needs_symlinks
from tests.support.model_server import ModelServer, serving, sha256
from tts_assets.errors import DownloadFailed, InputError
from tts_assets.models.catalog import Model, ModelFile, Source
from tts_assets.models.installed import RECORD, folder, installed, model_record, verify
from tts_assets.models.pull import Stall, pull
from tts_assets.models.record import trusted_sha256
from tts_assets.retry import RetryPolicy
from tts_assets.store import lock

COMMIT = "0123456789abcdef0123456789abcdef01234567"
WEIGHTS = os.urandom(300_000)
CONFIG = b'{"alignment_heads": [[1, 2]]}\n'
VOICES = os.urandom(200_000)
T = TypeVar("T")


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
    pull(model, retry=RetryPolicy(base=0))
    assert (folder(model) / "voices.bin").read_bytes() == VOICES
    assert server.ranges == ["", "bytes=120000-"]


def test_a_pull_that_broke_off_is_resumed_by_the_next_pull(server: ModelServer) -> None:
    server.drop_after = 50_000
    model = hub_model()
    with pytest.raises(DownloadFailed, match=r"run tts-assets models pull test-whisper again"):
        pull(model, retry=RetryPolicy(max_attempts=1))
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
        pull(model, retry=RetryPolicy(max_attempts=1))
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
    # The last byte changed, whatever it was (a 0 written over it was sometimes itself).
    (stick / "voices.bin").write_bytes(VOICES[:-1] + bytes([VOICES[-1] ^ 0xFF]))
    model = release_model()
    with pytest.raises(
        InputError, match=rf"{re.escape(str(Path('usb/voices.bin')))} is not the pinned voices\.bin"
    ):
        pull(model, from_dir=stick)
    assert left_in(folder(model)) == []

    (stick / "voices.bin").write_bytes(VOICES)
    pulled = pull(model, from_dir=stick)
    assert pulled.files == {"voices.bin": "copied"}
    assert verify(model).problems == []


def test_two_pulls_at_once_wait_for_each_other(
    server: ModelServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lock, "POLL_S", 0.01)  # the waiting pull tries again every 10 ms
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
    path.write_bytes(VOICES[:-1] + bytes([VOICES[-1] ^ 0xFF]))  # changed whatever VOICES drew
    found = installed(model)
    assert found is not None and not found.verified
    (problem,) = verify(model).problems
    assert problem.startswith(f"test-voices: {path} is not the pinned file (sha256 ")
    assert problem.endswith(
        f"pinned sha256 {sha256(VOICES)}); repair it with: tts-assets models pull test-voices "
        "(it keeps this file aside)"
    )


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


def recorded_sha256(path: Path) -> str | None:
    """The digest a run takes from the record of `path`'s model (`content_sha256`)."""
    return trusted_sha256(path, model_record(path.parent))


def test_a_run_reads_a_pulled_files_digest_from_the_record_until_the_file_changes(
    server: ModelServer,
) -> None:
    model = release_model()
    pull(model)
    path = folder(model) / "voices.bin"
    assert recorded_sha256(path) == sha256(VOICES)
    path.write_bytes(VOICES[::-1])
    assert recorded_sha256(path) is None  # hashed again by whoever needs it


# --- what a run may trust ----------------------------------------------


def tamper(path: Path, at: int = 1000, *, mtime_back: bool = True) -> bytes:
    """Change bytes of `path` at its size and set its mtime back, as a hostile edit
    would (or leave the new mtime, as an editor would); the bytes it held."""
    before = path.read_bytes()
    st = path.stat()
    with path.open("r+b") as f:
        f.seek(at)
        f.write(bytes(b ^ 0xFF for b in before[at : at + 16]))
    if mtime_back:
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        assert path.stat().st_mtime_ns == st.st_mtime_ns
    assert path.stat().st_size == st.st_size
    return before


def test_a_file_changed_at_its_size_with_its_mtime_set_back_is_not_verified(
    server: ModelServer,
) -> None:
    model = release_model()
    pull(model)
    path = folder(model) / "voices.bin"
    tamper(path)
    found = installed(model)
    assert found is not None and not found.verified
    assert recorded_sha256(path) is None


@pytest.mark.parametrize("mtime_back", [True, False])
def test_a_changed_pulled_model_is_refused_where_a_setting_names_it(
    server: ModelServer, mtime_back: bool
) -> None:
    from tts_assets.errors import ModelNotPinned
    from tts_assets.models.catalog import Catalog
    from tts_assets.models.installed import resolve

    model = release_model()
    pull(model)
    catalog = Catalog({model.name: model})
    assert resolve(model.name, catalog) == folder(model) / "voices.bin"
    tamper(folder(model) / "voices.bin", mtime_back=mtime_back)
    with pytest.raises(ModelNotPinned) as caught:
        resolve(model.name, catalog)
    message = str(caught.value)
    assert "voices.bin is not the pinned file" in message
    assert "tts-assets models pull test-voices" in message
    assert "\n" not in message


def test_a_file_whose_record_is_stale_but_whose_bytes_are_pinned_is_used_and_recorded_again(
    server: ModelServer,
) -> None:
    """A models folder copied to another machine (other inodes, other times) is hashed once
    and recorded again: the next run trusts the record."""
    from tts_assets.models.catalog import Catalog
    from tts_assets.models.installed import resolve

    model = release_model()
    pull(model)
    path = folder(model) / "voices.bin"
    copy = path.with_name("copy")
    copy.write_bytes(path.read_bytes())
    os.replace(copy, path)  # another inode: the record no longer vouches for it
    assert not installed(model).verified  # type: ignore[union-attr]
    assert resolve(model.name, Catalog({model.name: model})) == path
    found = installed(model)
    assert found is not None and found.verified


def test_a_pull_of_a_changed_model_repairs_it_and_keeps_the_changed_file_aside(
    server: ModelServer,
) -> None:
    model = release_model()
    pull(model)
    path = folder(model) / "voices.bin"
    tamper(path)
    changed = path.read_bytes()
    pulled = pull(model)
    assert pulled.status == "installed"
    assert path.read_bytes() == VOICES
    (aside,) = pulled.set_aside.values()
    assert aside.parent == folder(model) and aside.read_bytes() == changed
    found = installed(model)
    assert found is not None and found.verified


# --- a pull never destroys what it did not make -------------------------------------------


def plant(model: Model, name: str, data: bytes) -> Path:
    """A file of someone else's at `name` in `model`'s folder (a fine-tuned voice put in
    place, another tool's file)."""
    place = folder(model)
    place.mkdir(parents=True, exist_ok=True)
    (place / name).write_bytes(data)
    return place / name


@pytest.mark.parametrize("size", ["same", "other"])
def test_an_offline_pull_deletes_no_file_it_did_not_write(
    server: ModelServer, monkeypatch: pytest.MonkeyPatch, size: str
) -> None:
    mine = os.urandom(len(VOICES) if size == "same" else 1234)
    planted = plant(release_model(), "voices.bin", mine)
    monkeypatch.setenv("TTS_ASSETS_OFFLINE", "1")
    with pytest.raises(InputError, match="the network is off"):
        pull(release_model())
    assert planted.read_bytes() == mine


def test_a_pull_that_fails_keeps_the_file_that_was_there(server: ModelServer) -> None:
    mine = os.urandom(len(VOICES))
    planted = plant(release_model(), "voices.bin", mine)
    server.wrong = {sha256(VOICES)}
    with pytest.raises(DownloadFailed):
        pull(release_model())
    assert planted.read_bytes() == mine


def test_a_file_the_tool_did_not_write_is_set_aside_once_the_pinned_one_is_in_place(
    server: ModelServer,
) -> None:
    mine = os.urandom(5000)
    planted = plant(release_model(), "voices.bin", mine)
    pulled = pull(release_model())
    assert planted.read_bytes() == VOICES
    assert [p.read_bytes() for p in pulled.set_aside.values()] == [mine]
    assert installed(release_model()) is not None


def test_a_pulled_file_whose_pin_changed_is_replaced_not_set_aside(server: ModelServer) -> None:
    """The tool wrote it (the record vouches for its bytes): a newer pin replaces it."""
    old = release_model()
    server.releases[("team/kokoro", "files-v1", "voices.bin")] = VOICES[::-1]
    stale = Model(
        old.name, old.kind, old.description, old.licence, old.source,
        (ModelFile("voices.bin", "voices.bin", len(VOICES), sha256=sha256(VOICES[::-1])),),
    )  # fmt: skip
    pull(stale)
    server.releases[("team/kokoro", "files-v1", "voices.bin")] = VOICES
    pulled = pull(old)
    assert pulled.set_aside == {}
    assert left_in(folder(old)) == ["voices.bin"]


# --- a damaged record means "not verified" ------------------------------------------------


def _damage(record: Path, how: str) -> None:
    record.unlink()
    if how == "fifo":
        os.mkfifo(record)
    elif how == "dev-zero":
        record.symlink_to("/dev/zero")
    elif how == "nested":
        record.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    elif how == "not utf-8":
        record.write_bytes(b"\xff\xfe{}")
    elif how == "huge":
        with record.open("wb") as f:
            f.truncate(1 << 34)  # sparse: 16 GiB of zeros
    else:
        record.write_text(how, encoding="utf-8")


DAMAGES = [
    pytest.param("fifo", marks=needs_fifo),
    pytest.param("dev-zero", marks=[needs_symlinks, needs_dev]),
    "nested",
    "huge",
    "[]",
    '{"files": []}',
    '{"files": {"voices.bin": "abc"}}',
    '{"files": {"voices.bin": {"sha256": 5, "size": "x", "mtime_ns": []}}}',
    '{"files": {"voices.bin": {"sha256": "' + "0" * 64 + '", "size": 1e400}}}',
    "not utf-8",
]


def _within(seconds: float, call: Callable[[], T]) -> T:
    """`call()` in a thread, its result or its exception; fails when it does not return
    within `seconds` (a read of a named pipe that waits for a writer)."""
    done: list[T] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            done.append(call())
        except BaseException as e:
            failed.append(e)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if failed:
        raise failed[0]
    assert done, f"still waiting after {seconds} s"
    return done[0]


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_record_is_not_verified_and_a_pull_repairs_it(
    server: ModelServer, how: str
) -> None:
    model = release_model()
    pull(model)
    _damage(folder(model) / RECORD, how)
    found = _within(10, lambda: installed(model))
    assert found is not None and not found.verified
    assert _within(10, lambda: recorded_sha256(folder(model) / "voices.bin")) is None
    assert _within(10, lambda: pull(model).status) == "present"  # hashed: the file is pinned
    repaired = installed(model)
    assert repaired is not None and repaired.verified
    assert sum(server.gets.values()) == 1  # nothing downloaded again


# --- a lying server or a bad variable -----------------------------------------------------


@pytest.mark.parametrize(
    ("location", "said"),
    [
        ("self", "redirects in a loop"),
        ("javascript:alert(1)", "redirects to javascript:alert(1)"),
        ("ftp://mirror/voices.bin", "redirects to ftp://mirror/voices.bin"),
        ("http://[::1", "redirects to http://[::1"),
    ],
)
def test_a_redirect_that_leads_nowhere_is_one_line(
    server: ModelServer, location: str, said: str
) -> None:
    server.location = (
        f"{server.url}/team/kokoro/releases/download/files-v1/voices.bin"
        if location == "self"
        else location
    )
    with pytest.raises(DownloadFailed) as caught:
        pull(release_model(), retry=RetryPolicy(max_attempts=2, base=0))
    assert said in str(caught.value) and "\n" not in str(caught.value)
    assert left_in(folder(release_model())) == []


@pytest.mark.parametrize("location", ["javascript:alert(1)", "http://[::1"])
def test_a_hub_whose_head_redirects_nowhere_is_one_line(server: ModelServer, location: str) -> None:
    server.location = location
    with pytest.raises(DownloadFailed) as caught:
        pull(hub_model())
    assert f"redirects to {location}" in str(caught.value)
    assert "model.bin" not in left_in(folder(hub_model()))


def test_a_gzip_header_on_a_body_that_is_not_gzip_keeps_nothing(server: ModelServer) -> None:
    server.encoding = "gzip"
    with pytest.raises(DownloadFailed, match="Content-Encoding gzip does not describe"):
        pull(release_model())
    assert left_in(folder(release_model())) == []
    server.encoding = None
    pull(release_model())
    assert server.ranges[-1] == ""  # nothing of the lie was kept to resume from


# --- a pull that never ends, a busy mirror, a proxy's page --------------------------------


def test_a_body_that_trickles_is_given_up_on_with_the_rate_it_needs(server: ModelServer) -> None:
    server.drip = 0.01  # a byte every 10 ms: some 5 a window, none of them enough
    with pytest.raises(DownloadFailed) as caught:
        pull(
            release_model(),
            retry=RetryPolicy(max_attempts=2, base=0),
            stall=Stall(window_s=0.05, min_bytes=1000),
        )
    message = str(caught.value)
    assert "too slow" in message and "under 1,000 bytes in 0.05 s" in message
    assert "run tts-assets models pull test-voices again" in message
    assert len(server.ranges) == 2  # each attempt given up on, not waited out


class _Clock:
    """The pull's clock with its waits recorded and skipped (a fake clock: a wait the
    server asks for is checked as asked, not sat through)."""

    def __init__(self) -> None:
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)


@pytest.mark.parametrize("code", [500, 502, 503, 504, 429])
def test_a_busy_mirror_is_asked_again_when_it_says(
    server: ModelServer, code: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tts_assets.models.pull as pulling

    clock = _Clock()
    monkeypatch.setattr(pulling, "time", clock)
    server.busy = [(code, {"Retry-After": "1"}), (code, {})]
    pulled = pull(release_model(), retry=RetryPolicy(base=0.01))
    assert pulled.status == "installed"
    assert (folder(release_model()) / "voices.bin").read_bytes() == VOICES
    assert len(server.asked_at) == 3
    first, second = clock.slept
    assert first >= 1.0  # as the server asked
    assert second < 1.0  # the policy's own backoff where it said nothing


def test_a_mirror_busy_for_longer_than_the_cap_is_not_waited_for(server: ModelServer) -> None:
    server.busy = [(503, {"Retry-After": "86400"})]
    with pytest.raises(DownloadFailed, match=r"busy \(HTTP 503\).*in 86400 s.*later") as caught:
        pull(release_model())
    assert "pin" not in str(caught.value)
    assert len(server.asked_at) == 1  # not asked again


def test_a_mirror_that_stays_broken_is_named_so_not_the_pin(server: ModelServer) -> None:
    server.busy = [(500, {})] * 5
    with pytest.raises(DownloadFailed, match=r"HTTP 500 5 times") as caught:
        pull(release_model(), retry=RetryPolicy(max_attempts=5, base=0.01))
    assert "pin" not in str(caught.value)
    assert len(server.asked_at) == 5


@pytest.mark.parametrize(
    ("kind", "chunked"), [("text/html; charset=utf-8", False), ("application/octet-stream", True)]
)
def test_a_proxys_page_served_with_200_is_not_kept(
    server: ModelServer, kind: str, chunked: bool
) -> None:
    server.page = b"<html><body>Access denied by the proxy</body></html>"
    server.page_type, server.page_chunked = kind, chunked
    with pytest.raises(DownloadFailed) as caught:
        pull(release_model(), retry=RetryPolicy(max_attempts=2, base=0))
    assert "proxy" in str(caught.value) and "nothing was kept" in str(caught.value)
    assert left_in(folder(release_model())) == []
    server.page = None
    pull(release_model())  # the honest server, from the start
    assert server.ranges[-1] == ""
    assert (folder(release_model()) / "voices.bin").read_bytes() == VOICES


def test_a_kept_partial_that_is_not_the_file_is_downloaded_again_whole(
    server: ModelServer,
) -> None:
    """A partial file another tool or an older pull left with wrong bytes: the resumed file
    fails its check once, and the pull starts again from nothing before it blames anyone."""
    place = folder(release_model())
    place.mkdir(parents=True)
    (place / "voices.bin.partial").write_bytes(b"<html>old proxy page</html>")
    pull(release_model())
    assert (place / "voices.bin").read_bytes() == VOICES
    assert server.ranges == [f"bytes={len(b'<html>old proxy page</html>')}-", ""]


# --- what held in the last review, and must keep holding ----------------------------------


def test_a_gzip_bomb_is_cut_at_the_pins_size(server: ModelServer) -> None:
    import gzip

    # 20 MiB of zeros, 100 times the pin's size, sent as 20 kB: under the pin's size on
    # the wire, so only a limit on what is unpacked cuts it (200 MiB took 0.4 s to pack
    # and came to 204 kB on the wire, over the pin's size before it was unpacked).
    server.raw = gzip.compress(bytes(20 << 20), compresslevel=9)
    assert len(server.raw) < len(VOICES) < 20 << 20
    server.encoding = "gzip"
    with pytest.raises(DownloadFailed, match="more than the 200000 bytes"):
        pull(release_model())
    assert left_in(folder(release_model())) == []


def test_an_endless_body_is_cut_at_the_pins_size(server: ModelServer) -> None:
    server.endless = True
    with pytest.raises(DownloadFailed, match="more than the 200000 bytes"):
        pull(release_model())
    assert left_in(folder(release_model())) == []


@needs_fifo
@needs_symlinks
@needs_dev
@pytest.mark.parametrize("kind", ["fifo", "device", "sparse", "folder"])
def test_from_a_folder_never_waits_on_or_copies_what_is_not_the_file(
    tmp_path: Path, kind: str
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    where = stick / "voices.bin"
    if kind == "fifo":
        os.mkfifo(where)
    elif kind == "device":
        where.symlink_to("/dev/zero")
    elif kind == "sparse":
        with where.open("wb") as f:
            f.truncate(len(VOICES))
    else:
        where.mkdir()
    with pytest.raises(InputError):
        _within(10, lambda: pull(release_model(), from_dir=stick))
    assert left_in(folder(release_model())) == []
