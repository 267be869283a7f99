"""Under an address-space limit a command runs in a child its first process watches
(`cli/limited.py`): where a library's C code ends the child (an abort, glibc's exit 127, a
segmentation fault), which no Python code can answer, memory's one line and exit 3; any
other end is the command's own. Each end is made here by the child itself, at a known
point (planning), so none is hoped for from a machine's memory."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.project import Project

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS: Linux"),
]

ROOT = Path(__file__).resolve().parents[2]

RUN = """
import os, signal, sys, time
import tts_assets.commands.generate as g
with open("pids", "a") as pids:  # which process runs the command (the child marks itself)
    pids.write(f"{os.getpid()} {os.environ.get('_TTS_ASSETS_LIMITED_CHILD', '-')}\\n")
end = os.environ.get("END")
real = g.surveyed
def planning(*args, **kwargs):
    if end == "abort":
        os.abort()
    elif end == "exit 127":
        os._exit(127)
    elif end == "segfault":
        os.kill(os.getpid(), signal.SIGSEGV)
    elif end == "killed":
        os.kill(os.getpid(), signal.SIGKILL)
    elif end.startswith("wait"):
        open("waiting", "w").close()
        time.sleep(600 if end == "wait long" else 60)
    return real(*args, **kwargs)
g.surveyed = planning
sys.argv = ["tts-assets", *sys.argv[1:]]
from tts_assets.cli.app import main
main()
"""

LIMIT = 16 << 30
"""A limit far above what the command needs: every end here is the child's own doing."""


def _limited() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


@pytest.fixture
def project(project: Project) -> Project:
    return project.gen({"data/vocabulary.json": [{"id": "v1", "word": "ねこ"}]}).config(
        'provider = "espeak"\n'
    )


