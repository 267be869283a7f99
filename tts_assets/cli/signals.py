"""Ctrl-C, SIGTERM and SIGHUP while a run makes clips: the first stops gracefully, a second
aborts.

A closed terminal or ssh session (SIGHUP) means what a CI cancel (SIGTERM) and Ctrl-C mean:
stop, waiting for the answers of paid requests already sent. The library installs no
signal handler (`making.hooks.Stop`); the CLI's stop watches for signals beside the making.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from typing import TYPE_CHECKING, Any

from ..errors import ExitCode

if TYPE_CHECKING:
    from ..making.hooks import Reporter, Stop

LOOP_TAKES_SIGNALS = sys.platform != "win32"
"""Whether the event loop can receive signals (not on Windows: plain handlers instead)."""

STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""The signals that ask a command to stop (SIGHUP: not on Windows)."""

SAME_SIGNAL_S = 0.5
"""Signals this close to the first one are that one delivered twice, not a second Ctrl-C."""

ABORTED = "aborted"
STOPPING = "stopping: finished clips are kept and written back (Ctrl-C again to abort at once)"


def signal_stop(reporter: Reporter) -> Stop:
    """A stop that Ctrl-C, SIGTERM and SIGHUP request while clips are made: the first stops the run
    gracefully (finished clips are kept and written back), the second ends the process
    at once (130). A signal that comes within `SAME_SIGNAL_S` of the first is the same
    request delivered twice (to the process and to its group, as `timeout` and CI
    runners do), not a second one."""
    import anyio

    from ..making.hooks import Stop

    class SignalStop(Stop):
        first: float | None = None

        def _again(self) -> bool:
            """Whether a signal now is a second request (not the first delivered twice)."""
            return self.first is None or time.monotonic() - self.first >= SAME_SIGNAL_S

        def _abort(self) -> None:
            reporter.notice(ABORTED)
            # As safe as a kill: every file is written atomically (README).
            os._exit(ExitCode.INTERRUPTED)

        def _signalled(self) -> None:
            if not self._again():
                return
            if self.requested:
                self._abort()
            self.first = time.monotonic()
            reporter.notice(STOPPING)
            self.request()

        async def watch(self) -> None:
            # The event loop gives a signal it stops watching its default action (SIGTERM
            # and SIGHUP: end the process at once), not the handler it replaced: without
            # these put back, a SIGTERM after the making (in the write-back, in the next
            # set's planning) killed the run raw, with neither "interrupted" nor 130.
            before = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
            try:
                if not LOOP_TAKES_SIGNALS:
                    await self._watch_handlers()
                    return
                with anyio.open_signal_receiver(*STOP_SIGNALS) as signals:
                    async for _ in signals:
                        self._signalled()
            finally:
                if self.requested:
                    self._keep_watching()
                else:
                    _put_back(before)

        async def _watch_handlers(self) -> None:
            """Windows, whose event loops take no signal handlers: plain handlers note
            each signal, and this loop acts on them in the run's event loop."""
            pending: list[int] = []
            names = [signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGBREAK", signal.SIGINT)]
            before = {signum: signal.getsignal(signum) for signum in set(names)}
            for signum in before:
                signal.signal(signum, lambda signum, frame: pending.append(signum))
            try:
                while True:
                    while pending:
                        pending.pop()
                        self._signalled()
                    await anyio.sleep(0.05)
            finally:
                _put_back(before)

        def _keep_watching(self) -> None:
            """After the making, while what is made is written back: a copy of the first
            signal changes nothing, a second one still aborts at once."""

            def handler(signum: int, frame: object) -> None:
                if self._again():
                    self._abort()

            with contextlib.suppress(ValueError):  # not the main thread: nothing to keep
                for signum in STOP_SIGNALS:
                    signal.signal(signum, handler)

    return SignalStop()


def _put_back(handlers: dict[signal.Signals, Any]) -> None:
    """Each signal's Python handler as it was (None: not set from Python, left as is)."""
    with contextlib.suppress(ValueError):  # not the main thread: nothing was replaced
        for signum, handler in handlers.items():
            if handler is not None:
                signal.signal(signum, handler)
