"""A trace's stats (`trace.Stats`): a run of a course in windows asks the stat of every
clip, so the trace keeps the last few in memory and the others on disk; what it records
is what a dict of every stat, first met first, would be (issue 62)."""

from __future__ import annotations

import contextlib
import json
import tracemalloc
from pathlib import Path

import pytest

from tts_assets.commands import kept, trace


@pytest.fixture(autouse=True)
def _anywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast loop's temporary folders are in /dev/shm, which a trace leaves out as the
    machine's own (`trace._SKIPPED`): noted here as any other folder."""
    monkeypatch.setattr(trace, "_SKIPPED", ("/proc/", "/sys/"))


def _asked(names: list[str], follow: bool = True) -> None:
    """`os.stat` (or `os.lstat`) asked of each of `names` as a plan asks it of a clip."""
    for name in names:
        with contextlib.suppress(FileNotFoundError):
            trace._stat(name) if follow else trace._lstat(name)


def test_the_stats_held_stay_bounded_however_many_are_met(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Meeting four times as many stats again holds no more memory: they are on disk (a
    dict of them held about 150 bytes each here, 340 for a course's clips)."""
    found = trace.Inputs()
    monkeypatch.setattr(trace, "_current", found)
    names = [f"{tmp_path}/{n:06d}.mp3" for n in range(8 * trace.SPILL)]
    tracemalloc.start()
    try:
        _asked(names[: 2 * trace.SPILL])
        before = tracemalloc.get_traced_memory()[0]
        _asked(names[2 * trace.SPILL :])
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 64 * 1024, f"{grown:,} bytes for {6 * trace.SPILL:,} more stats"
    assert len(found.stats) == len(names)


def test_the_first_state_met_stands_in_the_order_first_met(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A path met again (before or after its first state moved to disk) keeps its first
    state and place; every stat comes back in the order first met, as a dict keeps them."""
    monkeypatch.setattr(trace, "SPILL", 3)
    clip = tmp_path / "a.mp3"
    clip.write_bytes(b"x" * 7)
    first = trace._said(clip.stat())
    found = trace.Inputs()
    monkeypatch.setattr(trace, "_current", found)
    names = [f"{tmp_path}/{n}.mp3" for n in range(7)]
    _asked([str(clip), *names[:4]])
    clip.write_bytes(b"y" * 9)  # changed after the run was told: the first answer stands
    _asked([names[0], str(clip), *names[4:], str(clip)])
    _asked([str(clip)], follow=False)
    expected: dict[str, trace.State] = {str(clip): first, **dict.fromkeys(names)}
    expected[f"{clip}\0l"] = trace._said(clip.lstat())
    assert list(found.stats.in_order()) == list(expected.items())
    assert found.stats == expected
    assert found.stats[str(clip)] == first
    assert found.changed() == str(clip)  # the next run's check finds the change


@pytest.mark.parametrize("spill", [2, 1000])
def test_a_record_is_the_bytes_of_its_whole_dict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spill: int
) -> None:
    """A record written a piece at a time, its stats from disk, is `json.dumps` of the
    record as one dict (what a record was before), and reads back as one."""
    monkeypatch.setattr(trace, "SPILL", spill)
    monkeypatch.setattr(kept, "CHUNK", 64)
    data = tmp_path / "data"
    data.mkdir()
    (data / "データ.json").write_text("[]", encoding="utf-8")
    found = trace.Inputs(
        files={str(data / "データ.json"): trace.file_state(str(data / "データ.json"))},
        listed={str(data): trace.listing(str(data))},
        env={"TTS_ASSETS_X": None},
    )
    monkeypatch.setattr(trace, "_current", found)
    clip = tmp_path / "語.mp3"
    clip.write_bytes(b"x")
    _asked([str(clip), f"{tmp_path}/gone.mp3", str(clip)])
    _asked([str(clip)], follow=False)
    monkeypatch.setattr(trace, "_current", None)
    part = {"told": [["notice", "ü"]], "summary": {"present": 1}, "outside": []}
    whole = {
        "names": {"v": 1},
        "inputs": {
            "files": found.files,
            "listed": found.listed,
            "stats": dict(found.stats.in_order()),
            "env": found.env,
        },
        **part,
    }
    path = tmp_path / "cache" / "r.json"
    kept.write_atomically(path, kept._record({"v": 1}, found, part))  # as `_write` does
    assert path.read_bytes() == json.dumps(whole).encode()
    assert len(whole["inputs"]["stats"]) == 3  # type: ignore[index, arg-type]
