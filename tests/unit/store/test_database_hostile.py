"""A database manifest (`store.database`) as a careless or hostile user leaves it: the line's
variable of the wrong type, a database's rows damaged by hand, texts of quotes and SQL,
more texts asked at once than a query's batch, a kill in the write that adds the index on
texts to a database an older tts-assets wrote; and what asking it by text costs there."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
from dataclasses import asdict, replace
from pathlib import Path

import pytest

from tests.support.sweep import check_each, check_each_one
from tts_assets.errors import ConfigError
from tts_assets.store import database
from tts_assets.store.database import (
    BATCH,
    DATABASE_ENV,
    DATABASE_FROM,
    DATABASE_NAME,
    database_from,
)
from tts_assets.store.layout import MANIFEST_NAME
from tts_assets.store.manifest import MANIFEST_VERSION, Store, StoredClip, sha256

SIZE = 3


def _clip(n: int, text: str | None = None) -> StoredClip:
    key = f"{n:032x}"
    path = f"vocabulary/{key}.mp3"
    said = f"ことば{n}" if text is None else text
    return StoredClip(key, path, said, "espeak", "ja", 0.5, SIZE, sha256(b"x" * SIZE))


def _store(out: Path) -> Store:
    return Store(out, out / ".temp-audio")


def _filled(out: Path, clips: list[StoredClip]) -> None:
    """The manifest of `clips`, written as a run's flush writes it (JSON or a database, as
    the line says). Their files are not written: what these tests ask reads the manifest
    alone, and a put a clip (a file, a line of the journal) cost most of their time."""
    store = _store(out)
    for clip in clips:
        store.replace(clip)
    store.flush()


@pytest.fixture(autouse=True)
def by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATABASE_ENV, raising=False)


def test_a_line_that_is_no_whole_number_is_a_config_error() -> None:
    # "²" and "½" are digits or numerals to str.isdigit/isnumeric, which int() refuses:
    # "²" was an unexpected ValueError (a crash report) where it is a one-line error.
    def refused(value: str) -> None:
        with pytest.MonkeyPatch.context() as monkeypatch:
            monkeypatch.setenv(DATABASE_ENV, value)
            with pytest.raises(ConfigError, match=f"{DATABASE_ENV}="):
                database_from()
            with pytest.raises(ConfigError, match=f"{DATABASE_ENV}="):
                Store(Path("/nonexistent/out"), Path("/nonexistent/tmp"))

    check_each_one(refused, ["²", "-1", "+3", "1_000", "0x10", "1e3", "3.0", "3 5", "lots", "½"])


def test_a_line_the_variable_sets() -> None:
    def sets(value: str, line: int) -> None:
        with pytest.MonkeyPatch.context() as monkeypatch:
            monkeypatch.setenv(DATABASE_ENV, value)
            assert database_from() == line
            assert database.set_by_env() == bool(value.strip())

    check_each(
        sets,
        [
            ("", DATABASE_FROM),
            (" \t ", DATABASE_FROM),
            (" 3 ", 3),
            ("0", 0),
            ("007", 7),
            ("9" * 30, int("9" * 30)),
            ("١٢", 12),  # Arabic-Indic digits: a whole number to int(), as before
        ],
    )


def test_a_huge_line_keeps_a_json_manifest_and_says_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATABASE_ENV, "9" * 30)
    out = tmp_path / "out"
    _filled(out, [_clip(n) for n in range(3)])
    store = _store(out)
    assert store.database is None and store.moving_note(1000) == []


def test_a_line_of_zero_makes_even_an_empty_manifest_a_database_without_a_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATABASE_ENV, "0")
    out = tmp_path / "out"
    store = _store(out)
    assert store.moving_note(0) == [] and store.moving_note(5) == []
    _filled(out, [_clip(1)])
    assert _store(out).database is not None


HOSTILE_TEXTS = [
    "a'b",
    'q"q',
    "'); DROP TABLE clips;--",
    "%",
    "_",
    "a\\b",
    "\x00nul",
    "😀",
    " ",
    "x" * 1_000_000,
]
"""Texts a clip could carry (a hand-edited or merged manifest's too): quotes, SQL, LIKE's
wildcards, a backslash, a NUL, an emoji, a space, a megabyte."""


def _damage(out: Path, rows: dict[str, str]) -> None:
    """Rows by path written into the database as they are, no entry checked."""
    db = sqlite3.connect(out / DATABASE_NAME, isolation_level=None)
    for path, raw in rows.items():
        db.execute("INSERT INTO clips VALUES (?, ?, 3, NULL, 0, ?)", (path, path[-36:-4], raw))
    db.close()


@pytest.mark.parametrize("indexed", [True, False], ids=["indexed", "older"])
def test_texts_are_asked_alike_of_a_json_manifest_and_of_a_damaged_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, indexed: bool
) -> None:
    clips = [_clip(n, t) for n, t in enumerate(HOSTILE_TEXTS)]
    clips += [_clip(100 + n) for n in range(BATCH + 34)]
    asked = [c.text for c in clips] + ["not said", "", "5", "null", '["ことば100"]']
    asked += [c.text for c in clips[:7]]  # asked twice

    monkeypatch.setenv(DATABASE_ENV, str(10**12))
    as_json = tmp_path / "json"
    _filled(as_json, clips)
    expected = [c.path for c in _store(as_json).of_texts(asked)]
    assert expected == sorted(c.path for c in clips)

    monkeypatch.setenv(DATABASE_ENV, "0")
    out = tmp_path / "db"
    _filled(out, clips)
    if not indexed:
        db = sqlite3.connect(out / DATABASE_NAME, isolation_level=None)
        db.execute("DROP INDEX clips_of_text")  # as an older tts-assets wrote it
        db.close()
    entry = asdict(_clip(100))
    damaged = {
        "vocabulary/" + "d" * 31 + f"{n}.mp3": raw
        for n, raw in enumerate(
            [
                "{not json",
                '["ことば100"]',
                '"ことば100"',
                "null",
                json.dumps({**entry, "text": 5}),
                json.dumps({**entry, "text": None}),
                json.dumps({**entry, "text": ["ことば100"]}),
                json.dumps({**entry, "text": {"ことば100": 1}}),
                json.dumps({**entry, "duration": float("nan")}),
                json.dumps({**entry, "text": "ことば100" * 100_000}),  # a huge wrong text
            ]
        )
    }
    _damage(out, damaged)
    store = _store(out)
    found = store.of_texts(asked)
    assert [c.path for c in found] == expected
    assert found == sorted(clips, key=lambda c: c.path)
    # The rows that hold no entry of an asked text: left out, each a damaged record at
    # most (the planner reads them where it asks), never an error of the query.
    assert {str(d).partition(":")[0] for d in store.damaged} <= set(damaged)
    assert len(store.of_texts([])) == 0
    json_store = _store(as_json)
    for text in HOSTILE_TEXTS:  # each asked alone too (one value: no list to match in)
        assert store.of_texts([text]) == json_store.of_texts([text]), repr(text[:9])


def _statements(store: Store) -> list[str]:
    """The statements the database of `store` runs from now on."""
    said: list[str] = []
    rows = store._clips
    assert isinstance(rows, database.Rows)
    rows._db.set_trace_callback(said.append)
    return said


def test_an_older_database_is_scanned_once_whatever_the_texts_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without the index (an older tts-assets wrote it; a dry run never adds it) a query by
    # text reads every row: asked a BATCH of texts at a time, a window of 10,000 clips'
    # texts read a database of 200,000 rows 20 times (4.7 s of CPU against 0.17 s once).
    monkeypatch.setenv(DATABASE_ENV, "0")
    out = tmp_path / "out"
    clips = [_clip(n) for n in range(BATCH + 1)]
    _filled(out, clips)
    db = sqlite3.connect(out / DATABASE_NAME, isolation_level=None)
    db.execute("DROP INDEX clips_of_text")
    db.close()
    store = _store(out)
    said = _statements(store)
    asked = [c.text for c in clips] + [f"other {n}" for n in range(BATCH)]
    assert len(store.of_texts(asked)) == len(clips)
    scans = [s for s in said if s.lstrip().upper().startswith("SELECT")]
    assert len(scans) == 1, scans


_KILLED_IN_THE_WRITE = """
import os, signal, sqlite3, sys
from pathlib import Path
sys.path.insert(0, {root!r})
os.environ[{env!r}] = "0"
from tts_assets.store import database
from tts_assets.store.manifest import Store, StoredClip, sha256
step = {step!r}
connect = database.connect

def killing(path, *, write=False, wait=None):
    db = connect(path, write=write, wait=wait)
    if not write:
        return db
    n = [0]  # the statements' virtual machine steps, by the hundred, from CREATE INDEX
    def traced(statement):
        if statement.startswith("CREATE INDEX"):
            n[0] = 1
        elif statement.startswith("INSERT OR REPLACE"):  # the index made, no row written
            os.kill(os.getpid(), signal.SIGKILL)
    def tick():
        n[0] += n[0] > 0
        if step == "in the index" and n[0] > 60:  # about halfway through the index
            os.kill(os.getpid(), signal.SIGKILL)
        return 0
    db.execute("PRAGMA cache_size = 1")  # its pages spilled to the file as it goes
    db.set_trace_callback(traced)
    db.set_progress_handler(tick, 100)
    return db

database.connect = killing
out = Path({out!r})
store = Store(out, out / ".temp-audio")
clip = StoredClip("f" * 32, "vocabulary/" + "f" * 32 + ".mp3", "あたらしい", "espeak", "ja",
                  0.5, 3, sha256(b"xxx"))
store.put(clip.path, b"xxx", clip)
store.flush()
"""


@pytest.mark.parametrize("step", ["in the index", "after the index"])
def test_a_kill_in_the_write_that_adds_the_index_leaves_the_older_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    monkeypatch.setenv(DATABASE_ENV, "0")
    out = tmp_path / "out"
    clips = [_clip(n, f"ことば{n} " + "か" * 100) for n in range(800)]
    out.mkdir()
    database.write_database(out / DATABASE_NAME, map(asdict, clips), MANIFEST_VERSION)
    (out / MANIFEST_NAME).write_bytes(database.stub())
    db = sqlite3.connect(out / DATABASE_NAME, isolation_level=None)
    db.execute("DROP INDEX clips_of_text")
    db.execute("VACUUM")
    db.close()
    before = (out / DATABASE_NAME).read_bytes()
    root = str(Path(__file__).resolve().parents[3])
    script = _KILLED_IN_THE_WRITE.format(root=root, env=DATABASE_ENV, step=step, out=str(out))
    done = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True)
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    assert (out / f"{DATABASE_NAME}-journal").exists()  # the cut write's journal
    if step == "in the index":  # the index's pages spilled into the file: a hot journal
        assert (out / DATABASE_NAME).read_bytes() != before

    store = _store(out)  # rolled back at the open: the older database, as it was
    assert (out / DATABASE_NAME).read_bytes() == before
    # The killed run's clip, its file in place, is taken back from its journal of made
    # clips: nothing lost, nothing made again.
    assert len(store) == len(clips) + 1 and not store.damaged
    assert store.get("vocabulary/" + "f" * 32 + ".mp3") is not None
    assert [c.path for c in store.of_texts([clips[7].text])] == [clips[7].path]  # a scan

    clip = replace(_clip(9999), text="あたらしい")
    store.put(clip.path, b"x" * SIZE, clip)
    store.flush()  # the next write adds the index
    db = sqlite3.connect(out / DATABASE_NAME, isolation_level=None)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    db.close()
    assert "clips_of_text" in names
    assert not (out / f"{DATABASE_NAME}-journal").exists()
    again = _store(out)
    assert [c.path for c in again.of_texts(["あたらしい", clips[7].text])] == sorted(
        [clip.path, clips[7].path, "vocabulary/" + "f" * 32 + ".mp3"]
    )
