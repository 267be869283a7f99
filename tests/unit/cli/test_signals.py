"""The Windows way of hearing Ctrl-C (plain signal handlers polled from the event loop,
which on Windows takes none), run here on a real signal to this process."""

from __future__ import annotations

import signal
from collections.abc import Iterator

import anyio
import pytest

from tts_assets.cli import signals


@pytest.fixture
def handlers() -> Iterator[None]:
    """The process's own handlers back after the test (the stop installs its own)."""
    names = [signal.SIGINT, signal.SIGTERM]
    before = {signum: signal.getsignal(signum) for signum in names}
    yield
    for signum, handler in before.items():
        signal.signal(signum, handler)


class Notes:
    def __init__(self) -> None:
        self.said: list[str] = []

    def notice(self, message: str) -> None:
        self.said.append(message)


def test_without_loop_signals_a_ctrl_c_still_stops_the_run(
    handlers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(signals, "LOOP_TAKES_SIGNALS", False)
    notes = Notes()
    stop = signals.signal_stop(notes)  # type: ignore[arg-type]

    async def run() -> None:
        default = signal.getsignal(signal.SIGINT)  # asyncio's own, inside the loop
        with anyio.fail_after(60):
            async with anyio.create_task_group() as tg:
                tg.start_soon(stop.watch)
                while signal.getsignal(signal.SIGINT) is default:  # the watch is listening
                    await anyio.sleep(0.01)
                signal.raise_signal(signal.SIGINT)  # os.kill would end the process on Windows
                while not stop.requested:
                    await anyio.sleep(0.01)
                tg.cancel_scope.cancel()

    anyio.run(run)
    assert stop.requested
    assert notes.said == [signals.STOPPING]
