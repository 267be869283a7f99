"""`tts-assets say` tried as a careless user and an attacker would: an
output in the course's own folders (a clip of the course replaced by
another text's clip), a folder it may not write or a disk that fills after the clip was
made (and paid for), a text with nothing left to say once cleaned, a stop while a paid
request is out, a provider that cannot go on. Each held here failed on the code before."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.markers import needs_espeak, needs_symlinks
from tests.support.mounts import fill, read_only, tmpfs
from tests.support.project import Project, working_directory
from tests.support.sweep import check_each, check_each_one
from tts_assets.cli import signals

WORDS = [{"id": "v1", "word": "水", "reading": "みず"}]
KEY = "sk-test-0123456789abcdef"
SENTENCE = "今日は雨が降っています。"
STOPS = getattr(signals, "STOP_SIGNALS", (signal.SIGINT, signal.SIGTERM))
"""The signals that stop a command (SIGHUP too, where the CLI takes it)."""


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def course(project: Project) -> Project:
    """A course as it is before a run: content, a config; no clip needed for the cases
    refused before anything is made."""
    return project.gen({"data/vocabulary.json": WORDS}).config('lang = "ja"\n')


# --- refused before anything is made --------------------------------------------------


SETS = """\
[[sets]]
name = "ja"
data_dir = "src/ja"
lang = "ja"
out_dir = "public/audio/ja"
url_prefix = "/audio/ja"

[[sets]]
name = "ko"
data_dir = "src/ko"
lang = "ko"
out_dir = "public/ko-audio"
url_prefix = "/ko-audio"
"""


COURSE_FOLDERS = [
    "public/audio/vocabulary/0123456789abcdef0123456789abcdef.mp3",  # a clip's name
    "data/said.mp3",  # beside the content
    "through/said.mp3",  # a link to the out dir
    "public/audio/.temp-audio/said.mp3",  # the staging folder
]


def _in_the_course(course: Project) -> Project:
    """`course` with a clip of its own, and a link to the out dir's folder of it."""
    clip = course / "public/audio/vocabulary/0123456789abcdef0123456789abcdef.mp3"
    course.gen({str(clip.relative_to(course)): b"ID3 the course's clip"})
    (course / "through").symlink_to(course / "public/audio/vocabulary")
    return course


def _output_refused(course: Project, output: str) -> str:
    """What `say` (commands/say.py, as the command line calls it) refuses `-o output`
    with: exit 2, before anything is made."""
    from tts_assets.commands.say import say
    from tts_assets.errors import InputError
    from tts_assets.settings.load import load_settings

    before = course.tree(folders=True)
    with working_directory(course), pytest.raises(InputError) as refused:
        say(load_settings("."), "山", output=Path(output))
    assert refused.value.exit_code == 2
    assert "a folder of the course" in str(refused.value), refused.value
    assert course.tree(folders=True) == before
    return str(refused.value)


@needs_symlinks
def test_an_output_in_the_courses_own_folders_is_refused_before_anything_is_made(
    course: Project,
) -> None:
    """`-o` onto a clip of the course replaced it with another text's clip (exit 0; verify
    then called it corrupt): a wrong clip a learner imitates. Each path asked of `say`;
    the command line shows one refused with its line."""
    _in_the_course(course)
    check_each_one(lambda output: _output_refused(course, output), COURSE_FOLDERS)
    line = _output_refused(course, COURSE_FOLDERS[0])
    before = course.tree(folders=True)
    code, out = course.invoke("say", "山", "-o", COURSE_FOLDERS[0])
    assert code == 2 and out == f"error: {line}\n", out
    assert course.tree(folders=True) == before


def test_another_content_sets_folder_is_the_courses_too(project: Project) -> None:
    project.config(SETS).gen({"src/ja/vocabulary.json": WORDS, "src/ko/vocabulary.json": []})
    code, out = project.invoke("say", "山", "--set", "ja", "-o", "public/ko-audio/said.mp3")
    assert code == 2 and "public/ko-audio, a folder of the course" in out, out
    assert not (project / "public").exists()


def test_an_output_in_a_read_only_folder_is_refused_before_anything_is_made(
    course: Project, tmp_path: Path
) -> None:
    """It was exit 4 (a traceback in a log), after the clip was made: paid for nothing."""
    with tmpfs(tmp_path / "ro", "1m") as folder:
        read_only(folder)
        for output in (folder / "said.mp3", folder / "new" / "said.mp3"):
            code, out = course.invoke("say", "山", "-o", str(output))
            assert code == 2 and "cannot be written" in out and "Traceback" not in out, out
    assert not (course / "public").exists()  # nothing was made


