"""The progress lines count one thing in the singular: "1 window", "1 clip", not "1 windows"."""

from __future__ import annotations

import io
from types import SimpleNamespace
from typing import Any, cast

from tts_assets.cli.console import PlainReporter
from tts_assets.planning.course import Course


def _told(windows: int, texts: int) -> list[str]:
    lines: list[str] = []
    course = cast(Any, SimpleNamespace(progress=lines.append, _told=float("-inf")))
    Course._tell(course, windows, texts)
    return lines


def test_the_course_s_progress_counts_one_window_and_one_text_in_the_singular() -> None:
    assert _told(1, 1) == ["planned 1 text of the course so far (1 window)"]
    assert _told(2, 5_000) == ["planned 5,000 texts of the course so far (2 windows)"]


def _planned(clips: int, workers: int) -> str:
    stream = io.StringIO()
    plan = cast(Any, SimpleNamespace(clips=[None] * clips, new=[None] * clips, present=[]))
    PlainReporter(stream=stream).planned(plan, workers)
    return stream.getvalue()


def test_the_plan_s_line_counts_one_clip_and_one_worker_in_the_singular() -> None:
    assert _planned(1, 1) == "1 clip: 1 to make, 0 present; 1 worker\n"
    assert _planned(2, 2) == "2 clips: 2 to make, 0 present; 2 workers\n"
