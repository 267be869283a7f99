"""A command under an address-space limit, run in a child its first process watches
(`cli/limited.py`), as a careless user or a hostile environment starts and stops it: a stop
before the child starts, while it starts, and a copy of a stop (a process group's, passed on
as well) while the child says it; a program read from stdin; a library's end in the middle
of the write-back; the forms the tool is started in; the marker set by the user. Each
ordering is made by the processes themselves (a hook in the -c script), never hoped for."""

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
from tests.support.sweep import check_each

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS: Linux"),
]

ROOT = Path(__file__).resolve().parents[2]

RUN = """
import os, signal, sys, time
sys.path.insert(0, os.environ["ROOT"])  # (-I and -E ignore PYTHONPATH)
child = os.environ.get("_TTS_ASSETS_LIMITED_CHILD")
end = os.environ.get("END", "")
def mark(name):
    open(name, "w").close()
def until(name):
    for _ in range(3000):
        if os.path.exists(name):
            return
        time.sleep(0.02)
with open("pids", "a") as pids:  # which process runs the command (the child marks itself)
    pids.write(f"{os.getpid()} {child or '-'}\\n")
if child and end == "starting":  # no answer to a stop yet: a stop ends it raw
    mark("starting")
    time.sleep(60)
import tts_assets.commands.generate as g
if not child and end.startswith("before "):  # a stop just before the child is started
    import subprocess
    real_init = subprocess.Popen.__init__
    def starting(self, *args, **kwargs):
        os.kill(os.getpid(), getattr(signal, end.split()[1]))
        return real_init(self, *args, **kwargs)
    subprocess.Popen.__init__ = starting
if child and end == "ending":  # the child plans, then says its stop slowly
    import tts_assets.cli.console as console
    real_error = console.error
    def error(message):
        if message == "interrupted":
            mark("ending")
            until("go")
        real_error(message)
    console.error = error
real = g.surveyed
def planning(*args, **kwargs):
    if end == "ending":
        mark("waiting")
        time.sleep(60)
    elif end == "bug":
        raise RuntimeError("a bug")
    return real(*args, **kwargs)
g.surveyed = planning
if child and end == "write-back":  # a library's end with one JSON file written back
    import tts_assets.store.files as files
    import tts_assets.writeback.update as update
    real_replace = update.replace_if_unchanged
    calls = []
    def replace(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            files.exchange = lambda a, b: os.abort()  # staged, not yet in place
        return real_replace(*args, **kwargs)
    update.replace_if_unchanged = replace
sys.argv = ["tts-assets", *sys.argv[1:]]
from tts_assets.cli.app import main
main()
"""

LIMIT = 16 << 30
"""A limit far above what the command needs: every end here is the test's own doing."""

INTERRUPTED = "error: interrupted"


def _limited() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


@pytest.fixture
def project(project: Project) -> Project:
    return project.gen(
        {
            "data/vocabulary.json": [{"id": "v1", "word": "ねこ"}],
            "data/grammar.json": [{"id": "g1", "examples": [{"japanese": "みずをのみます。"}]}],
        }
    ).config('provider = "espeak"\n')


def _start(
    project: Project,
    end: str,
    *args: str,
    python: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
    stdin: int = subprocess.DEVNULL,
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, *python, "-c", RUN, "generate", *args],
        cwd=project,
        env={**os.environ, "END": end, "ROOT": str(ROOT), "PYTHONPATH": str(ROOT), **(env or {})},
        stdin=stdin,  # no terminal: a SIGINT is passed on (not the terminal's)
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_limited,
    )


def _until(project: Project, name: str, run: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not (project / name).exists():
        assert run.poll() is None, run.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)


def _child(project: Project) -> int:
    return next(int(pid) for pid, mark in _pids(project) if mark != "-")


def _pids(project: Project) -> list[list[str]]:
    return [ln.split() for ln in (project / "pids").read_text().splitlines()]


def _stopped(run: subprocess.Popen[str]) -> None:
    """The run ended as a stopped run does: 130, one line, the --json object, no trace."""
    out, err = run.communicate(timeout=120)
    assert run.returncode == 130, (out, err)
    assert err.splitlines().count(INTERRUPTED) == 1 and "Traceback" not in err, err
    doc = json.loads(out)
    assert (doc["ok"], doc["exit_code"], doc["error"]) == (False, 130, "interrupted"), out


