"""Watching a course planned in windows, and a run refused a lock: what tests of windows and
of locking count."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tts_assets.planning.course import Course
from tts_assets.store import lock


def counted_windows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The texts of each window `Course.windows` plans from now on, in order (a list that
    grows as windows are planned)."""
    windows: list[int] = []
    real = Course.windows

    def counted(self: Course) -> Any:
        for prepared, last in real(self):
            windows.append(len(prepared.loaded.items))
            yield prepared, last

    monkeypatch.setattr(Course, "windows", counted)
    return windows


def lock_refusals(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Set once a run has found a lock taken (and is waiting for it, or giving up). The
    waiting run tries again every 10 ms, not the tool's 100: a test waits one try."""
    monkeypatch.setattr(lock, "POLL_S", 0.01)
    refused = threading.Event()
    take: Callable[[Path], lock.Release | None] = lock.try_lock

    def try_lock(folder: Path) -> lock.Release | None:
        release = take(folder)
        if release is None:
            refused.set()
        return release

    monkeypatch.setattr(lock, "try_lock", try_lock)
    return refused
