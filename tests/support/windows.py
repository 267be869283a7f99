"""Watching a course planned in windows, small windows, and a run refused a lock: what tests
of windows and of locking count."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.support.project import working_directory
from tts_assets.content import windows as content_windows
from tts_assets.content.document import read_document
from tts_assets.content.load import LoadResult
from tts_assets.content.spec import TypeSpec
from tts_assets.planning.course import Course
from tts_assets.planning.prepare import selected_types
from tts_assets.settings.config import Settings
from tts_assets.settings.load import load_settings
from tts_assets.store import lock

SMALL = "import tts_assets.content.windows as w; w.WINDOW_TEXTS = {texts}\n"
"""A line of Python that gives a process's windows `texts` texts (a driver's first line)."""


DEFAULT = content_windows.WINDOW_TEXTS


def small_windows(monkeypatch: pytest.MonkeyPatch, texts: int | str | None) -> None:
    """Windows of about `texts` texts in this process, for the test's duration: a small
    course planned in many windows (None: the windows a run has, where a small course is
    one)."""
    monkeypatch.setattr(content_windows, "WINDOW_TEXTS", DEFAULT if texts is None else int(texts))


def windowed_cli(texts: int) -> list[str]:
    """The command line of tts-assets run in another process in windows of `texts` texts
    (its arguments follow)."""
    code = SMALL.format(texts=texts) + "from tts_assets.cli.app import main\nmain()\n"
    return [sys.executable, "-c", code]


def counted_windows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The texts of each window `Course.windows` plans from now on, in order (a list that
    grows as windows are planned)."""
    windows: list[int] = []
    real = Course.windows

    def counted(self: Course) -> Any:
        for prepared in real(self):
            windows.append(len(prepared.loaded.items))
            yield prepared

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


def whole_course(data_dir: Path, types: Sequence[TypeSpec]) -> LoadResult:
    """Every text of `types` under `data_dir` as the commands find them, in one window (the
    loader the course's windows call, given room for all of it), with each file it read
    read whole again, as write-back reads it."""
    ((loaded, _),) = content_windows.load_windows(data_dir, types, sys.maxsize)
    loaded.documents = {path: read_document(path) for path in loaded.documents}
    return loaded


def loaded_as_run(folder: Path, **flags: Any) -> LoadResult:
    """The content of the project in `folder` as a run (with `flags`: `type="words"` for
    `--type words`) loads it, one layer below the command: its settings, the types they
    select (`selected_types`), every text of theirs in one window."""
    with working_directory(folder):
        return loaded_by(load_settings(".", **flags))


def loaded_by(settings: Settings) -> LoadResult:
    """Every text of the types `settings` select, as a run loads them (`whole_course`)."""
    return whole_course(settings.data_dir, selected_types(settings))