def test_a_file_name_too_long_is_refused_before_anything_is_made(course: Project) -> None:
    code, out = course.invoke("say", "山", "-o", "x" * 300 + ".mp3")
    assert code == 2 and "too long" in out, out


def test_a_text_with_nothing_to_say_is_told_why(course: Project) -> None:
    """It was 'the run stored no clip for it', as if the run had failed. One text through
    the command line; others with nothing to say are the load's skips
    (tests/unit/content/test_load.py)."""
    said = course.json("say", "。。。", "-o", "said.mp3", code=1)
    assert said["refused"] == "nothing to say (no letter or digit)", said
    assert not (course / "said.mp3").exists()


BAD_OPTIONS = [
    (("--speed", "1e308"), "--speed 1e+308: use a number from 0.5 to 2"),
    (("--speed", "nan"), "--speed nan: use a number"),
    (("--slow", "inf"), "--slow inf: use a number from 0.5 to 1.5"),
    (("--slow", "-1"), "--slow -1.0: use a number"),
    (("--bitrate", "99999999999"), "--bitrate 99999999999: use a whole number"),
    (("--format", "flac"), "--format 'flac'"),
    (("--set", "x" * 5000), "the config lists no content sets"),
    (("--lang", "x" * 5000), "is not a content language tts-assets knows"),
]


def test_a_huge_or_wrong_option_is_one_line_and_exit_2(course: Project) -> None:
    check_each(
        _a_huge_or_wrong_option_is_one_line_and_exit_2,
        dict(
            zip(
                [
                    "speed-huge",
                    "speed-nan",
                    "slow-inf",
                    "slow-negative",
                    "bitrate-huge",
                    "format",
                    "set-huge",
                    "lang-huge",
                ],
                [(course, *c) for c in BAD_OPTIONS],
                strict=True,
            )
        ),
    )


def _a_huge_or_wrong_option_is_one_line_and_exit_2(
    course: Project, option: tuple[str, ...], says: str
) -> None:
    before = course.tree(folders=True)
    code, out = course.invoke("say", SENTENCE, *option, "-o", "said.mp3")
    assert code == 2 and out.startswith("error: ") and out.count("\n") == 1, out
    assert says in out and "Traceback" not in out, out
    assert course.tree(folders=True) == before


@needs_espeak
@pytest.mark.parametrize(
    ("text", "reading", "says"),
    [
        ("ねこ。" * 13000, None, "text too long (39,000 characters; at most 5,000"),
        ("ねこ", "ね" * 40000, "reading too long (40,000 characters at --reading;"),
    ],
    ids=["text", "reading"],
)
def test_a_huge_text_or_reading_is_told_why_naming_what_was_given(
    course: Project, text: str, reading: str | None, says: str
) -> None:
    """The reading's was told at "say.json › [0] › reading", a file the user never saw."""
    course.config('lang = "ja"\nprovider = "espeak"\n')
    given = ("--reading", reading) if reading is not None else ()
    before = course.tree(folders=True)
    said = course.json("say", text, *given, "-o", "said.mp3", code=1)
    assert says in said["refused"] and "say.json" not in said["refused"], said["refused"]
    assert course.tree(folders=True) == before


# --- after the clip is made -------------------------------------------------------------


@pytest.mark.slow
def test_a_disk_full_when_the_clip_is_written_is_exit_3_and_no_half_file(
    course: Project, tmp_path: Path
) -> None:
    """It was exit 4, 'unexpected OSError', a bug report asked for a full disk."""
    with tmpfs(tmp_path / "full", "64k") as folder:
        fill(folder)
        code, out = course.invoke("say", SENTENCE, "-o", str(folder / "said.mp3"))
        assert code == 3 and "the disk is full" in out and "Traceback" not in out, out
        assert sorted(p.name for p in folder.iterdir()) == ["filler"]


