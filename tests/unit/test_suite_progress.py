"""The suite's own progress line (tests/support/progress.py): what a person watching a long
run reads, on a fake clock."""

from __future__ import annotations

import pytest

from tests.support.progress import Progress


def _report(nodeid: str, when: str, outcome: str = "passed") -> pytest.TestReport:
    return pytest.TestReport(nodeid, ("x.py", 0, nodeid), {}, outcome, None, when)  # type: ignore[arg-type]


def _one_test(progress: Progress, nodeid: str, outcome: str = "passed") -> None:
    for when in ("setup", "call", "teardown"):
        progress.reported(_report(nodeid, when, outcome if when == "call" else "passed"))


def test_a_run_says_what_runs_then_how_far_it_got_and_how_long_is_left() -> None:
    now = [100.0]
    lines: list[str] = []
    progress = Progress(lines.append, every=60, clock=lambda: now[0])
    progress.collected(400, workers=2)
    assert lines == ["400 tests to run on 2 workers; a line every 1 min says how far it got"]
    for n in range(100):
        now[0] += 1.0
        _one_test(progress, f"t{n}", "failed" if n in (3, 50) else "passed")
    # A line when a minute has passed, then none until the next minute.
    assert lines[1:] == [
        "progress: 59 of 400 tests (15%), 2 failed, 1 min in, about 5 min 47 s left"
    ]
    now[0] += 20.0
    _one_test(progress, "t100")
    assert lines[-1] == ("progress: 100 of 400 tests (25%), 2 failed, 2 min in, about 6 min left")


def test_a_second_collection_does_not_restart_the_count_and_zero_means_quiet() -> None:
    lines: list[str] = []
    progress = Progress(lines.append, every=0)
    progress.collected(10, workers=1)
    progress.collected(10, workers=1)  # the second xdist worker's collection
    for n in range(10):
        _one_test(progress, f"t{n}")
    assert lines == ["10 tests to run"]
    assert progress.done == 10
