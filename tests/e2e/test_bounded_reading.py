"""What the tool reads is read bounded, and a damaged manifest is repaired.

A damaged manifest (nested 100,000 deep, a named pipe, a symbolic link to /dev/zero, a
file of gigabytes), a shard's manifest that is a pipe, a kept URL's file that is a pipe
or too large, and malformed rows of the reading memo: every command refuses or drops
them with one line, never hangs, never reads without bound, and `rebuild-manifest`
repairs what the others refuse. Running out of memory is exit 3 with one line.

Each test was written before its fix and failed on the code before it. What could hang
or eat the machine runs as a subprocess with a timeout and an address-space limit.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support import fault_provider
from tests.support.markers import fast_first, needs_symlinks
from tests.support.project import Project, made_once, write_json
from tts_assets.lang.ja.memo import cache_path

TEXTS = [f"{c}を見ます。" for c in "山川海空"]
MANIFEST = "public/audio/manifest.json"
LIMIT = 1 << 30
"""The address space a command gets here (1 GiB): several times what it needs."""
TIMEOUT = 60


def _build(project: Project) -> None:
    fault_provider.write_grammar(project / "data", TEXTS)
    config = fault_provider.write_config(project, log="calls.jsonl")
    config.write_text(f'provider = "fault"\n{config.read_text("utf-8")}', "utf-8")
    code, out = project.invoke("generate")
    assert code == 0, out


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return made_once(tmp_path_factory, _build)


@pytest.fixture
def project(project: Project, made: Project, fault: None) -> Project:
    """The fault provider's clips of TEXTS, its calls logged."""
    return project.copy(made)


def _bounded(cwd: Path, *args: str, limit: int = LIMIT) -> subprocess.CompletedProcess[str]:
    """The CLI (with the fault provider) in `cwd`, under `limit` bytes of address space
    and a timeout: a read that waits on a pipe or grows without end fails the test."""

    return subprocess.run(
        [*fault_provider.DRIVER, *args],
        cwd=cwd,
        env=fault_provider.driver_env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=lambda: _limit_address_space(limit),
    )