def _start(
    project: Project, end: str, *args: str, limit: bool = True, new_session: bool = False
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", RUN, "generate", *args],
        cwd=project,
        env={**os.environ, "END": end, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.DEVNULL,  # no terminal: a SIGINT is passed on (not the terminal's)
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_limited if limit else None,
        start_new_session=new_session,  # its own group, as a job a runner starts
    )


def _pids(project: Project) -> list[list[str]]:
    return [ln.split() for ln in (project / "pids").read_text().splitlines()]


@pytest.mark.parametrize("end", ["abort", "exit 127", "segfault"])
@pytest.mark.parametrize("json_out", [False, True], ids=["plain", "json"])
def test_a_library_ending_the_child_is_memory_s_one_line(
    project: Project, end: str, json_out: bool
) -> None:
    run = _start(project, end, *(["--json"] if json_out else []))
    out, err = run.communicate(timeout=120)
    assert run.returncode == 3, (out, err)
    lines = [ln for ln in err.splitlines() if "out of memory" in ln]
    assert len(lines) == 1 and lines[0].startswith("error: out of memory"), err
    assert "Traceback" not in err
    if json_out:
        doc = json.loads(out)
        assert (doc["ok"], doc["exit_code"]) == (False, 3) and "out of memory" in doc["error"]
    (parent, mark), (child, child_mark) = _pids(project)
    assert (int(parent), mark, child_mark) == (run.pid, "-", "1") and child != parent


def test_without_a_limit_the_command_runs_in_its_own_process(project: Project) -> None:
    """No child, and a library's end is what it always was (the abort's own signal)."""
    run = _start(project, "abort", limit=False)
    run.communicate(timeout=120)
    assert run.returncode == -signal.SIGABRT
    assert _pids(project) == [[str(run.pid), "-"]]


@pytest.mark.parametrize(("end", "code"), [("", 0), ("killed", -9)])
def test_any_other_end_is_the_command_s_own(project: Project, end: str, code: int) -> None:
    run = _start(project, end)
    out, err = run.communicate(timeout=120)
    assert run.returncode == code, (out, err)
    assert "out of memory" not in err
    if code == 0:
        assert "1 generated" in err + out or "generated" in err + out
    bad = project / "data/vocabulary.json"
    bad.write_text("[{", "utf-8")  # bad input: the child's exit 2 and its one line
    run = _start(project, "")
    out, err = run.communicate(timeout=120)
    assert run.returncode == 2 and "vocabulary.json" in err, (out, err)


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_stop_sent_to_the_first_process_stops_the_child(project: Project, name: str) -> None:
    """Sent to the watching process alone (not from a terminal): passed on, the child
    stops as a run does (130, one line), and its code is the command's."""
    signum = getattr(signal, name)
    run = _start(project, "wait")
    deadline = time.monotonic() + 120
    while not (project / "waiting").exists():  # the child is planning: now the signal
        assert run.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    run.send_signal(signum)
    out, err = run.communicate(timeout=120)
    assert run.returncode == 130, (out, err)
    assert "interrupted" in err


def _waiting(project: Project, run: subprocess.Popen[str]) -> int:
    """The child's pid, once it plans (its hook waits there)."""
    deadline = time.monotonic() + 120
    while not (project / "waiting").exists():
        assert run.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    ((_, _), (child, _)) = _pids(project)
    return int(child)


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT"])
def test_a_stop_sent_to_the_group_reaches_the_child_once(project: Project, name: str) -> None:
    """Off a terminal the child has a process group of its own: a stop sent to the first
    process's group (`timeout`, a CI runner's cancel) reaches the child once, passed on,
    and the run says its stop in full (its line, its --json object)."""
    signum = getattr(signal, name)
    run = _start(project, "wait", "--json", new_session=True)
    child = _waiting(project, run)
    assert os.getpgid(child) == child != os.getpgid(run.pid) == run.pid
    os.killpg(run.pid, signum)
    out, err = run.communicate(timeout=120)
    assert run.returncode == 130 and "interrupted" in err, (out, err)
    assert json.loads(out)["exit_code"] == 130


def test_the_child_stops_when_the_first_process_is_killed(project: Project) -> None:
    """Killed (SIGKILL, nothing passed on), the first process leaves no run going on
    unwatched: the child is told a stop, ends, and its locks go with it."""
    run = _start(project, "wait long", new_session=True)  # (the child waits 10 minutes)
    child = _waiting(project, run)
    run.kill()
    run.communicate(timeout=120)
    deadline = time.monotonic() + 120
    while Path(f"/proc/{child}").exists() and _state(child) != "Z":
        assert time.monotonic() < deadline, "the child still runs"
        time.sleep(0.05)
    (project / "pids").unlink()
    done = _start(project, "")  # the next run finds no lock held, and does the work
    out, err = done.communicate(timeout=120)
    assert done.returncode == 0, (out, err)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"


def test_on_a_terminal_its_ctrl_c_stops_the_run_once(project: Project) -> None:
    """On a terminal, in its foreground, the child shares the first process's group: the
    terminal's Ctrl-C reaches both, the first lets it be, and the child stops as a run
    does (130, its line); the command's output is on the terminal."""
    import pty
    import resource

    pid, terminal = pty.fork()
    if pid == 0:  # the session's leader, the terminal its own (as a shell's job)
        try:
            os.chdir(project)
            resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))
            env = {**os.environ, "END": "wait", "PYTHONPATH": str(ROOT)}
            os.execve(sys.executable, [sys.executable, "-c", RUN, "generate"], env)
        finally:
            os._exit(99)
    said = b""
    try:
        deadline = time.monotonic() + 120
        while not (project / "waiting").exists():
            assert time.monotonic() < deadline
            time.sleep(0.05)
        ((first, _), (child, _)) = _pids(project)
        assert os.getpgid(int(child)) == os.getpgid(int(first)) == pid  # one group
        os.write(terminal, b"\x03")  # Ctrl-C typed
        while True:
            try:
                chunk = os.read(terminal, 4096)
            except OSError:  # the terminal closed: every process on it ended
                break
            if not chunk:
                break
            said += chunk
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(terminal)
    assert os.waitstatus_to_exitcode(status) == 130, said
    assert said.count(b"interrupted") == 1, said


def test_a_library_end_with_stdout_closed_is_still_memory_s_line(project: Project) -> None:
    """`tts-assets generate >&-`: no stdout (Python's `sys.stdout` is None), in either
    process; the first still says memory's line on stderr, no traceback (and a run with
    no limit ends as it should: the streams flushed at the end were taken to be there)."""

    def limited_without_stdout() -> None:
        _limited()
        os.close(1)

    run = subprocess.run(
        [sys.executable, "-c", RUN, "generate", "--json"],
        cwd=project,
        env={**os.environ, "END": "abort", "PYTHONPATH": str(ROOT)},
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=limited_without_stdout,
        timeout=120,
    )
    assert run.returncode == 3, run.stderr
    assert run.stderr.count("error: out of memory") == 1 and "Traceback" not in run.stderr
    run = subprocess.run(  # and a run without a limit, nothing to end it: its own exit 0
        [sys.executable, "-c", RUN, "generate"],
        cwd=project,
        env={**os.environ, "END": "", "PYTHONPATH": str(ROOT)},
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: os.close(1),
        timeout=120,
    )
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
