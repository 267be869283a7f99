"""A database manifest never costs a paid clip twice: its stub deleted, an older JSON
manifest put back over it (a checkout of a branch from before the move), a row whose
entry holds no record, another process's open write transaction on it.

ElevenLabs on the test suite's server on 127.0.0.1, which counts every text it answers
(what the real API bills); the manifest moves into its database at the line the team's
variable sets, as a course of 200,000 clips moves at the default one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

import pytest

from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.manifests import HeldDatabase, is_database, read_manifest
from tests.support.project import Project
from tts_assets.store import database
from tts_assets.store.database import DATABASE_ENV, DATABASE_NAME, stub

pytestmark = pytest.mark.slow  # a real server, a real readings engine, a second process

KEY = "sk-test-0123456789abcdef"
CONFIG = 'provider = "elevenlabs"\ntype = "vocabulary"\n'
WORDS = ["みず", "やま", "かわ", "うみ", "そら", "ほし"]


@pytest.fixture(scope="module")
def server() -> Iterator[FakeElevenLabs]:
    with FakeElevenLabs(api_key=KEY, max_concurrent=3) as made:
        yield made


def _words(project: Project, words: list[str]) -> None:
    project.gen({"data/vocabulary.json": [{"id": f"v{n}", "word": w} for n, w in enumerate(words)]})


@pytest.fixture
def moved(
    project: Project, server: FakeElevenLabs, monkeypatch: pytest.MonkeyPatch
) -> tuple[Project, bytes]:
    """A project whose first two words were made with a JSON manifest (its bytes returned:
    what a branch from before the move holds), then two more that moved the manifest into
    its database (the team's line: 4 clips)."""
    monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
    monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
    monkeypatch.delenv(DATABASE_ENV, raising=False)
    project.config(CONFIG)
    _words(project, WORDS[:2])
    assert project.json("generate")["generated"] == 2
    out = project / "public/audio"
    older = (out / "manifest.json").read_bytes()
    monkeypatch.setenv(DATABASE_ENV, "4")
    _words(project, WORDS[:4])
    assert project.json("generate")["generated"] == 2
    assert is_database(out)
    return project, older


def _billed(server: FakeElevenLabs, run: Project, *args: str, code: int = 0) -> tuple[int, str]:
    """Run a command: the texts the server answered for it, and what it said."""
    before = server.answered()
    got, said = run.invoke(*args)
    assert got == code, said
    return sum((server.answered() - before).values()), said


@pytest.mark.parametrize("stub_place", ["older JSON manifest", "deleted"])
def test_the_database_stands_whatever_is_in_its_stubs_place_and_nothing_is_billed_again(
    moved: tuple[Project, bytes], server: FakeElevenLabs, stub_place: str
) -> None:
    project, older = moved
    out = project / "public/audio"
    if stub_place == "deleted":
        (out / "manifest.json").unlink()
    else:
        (out / "manifest.json").write_bytes(older)
    dry = project.json("generate", "--dry-run")
    assert dry["billable_characters"] == 0, dry
    notes = [n for n in dry["notes"] if DATABASE_NAME in n]
    assert len(notes) == 1, "\n".join(notes)
    (note,) = notes
    assert f"public/audio/{DATABASE_NAME} is the manifest" in note, note
    _words(project, WORDS[:5])  # and one new word, billed once
    paid, said = _billed(server, project, "generate")
    assert paid == 1, said
    assert "puts its stub back" in said
    assert (out / "manifest.json").read_bytes() == stub()
    assert sorted(c["text"] for c in read_manifest(out)["clips"]) == sorted(WORDS[:5])
    assert _billed(server, project, "generate")[0] == 0
    code, verified = project.invoke("verify")
    assert code == 0 and "missing" not in verified, verified


@pytest.mark.parametrize("entry", ["{}", "null", "[]", '"a record"', "{not json"])
def test_a_row_that_holds_no_record_is_recorded_again_from_its_file_not_billed(
    moved: tuple[Project, bytes], server: FakeElevenLabs, entry: str
) -> None:
    project, _ = moved
    out = project / "public/audio"
    path = read_manifest(out)["clips"][1]["path"]
    db = sqlite3.connect(out / DATABASE_NAME, isolation_level=None)
    db.execute("UPDATE clips SET entry = ? WHERE path = ?", (entry, path))
    db.close()
    paid, said = _billed(server, project, "generate")
    assert paid == 0, said
    assert f"the record of {path} is damaged" in said and "recorded again from its file" in said
    assert path in {c["path"] for c in read_manifest(out)["clips"]}
    code, verified = project.invoke("verify")
    assert code == 0 and "damaged" not in verified, verified


def test_an_open_write_elsewhere_stops_the_run_before_anything_is_billed(
    moved: tuple[Project, bytes], server: FakeElevenLabs, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, _ = moved
    out = project / "public/audio"
    monkeypatch.setattr(database, "BUSY_WAIT", 2.0)
    _words(project, WORDS)
    with HeldDatabase(out, "IMMEDIATE"):  # a database browser with an edit not saved
        paid, said = _billed(server, project, "generate", code=3)
        assert paid == 0, said
        (line,) = [s for s in said.splitlines() if "locked by another process" in s]
        assert f"public/audio/{DATABASE_NAME}: locked" in line, said
        assert "nothing was synthesized" in line, said
        assert "Traceback" not in said and "rebuild" not in said
    paid, said = _billed(server, project, "generate")
    assert paid == 2, said
    assert json.loads((out / "manifest.json").read_text())["database"] == DATABASE_NAME


@pytest.mark.parametrize("manifest", ["database", "JSON"])
def test_a_record_deleted_is_recorded_again_from_its_file_not_billed(
    moved: tuple[Project, bytes],
    server: FakeElevenLabs,
    monkeypatch: pytest.MonkeyPatch,
    manifest: str,
) -> None:
    project, older = moved
    out = project / "public/audio"
    if manifest == "JSON":  # an older JSON manifest checked out in a project that keeps one
        (out / DATABASE_NAME).unlink()
        (out / "manifest.json").write_bytes(older)
        monkeypatch.delenv(DATABASE_ENV)
        gone = {c["path"] for c in read_manifest(out)["clips"]}
        gone = {p.relative_to(out).as_posix() for p in out.glob("*/*.mp3")} - gone
    else:
        gone = {read_manifest(out)["clips"][1]["path"]}
        db = sqlite3.connect(out / DATABASE_NAME, isolation_level=None)
        db.execute("DELETE FROM clips WHERE path = ?", (next(iter(gone)),))
        db.close()
    assert gone
    assert project.json("generate", "--dry-run")["billable_characters"] == 0
    paid, said = _billed(server, project, "generate")
    assert paid == 0, said
    assert said.count("recorded again from its file") == len(gone), said
    assert gone <= {c["path"] for c in read_manifest(out)["clips"]}
    code, verified = project.invoke("verify")
    assert code == 0, verified