def _completes(project: Project, generated: int) -> None:
    """A rerun (no hook) completes the job: exit 0, `generated` clips made now, every
    content file whole and with its clips' URLs."""
    run = _start(project, "", "--json")
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0, (out, err)
    assert json.loads(out)["generated"] == generated, out
    vocabulary = json.loads((project / "data/vocabulary.json").read_text("utf-8"))
    grammar = json.loads((project / "data/grammar.json").read_text("utf-8"))
    assert vocabulary[0]["audioUrl"] and grammar[0]["examples"][0]["audioUrl"]


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_stop_before_the_child_starts_starts_none(project: Project, name: str) -> None:
    run = _start(project, f"before {name}", "--json")
    _stopped(run)
    assert [mark for _, mark in _pids(project)] == ["-"]  # no child was started
    _completes(project, generated=2)


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_stop_while_the_child_starts_is_the_run_s_stop(project: Project, name: str) -> None:
    """Passed on before the child has its own answer: the child ends raw, by the signal;
    the first process says the stop (it was not killed: a signal sent to it)."""
    signum = getattr(signal, name)
    run = _start(project, "starting", "--json")
    _until(project, "starting", run)
    run.send_signal(signum)
    _stopped(run)
    _completes(project, generated=2)


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT"])
def test_a_copy_of_the_stop_while_the_child_says_it_changes_nothing(
    project: Project, name: str
) -> None:
    """A stop can reach the child twice (on a terminal the child shares the first process's
    group: a stop sent to the group comes from the sender and passed on). Here the copy
    comes while the child says the stop: sent to the child itself, it is there before the
    child goes on (its main thread takes a signal at its next step)."""
    signum = getattr(signal, name)
    run = _start(project, "ending", "--json")
    _until(project, "waiting", run)  # the child plans
    os.kill(_child(project), signum)  # the sender's
    _until(project, "ending", run)
    os.kill(_child(project), signum)  # the copy, as passed on
    (project / "go").touch()
    _stopped(run)


def test_a_program_read_from_stdin_runs_the_command(project: Project) -> None:
    """`python - generate < script`: a child could not read the program again (stdin is
    spent) and would do nothing, exit 0; the command runs in the first process."""
    run = subprocess.Popen(
        [sys.executable, "-", "generate", "--json"],
        cwd=project,
        env={**os.environ, "ROOT": str(ROOT), "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_limited,
    )
    out, err = run.communicate(RUN, timeout=120)
    assert run.returncode == 0, (out, err)
    assert json.loads(out)["generated"] == 2
    assert [mark for _, mark in _pids(project)] == ["-"]


def test_a_library_end_in_the_write_back_loses_nothing(project: Project) -> None:
    """One content file written back, the next staged: a library ends the child. Memory's
    line and 3; every file whole; a rerun writes back without making a clip again."""
    run = _start(project, "write-back")
    out, err = run.communicate(timeout=120)
    assert run.returncode == 3, (out, err)
    assert err.splitlines()[-1].startswith("error: out of memory"), err
    for path in (project / "data").rglob("*.json"):
        json.loads(path.read_text("utf-8"))  # whole
    _completes(project, generated=0)


def test_exit_codes_and_forms_pass_through(project: Project) -> None:
    """The child's exit code is the command's, however the tool is started; the marker
    the user set (not empty) runs the command in the first process, as without a limit."""

    def ends(end: str, code: int, python: tuple[str, ...] = (), marker: str | None = None) -> None:
        env = {} if marker is None else {"_TTS_ASSETS_LIMITED_CHILD": marker}
        run = _start(project, end, "--json", python=python, env=env)
        out, err = run.communicate(timeout=120)
        assert run.returncode == code, (out, err)
        assert json.loads(out)["exit_code"] == code and "Traceback" not in err, (out, err)
        pids = _pids(project)
        (project / "pids").unlink()
        watched = marker is None or marker == ""
        assert [m for _, m in pids] == (["-", "1"] if watched else [marker]), pids

    check_each(
        ends,
        {
            "made": ("", 0),
            "a bug": ("bug", 4),
            "-I": ("", 0, ("-I",)),
            "-E": ("", 0, ("-E",)),
            "-X dev -B": ("", 0, ("-X", "dev", "-B")),
            "-IBu": ("", 0, ("-IBu",)),
            "marker set": ("", 0, (), "1"),
            "marker empty": ("", 0, (), ""),
        },
    )
