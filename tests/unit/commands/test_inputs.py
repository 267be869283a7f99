"""The inputs a run declares and their state (`commands.inputs`), one layer below the kept
plan's end-to-end tests: which files are inputs, when a file's bytes are read again."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.support.markers import needs_fifo
from tts_assets.commands import inputs
from tts_assets.settings.load import content_sets, load_settings


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose type reads `data/*/words.json`, its cache folder its own."""
    monkeypatch.setenv("TTS_ASSETS_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "data/ja").mkdir(parents=True)
    (tmp_path / "data/ja/words.json").write_text('[{"word": "ねこ"}]', "utf-8")
    (tmp_path / "out/words").mkdir(parents=True)
    (tmp_path / "out/words/a.mp3").write_bytes(b"a" * 10)
    (tmp_path / "tts-assets.toml").write_text(
        '[types.words]\nfile = "*/words.json"\n'
        '[[types.words.fields]]\ntext = "word"\nurl = "audioUrl"\n'
    )
    return tmp_path


def _declared(project: Path) -> inputs.Declared:
    return inputs.declared(content_sets(load_settings(project, data_dir="data", out_dir="out")))


def test_a_file_a_pattern_finds_is_an_input_and_a_log_beside_the_config_is_not(
    project: Path,
) -> None:
    before = _declared(project)
    assert str(project / "data/ja/words.json") in before.files
    assert str(project / "tts-assets.toml") in before.files
    (project / "ci.log").write_text("a build's log\n")
    (project / "data/notes.txt").write_text("not content\n")
    assert _declared(project).files == before.files
    (project / "data/ko").mkdir()
    (project / "data/ko/words.json").write_text("[]")
    assert str(project / "data/ko/words.json") in _declared(project).files


def test_a_file_s_bytes_are_read_only_where_its_signature_moved(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inputs, "RACY_NS", 0)  # no change is too recent to sign
    words = str(project / "data/ja/words.json")
    st = os.stat(words)
    time.sleep(0.01)
    known = inputs.file_state(words)
    assert known is not None and known[:4] != [0, 0, 0, 0]
    # Another digest kept with the same signature: the bytes are not read again.
    assert inputs.file_state(words, [*known[:4], "kept"]) == [*known[:4], "kept"]
    # Touched, its bytes the same: read again, the same digest, another signature.
    os.utime(words, ns=(st.st_atime_ns, st.st_mtime_ns))
    touched = inputs.file_state(words, known)
    assert touched is not None and touched[4] == known[4] and touched[:4] != known[:4]
    # Its bytes changed at the same size and modification time: its change time moved.
    Path(words).write_text('[{"word": "ねぎ"}]', "utf-8")
    os.utime(words, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert inputs.file_state(words, touched)[4] != known[4]  # type: ignore[index]


def test_a_file_changed_just_now_is_read_again_next_time(project: Path) -> None:
    words = project / "data/ja/words.json"
    words.write_text("[]")
    found = inputs.file_state(str(words))
    assert found is not None and found[:4] == [0, 0, 0, 0]


@needs_fifo
def test_a_pipe_or_a_device_is_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    said = inputs.file_state(str(fifo))  # would wait for a writer if opened to be read
    assert said is not None and said[4].startswith("not a file")
    assert inputs.file_state("/dev/zero") == [0, 0, 0, 0, said[4].replace("10000", "20000")]
    assert inputs.file_state(str(tmp_path / "gone")) is None


def test_the_out_dir_s_state_sees_a_clip_deleted_or_replaced(project: Path) -> None:
    out = str(project / "out")
    first = inputs.tree_state(out)
    (project / "out/manifest.sqlite-shm").write_bytes(b"readers write this")
    assert inputs.tree_state(out) == first
    clip = project / "out/words/a.mp3"
    st = clip.stat()
    clip.unlink()
    assert inputs.tree_state(out) != first
    clip.write_bytes(b"b" * 10)  # another file of its size and time
    os.utime(clip, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert inputs.tree_state(out) != first


def test_the_import_path_s_modules_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(tmp_path))
    first = inputs.import_path()
    (tmp_path / "ci.log").write_text("")
    (tmp_path / ".pytest_cache").mkdir()
    (tmp_path / "build").mkdir()
    assert inputs.import_path() == first
    (tmp_path / "rich.py").write_text("")
    assert inputs.import_path() != first
