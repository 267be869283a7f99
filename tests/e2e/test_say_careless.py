"""`tts-assets say` with a paid provider, given what a careless user gives it: an output in
a folder that does not exist, odd outputs, the same new text twice, two says at once, the
course's database held by another process. The local ElevenLabs server counts what is
billed: nothing refused may be billed, nothing said twice billed twice."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.project import Project
from tts_assets.store.database import DATABASE_ENV, DATABASE_NAME

WORDS = [{"id": "v1", "word": "水", "reading": "みず"}]
KEY = "sk-test-0123456789abcdef"
SENTENCE = "今日は雨が降っています。"

pytestmark = pytest.mark.slow


@pytest.fixture
def server() -> Iterator[FakeElevenLabs]:
    with FakeElevenLabs(api_key=KEY, max_concurrent=3) as made:
        yield made


@pytest.fixture
def env(project: Project, server: FakeElevenLabs) -> dict[str, str]:
    """A paid course whose manifest is a database, its word made (billed once)."""
    project.gen({"data/vocabulary.json": WORDS}).config('lang = "ja"\nprovider = "elevenlabs"\n')
    (project.parent / "tmp").mkdir()
    found = {
        **os.environ,
        "ELEVENLABS_API_KEY": KEY,
        "ELEVENLABS_BASE_URL": server.base_url,
        "TMPDIR": str(project.parent / "tmp"),
        DATABASE_ENV: "0",
    }
    made = _tts(project, found, "generate")
    assert made.returncode == 0 and server.answered() == {"水": 1}, made.stderr
    return found


def _tts(project: Project, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tts_assets", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


OUTPUTS = [
    ("a folder", ".", "is a folder"),
    ("inside the web root", "public/audio/said.mp3", "a folder of the course"),
    ("inside the content", "data/said.mp3", "a folder of the course"),
    ("a device", "/dev/full", "expected a file ending .mp3"),
    ("another format", "said.wav", "expected a file ending .mp3"),
    ("under a file", "data/vocabulary.json/said.mp3", "is a file, not a folder"),
    ("in a missing folder", "no/such/said.mp3", "does not exist"),
]


@pytest.mark.parametrize(("output", "said"), [o[1:] for o in OUTPUTS], ids=[o[0] for o in OUTPUTS])
def test_an_output_that_cannot_take_the_clip_is_refused_before_it_is_paid(
    project: Project, server: FakeElevenLabs, env: dict[str, str], output: str, said: str
) -> None:
    """An output in a folder that does not exist was paid for, then exit 4 (a traceback
    in a crash log: the temporary file could not be made there)."""
    before = project.tree(folders=True)
    done = _tts(project, env, "say", SENTENCE, "-o", output)
    out = done.stdout + done.stderr
    assert done.returncode == 2 and said in out and "Traceback" not in out, out
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert server.answered() == {"水": 1} and project.tree(folders=True) == before
    assert Path("/dev/full").is_char_device()


def test_two_says_at_once_each_write_their_clip_billed_once(
    project: Project, server: FakeElevenLabs, env: dict[str, str]
) -> None:
    argv = [sys.executable, "-m", "tts_assets", "say"]
    runs = [
        subprocess.Popen(
            [*argv, text, "-o", f"../said-{n}.mp3"], cwd=project, env=env, stderr=subprocess.PIPE
        )
        for n, text in enumerate(("今日は晴れです。", "明日は雨です。"))
    ]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    assert (project.parent / "said-0.mp3").stat().st_size > 0
    assert (project.parent / "said-1.mp3").stat().st_size > 0
    assert server.answered() == {"水": 1, "今日は晴れです。": 1, "明日は雨です。": 1}


def test_a_say_while_the_course_database_is_held_is_exit_3_never_damaged(
    project: Project, server: FakeElevenLabs, env: dict[str, str]
) -> None:
    """The course's store is read for a clip it holds; a database another process holds
    past the wait is named locked (exit 3), nothing billed and nothing renamed."""
    database = project / "public/audio" / DATABASE_NAME
    code = (
        "import sqlite3, time\n"
        f"db = sqlite3.connect({str(database)!r}, isolation_level=None)\n"
        "db.execute('BEGIN EXCLUSIVE')\nprint('held', flush=True)\ntime.sleep(300)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        done = _tts(project, env, "say", "水", "--reading", "みず", "-o", "../said.mp3")
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 3 and "locked by another process" in done.stderr, done.stderr
    assert "damaged" not in done.stderr and server.answered() == {"水": 1}
    assert sqlite3.connect(database).execute("SELECT count(*) FROM clips").fetchone() == (1,)


def test_the_same_new_text_said_twice_is_billed_once(
    project: Project, server: FakeElevenLabs, env: dict[str, str]
) -> None:
    for n in range(2):
        done = _tts(project, env, "say", SENTENCE, "-o", f"../said-{n}.mp3")
        assert done.returncode == 0, done.stderr
    assert server.answered() == {"水": 1, SENTENCE: 1}
