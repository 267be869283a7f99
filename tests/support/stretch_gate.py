"""A `rubberband` first on PATH that lets some stretches through and holds the others, or
hangs with a child of its own: faults of the stretcher, made on cue.

    gate = StretchGate(tmp_path / "gate")          # put gate.folder first on PATH
    gate.reset(passing=2)                          # two stretches run, later ones wait
    gate.held()                                    # pids of the stretches waiting now
    gate.open()                                    # the waiting ones go on (or kill them)

A stretch that goes through is the real Rubber Band (`exec`): nothing of the stretch itself
is faked. `hanging(folder)` is a `rubberband` that starts a child and waits for ever, both
noting their pids: what a stretcher that hangs leaves when only it is killed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path


def _real() -> str:
    real = shutil.which("rubberband")
    assert real is not None, "apt-get install rubberband-cli"
    return real


class StretchGate:
    """The gate's folder holds the program, its count and the pids of the held stretches."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.state = folder / "state"
        folder.mkdir(parents=True)
        self.state.mkdir()
        script = folder / "rubberband"
        script.write_text(
            "#!/bin/sh\n"
            f'D="{self.state}"\n'
            "i=0\n"
            'while ! mkdir "$D/slot.$i" 2>/dev/null; do i=$((i+1)); done\n'
            'if [ "$i" -ge "$(cat "$D/pass")" ]; then\n'
            '  echo $$ > "$D/held.$i.tmp" && mv "$D/held.$i.tmp" "$D/held.$i"\n'
            '  while [ ! -e "$D/open" ]; do sleep 0.05; done\n'
            "fi\n"
            f'exec "{_real()}" "$@"\n',
            encoding="utf-8",
        )
        script.chmod(0o755)
        self.reset(passing=1 << 30)

    def reset(self, passing: int) -> None:
        """Count afresh: `passing` stretches go through, then each waits."""
        for path in self.state.iterdir():
            # A stretch a killed run started just before its kill may rename its note
            # meanwhile: what is gone is gone.
            with contextlib.suppress(FileNotFoundError):
                if path.is_dir():
                    path.rmdir()
                else:
                    path.unlink()
        (self.state / "pass").write_text(str(passing), encoding="ascii")

    def held(self) -> list[int]:
        """The pids of the stretches waiting at the gate."""
        return [int(p.read_text("ascii")) for p in sorted(self.state.glob("held.*[0-9]"))]

    def stopping(self) -> list[int]:
        """The pids of the stretches that wait or will: each that took a slot past the
        count, once it has noted its pid (a stretch started just before its run's kill
        may not have yet)."""
        passing = int((self.state / "pass").read_text("ascii"))
        slots = [int(p.name.removeprefix("slot.")) for p in self.state.glob("slot.*")]
        deadline = time.monotonic() + 30
        while len(held := self.held()) < sum(i >= passing for i in slots):
            assert time.monotonic() < deadline, "a stretch never noted its pid"
            time.sleep(0.01)
        return held

    def open(self) -> None:
        (self.state / "open").touch()


def hanging(folder: Path) -> Path:
    """A `rubberband` in `folder` that starts a child (`sleep`) and waits on it, writing
    both pids to `folder/pids` (its own first)."""
    folder.mkdir(parents=True)
    script = folder / "rubberband"
    script.write_text(
        "#!/bin/sh\n"
        "sleep 600 &\n"
        f'echo "$$ $!" > "{folder}/pids.tmp" && mv "{folder}/pids.tmp" "{folder}/pids"\n'
        "wait\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return folder


def killed_at_the_gate(gate: StretchGate, cwd: Path, env: dict[str, str]) -> int:
    """`tts-assets generate --json --concurrency 1` in `cwd` with `env` (the gate's folder
    first on its PATH), killed with SIGKILL once a stretch waits at `gate`: what is made
    before the stretches is stored, nothing after. The gate is open afterwards; returns
    the run's return code. The stretches held at the gate are killed too (orphans of the
    killed run, they would otherwise wait for ever once the gate is `reset`)."""
    run = subprocess.Popen(
        [sys.executable, "-m", "tts_assets", "generate", "--json", "--concurrency", "1"],
        cwd=cwd,
        env={**env, "PATH": f"{gate.folder}{os.pathsep}{env['PATH']}"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 300
        while not gate.held():
            assert run.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=60)
    finally:
        gate.open()
        if run.poll() is None:
            run.kill()
        for pid in gate.stopping():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    return run.returncode
