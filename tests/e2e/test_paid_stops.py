"""What could cost money: a stop, a shared or a dirty staging folder and a failing text
never bill a request twice nor lose a paid answer.

ElevenLabs on the test suite's server on 127.0.0.1, which counts every text it answers
(what the real API bills); real processes receiving real signals. Each test makes its order
of events: the server holds the requests until the test has sent its signal and seen the
run take it, then answers them (billed, as the real API bills a request it has taken).
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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.manifests import manifest_file
from tests.support.project import Project, write_json
from tts_assets.cli.signals import SAME_SIGNAL_S

pytestmark = pytest.mark.slow  # real processes and signals

KEY = "sk-test-0123456789abcdef"
CONFIG = """
provider = "elevenlabs"
type = "shadowing"

[types.shadowing]
file = "shadowing.json"
fields = [{ text = "text", url = "audioUrl" }]
"""
TEXTS = [f"{n}番目の文を毎朝読みます。" for n in range(1, 7)]
ARGV = [sys.executable, "-m", "tts_assets", "generate", "--concurrency", "2"]


class Run:
    """A `tts-assets generate` process whose stderr is read as it comes."""

    def __init__(self, root: Path, env: dict[str, str], *more: str) -> None:
        self.proc = subprocess.Popen(
            [*ARGV, *more], cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.stderr: list[str] = []
        self._reader = threading.Thread(target=self._read, args=(self.proc.stderr,))
        self._reader.start()

    def _read(self, stream: IO[bytes]) -> None:
        for line in stream:
            self.stderr.append(line.decode("utf-8", "replace"))

    def said(self, words: str) -> bool:
        return any(words in line for line in self.stderr)

    def wait_for(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + 120
        while not condition():
            assert self.proc.poll() is None, f"ended before {what}: {''.join(self.stderr)}"
            assert time.monotonic() < deadline, f"waited 120 s for {what}"
            time.sleep(0.02)

    def finish(self) -> int:
        code = self.proc.wait(timeout=120)
        self._reader.join()
        return code

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._reader.join()


@pytest.fixture
def server() -> Iterator[FakeElevenLabs]:
    with FakeElevenLabs(api_key=KEY, max_concurrent=3) as made:
        yield made


def _env(server: FakeElevenLabs) -> dict[str, str]:
    return {**os.environ, "ELEVENLABS_API_KEY": KEY, "ELEVENLABS_BASE_URL": server.base_url}


def _course(project: Project, texts: list[str] = TEXTS, config: str = CONFIG) -> None:
    project.config(config)
    write_json(
        project / "data/shadowing.json", [{"id": f"s{n}", "text": t} for n, t in enumerate(texts)]
    )


def _with_temp_dir(folder: Path) -> str:
    """The config naming `folder` as its `temp_dir`."""
    return f'temp_dir = "{folder.as_posix()}"\n' + CONFIG


def _twice(server: FakeElevenLabs) -> dict[str, int]:
    return {t: n for t, n in server.answered().items() if n > 1}


# --- 1. a stop keeps the answers of the requests it paid for ---------------------------


@pytest.mark.parametrize(
    "signum",
    [signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)],
    ids=["ctrl-c", "sigterm", "sighup"],  # SIGHUP: a closed terminal or ssh session
)
def test_a_stop_keeps_the_answers_already_billed_and_the_rerun_bills_none_again(
    project: Project, server: FakeElevenLabs, signum: signal.Signals
) -> None:
    """Two requests are out (the server holds them) when the stop comes; the server
    answers them only once the run has taken the signal. The run waits for them, keeps
    them, exits 130; the rerun makes their clips from them: every text billed once."""
    _course(project)
    server.hold_after(1)
    run = Run(project, _env(server))
    try:
        run.wait_for(lambda: server.held == 2, "two requests out")
        run.proc.send_signal(signum)
        run.wait_for(lambda: run.said("stopping"), "the stop taken")
        server.release_hold(answer=True)  # billed now, whatever the client does
        code = run.finish()
    finally:
        server.release_hold()
        run.kill()
    stderr = "".join(run.stderr)
    assert code == 130, stderr
    assert "Traceback" not in stderr
    billed = sum(server.answered().values())
    assert billed == 3
    kept = project / "public/audio/.temp-audio/paid-answers"
    assert len(list(kept.glob("*.json"))) >= 2  # the two answered after the stop
    # A workflow that commits the out dir commits none of the staging folder.
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    seen = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "tts-assets.toml" in seen and ".temp-audio" not in seen

    done = subprocess.run(ARGV, cwd=project, env=_env(server), capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert server.answered() == {t: 1 for t in TEXTS}, _twice(server)
    assert not (project / "public/audio/.temp-audio").exists()


def test_the_wait_for_billed_answers_is_bounded(project: Project, server: FakeElevenLabs) -> None:
    """A server that never answers: the stopped run waits `answer_wait` for it, then ends
    on its own (130), without a second Ctrl-C."""
    _course(project, TEXTS[:4], CONFIG + "\n[providers.elevenlabs]\nanswer_wait = 1\n")
    server.hold_after(0)
    run = Run(project, _env(server))
    try:
        run.wait_for(lambda: server.held == 2, "two requests out")
        run.proc.send_signal(signal.SIGINT)
        code = run.finish()  # the server still holds both
        still_held = server.held
    finally:
        server.release_hold()
        run.kill()
    assert code == 130, "".join(run.stderr)
    assert still_held == 2 and not run.said("aborted")


def test_a_second_ctrl_c_does_not_wait_for_the_answers(
    project: Project, server: FakeElevenLabs
) -> None:
    """The wait for billed answers is the first stop's: a second Ctrl-C ends the run at
    once (130) while the server still holds them."""
    _course(project)
    server.hold_after(0)
    run = Run(project, _env(server))
    try:
        run.wait_for(lambda: server.held == 2, "two requests out")
        run.proc.send_signal(signal.SIGINT)
        run.wait_for(lambda: run.said("stopping"), "the stop taken")
        time.sleep(SAME_SIGNAL_S + 0.1)  # a second Ctrl-C, not the first one's copy
        run.proc.send_signal(signal.SIGINT)
        code = run.finish()
        still_held = server.held
    finally:
        server.release_hold()
        run.kill()
    assert code == 130
    assert run.said("aborted")
    assert still_held == 2  # it ended without waiting for them


# --- 2, 3. a staging folder holds one project's files; a run removes only its own -------


def _killed_with_answers_kept(root: Path, server: FakeElevenLabs, staging: Path) -> None:
    """A run of the project at `root` SIGKILLed once two answers are billed and kept (the
    server holds the next ones)."""
    server.hold_after(2)
    run = Run(root, _env(server))
    try:
        run.wait_for(
            lambda: (
                len([p for p in staging.rglob("*.json") if p.parent.name == "paid-answers"]) >= 2
            ),
            "two answers kept",
        )
        run.proc.send_signal(signal.SIGKILL)
        run.finish()
    finally:
        server.release_hold()
        run.kill()


def test_two_projects_sharing_a_temp_dir_never_remove_each_others_files(
    tmp_path: Path, server: FakeElevenLabs
) -> None:
    """Project B is killed with answers billed and kept in the `temp_dir` both projects
    name; project A then runs to its end there. B's rerun bills none of its texts again."""
    shared = tmp_path / "shared-temp"
    config = _with_temp_dir(shared)
    a, b = Project(tmp_path / "a"), Project(tmp_path / "b")
    _course(a, [f"Aの{n}番目の文です。" for n in range(4)], config)
    _course(b, [f"Bの{n}番目の文です。" for n in range(4)], config)
    _killed_with_answers_kept(b, server, shared)
    b_files = sorted(p.relative_to(shared) for p in shared.rglob("*") if p.is_file())
    assert b_files

    done = subprocess.run(ARGV, cwd=a, env=_env(server), capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert sorted(p.relative_to(shared) for p in shared.rglob("*") if p.is_file()) == b_files

    done = subprocess.run(ARGV, cwd=b, env=_env(server), capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert set(server.answered().values()) == {1}, _twice(server)
    assert len(server.answered()) == 8
    assert shared.is_dir() and not list(shared.iterdir())  # each run removed its own


def test_files_of_others_in_the_staging_folders_are_never_deleted(
    project: Project, server: FakeElevenLabs, tmp_path: Path
) -> None:
    """A `temp_dir` the user named, and the out dir's own `.temp-audio`, already hold a
    `paid-answers/` folder and `made-*.log` files tts-assets did not write: a run to its
    end leaves every one of them as it was."""
    named = tmp_path / "my-temp"
    theirs = {
        named / "paid-answers/notes.json": b'{"mine": true}',
        named / f"paid-answers/{'a' * 64}.json": b"someone's",
        named / "made-by-hand.log": b"my log",
        named / "made-123-abc.log": b"looks like a journal",
        named / "123-abc.part": b"looks staged",
    }
    for path, data in theirs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    _course(project, TEXTS[:3], _with_temp_dir(named))
    done = subprocess.run(ARGV, cwd=project, env=_env(server), capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert {p: p.read_bytes() for p in theirs} == theirs
    assert sorted(p for p in named.rglob("*") if p.is_file()) == sorted(theirs)

    inside = project / "public/audio/.temp-audio"
    own = {
        inside / "paid-answers/notes.txt": b"mine",
        inside / "made-notes.log": b"my notes",
    }
    for path, data in own.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    _course(project, TEXTS[:4])
    done = subprocess.run(ARGV, cwd=project, env=_env(server), capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert {p: p.read_bytes() for p in own} == own
    assert set(server.answered().values()) == {1}


# --- 5. a text that keeps failing keeps only what it needs -----------------------------


def test_a_text_that_keeps_failing_keeps_no_answer_of_the_stored_clips(
    project: Project, tmp_path: Path
) -> None:
    """One text the server refuses every time: the run stores the others and keeps none
    of their paid answers (they are in their clips); the staging folder tells git to
    ignore it, so a workflow that commits the out dir commits none of it."""
    with FakeElevenLabs(api_key=KEY, max_concurrent=3, refuse={TEXTS[0]}) as server:
        _course(project, TEXTS)
        for _ in range(2):
            done = subprocess.run(
                ARGV, cwd=project, env=_env(server), capture_output=True, timeout=300
            )
            assert done.returncode == 1, done.stderr.decode()[-2000:]
        assert server.answered() == {t: 1 for t in TEXTS[1:]}
    staging = project / "public/audio/.temp-audio"
    assert not list(staging.rglob("*.json"))
    assert not (staging / "paid-answers").exists()


# --- 4. a request past --timeout is billed: the failure says what becomes of it --------


def _timed_out(project: Project, server: FakeElevenLabs) -> tuple[list[Any], int]:
    """A run with `--timeout 1` while the server holds every request it takes: its
    failures, and how many requests the server took."""
    server.hold_after(0)
    try:
        done = subprocess.run(
            [*ARGV, "--timeout", "1", "--json"],
            cwd=project,
            env=_env(server),
            capture_output=True,
            text=True,
            timeout=300,
        )
        taken = server.held
    finally:
        server.release_hold()
    assert done.returncode == 1, done.stderr[-2000:]
    return json.loads(done.stdout)["failures"], taken


def test_a_clip_past_its_timeout_says_its_request_is_billed_and_its_answer_kept(
    project: Project, server: FakeElevenLabs
) -> None:
    """The server never answers within the run (it holds the request until the run has
    ended): the clip fails on its `--timeout`, and its failure tells the teacher the
    request is billed and what becomes of a late answer."""
    _course(project, TEXTS[:1], CONFIG + "\n[providers.elevenlabs]\nanswer_wait = 0\n")
    (failure,), _ = _timed_out(project, server)
    assert failure["reason"].startswith("timed out after 1 s: ElevenLabs bills the request")
    assert "its answer, if it comes within 2 s of the request, is kept" in failure["reason"]


def test_a_clip_whose_request_never_left_the_queue_is_not_told_it_is_billed(
    project: Project,
) -> None:
    """The plan takes one request at once (the server turns the second away,
    unbilled, and the provider then waits for room); the server holds the first, so the
    second waits in the provider's queue until both clips time out. Only the first was
    taken (billed); the second is told nothing was sent or billed, not "ElevenLabs bills
    the request all the same"."""
    _course(project, TEXTS[:2], CONFIG + "\n[providers.elevenlabs]\nanswer_wait = 0\n")
    with FakeElevenLabs(api_key=KEY, max_concurrent=1) as server:
        _one_taken_one_queued(project, server)


def _one_taken_one_queued(project: Project, server: FakeElevenLabs) -> None:
    failures, sent = _timed_out(project, server)
    reasons = sorted(f["reason"] for f in failures)
    assert sent == 1
    assert reasons[0].startswith("timed out after 1 s: ElevenLabs bills the request")
    assert reasons[1].startswith("timed out after 1 s: its request never left the queue")
    assert "nothing was sent or billed" in reasons[1] and "bills" not in reasons[1]


# --- 6. rebuild-manifest finds the paid clips' word timings again ----------------------

TIMED = """
provider = "elevenlabs"
webvtt = true
type = "shadowing"

[types.shadowing]
file = "shadowing.json"
fields = [{ text = "text", url = "audioUrl", segments = "segments" }]
"""


def _words(timings: object) -> list[dict[str, object]]:
    """The words of a manifest's timings as the content and the tracks keep them."""
    assert isinstance(timings, dict), timings
    keys = ("start", "end", "text", "reading")
    return [{k: w[k] for k in keys if k in w} for w in timings["words"]]


def test_rebuild_manifest_takes_the_paid_clips_word_timings_from_content_and_tracks(
    project: Project, server: FakeElevenLabs
) -> None:
    """A paid course with segments and WebVTT tracks, its manifest damaged: the rebuilt
    entries hold each clip's words as the content's segments, or else its track, keep
    them; a clip whose timings are nowhere any more is named as lost. Nothing is billed."""
    texts = ["毎朝、新聞を読みます。", "駅まで歩きます。", "雨が降っています。"]
    _course(project, texts, TIMED)
    done = subprocess.run(ARGV, cwd=project, env=_env(server), capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    before = {c["text"]: c for c in project.manifest()["clips"]}
    entries = project.read_json("data/shadowing.json")
    entries[1]["segments"] = None  # its track alone keeps its words
    entries[2]["segments"] = None
    write_json(project / "data/shadowing.json", entries)
    project.clip_of(entries[2]["audioUrl"]).with_suffix(".vtt").unlink()  # nowhere now
    manifest = manifest_file(project / "public/audio")  # a database's, or manifest.json
    manifest.write_bytes(manifest.read_bytes()[:200])

    code, out = project.invoke("rebuild-manifest")
    assert code == 0, out
    after = {c["text"]: c for c in project.manifest()["clips"]}
    for text in texts[:2]:
        assert _words(after[text]["timings"]) == _words(before[text]["timings"]), text
    assert after[texts[0]]["timings"]["source"] == "found again in the content's segments"
    assert after[texts[1]]["timings"]["source"] == "found again in its WebVTT track"
    assert "timings" not in after[texts[2]] or after[texts[2]]["timings"] is None
    assert "2 clip(s) got their word timings back" in out
    lost = project.clip_of(entries[2]["audioUrl"]).relative_to(project / "public/audio")
    assert f"1 paid clip(s) keep no word timings ({lost.as_posix()})" in " ".join(out.split())
    done = subprocess.run(ARGV, cwd=project, env=_env(server), capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert sum(server.answered().values()) == len(texts)  # nothing billed again
    rewritten = project.read_json("data/shadowing.json")
    assert rewritten[1]["segments"] == _words(before[texts[1]]["timings"])  # back in place
    code, out = project.invoke("verify")
    assert code == 0, out


# --- 7. a fresh checkout of a course whose clips git ignores ---------------------------


def test_a_fresh_build_of_a_course_whose_clips_are_not_committed_makes_them_all_in_one_run(
    project: Project, server: FakeElevenLabs
) -> None:
    """The content names the clips (their URLs written back and committed), the out dir is
    not committed: a fresh CI checkout has no clip and no manifest. One run makes every
    clip at the URL the content names, its slow clip too, calls none a person's
    recording, and a second run makes nothing."""
    _course(project, TEXTS[:3], "slow = 0.75\n" + CONFIG)
    done = subprocess.run(ARGV, cwd=project, env=_env(server), capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    committed = project.read_json("data/shadowing.json")
    assert all(e["audioUrl"] and e["slowAudioUrl"] for e in committed)
    shutil.rmtree(project / "public/audio")  # a fresh checkout: .gitignore'd

    done = subprocess.run(
        [*ARGV, "--json"], cwd=project, env=_env(server), capture_output=True, timeout=300
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    summary = json.loads(done.stdout)
    assert summary["generated"] == 6, summary
    assert not [n for n in summary["notes"] if "recording" in n], summary["notes"]
    assert project.read_json("data/shadowing.json") == committed
    for entry in committed:
        for url in (entry["audioUrl"], entry["slowAudioUrl"]):
            assert project.clip_of(url).is_file(), url
    again = subprocess.run(
        [*ARGV, "--json"], cwd=project, env=_env(server), capture_output=True, timeout=300
    )
    assert again.returncode == 0 and json.loads(again.stdout)["generated"] == 0
