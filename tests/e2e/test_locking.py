"""Two runs at once: an flock on the data dir and on the out dir (no lock file) makes the
second wait (`--wait SECONDS`) or stop with exit 2 and a clear message. Never do two
writers touch one JSON file or one manifest.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.support import fault_provider
from tests.support.project import Project
from tts_assets import Interrupted, Stop, generate, load_settings
from tts_assets.store import lock

TEXTS = [f"{w}を見ます。" for w in "山川海空花本"]
GENERATE = ("generate", "--provider", "fault", "--type", "grammar")


@pytest.fixture
def project(project: Project, fault: None) -> Project:
    fault_provider.write_grammar(project / "data", TEXTS)
    fault_provider.write_config(project)
    return project


@pytest.mark.parametrize("held", ["data", "public/audio"])
def test_a_second_run_stops_with_exit_2_naming_the_folder(project: Project, held: str) -> None:
    before = project.tree()
    with lock.locked([project / held]):
        code, out = project.invoke(*GENERATE)
    assert code == 2
    assert out.count("\n") == 1 and "Traceback" not in out
    assert out.startswith(f"error: {(project / held).resolve()}: another tts-assets run")
    assert "--wait SECONDS" in out
    # Stopped before writing: no clip, no manifest, the content as it was.
    assert project.tree() == before


@pytest.mark.slow  # waits on real time (or loads a dictionary)
def test_wait_takes_the_lock_when_the_other_run_lets_go(project: Project) -> None:
    holding = threading.Event()
    release_after = 1.0

    def other_run() -> None:
        with lock.locked([project / "data"]):
            holding.set()
            time.sleep(release_after)

    holder = threading.Thread(target=other_run)
    holder.start()
    holding.wait()
    started = time.monotonic()
    code, out = project.invoke(*GENERATE, "--wait", "30", "--json")
    waited = time.monotonic() - started
    holder.join()
    assert code == 0, out
    assert waited >= release_after * 0.9
    assert json.loads(out)["generated"] == len(TEXTS)


@pytest.mark.slow  # waits on real time (or loads a dictionary)
def test_wait_gives_up_after_its_seconds(project: Project) -> None:
    with lock.locked([project / "data"]):
        started = time.monotonic()
        code, out = project.invoke(*GENERATE, "--wait", "0.5")
    assert code == 2 and "another tts-assets run" in out
    assert 0.4 <= time.monotonic() - started < 5


def test_a_stop_ends_the_wait_for_the_lock(project: Project) -> None:
    """Ctrl-C while waiting for another run: the run ends at once, having written nothing."""
    stop = Stop()
    before = project.tree()
    with lock.locked([project / "data"]):
        threading.Timer(0.2, stop.request).start()
        started = time.monotonic()
        with pytest.raises(Interrupted):
            generate(load_settings(provider="fault"), stop=stop, lock_wait=30)
    assert time.monotonic() - started < 5
    assert project.tree() == before


def test_the_lock_is_on_the_folders_and_leaves_no_file(project: Project) -> None:
    code, out = project.invoke(*GENERATE)
    assert code == 0, out
    names = {p.name for p in project.rglob("*")}
    assert not {n for n in names if "lock" in n.lower()}


@pytest.mark.slow
def test_two_real_runs_at_once_never_write_together(tmp_path: Path) -> None:
    """Three processes on one project: the second stops, the third waits and finds all done."""
    fault_provider.write_grammar(tmp_path / "data", TEXTS)
    log = tmp_path / "calls.jsonl"
    fault_provider.write_config(tmp_path, delay=0.5, log=str(log))
    argv = [*fault_provider.DRIVER, "generate", "--provider", "fault", "--concurrency", "1"]
    env = fault_provider.driver_env()
    first = subprocess.Popen(
        [*argv, "--json"], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while not fault_provider.calls(log):  # the first run holds both locks now
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        second = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, text=True)
        third = subprocess.Popen(
            [*argv, "--wait", "60", "--json"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        out3, err3 = third.communicate(timeout=120)
        out1, err1 = first.communicate(timeout=120)
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
def test_runs_on_two_data_dirs_sharing_one_out_dir_take_turns(tmp_path: Path) -> None:
    for name in ("a", "b"):
        fault_provider.write_grammar(tmp_path / name, [f"{t}{name}" for t in TEXTS[:3]])
    log = tmp_path / "calls.jsonl"
    fault_provider.write_config(tmp_path, delay=0.5, log=str(log))
    argv = [*fault_provider.DRIVER, "generate", "--provider", "fault", "--concurrency", "1"]
    env = fault_provider.driver_env()
    first = subprocess.Popen(
        [*argv, "--data-dir", "a"], cwd=tmp_path, env=env, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while not fault_provider.calls(log):
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        second = subprocess.run(
            [*argv, "--data-dir", "b"], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert first.wait(timeout=120) == 0
    finally:
        first.kill()
        first.wait()
    assert second.returncode == 2
    assert f"{(tmp_path / 'public/audio').resolve()}: another tts-assets run" in second.stderr
    # The loser wrote nothing: its content is untouched, the manifest is the winner's.
    assert "audioUrl" not in (tmp_path / "b/grammar.json").read_text(encoding="utf-8")
    manifest = json.loads((tmp_path / "public/audio/manifest.json").read_text())
    assert sorted(c["text"] for c in manifest["clips"]) == sorted(f"{t}a" for t in TEXTS[:3])


@pytest.mark.slow
def test_a_killed_run_leaves_no_lock_behind(tmp_path: Path) -> None:
    fault_provider.write_grammar(tmp_path / "data", TEXTS[:2])
    log = tmp_path / "calls.jsonl"
    fault_provider.write_config(tmp_path, delay=30, log=str(log))
    argv = [*fault_provider.DRIVER, "generate", "--provider", "fault"]
    env = fault_provider.driver_env()
    first = subprocess.Popen(argv, cwd=tmp_path, env=env, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not fault_provider.calls(log):
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
    finally:
        first.kill()
        first.wait()
    with lock.locked([tmp_path / "data", tmp_path / "public/audio"]):
        pass  # would raise LockedError if the dead run still held either
