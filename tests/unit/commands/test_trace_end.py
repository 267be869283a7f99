"""The check at the end of a traced run (`Inputs.changed(signed=True)`): a file the file
system says is the one whose bytes were read when first met is not read again; any
other is read, and its bytes compared."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from tts_assets.commands import trace


@pytest.fixture(autouse=True)
def _anywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast loop's temporary folders are in /dev/shm, which a trace leaves out as the
    machine's own (`trace._SKIPPED`): noted here as any other folder."""
    monkeypatch.setattr(trace, "_SKIPPED", ("/proc/", "/sys/"))


def _met(path: Path) -> trace.Inputs:
    found = trace.Inputs()
    trace._met_file(found, str(path))
    return found


def _unread(monkeypatch: pytest.MonkeyPatch) -> None:
    def read(path: str) -> trace.State:
        raise AssertionError(f"{path} read again")

    monkeypatch.setattr(trace, "file_state", read)


def test_a_file_as_first_met_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "manifest.json"
    path.write_bytes(b"{}" * 1000)
    found = _met(path)
    assert found.files[str(path)] is not None and str(path) in found.signed
    _unread(monkeypatch)
    assert found.changed(env=False, signed=True) is None


def test_a_file_written_again_with_its_size_and_time_is_read_and_found(
    tmp_path: Path,
) -> None:
    """The same size and modification time set back (`touch -r`): the change time moved,
    so its bytes are read again, and differ."""
    path = tmp_path / "vocabulary.json"
    path.write_bytes(b'["a"]')
    found = _met(path)
    st = path.stat()
    path.write_bytes(b'["b"]')
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert found.changed(env=False, signed=True) == str(path)
    assert found.changed(env=False) == str(path)


def test_a_file_replaced_by_another_with_its_bytes_holds(tmp_path: Path) -> None:
    """Another file in its place (a rename over it: another inode) is read; the same
    bytes and modification time, so the state holds."""
    path = tmp_path / "kanji.json"
    path.write_bytes(b"[1]")
    found = _met(path)
    st = path.stat()
    (tmp_path / "new").write_bytes(b"[1]")
    os.utime(tmp_path / "new", ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(tmp_path / "new", path)
    assert found.signed[str(path)] != trace.signature(str(path))
    assert found.changed(env=False, signed=True) is None
    path.unlink()
    assert found.changed(env=False, signed=True) == str(path)


def test_a_file_with_no_signature_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A replay's inputs (read from a record) have no signatures: each file is read."""
    path = tmp_path / "grammar.json"
    path.write_bytes(b"[]")
    found = trace.Inputs(files={str(path): trace.file_state(str(path))})
    _unread(monkeypatch)
    with pytest.raises(AssertionError, match="read again"):
        found.changed(env=False, signed=True)


@pytest.mark.parametrize("how", ["str", "Path", "follow", "relative"])
def test_a_stat_is_noted_as_ever(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """A clip's `os.stat` (a normal absolute name, as a plan asks it of every clip) is noted
    by the quick way as any other is by `_seen`: its name, what it said, None when missing."""
    (tmp_path / "a.mp3").write_bytes(b"x" * 7)
    monkeypatch.chdir(tmp_path)
    found = trace.Inputs()
    monkeypatch.setattr(trace, "_current", found)
    for name in ("a.mp3", "b.mp3"):
        asked: object = {
            "str": str(tmp_path / name),
            "Path": tmp_path / name,
            "follow": str(tmp_path / name),
            "relative": name,
        }[how]
        kwargs = {"follow_symlinks": True} if how == "follow" else {}
        with contextlib.suppress(FileNotFoundError):
            trace._stat(asked, **kwargs)
    st = (tmp_path / "a.mp3").stat()
    assert found.stats == {
        str(tmp_path / "a.mp3"): ["s", 0o100000, 7, st.st_mtime_ns],
        str(tmp_path / "b.mp3"): None,
    }


def test_a_stat_is_not_asked_again_at_the_end_but_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stat's state is what the run itself was told (a plan asks it of every clip): the
    end of the traced run asks no stat again (a clip changed meanwhile is found by the next
    run's check, which plans in full), but the next run's check asks each."""
    clip = tmp_path / "a.mp3"
    clip.write_bytes(b"x" * 7)
    found = trace.Inputs()
    monkeypatch.setattr(trace, "_current", found)
    trace._stat(str(clip))
    monkeypatch.setattr(trace, "_current", None)
    clip.write_bytes(b"y" * 8)  # changed after the run was told
    asked: list[str] = []
    real = trace.stat_state

    def counted(key: str) -> trace.State:
        asked.append(key)
        return real(key)

    monkeypatch.setattr(trace, "stat_state", counted)
    assert found.changed(env=False, signed=True) is None
    assert asked == []
    assert found.changed() == str(clip)
    assert asked == [str(clip)]
