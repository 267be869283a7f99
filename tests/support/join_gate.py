"""A join (a drill's, a dialogue's) that waits at a gate a test opens: a run stopped after
the clips it joins are stored and before the join is, on cue.

    env = join_gate.env(gate_dir)                  # the run's environment
    subprocess.Popen([*join_gate.DRIVER, "generate"], env=env)
    join_gate.wait_until_held(gate_dir)            # the lines are made; a join waits
    ...                                            # kill the run
    join_gate.open_gate(gate_dir)                  # (or let the waiting joins go on)

Everything but the wait is the real path: the lines are made by their provider and stored,
the manifest flushed (the join is made in the rank after its lines: `making.graph`), and a
join let through is the real `making.sequences.joined`.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from tests.support.fault_provider import driver_env

DRIVER = [
    sys.executable,
    "-c",
    "from tests.support.join_gate import register; register(); "
    "from tts_assets.cli.app import main; main()",
]
"""argv prefix of `tts-assets` with the joins gated."""

WAIT_LIMIT_S = 600.0
"""A gate no test opens lets its joins go after this long (a test that failed early)."""


def env(gate_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a run whose joins wait at `gate_dir`."""
    gate_dir.mkdir(parents=True, exist_ok=True)
    return driver_env(JOIN_GATE=str(gate_dir), **extra)


def register() -> None:
    """Make every join of this process wait at the gate (`JOIN_GATE`) before it joins."""
    from tts_assets.making import sequences

    real = sequences.joined
    folder = Path(os.environ["JOIN_GATE"])

    def gated(*args: Any, **kwargs: Any) -> Any:
        (folder / f"held.{os.getpid()}").touch()
        deadline = time.monotonic() + WAIT_LIMIT_S
        while not (folder / "open").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        return real(*args, **kwargs)

    sequences.joined = gated  # type: ignore[assignment]


def held(gate_dir: Path) -> bool:
    """Whether a join waits at the gate."""
    return any(gate_dir.glob("held.*"))


def wait_until_held(gate_dir: Path, run: Any, limit: float = 300.0) -> None:
    """Wait until a join of `run` (a Popen) waits at the gate; AssertionError when the run
    ends first or `limit` seconds pass."""
    deadline = time.monotonic() + limit
    while not held(gate_dir):
        assert run.poll() is None, "the run ended before any join waited"
        assert time.monotonic() < deadline, "no join waited in time"
        time.sleep(0.05)


def open_gate(gate_dir: Path) -> None:
    (gate_dir / "open").touch()
