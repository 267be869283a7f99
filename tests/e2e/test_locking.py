"""Two runs at once: a lock on the data dir and on the out dir (an flock on the folder on
POSIX, no lock file; a lock file in the temp folder on Windows) makes the second wait
(`--wait SECONDS`) or stop with exit 2 and a clear message. Never do two writers touch
one JSON file or one manifest.

Every ordering here is made by the test: the other run holds the lock until the test lets
it go (the fault provider's `hold` file), never for a time the test hopes is long enough.
The in-process tests run on both lock backends, so the Windows one is tested here too.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import fault_provider
from tests.support.project import Project
from tests.support.windows import lock_refusals
from tts_assets import Interrupted, Stop, generate, load_settings
from tts_assets.store import lock

TEXTS = [f"{w}を見ます。" for w in "山川海"]
"""A run's texts: three show the locks as six did, and each one more is a clip made and
encoded in every run."""
GENERATE = ("generate", "--provider", "fault", "--type", "grammar")

FILE_LOCK_DRIVER = [
    *fault_provider.DRIVER[:2],
    "from tts_assets.store import lock; lock.try_lock = lock._file_lock; "
    + fault_provider.DRIVER[2],
]
"""DRIVER with the Windows backend (a lock file) in use."""


@pytest.fixture(params=["flock", "file"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """Each lock backend in turn: the folder's flock (POSIX) and the lock file (Windows),
    whose files go to a temp folder of the test's own (the runs it starts share it)."""
    if request.param == "file":
        monkeypatch.setattr(lock, "try_lock", lock._file_lock)
        temp = tmp_path / "temp"
        temp.mkdir()
        monkeypatch.setenv("TMPDIR", str(temp))
        monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return str(request.param)


