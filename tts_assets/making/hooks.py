"""How a caller follows and steers a run: a `Reporter` hears about it, a `Stop` ends it early.

    stop = Stop()
    summary = await agenerate(settings, reporter=my_reporter, stop=stop)
    # elsewhere (a signal watcher, a button, another thread): stop.request()

The CLI's reporter draws the progress bar (console.py), and its stop watches for
signals (`Stop.watch`), requesting itself on the first Ctrl-C; the library itself
installs no signal handler.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

import anyio.lowlevel

if TYPE_CHECKING:
    from ..planning.plan import Plan
    from .report import Progress


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

    counts_only = True
    """`planned` reads no more of the plan than the lengths of its lists (a kept plan,
    `commands.kept`, tells such a reporter its counts again; another gets a full run)."""

    def planned(self, plan: Plan, workers: int) -> None:
        pass

    def progress(self, progress: Progress) -> None:
        pass

    def notice(self, message: str) -> None:
        pass


class Stop:
    """A request to end a run early: no new clip starts, running ones are cancelled, and
    every finished clip is kept and written back (the summary says `interrupted`).

    `request()` may be called from the run's event loop (a task, a signal receiver) or
    from any other thread (a GUI, a `threading.Timer`).
    """

    def __init__(self) -> None:
        self._requested = False
        self._listeners: list[Callable[[], None]] = []
        self._loop: tuple[int, anyio.lowlevel.EventLoopToken] | None = None

    @property
    def requested(self) -> bool:
        """Whether a stop was asked for."""
        return self._requested

    def request(self) -> None:
        """Ask the run to stop; asking again changes nothing."""
        if self._requested:
            return
        self._requested = True
        if self._loop is not None and self._loop[0] != threading.get_ident():
            # Listeners cancel tasks: that must happen in the run's own event loop.
            import anyio.from_thread

            with contextlib.suppress(RuntimeError):  # the run ended meanwhile
                anyio.from_thread.run_sync(self._notify, token=self._loop[1])
        else:
            self._notify()

    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener()

    async def watch(self) -> None:
        """Runs beside the making of clips, in its event loop, until they are made: where a
        stop listens for requests from outside the run (the CLI's: Ctrl-C and SIGTERM)."""

    def on_request(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call `listener` when a stop is requested (at once if it already was); called
        from inside the run's event loop, it returns the function that unsubscribes."""
        self._loop = (threading.get_ident(), anyio.lowlevel.current_token())
        if self._requested:
            listener()
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)
