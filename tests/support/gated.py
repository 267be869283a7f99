"""The real offline providers with a gate a test opens: stops and faults on cue.

A test cannot make Kokoro, Piper or espeak-ng fail, or a run be in the middle, at the
moment it wants. This module registers each of them under its own name with one change:
after `GATE_PASS` synthesis calls, every further call waits for the test to open the gate
before it synthesizes (and says that it waits). Everything else is the real provider's
path: its model, its threads, the pieces of a passage, the finishing and the store.

For a provider whose synthesis is a blocking call (Kokoro, Piper), the wait happens in the
same uncancellable worker thread as the synthesis, as a long inference would: a stop that
comes while it waits sees that piece arrive after the stop, which is how a stop of a Kokoro
run once crashed the tool (exit 4).

    env = gated.env(gate_dir, passing=2)          # the run's environment
    subprocess.Popen([*gated.DRIVER, "generate", "--provider", "kokoro"], env=env)
    gated.wait_until_waiting(gate_dir)            # two clips' calls done, a third waits
    ...                                           # signal it, fill its disk, ...
    gated.open_gate(gate_dir)                     # the waiting calls go on

With `GATE_FATAL=1` a call at the gate raises `ProviderFatal` instead (a provider that
stops: a spent quota, a model that cannot go on).
"""

from __future__ import annotations

import itertools
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

import anyio.to_thread

from tests.support.fault_provider import driver_env
from tts_assets.errors import ProviderFatal
from tts_assets.providers import registry
from tts_assets.providers.base import Audio, Speech
from tts_assets.providers.engine import BlockingEngine, Engine

PROVIDERS = ("kokoro", "piper", "espeak")

DRIVER = [
    sys.executable,
    "-c",
    "from tests.support.gated import register; register(); "
    "from tts_assets.cli.app import main; main()",
]
"""argv prefix of `tts-assets` with the gated providers registered."""

WAIT_LIMIT_S = 600.0
"""A gate no test opens lets its calls go after this long (a test that failed early)."""


def env(gate_dir: Path, passing: int, fatal: bool = False, **extra: str) -> dict[str, str]:
    """The environment of a gated run: `passing` calls go through, the rest wait."""
    gate_dir.mkdir(parents=True, exist_ok=True)
    return driver_env(
        GATE_DIR=str(gate_dir), GATE_PASS=str(passing), GATE_FATAL="1" if fatal else "", **extra
    )


def open_gate(gate_dir: Path) -> None:
    """Let every waiting and later call go on."""
    (gate_dir / "open").touch()


def waiting(gate_dir: Path) -> int:
    """How many calls have reached the closed gate."""
    return len(list(gate_dir.glob("waiting-*")))


class _Gate:
    def __init__(self) -> None:
        self.dir = Path(os.environ["GATE_DIR"])
        self.passing = int(os.environ["GATE_PASS"])
        self.fatal = bool(os.environ.get("GATE_FATAL"))
        self._calls = itertools.count()
        self._lock = threading.Lock()

    def __call__(self, text: str) -> None:
        """Return at once for the first calls; for later ones, wait for the gate."""
        with self._lock:
            n = next(self._calls)
        if n < self.passing:
            return
        (self.dir / f"waiting-{n}").write_text(text, encoding="utf-8")
        if self.fatal:
            raise ProviderFatal("gate: injected fatal error (the provider cannot go on)")
        deadline = time.monotonic() + WAIT_LIMIT_S
        while not (self.dir / "open").exists() and time.monotonic() < deadline:
            time.sleep(0.01)


def _gated(cls: type[Engine], gate: _Gate) -> type[Engine]:
    if issubclass(cls, BlockingEngine):

        class GatedBlocking(cls):  # type: ignore[valid-type,misc]
            def synthesize_blocking(self, speech: Speech) -> Audio:
                gate(speech.text)  # in the synthesis thread: a stop cannot interrupt it
                audio: Audio = super().synthesize_blocking(speech)
                return audio

        return GatedBlocking

    class Gated(cls):  # type: ignore[valid-type,misc]
        async def synthesize(self, speech: Speech) -> Audio:
            await anyio.to_thread.run_sync(gate, speech.text)
            audio: Audio = await super().synthesize(speech)
            return audio

    return Gated


def register() -> None:
    """Register the gated providers in this process (under their own names)."""
    gate = _Gate()
    for name in PROVIDERS:
        registry.register(name, _gated(registry.get(name), gate))


def wait_until(condition: Any, proc: Any, timeout: float = 300.0) -> None:
    """Wait until `condition()` holds, failing if `proc` ends first (or after `timeout`)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, "the run ended before the test's cue"
        assert time.monotonic() < deadline, "the run never reached the test's cue"
        time.sleep(0.02)
