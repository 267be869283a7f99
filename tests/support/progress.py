"""How far a run of the suite got, said in words a person reads, for a run of many minutes.

pytest's `-q` prints a dot a test and xdist's controller a percentage a line, which says
nothing of time. This plugin, in the process that reports (xdist's controller, or the one
process without `-n`), says once what runs, then every `TTS_ASSETS_PROGRESS_S` seconds
(60; 0: never) a line of how many tests are done, how many failed, the time spent and
about how long is left at the pace so far:

    progress: 1,234 of 3,989 tests (31 %), 0 failed, 4 min 10 s in, about 9 min left
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

import pytest


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    if not minutes:
        return f"{secs} s"
    return f"{minutes} min {secs} s" if secs else f"{minutes} min"


class Progress:
    """Counts the tests as their reports arrive and says, every `every` seconds, how far
    the run got."""

    def __init__(
        self,
        write: Callable[[str], None],
        every: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.write = write
        self.every = every
        self.clock = clock
        self.total = 0
        self.done = 0
        self.failed: set[str] = set()
        self.start = clock()
        self.last = self.start

    def collected(self, total: int, workers: int) -> None:
        """Say what runs, once the first collection is known."""
        if self.total:
            return
        self.total = total
        self.start = self.last = self.clock()
        on = f" on {workers} workers" if workers > 1 else ""
        every = f"; a line every {_duration(self.every)} says how far it got" if self.every else ""
        self.write(f"{total:,} tests to run{on}{every}")

    def reported(self, report: pytest.TestReport) -> None:
        """Count one report (a test's setup, call or teardown); say the progress when due."""
        if report.failed:
            self.failed.add(report.nodeid)
        if report.when == "teardown":
            self.done += 1
        now = self.clock()
        if self.every and now - self.last >= self.every and self.total:
            self.last = now
            self.write(self.line(now))

    def line(self, now: float) -> str:
        """The progress line at `now`."""
        spent = now - self.start
        share = self.done / self.total if self.total else 0.0
        left = f", about {_duration(spent / share - spent)} left" if self.done else ""
        return (
            f"progress: {self.done:,} of {self.total:,} tests ({share:.0%}), "
            f"{len(self.failed):,} failed, {_duration(spent)} in{left}"
        )


class ProgressPlugin:
    """The pytest hooks that feed a `Progress` and write its lines in the terminal."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        every = float(os.environ.get("TTS_ASSETS_PROGRESS_S", "60"))
        self.progress = Progress(self._write, every)

    def _write(self, line: str) -> None:
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is None:
            return
        if reporter._tw.width_of_current_line:  # after a line of dots: a line of its own
            reporter.write("\n")
        reporter.write_line(line)

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        if session.items:  # xdist's controller collects nothing: its workers say below
            self.progress.collected(len(session.items), 1)

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node: Any, ids: list[str]) -> None:
        workers = self.config.getoption("numprocesses", None)
        self.progress.collected(len(ids), workers if isinstance(workers, int) else 1)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.progress.reported(report)
