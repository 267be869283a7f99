"""How a caller follows and steers a run: a `Reporter` hears about it, a `Stop` ends it early.

    stop = Stop()
    summary = await agenerate(settings, reporter=my_reporter, stop=stop)
    # elsewhere in the same event loop (a signal watcher, a button): stop.request()

The CLI's reporter draws the progress bar (console.py), and its signal watcher calls
`stop.request()` on the first Ctrl-C; the library itself installs no signal handler.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .plan import Plan
    from .results import Progress


class Reporter(Protocol):
    """What a run tells the console (console.py implements it; tests may record it)."""

    def planned(self, plan: Plan, workers: int) -> None:
        """The plan is made: `plan.new` will be made by `workers` workers."""

    def progress(self, progress: Progress) -> None:
        """Where the run is; called about twice a second and once at the end."""

    def notice(self, message: str) -> None:
        """A line worth showing now (stopping, aborting)."""


class SilentReporter:
    """A reporter that says nothing (library use, --json)."""

    def planned(self, plan: Plan, workers: int) -> None:
        pass

    def progress(self, progress: Progress) -> None:
        pass

    def notice(self, message: str) -> None:
        pass


class Stop:
    """A request to end a run early: no new clip starts, running ones are cancelled, and
    every finished clip is kept and written back (the summary says `interrupted`).

    Call `request()` from the run's event loop (a task, a signal receiver); from another
    thread, through `anyio.from_thread.run_sync(stop.request)`.
    """

    def __init__(self) -> None:
        self._requested = False
        self._listeners: list[Callable[[], None]] = []

    @property
    def requested(self) -> bool:
        """Whether a stop was asked for."""
        return self._requested

    def request(self) -> None:
        """Ask the run to stop; asking again changes nothing."""
        if self._requested:
            return
        self._requested = True
        for listener in list(self._listeners):
            listener()

    def on_request(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call `listener` when a stop is requested (at once if it already was).

        Returns the function that unsubscribes it.
        """
        if self._requested:
            listener()
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)
