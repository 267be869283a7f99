"""Ctrl-C and SIGTERM stop every command the same way: "interrupted", exit 130.

Each command that takes the locks is caught in the same place, deterministically: the test
holds the content's and the out dir's locks, starts the command with `--wait`, and signals it
once the command has opened a locked folder (it then waits for the test's lock, started up).
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import fault_provider
from tests.support.holding import holds, signalled, wait_for
from tts_assets.store import lock

pytestmark = pytest.mark.slow  # real processes, real signals

COMMANDS = {
    "generate": ["generate", "--type", "grammar"],
    "verify --fix": ["verify", "--fix"],
    "adopt": ["adopt"],
    "rebuild-manifest": ["rebuild-manifest"],
    "merge": ["merge", "public/audio", "shards/1"],
}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize(
    "sig",
    [signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)],
    ids=["ctrl-c", "sigterm", "sighup"],
)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_stops_with_130_on_a_signal(
    tmp_path: Path, command: str, sig: signal.Signals
) -> None:
    fault_provider.write_grammar(tmp_path / "data", ["やまをみます。"])
    fault_provider.write_config(tmp_path)
    out = tmp_path / "public/audio"
    (tmp_path / "shards/1").mkdir(parents=True)
    out.mkdir(parents=True)
    folders = [tmp_path / "data", out]
    argv = [*fault_provider.DRIVER, *COMMANDS[command], "--wait", "600"]
    if command != "merge":
        argv += ["--provider", "fault"] if command in ("generate", "verify --fix") else []
    with lock.locked(folders):
        proc = subprocess.Popen(
            argv,
            cwd=tmp_path,
            env=fault_provider.driver_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        wait_for(proc, lambda: holds(proc.pid, folders), "the command never reached the lock")
        stdout, stderr = signalled(proc, sig)
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr or "stopping" in stderr
    assert "Traceback" not in stdout + stderr
    assert "bug in tts-assets" not in stderr