@pytest.mark.slow
def test_a_disk_full_where_the_clip_is_kept_is_exit_3_and_no_half_file(
    course: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tts_assets.commands.say.PLAYERS", ())
    with tmpfs(tmp_path / "tmp", "64k") as folder:
        scratch = tmp_path / "scratch"
        scratch.mkdir()
        made = tempfile.mkdtemp

        def in_scratch(
            suffix: str | None = None, prefix: str | None = None, dir: object = None
        ) -> str:
            return made(suffix, prefix, scratch)  # the run's scratch folder: room enough

        monkeypatch.setattr("tempfile.mkdtemp", in_scratch)
        monkeypatch.setattr("tempfile.tempdir", str(folder))
        fill(folder)
        code, out = course.invoke("say", SENTENCE)
        assert code == 3 and "the disk is full" in out, out
        assert sorted(p.name for p in folder.iterdir()) == ["filler"]


# --- a paid provider --------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[FakeElevenLabs]:
    with FakeElevenLabs(api_key=KEY, max_concurrent=3) as made:
        yield made


def _paid(project: Project, server: FakeElevenLabs, key: str = KEY) -> dict[str, str]:
    project.gen({"data/vocabulary.json": WORDS}).config('lang = "ja"\nprovider = "elevenlabs"\n')
    (project.parent / "tmp").mkdir()
    return {
        **os.environ,
        "ELEVENLABS_API_KEY": key,
        "ELEVENLABS_BASE_URL": server.base_url,
        "TMPDIR": str(project.parent / "tmp"),  # where say's scratch folder goes
    }


@pytest.mark.slow
@pytest.mark.parametrize("sig", STOPS, ids=[s.name for s in STOPS])
def test_a_stop_while_the_paid_request_is_out_is_130_billed_once_and_leaves_nothing(
    project: Project, server: FakeElevenLabs, sig: signal.Signals
) -> None:
    """The server holds the request until the test has signalled; the run waits for the
    answer (billed), then stops. It was exit 1, 'stopped before the clip was made', of a
    clip made and paid for."""
    env = _paid(project, server)
    server.hold_after(0)
    argv = [sys.executable, "-m", "tts_assets", "say", SENTENCE, "-o", "said.mp3"]
    proc = subprocess.Popen(argv, cwd=project, env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not server.stats.records:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the request never came"
            time.sleep(0.02)
        proc.send_signal(sig)
        time.sleep(signals.SAME_SIGNAL_S)  # the run takes it before the answer comes
        server.release_hold(answer=True)
        _, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130 and "interrupted" in stderr, stderr
    assert server.answered() == {SENTENCE: 1}
    assert list((project.parent / "tmp").iterdir()) == []  # no scratch folder left
    assert not (project / "said.mp3").exists()
    # The answer paid for is kept in the course (it was lost with the scratch folder):
    # the next say and the run that adds the sentence make its clip from it, unbilled.
    (kept,) = [line for line in stderr.splitlines() if "kept in the course: " in line]
    assert (project / kept.rpartition(": ")[2]).is_file(), kept
    argv = [sys.executable, "-m", "tts_assets", "say", SENTENCE, "-o", "said.mp3"]
    again = subprocess.run(argv, cwd=project, env=env, capture_output=True, timeout=300)
    assert again.returncode == 0 and (project / "said.mp3").is_file(), again.stderr
    project.gen({"data/grammar.json": [{"id": "g1", "examples": [{"japanese": SENTENCE}]}]})
    argv = [sys.executable, "-m", "tts_assets", "generate", "--type", "grammar"]
    made = subprocess.run(argv, cwd=project, env=env, capture_output=True, timeout=300)
    assert made.returncode == 0, made.stderr
    assert server.answered() == {SENTENCE: 1}


@pytest.mark.slow
def test_a_kill_while_the_paid_request_is_out_leaves_no_file_and_nothing_of_the_course(
    project: Project, server: FakeElevenLabs
) -> None:
    """SIGKILL (no stop can be taken): no half clip at -o, nothing in the course."""
    env = _paid(project, server)
    before = project.tree(folders=True)
    server.hold_after(0)
    argv = [sys.executable, "-m", "tts_assets", "say", SENTENCE, "-o", "../said.mp3"]
    proc = subprocess.Popen(argv, cwd=project, env=env, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not server.stats.records:
            assert proc.poll() is None and time.monotonic() < deadline, "no request came"
            time.sleep(0.02)
        proc.kill()
        proc.wait(timeout=60)
    finally:
        server.release_hold()
        if proc.poll() is None:
            proc.kill()
    assert not (project.parent / "said.mp3").exists()
    assert project.tree(folders=True) == before
    # The next say makes it whole (the held request was never answered: not billed),
    # and keeps it in the course's store, its content untouched.
    done = subprocess.run(argv, cwd=project, env=env, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert server.answered() == {SENTENCE: 1}
    after = project.tree(folders=True)
    assert {k: v for k, v in after.items() if k.partition("/")[0] != "public"} == before


@pytest.mark.slow
def test_a_provider_that_cannot_go_on_is_exit_3_as_in_a_run(
    project: Project, server: FakeElevenLabs
) -> None:
    """A wrong key: generate exits 3 (the provider cannot go on); say said exit 1, as if
    this one text had failed."""
    env = _paid(project, server, key="sk-wrong")
    argv = [sys.executable, "-m", "tts_assets", "say", SENTENCE, "-o", "said.mp3", "--json"]
    done = subprocess.run(argv, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    said = json.loads(done.stdout)
    assert done.returncode == 3 and said["exit_code"] == 3, done.stdout + done.stderr
    assert said["refused"] and not (project / "said.mp3").exists()


@pytest.mark.slow
def test_a_text_the_course_holds_is_taken_from_it_and_billed_nothing_again(
    project: Project, server: FakeElevenLabs
) -> None:
    """The course made the word's clip (billed once); `say` of the same word took the
    course's clip, not a second request (it sent one more: the same key, paid twice)."""
    env = _paid(project, server)
    argv = [sys.executable, "-m", "tts_assets"]
    made = subprocess.run([*argv, "generate"], cwd=project, env=env, capture_output=True)
    assert made.returncode == 0, made.stderr
    assert server.answered() == {"水": 1}
    before = project.tree()
    done = subprocess.run(
        [*argv, "say", "水", "--reading", "みず", "-o", "../said.mp3", "--json"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    said = json.loads(done.stdout)
    assert done.returncode == 0 and said["from_course"], done.stdout + done.stderr
    assert server.answered() == {"水": 1}  # nothing sent again
    url = project.read_json("data/vocabulary.json")[0]["audioUrl"]
    assert sha(project.parent / "said.mp3") == sha(project.clip_of(url))
    assert project.tree() == before  # the course's store only read


@pytest.mark.slow
def test_a_paid_clip_is_kept_so_neither_a_second_say_nor_the_run_pays_again(
    project: Project, server: FakeElevenLabs, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two `say`s of one sentence and the run that adds it to the course: one request (it
    was three: `say` kept nothing of what it paid for). The report says where it is."""
    for name, value in _paid(project, server).items():
        monkeypatch.setenv(name, value)
    out = project.parent / "said.mp3"
    first = project.json("say", SENTENCE, "-o", str(out), "--json")
    kept = Path(first["kept"])
    assert (project / kept).is_file() and kept.parts[:2] == ("public", "audio")
    assert sha(project / kept) == sha(out) and server.answered() == {SENTENCE: 1}
    second = project.json("say", SENTENCE, "-o", str(out), "--json")
    assert second["from_course"] and second["key"] == first["key"]
    project.gen({"data/grammar.json": [{"id": "g1", "examples": [{"japanese": SENTENCE}]}]})
    assert (
        project.json("generate", "--type", "grammar", "--dry-run")["types"]["grammar"]["new"] == 0
    )
    made = project.json("generate", "--type", "grammar")
    assert made["failed"] == 0 and server.answered() == {SENTENCE: 1}, made
    url = project.read_json("data/grammar.json")[0]["examples"][0]["audioUrl"]
    assert sha(project.clip_of(url)) == sha(out)
    code, said = project.invoke("verify", "--type", "grammar")
    assert code == 0, said


@pytest.mark.slow
def test_an_output_in_a_folder_that_does_not_exist_is_refused_before_it_is_paid(
    project: Project, server: FakeElevenLabs, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It was billed, then exit 4 (FileNotFoundError), the clip lost."""
    for name, value in _paid(project, server).items():
        monkeypatch.setenv(name, value)
    before = project.tree(folders=True)
    code, out = project.invoke("say", SENTENCE, "-o", "missing/said.mp3")
    assert code == 2 and len(out.strip().splitlines()) == 1, out
    assert "missing does not exist" in out and "Traceback" not in out, out
    assert server.answered() == {} and project.tree(folders=True) == before