@pytest.fixture
def tries(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Set once a run has found a lock taken (`tests.support.windows.lock_refusals`)."""
    yield lock_refusals(monkeypatch)


@pytest.fixture
def project(project: Project, fault: None) -> Project:
    fault_provider.write_grammar(project / "data", TEXTS)
    fault_provider.write_config(project)
    return project


@pytest.mark.parametrize("held", ["data", "public/audio"])
def test_a_second_run_stops_with_exit_2_naming_the_folder(
    project: Project, held: str, backend: str
) -> None:
    before = project.tree()
    with lock.locked([project / held]):
        code, out = project.invoke(*GENERATE)
    assert code == 2
    assert out.count("\n") == 1 and "Traceback" not in out
    assert out.startswith(f"error: {(project / held).resolve()}: another tts-assets run")
    assert "--wait SECONDS" in out
    # Stopped before writing: no clip, no manifest, the content as it was.
    assert project.tree() == before


def test_wait_takes_the_lock_when_the_other_run_lets_go(
    project: Project, backend: str, tries: threading.Event
) -> None:
    """The other run lets go only once this one has found the lock taken: it waited."""

    def other_run() -> None:
        with lock.locked([project / "data"]):
            holding.set()
            assert tries.wait(60), "the second run never tried the lock"

    holding = threading.Event()
    holder = threading.Thread(target=other_run)
    holder.start()
    holding.wait()
    code, out = project.invoke(*GENERATE, "--wait", "60", "--json")
    holder.join()
    assert tries.is_set()
    assert code == 0, out
    assert json.loads(out)["generated"] == len(TEXTS)


@pytest.mark.slow  # waits half a second, twice
def test_wait_gives_up_after_its_seconds(project: Project, backend: str) -> None:
    with lock.locked([project / "data"]):
        started = time.monotonic()
        code, out = project.invoke(*GENERATE, "--wait", "0.5")
    assert code == 2 and "another tts-assets run" in out
    assert time.monotonic() - started >= 0.5


def test_a_stop_ends_the_wait_for_the_lock(
    project: Project, backend: str, tries: threading.Event
) -> None:
    """Ctrl-C while waiting for another run: the run ends at once, having written nothing."""
    stop = Stop()
    before = project.tree()
    with lock.locked([project / "data"]):
        # The stop comes once the run is waiting (a --wait of an hour), not at a guess.
        threading.Thread(target=lambda: tries.wait(60) and stop.request()).start()
        with pytest.raises(Interrupted):
            generate(load_settings(provider="fault"), stop=stop, lock_wait=3600)
    assert tries.is_set()
    assert project.tree() == before


def test_the_lock_is_on_the_folders_and_leaves_no_file(project: Project) -> None:
    """POSIX: nothing in the project (Windows: a lock file, in the temp folder)."""
    code, out = project.invoke(*GENERATE)
    assert code == 0, out
    names = {p.name for p in project.rglob("*")}
    assert not {n for n in names if "lock" in n.lower()}


def _driver(backend: str) -> list[str]:
    return FILE_LOCK_DRIVER if backend == "file" else fault_provider.DRIVER


@pytest.mark.slow
def test_two_real_runs_at_once_never_write_together(tmp_path: Path) -> None:
    """Three processes on one project: the second stops, the third waits and finds all done."""
    fault_provider.write_grammar(tmp_path / "data", TEXTS)
    log, gate = tmp_path / "calls.jsonl", tmp_path / "go"
    fault_provider.write_config(tmp_path, log=str(log), hold=str(gate))
    argv = [*fault_provider.DRIVER, "generate", "--provider", "fault", "--concurrency", "1"]
    env = fault_provider.driver_env()
    first = subprocess.Popen(
        [*argv, "--json"], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        # The first run holds both locks now, and goes on only when the gate opens.
        fault_provider.wait_until(lambda: fault_provider.calls(log), first)
        second = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, text=True)
        third = subprocess.Popen(
            [*argv, "--wait", "600", "--json"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        fault_provider.release(gate)
        out3, err3 = third.communicate(timeout=300)
        out1, err1 = first.communicate(timeout=300)
    finally:
        first.kill()
        first.wait()
    assert second.returncode == 2, second.stderr
    assert second.stderr.startswith("error: ") and "another tts-assets run" in second.stderr
    assert second.stderr.count("\n") == 1
    assert first.returncode == 0, err1
    assert json.loads(out1)["generated"] == len(TEXTS)
    assert third.returncode == 0, err3
    # The third run read the content only after the first had written it back.
    summary = json.loads(out3)
    assert summary["generated"] == 0 and summary["present"] == len(TEXTS)
    assert summary["written"] == []
    assert sorted(fault_provider.calls(log)) == sorted(TEXTS)  # each text synthesized once


@pytest.mark.slow
def test_runs_on_two_data_dirs_sharing_one_out_dir_take_turns(tmp_path: Path, backend: str) -> None:
    for name in ("a", "b"):
        fault_provider.write_grammar(tmp_path / name, [f"{t}{name}" for t in TEXTS[:3]])
    log, gate = tmp_path / "calls.jsonl", tmp_path / "go"
    fault_provider.write_config(tmp_path, log=str(log), hold=str(gate))
    argv = [*_driver(backend), "generate", "--provider", "fault", "--concurrency", "1"]
    env = fault_provider.driver_env()
    first = subprocess.Popen(
        [*argv, "--data-dir", "a"], cwd=tmp_path, env=env, stderr=subprocess.PIPE
    )
    try:
        # The first run holds the shared out dir until the second has been refused.
        fault_provider.wait_until(lambda: fault_provider.calls(log), first)
        second = subprocess.run(
            [*argv, "--data-dir", "b"], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        fault_provider.release(gate)
        assert first.wait(timeout=300) == 0
    finally:
        first.kill()
        first.wait()
    assert second.returncode == 2, second.stderr
    assert f"{(tmp_path / 'public/audio').resolve()}: another tts-assets run" in second.stderr
    # The loser wrote nothing: its content is untouched, the manifest is the winner's.
    assert "audioUrl" not in (tmp_path / "b/grammar.json").read_text(encoding="utf-8")
    manifest = json.loads((tmp_path / "public/audio/manifest.json").read_text(encoding="utf-8"))
    assert sorted(c["text"] for c in manifest["clips"]) == sorted(f"{t}a" for t in TEXTS[:3])


@pytest.mark.slow
def test_a_killed_run_leaves_no_lock_behind(tmp_path: Path, backend: str) -> None:
    fault_provider.write_grammar(tmp_path / "data", TEXTS[:2])
    log, gate = tmp_path / "calls.jsonl", tmp_path / "go"  # the gate never opens
    fault_provider.write_config(tmp_path, log=str(log), hold=str(gate))
    argv = [*_driver(backend), "generate", "--provider", "fault"]
    env = fault_provider.driver_env()
    first = subprocess.Popen(argv, cwd=tmp_path, env=env, stderr=subprocess.DEVNULL)
    try:
        fault_provider.wait_until(lambda: fault_provider.calls(log), first)
        with pytest.raises(lock.LockedError), lock.locked([tmp_path / "data"]):
            pass  # held while it runs
    finally:
        first.kill()
        first.wait()
    with lock.locked([tmp_path / "data", tmp_path / "public/audio"]):
        pass  # would raise LockedError if the dead run still held either
