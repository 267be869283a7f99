"""Every guarantee about stops and faults, on each offline provider's real path.

Kokoro first (it is the default), Piper and espeak-ng beside it: the real models and
engines, the pieces of a passage, the finishing and the store. The only stand-in is a gate
(tests/support/gated.py) that holds later synthesis calls until the test has done what it
does in the middle of a run, so each test creates the order of its events:

    two clips stored, a third call waiting ──▶ the test's fault ──▶ the gate opens

Exit codes: 130 on Ctrl-C or SIGTERM with what is done kept and written back; 3 for the
machine (a full disk, a read-only out dir) or a provider that cannot go on; never 4.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest

from tests.e2e.test_machine_faults import tmpfs
from tests.support import gated
from tts_assets.store.manifest import Store

pytestmark = pytest.mark.slow  # real models, real processes, real signals

JA = [f"{w}を{v}ます。" for w in ("やま", "かわ", "うみ") for v in "みか"]
EN = [
    f"The {w} was {a} this morning."
    for w in ("river", "garden", "market")
    for a in ("quiet", "busy")
]

PASSING = 2
"""Synthesis calls that go through before the gate: the clips stored before the fault."""


@dataclass
class Project:
    root: Path
    provider: str
    texts: list[str]
    gate: Path = field(init=False)

    def __post_init__(self) -> None:
        self.gate = self.root / "gate"

    @property
    def out(self) -> Path:
        return self.root / "public/audio"

    def urls(self) -> list[str | None]:
        doc = json.loads((self.root / "data/grammar.json").read_text("utf-8"))
        return [ex.get("audioUrl") for entry in doc for ex in entry["examples"]]

    def clips(self) -> int:
        if not self.out.is_dir():
            return 0
        return sum(
            1
            for folder in self.out.iterdir()
            if folder.is_dir() and not folder.name.startswith(".")
            for _ in folder.glob("*.mp3")
        )

    def argv(self, *args: str) -> list[str]:
        return [*gated.DRIVER, "generate", "--provider", self.provider, "--type", "grammar", *args]


def _project(root: Path, provider: str) -> Project:
    texts = EN if provider == "piper" else JA
    data = root / "data"
    data.mkdir(parents=True)
    field = "english" if provider == "piper" else "japanese"
    entries = [
        {"id": f"g{n}", "examples": [{field: t} for t in texts[i : i + 3]]}
        for n, i in enumerate(range(0, len(texts), 3))
    ]
    (data / "grammar.json").write_text(json.dumps(entries, ensure_ascii=False, indent=2) + "\n")
    if provider == "piper":
        (root / "tts-assets.toml").write_text('lang = "en"\n')
    return Project(root, provider, texts)


@pytest.fixture(params=gated.PROVIDERS)
def project(request: pytest.FixtureRequest, tmp_path: Path) -> Project:
    provider: str = request.param
    from tts_assets.providers import registry

    reason = registry.get(provider).unavailable_reason()
    if reason is not None:
        pytest.skip(f"{provider}: {reason}")
    return _project(tmp_path / "p", provider)


class Run:
    """A gated `generate` process, its stderr collected as it comes."""

    def __init__(self, project: Project, *args: str, fatal: bool = False) -> None:
        env = gated.env(project.gate, PASSING, fatal=fatal)
        self.proc = subprocess.Popen(
            project.argv("--concurrency", "2", *args),
            cwd=project.root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.stderr: list[str] = []
        self._reader = threading.Thread(target=self._read, args=(self.proc.stderr,))
        self._reader.start()
        self.project = project

    def _read(self, stream: IO[bytes]) -> None:
        for line in stream:
            self.stderr.append(line.decode("utf-8", "replace"))

    def at_the_gate(self) -> None:
        """Wait until the passing clips are stored and a later call waits at the gate."""
        p = self.project
        gated.wait_until(lambda: p.clips() >= PASSING and gated.waiting(p.gate) >= 1, self.proc)

    def said(self, words: str) -> None:
        gated.wait_until(lambda: words in "".join(self.stderr), self.proc)

    def finish(self) -> tuple[int, str, str]:
        code = self.proc.wait(timeout=300)
        assert self.proc.stdout is not None
        stdout = self.proc.stdout.read().decode("utf-8", "replace")
        self._reader.join()
        return code, stdout, "".join(self.stderr)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def runs() -> Iterator[list[Run]]:
    started: list[Run] = []
    yield started
    for run in started:
        run.kill()


def _no_bug(stderr: str, stdout: str = "") -> None:
    assert "Traceback" not in stderr + stdout
    assert "bug in tts-assets" not in stderr
    assert "crash" not in stderr


def _written_back_and_listed(project: Project) -> list[str]:
    """Every URL in the content names a clip the manifest on disk lists, whole."""
    store = Store(project.out, project.out / ".temp-audio")
    urls = [u for u in project.urls() if u]
    for url in urls:
        clip = store.get(url.removeprefix("/audio/"))
        assert clip is not None, url
        assert (project.out / clip.path).stat().st_size == clip.bytes
    return urls


def _rerun_finishes(project: Project) -> None:
    """Without the gate's cue, a rerun makes exactly what is missing and exits 0."""
    gated.open_gate(project.gate)
    done = subprocess.run(
        [*project.argv("--json")],
        cwd=project.root,
        env=gated.env(project.gate, 0),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert all(project.urls())
    assert len(_written_back_and_listed(project)) == len(project.texts)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_stop_keeps_what_is_done_and_exits_130(
    project: Project, runs: list[Run], sig: signal.Signals
) -> None:
    run = Run(project)
    runs.append(run)
    run.at_the_gate()
    run.proc.send_signal(sig)
    run.said("stopping")
    gated.open_gate(project.gate)  # the waiting pieces now arrive after the stop
    code, stdout, stderr = run.finish()
    assert code == 130, stderr
    _no_bug(stderr, stdout)
    assert len(_written_back_and_listed(project)) >= PASSING
    _rerun_finishes(project)


def test_a_full_disk_stops_the_run_with_exit_3_and_says_so(
    project: Project, runs: list[Run]
) -> None:
    with tmpfs(project.out, "4m"):
        run = Run(project)
        runs.append(run)
        run.at_the_gate()
        filler = project.out / "filler"
        # Unbuffered: nothing is left to write when the file closes (that write would
        # fail as well, outside the raises, at whatever the free space leaves over).
        with open(filler, "wb", buffering=0) as f, pytest.raises(OSError):
            while True:
                f.write(b"\0" * 65536)
        gated.open_gate(project.gate)
        code, stdout, stderr = run.finish()
        assert code == 3, stderr
        _no_bug(stderr, stdout)
        assert "the disk is full" in stdout + stderr
        _written_back_and_listed(project)
        filler.unlink()
        _rerun_finishes(project)


def test_a_read_only_out_dir_mid_run_stops_with_exit_3(project: Project, runs: list[Run]) -> None:
    with tmpfs(project.out, "20m"):
        run = Run(project)
        runs.append(run)
        run.at_the_gate()
        subprocess.run(["mount", "-o", "remount,ro", str(project.out)], check=True)
        gated.open_gate(project.gate)
        code, stdout, stderr = run.finish()
        assert code == 3, stderr
        _no_bug(stderr, stdout)
        subprocess.run(["mount", "-o", "remount,rw", str(project.out)], check=True)
        _written_back_and_listed(project)
        _rerun_finishes(project)


def test_a_provider_that_stops_keeps_what_is_done_and_exits_3(
    project: Project, runs: list[Run]
) -> None:
    run = Run(project, "--json", fatal=True)
    runs.append(run)
    code, stdout, stderr = run.finish()
    assert code == 3, stderr
    _no_bug(stderr, stdout)
    summary = json.loads(stdout)
    assert "cannot go on" in summary["fatal"]
    assert summary["failures"] == []  # the provider stopped; no clip failed of its own
    assert summary["generated"] >= 1
    assert len(_written_back_and_listed(project)) == summary["generated"]
    _rerun_finishes(project)


def test_sigkill_then_a_rerun_makes_exactly_what_is_missing(
    project: Project, runs: list[Run]
) -> None:
    run = Run(project)
    runs.append(run)
    run.at_the_gate()
    os.kill(run.proc.pid, signal.SIGKILL)
    run.finish()
    # A SIGKILL can land while the run writes its manifest or a content file, staged in
    # `.temp-audio/` (a `.part`): nothing half-written is ever beside the content or in
    # the out dir, and the rerun removes what the killed run left there.
    assert not [p for p in project.root.rglob("*.part") if ".temp-audio" not in p.parts]
    # The half manifest a kill in the middle of its write leaves, made here rather than
    # hoped for (the kill above lands wherever the run is).
    half = project.out / ".temp-audio" / f"{run.proc.pid}-killed-mid-write.part"
    half.parent.mkdir(parents=True, exist_ok=True)
    half.write_bytes(b'{"version": 1, "clips": [')
    _rerun_finishes(project)
    assert not list(project.root.rglob("*.part"))