def _limit_address_space(limit: int) -> None:
    """In the child, before it runs: at most `limit` bytes of address space."""
    import resource  # POSIX only (the tests that use it are slow, run on Linux): the
    # module is imported where it is used, so that this file's fast tests run everywhere

    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _one_line(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stderr, done.stderr
    (line,) = [ln for ln in done.stderr.splitlines() if ln.startswith("error:")]
    return line


# --- a damaged manifest ----------------------------------------------------------------


def _damage(project: Project, how: str) -> None:
    manifest = project / MANIFEST
    manifest.unlink()
    if how == "nested":
        manifest.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    elif how == "fifo":
        os.mkfifo(manifest)
    elif how == "dev-zero":
        manifest.symlink_to("/dev/zero")
    elif how == "huge":
        with manifest.open("wb") as f:  # sparse: gigabytes of nothing, on no disk
            f.truncate(3 << 30)
    elif how == "wrong-types":
        write_json(manifest, {"version": 1, "clips": [dict.fromkeys(_REQUIRED, 7)]})


_REQUIRED = ("key", "path", "text", "provider", "voice", "duration", "bytes", "sha256")


@pytest.mark.slow
@pytest.mark.parametrize("how", ["nested", "fifo", "dev-zero", "huge", "wrong-types"])
def test_a_damaged_manifest_is_refused_by_every_command_and_repaired(
    project: Project, how: str
) -> None:
    original = project.manifest()["clips"]
    _damage(project, how)
    for command in (
        ["generate", "--dry-run"],
        ["generate"],
        ["verify"],
        ["adopt", "--dry-run"],
        ["merge", "elsewhere", "public/audio"],
    ):
        (project / "elsewhere").mkdir(exist_ok=True)
        done = _bounded(project, *command)
        assert done.returncode == 2, (command, done.stderr)
        line = _one_line(done)
        assert str(Path(MANIFEST).name) in line and "run tts-assets rebuild-manifest" in line

    done = _bounded(project, "rebuild-manifest")
    assert done.returncode == 0, done.stderr
    # Every field but when the words are said, which no clip file holds (and the damaged
    # manifest that held it is never read).
    rebuilt = project.manifest()["clips"]
    assert [{**e, "timings": None} for e in rebuilt] == [{**e, "timings": None} for e in original]
    assert all(e["timings"] is None for e in rebuilt)
    damaged = project / (MANIFEST + ".damaged")
    assert os.path.lexists(damaged), "the damaged manifest is kept aside"
    assert _bounded(project, "verify").returncode == 0


def test_a_manifest_nested_too_deeply_is_one_line_in_process(project: Project) -> None:
    _damage(project, "nested")
    code, out = project.invoke("generate", "--dry-run")
    assert code == 2 and "run tts-assets rebuild-manifest" in out
    code, out = project.invoke("rebuild-manifest")
    assert code == 0, out


@pytest.mark.slow
def test_a_shard_manifest_that_is_a_pipe_stops_merge_without_waiting(project: Project) -> None:
    shard = project / "shard"
    shard.mkdir()
    os.mkfifo(shard / "manifest.json")
    done = _bounded(project, "merge", "public/audio", "shard")
    assert done.returncode == 2
    assert "shard/manifest.json" in _one_line(done)


@pytest.mark.slow
def test_a_clip_file_that_is_a_pipe_is_never_waited_on(project: Project) -> None:
    """verify and merge read clip files: a pipe in a clip's place is damage, not a wait."""
    (first, *_) = project.manifest()["clips"]
    clip = project / "public/audio" / first["path"]
    clip.unlink()
    os.mkfifo(clip)
    done = _bounded(project, "verify")
    assert done.returncode == 1, done.stderr
    assert first["path"] in done.stdout and "not a regular file" in done.stdout
    done = _bounded(project, "rebuild-manifest")
    assert done.returncode == 0, done.stderr
    assert first["path"] not in {c["path"] for c in project.manifest()["clips"]}


@pytest.mark.slow
def test_review_and_generate_never_wait_on_a_pipe_in_a_clips_place(project: Project) -> None:
    """Planning looks for a Git LFS pointer where a clip's size is not its entry's, and the
    review page measures an entry without its measures from its file."""
    doc = project.manifest()
    first = doc["clips"][0]
    first["measures"] = None
    write_json(project / MANIFEST, doc)
    clip = project / "public/audio" / first["path"]
    clip.unlink()
    os.mkfifo(clip)
    done = _bounded(project, "review")
    assert done.returncode == 0, done.stderr
    assert (project / "public/audio/review.html").is_file()
    done = _bounded(project, "generate")
    assert done.returncode == 0, done.stderr
    assert clip.is_file(), "made again, in the pipe's place"


# --- a kept URL's file -------------------------------------------------------------------


def _kept_url(project: Project, name: str) -> Path:
    """A new text that keeps `/audio/old/NAME` (a predecessor's URL under the prefix)."""
    doc: Any = project.read_json("data/grammar.json")
    doc.append({"id": "old", "examples": [{"japanese": "森を見ます。"}]})
    doc[-1]["examples"][0]["audioUrl"] = f"/audio/old/{name}"
    write_json(project / "data/grammar.json", doc)
    folder: Path = project / "public/audio/old"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


@pytest.mark.slow
def test_a_kept_url_naming_a_pipe_is_refused_without_waiting(project: Project) -> None:
    os.mkfifo(_kept_url(project, "a.mp3"))
    for command in (["adopt", "--dry-run"], ["adopt"], ["verify"]):
        done = _bounded(project, *command)
        assert done.returncode == 1, (command, done.stderr, done.stdout)
        assert "a named pipe (FIFO), not audio" in done.stdout, done.stdout


def test_a_kept_url_naming_a_huge_file_is_refused_before_it_is_read(project: Project) -> None:
    with _kept_url(project, "b.mp3").open("wb") as f:
        f.truncate(1_500_000_000)  # sparse
    code, out = project.invoke("adopt", "--dry-run")
    assert code == 1
    assert "1,500,000,000 bytes, more than the" in out


# --- rebuild-manifest keeps what the files vouch for ----------------------------------


def test_rebuild_keeps_origin_and_listened_of_the_bytes_they_were_recorded_for(
    project: Project,
) -> None:
    doc = project.manifest()
    first, second, third = doc["clips"][:3]
    first["origin"] = "/audio/old/a.mp3"
    first["listened"] = {"heard": "山を見ます", "verdict": "ok", "sha256": first["sha256"]}
    second["listened"] = {"heard": "x", "verdict": "flagged", "sha256": "0" * 64}
    third["origin"] = "/audio/old/c.mp3"
    write_json(project / MANIFEST, doc)
    path = project / "public/audio" / third["path"]
    path.write_bytes(path.read_bytes())  # same bytes: still vouched for
    code, out = project.invoke("rebuild-manifest")
    assert code == 0, out
    after = {c["path"]: c for c in project.manifest()["clips"]}
    assert after[first["path"]]["origin"] == "/audio/old/a.mp3"
    assert after[first["path"]]["listened"] == first["listened"]
    assert after[second["path"]]["listened"] is None, "heard in other bytes: not these"
    assert after[third["path"]]["origin"] == "/audio/old/c.mp3"


# --- the reading memo --------------------------------------------------------------------


@pytest.fixture
def readings(project: Project) -> Project:
    """Words with readings (the engine decides each, kept in the memo)."""
    write_json(
        project / "data/vocabulary.json",
        [
            {"id": "v1", "word": "学生", "reading": "がくせい"},
            {"id": "v2", "word": "先生", "reading": "せんせい"},
        ],
    )
    project.config(f'type = "vocabulary"\n{(project / "tts-assets.toml").read_text("utf-8")}')
    assert project.invoke("generate", "--dry-run")[0] == 0  # decided, kept in the memo
    return project


BAD_ROWS = [
    "[" * 100_000 + "]" * 100_000,
    "not json",
    json.dumps({"written": 1}),
    "null",
]


@pytest.mark.parametrize(
    "bad",
    fast_first([*BAD_ROWS, "wrong-types"], ids=range(len(BAD_ROWS) + 1)),
)
def test_a_malformed_memo_row_is_dropped_and_decided_again(readings: Project, bad: str) -> None:
    before = readings.json("generate", "--dry-run")
    with sqlite3.connect(cache_path()) as db:
        rows = db.execute("SELECT key, value FROM decisions").fetchall()
        assert rows
        for key, value in rows:
            if bad == "wrong-types":
                doc = json.loads(value)
                if not isinstance(doc, list) or len(doc) != 12:
                    continue  # a row an earlier case of this test broke (the memo is shared)
                # Every row of the session's memo, other tests' too (a bare reading has no
                # words): its verdict and each word's surface and reading of a wrong type.
                words = [w for w in doc[9] if isinstance(w, list)]
                doc[9] = [[5, None, *w[2:]] for w in words]
                doc[3] = "whatever"
                value = json.dumps(doc)
            else:
                value = bad
            db.execute("UPDATE decisions SET value = ? WHERE key = ?", (value, key))
    after = readings.json("generate", "--dry-run")
    assert after["clips"] == before["clips"] and after["failed"] == 0


@needs_symlinks
def test_the_memo_never_follows_a_link_out_of_the_cache_folder(readings: Project) -> None:
    memo = cache_path()
    person = readings / "data/notes.txt"
    person.write_bytes(b"")  # an empty file: SQLite would make it a database
    memo.unlink()
    memo.symlink_to(person)
    assert readings.json("generate", "--dry-run")["failed"] == 0
    assert person.read_bytes() == b""
    assert memo.is_file() and not memo.is_symlink()


# --- out of memory ---------------------------------------------------------------------


PROGRESS = (
    r"deciding the readings of [\d,]+ texts \(kept for the next runs\)",
    r"readings decided: [\d,]+ of [\d,]+ texts(, about \d+ s left| in \d+ s)",
    r"planned (1 text|[\d,]+ texts) of the course so far \((1 window|[\d,]+ windows)\)",
)
"""The lines a dry run tells as it goes (the readings engine's, `lang.ja.reader`, and the
course's, `planning.course`): all that may come before the one line."""


@pytest.mark.slow
def test_running_out_of_memory_is_exit_3_with_one_line(tmp_path: Path) -> None:
    """300,000 words under 600 MB of address space (a dry run of 10 needs about 350). Planned
    in windows of 5,000 texts, the run gets past the first window's readings (decided in
    worker processes) and runs out mapping the analyzer's dictionary in its own process:
    OpenJTalk's own line about it is not the user's, nor is a text failed for it."""
    words = [{"id": f"v{n}", "word": f"ことば{n}"} for n in range(300_000)]
    write_json(tmp_path / "data/vocabulary.json", words)
    done = subprocess.run(
        [sys.executable, "-m", "tts_assets", "generate", "--dry-run"],
        cwd=tmp_path,
        env=fault_provider.driver_env(),
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: _limit_address_space(600 << 20),
    )
    assert done.returncode == 3, done.stderr[-3000:]
    *before, last = done.stderr.splitlines()
    assert last.startswith("error: out of memory"), done.stderr[-3000:]
    told = [ln for ln in before if not any(re.fullmatch(p, ln) for p in PROGRESS)]
    assert not told, done.stderr[-3000:]
    assert done.stdout == ""
