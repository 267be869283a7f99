"""Ctrl-C: the first keeps every finished clip and writes its URL back (exit 130); a second
aborts at once. The runs are real processes receiving real signals.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import IO

import pytest

from tests.e2e.test_faults import _processes_with
from tests.support import fault_provider
from tests.support.manifests import read_manifest
from tests.support.markers import needs_espeak
from tts_assets.cli.signals import SAME_SIGNAL_S

pytestmark = pytest.mark.slow

# Kana: espeak-ng's Japanese voice reads no kanji (such a clip fails).
TEXTS = [
    f"{w}を{v}ます。" for w in ("やま", "かわ", "うみ", "そら", "はな", "ほん") for v in "みか"
]


class Run:
    """A `tts-assets generate` process whose stderr is collected as it comes."""

    def __init__(self, argv: list[str], root: Path, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            argv, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.stderr: list[str] = []
        self.stdout = b""
        self._reader = threading.Thread(target=self._read, args=(self.proc.stderr,))
        self._reader.start()

    def _read(self, stream: IO[bytes]) -> None:
        for line in stream:
            self.stderr.append(line.decode("utf-8", "replace"))

    def wait_for(self, condition: object, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():  # type: ignore[operator]
            assert self.proc.poll() is None, "".join(self.stderr)
            assert time.monotonic() < deadline, "".join(self.stderr)
            time.sleep(0.02)

    def finish(self, timeout: float = 60.0) -> int:
        code = self.proc.wait(timeout=timeout)
        assert self.proc.stdout is not None
        self.stdout = self.proc.stdout.read()
        self._reader.join()
        return code

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def _clips(root: Path) -> set[str]:
    """The clip files under the out dir (the clip folders only: the running process
    removes its scratch folders in the staging folder while we look)."""
    out = root / "public/audio"
    if not out.is_dir():
        return set()
    return {
        str(p.relative_to(out))
        for folder in out.iterdir()
        if folder.is_dir() and not folder.name.startswith(".")
        for p in folder.glob("*.mp3")
    }


def _check_consistent(root: Path) -> set[str]:
    """Files, manifest and JSON agree; returns the texts that have their clip."""
    manifest = read_manifest(root / "public/audio")
    listed = {c["path"]: c for c in manifest["clips"]}
    assert set(listed) == _clips(root)
    for rel, clip in listed.items():
        assert (root / "public/audio" / rel).stat().st_size == clip["bytes"]
    doc = json.loads((root / "data/grammar.json").read_text(encoding="utf-8"))
    urls = {e["japanese"]: e.get("audioUrl") for entry in doc for e in entry["examples"]}
    done = {c["text"] for c in listed.values()}
    for text, url in urls.items():
        if text in done:
            [clip] = [c for c in listed.values() if c["text"] == text]
            assert url == f"/audio/{clip['path']}"
        else:
            assert url is None
    assert not (root / "public/audio/.temp-audio").exists()
    return done


def _held_after_two(root: Path) -> None:
    """Two clips are made, the rest wait for a gate that never opens: the signal always
    finds the run in the middle, however slow the machine (no delay to hope on)."""
    fault_provider.write_config(root, hold=str(root / "never"), hold_after=2)


def test_a_signal_delivered_twice_at_once_still_stops_gracefully(tmp_path: Path) -> None:
    # `timeout`, a CI runner's cancel and a terminal deliver one signal to the process
    # and to its group: the two copies are one request, not "Ctrl-C twice".
    fault_provider.write_grammar(tmp_path / "data", TEXTS)
    _held_after_two(tmp_path)
    argv = [*fault_provider.DRIVER, "generate", "--provider", "fault", "--concurrency", "2"]
    run = Run(argv, tmp_path, fault_provider.driver_env())
    try:
        run.wait_for(lambda: len(_clips(tmp_path)) >= 2)
        run.proc.send_signal(signal.SIGTERM)
        # The copy comes a moment later, once the first is being handled (two signals
        # pending at once would be merged by the kernel into one).
        run.wait_for(lambda: any("stopping" in line for line in run.stderr))
        run.proc.send_signal(signal.SIGTERM)
        code = run.finish()
    finally:
        run.kill()
    stderr = "".join(run.stderr)
    assert code == 130, stderr
    assert "aborted" not in stderr and "Traceback" not in stderr
    assert "interrupted: finished clips were kept and written back" in run.stdout.decode()
    assert len(_check_consistent(tmp_path)) == 2


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_keeps_finished_clips_writes_them_back_and_exits_130(
    tmp_path: Path, signum: signal.Signals
) -> None:
    fault_provider.write_grammar(tmp_path / "data", TEXTS)
    _held_after_two(tmp_path)
    argv = [*fault_provider.DRIVER, "generate", "--provider", "fault", "--concurrency", "2"]
    run = Run(argv, tmp_path, fault_provider.driver_env())
    try:
        run.wait_for(lambda: len(_clips(tmp_path)) >= 2)
        run.proc.send_signal(signum)
        code = run.finish()
    finally:
        run.kill()
    stderr = "".join(run.stderr)
    assert code == 130, stderr
    assert "stopping: finished clips are kept and written back" in stderr
    assert "Traceback" not in stderr
    assert "interrupted: finished clips were kept and written back" in run.stdout.decode()
    done = _check_consistent(tmp_path)
    assert len(done) == 2
    if signum == signal.SIGTERM:
        return  # the same path as SIGINT from here on

    fault_provider.write_config(tmp_path)  # no gate: the rerun makes the rest
    again = subprocess.run(
        [*argv, "--json"], cwd=tmp_path, env=fault_provider.driver_env(), capture_output=True
    )
    assert again.returncode == 0, again.stderr.decode()
    assert json.loads(again.stdout)["generated"] == len(TEXTS) - len(done)
    assert _check_consistent(tmp_path) == set(TEXTS)


def _two_clips_then_hold(root: Path) -> Path:
    """A folder with an `espeak-ng` that makes two clips with the real program; every
    later clip's program waits for ever (until Ctrl-C ends it), so the signal always
    comes while programs run, however fast or slow the machine."""
    real = shutil.which("espeak-ng")
    folder = root / "shim"
    (folder / "calls").mkdir(parents=True)
    shim = folder / "espeak-ng"
    shim.write_text(
        "#!/bin/sh\n"
        f'case "$*" in *--stdin*) ;; *) exec "{real}" "$@" ;; esac\n'
        "i=0\n"
        f'while ! mkdir "{folder}/calls/$i" 2>/dev/null; do i=$((i + 1)); done\n'
        'if [ "$i" -ge 2 ]; then while :; do sleep 0.05; done; fi\n'
        f'exec "{real}" "$@"\n'
    )
    shim.chmod(0o755)
    return folder


@needs_espeak
def test_ctrl_c_with_a_real_synthesizer_leaves_no_process_behind(tmp_path: Path) -> None:
    fault_provider.write_grammar(tmp_path / "data", TEXTS * 2)  # repeats share their clip
    # The espeak-ng program: a process per clip, which Ctrl-C must not leave behind.
    (tmp_path / "tts-assets.toml").write_text('[providers.espeak]\nengine = "system"\n')
    marker = f"TTS_ASSETS_TEST_RUN={uuid.uuid4().hex}"
    env = {**os.environ, marker.split("=")[0]: marker.split("=")[1]}
    env["PATH"] = f"{_two_clips_then_hold(tmp_path)}{os.pathsep}{env['PATH']}"
    argv = [sys.executable, "-m", "tts_assets", "generate", "--provider", "espeak"]
    run = Run(argv, tmp_path, env)
    try:
        run.wait_for(lambda: len(_clips(tmp_path)) >= 2)
        run.proc.send_signal(signal.SIGINT)
        code = run.finish()
    finally:
        run.kill()
    assert code == 130, "".join(run.stderr)
    assert len(_check_consistent(tmp_path)) == 2
    assert _processes_with(marker) == []


def test_a_second_ctrl_c_aborts_at_once(tmp_path: Path) -> None:
    original = fault_provider.write_grammar(tmp_path / "data", TEXTS).read_bytes()
    log = tmp_path / "calls.jsonl"
    # Each clip blocks a worker thread for 30 s: the first Ctrl-C cannot cancel it.
    fault_provider.write_config(tmp_path, stall=30.0, log=str(log))
    argv = [*fault_provider.DRIVER, "generate", "--provider", "fault", "--concurrency", "2"]
    run = Run(argv, tmp_path, fault_provider.driver_env())
    try:
        run.wait_for(lambda: len(fault_provider.calls(log)) >= 2)
        run.proc.send_signal(signal.SIGINT)
        run.wait_for(lambda: any("stopping" in line for line in run.stderr))
        time.sleep(SAME_SIGNAL_S)  # closer to the first, it would count as that one again
        started = time.monotonic()
        run.proc.send_signal(signal.SIGINT)
        code = run.finish(timeout=20)
        took = time.monotonic() - started
    finally:
        run.kill()
    assert code == 130
    assert took < 5, took
    assert "aborted" in "".join(run.stderr)
    # Like a kill: nothing half-written; the content is untouched.
    assert (tmp_path / "data/grammar.json").read_bytes() == original
    assert _clips(tmp_path) == set()
