"""A database manifest another process holds (a database browser, another tool's long
write) is busy, not damaged: every command waits for it, then says "locked by another
process" in one line (exit 3), never advises a rebuild, and rebuild-manifest never renames
it aside; a holder that lets go within the wait is waited for.

espeak-ng makes the clips; the holder is a real second process (`HeldDatabase`); the wait
(`database.BUSY_WAIT`) is made short, as a test can.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from tests.support.manifests import HeldDatabase, is_database, read_manifest
from tests.support.markers import needs_espeak
from tests.support.project import Project
from tts_assets.store import database
from tts_assets.store.database import DATABASE_ENV, DATABASE_NAME

pytestmark = [pytest.mark.slow, needs_espeak]  # real runs, a second process

WORDS = ["みず", "やま", "かわ"]
COMMANDS = [
    ("generate",),
    ("generate", "--dry-run"),
    ("verify",),
    ("prune",),
    ("prune", "--yes"),
    ("rebuild-manifest",),
]


def _words(project: Project, words: list[str]) -> None:
    project.gen({"data/vocabulary.json": [{"id": f"v{n}", "word": w} for n, w in enumerate(words)]})


@pytest.fixture
def course(project: Project, monkeypatch: pytest.MonkeyPatch) -> Iterator[Project]:
    """Two words made, their manifest a database; a third word not made yet."""
    monkeypatch.setenv(DATABASE_ENV, "0")
    monkeypatch.setattr(database, "BUSY_WAIT", 1.0)
    project.config('provider = "espeak"\ntype = "vocabulary"\n')
    _words(project, WORDS[:2])
    assert project.json("generate")["generated"] == 2
    assert is_database(project / "public/audio")
    _words(project, WORDS)
    yield project


def _stopped_locked(project: Project, *args: str) -> str:
    code, said = project.invoke(*args)
    assert code == 3, said
    lines = [s for s in said.splitlines() if "locked by another process" in s]
    assert len(lines) == 1 and f"public/audio/{DATABASE_NAME}: locked" in lines[0], said
    for wrong in ("rebuild", "not a tts-assets manifest", "Traceback", "damaged"):
        assert wrong not in said, said
    return said


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_database_no_one_may_read_stops_every_command_as_locked(
    course: Project, args: tuple[str, ...]
) -> None:
    out = course / "public/audio"
    before = course.tree()
    with HeldDatabase(out, "EXCLUSIVE"):  # a long write's commit, or a browser's lock
        _stopped_locked(course, *args)
    assert course.tree() == before  # nothing renamed, deleted or written
    assert len(read_manifest(out)["clips"]) == 2


@pytest.mark.parametrize("args", [("prune", "--yes"), ("rebuild-manifest",)], ids=" ".join)
def test_an_open_write_elsewhere_stops_a_writer_before_it_changes_anything(
    course: Project, args: tuple[str, ...]
) -> None:
    out = course / "public/audio"
    _words(course, WORDS[:1])  # prune --yes has a clip to delete
    before = course.tree()
    with HeldDatabase(out, "IMMEDIATE"):  # a database browser with an edit not saved
        _stopped_locked(course, *args)
    assert course.tree() == before
    assert not (out / f"{DATABASE_NAME}.damaged").exists()


def test_a_holder_that_lets_go_within_the_wait_is_waited_for(
    course: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_WAIT", 60.0)
    held = HeldDatabase(course / "public/audio", "EXCLUSIVE")
    threading.Timer(1.5, held.release).start()
    assert course.json("generate")["generated"] == 1
    assert sorted(c["text"] for c in read_manifest(course / "public/audio")["clips"]) == sorted(
        WORDS
    )
