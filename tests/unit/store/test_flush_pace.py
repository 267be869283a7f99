"""A periodic flush waits in proportion to what the last one took (`manifest.FLUSH_SHARE`):
a JSON manifest is written whole, so flushing it every 2 s made a merge, and a long run,
square in its clips. The clock is the test's: a write that takes 3 s is made to take 3 s."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tts_assets.store import manifest
from tts_assets.store.layout import KEY_LENGTH
from tts_assets.store.manifest import FLUSH_SHARE, Store, StoredClip, sha256


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


def _put(store: Store, n: int) -> str:
    data = b"%d" % n * 50
    key = f"{n:0{KEY_LENGTH}d}"
    clip = StoredClip(key, "", f"t{n}", "espeak", "v", 1.0, len(data), sha256(data))
    return store.put(f"vocabulary/{key}.mp3", data, clip).path


def _clocked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[_Clock, Store]:
    """The test's clock, and a store whose flushes read it."""
    clock = _Clock()
    monkeypatch.setattr(manifest.time, "monotonic", clock.monotonic)
    out = tmp_path / "out"
    return clock, Store(out, out / ".temp-audio")


def _listed(out: Path) -> set[str]:
    doc = json.loads((out / manifest.MANIFEST_NAME).read_text("utf-8"))
    return {c["path"] for c in doc["clips"]}


def test_a_slow_flush_is_followed_by_a_proportionally_longer_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock, store = _clocked(tmp_path, monkeypatch)
    out = store.out_dir
    real_write = store.write

    def slow_write(path: Path, data: bytes) -> None:
        real_write(path, data)
        clock.now += 3.0  # this manifest takes 3 s to write

    monkeypatch.setattr(store, "write", slow_write)
    first = _put(store, 1)
    store.flush(at_most_every=2.0)
    assert _listed(out) == {first}
    second = _put(store, 2)
    # 2 s have passed since the last flush began (it took 3): a fixed 2 s pace writes
    # again; the pace of a 3 s write waits FLUSH_SHARE times 3 s.
    clock.now += 2.5
    store.flush(at_most_every=2.0)
    assert _listed(out) == {first}
    clock.now += FLUSH_SHARE * 3.0
    store.flush(at_most_every=2.0)
    assert _listed(out) == {first, second}
    # A flush at the end (no pace) writes at once, whatever the last one took.
    third = _put(store, 3)
    store.flush()
    assert _listed(out) == {first, second, third}


def test_a_quick_flush_keeps_the_asked_pace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock, store = _clocked(tmp_path, monkeypatch)
    out = store.out_dir
    first = _put(store, 1)
    store.flush(at_most_every=2.0)  # takes no time on this clock
    second = _put(store, 2)
    clock.now += 1.0
    store.flush(at_most_every=2.0)
    assert _listed(out) == {first}
    clock.now += 1.5
    store.flush(at_most_every=2.0)
    assert _listed(out) == {first, second}
