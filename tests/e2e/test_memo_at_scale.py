"""The reading memo at the size of a course.

- a run with its memo warm decides nothing again: its decisions are read in batches (a
  query per many texts, not per text), with the accent each one's words are told;
- a decision this run made is not made a second time before its clip is made (the memo
  is distrusted, not the engine run a moment ago);
- a large first run says how far its deciding is;
- a decision is trusted by the engine that made it: another engine (rules, dictionary)
  decides every text again; a row that does not hold what the engine writes, in any of
  its fields or its words' (a word met in another row too), is decided again.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.support.project import Project
from tts_assets.lang.ja import accent, dictionary, identity, memo, reader
from tts_assets.lang.ja.accent import told_pattern
from tts_assets.lang.ja.reconcile import reconcile
from tts_assets.making.hooks import SilentReporter
from tts_assets.readings.overrides import NO_OVERRIDES

pytestmark = pytest.mark.slow  # loads pyopenjtalk and its dictionary

WORDS = ["水", "本", "猫", "友達", "電車", "天気", "学校", "先生", "時間", "日本語"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own: its reading memo starts empty."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("TTS_ASSETS_CACHE_DIR", str(folder))
    return folder


def _works(count: int) -> list[memo.Work]:
    """`count` distinct texts: the words with a number of kana after each."""
    kana = "あいうえおかきくけこ"
    return [
        (f"{WORDS[n % 10]}{kana[n // 10 % 10]}{kana[n // 100 % 10]}", None, "text")
        for n in range(count)
    ]


@contextmanager
def _selects(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The SELECT statements the memo runs meanwhile."""
    seen: list[str] = []
    connect = sqlite3.connect

    def counted(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        db: sqlite3.Connection = connect(*args, **kwargs)
        db.set_trace_callback(lambda sql: seen.append(sql) if sql.startswith("SELECT") else None)
        return db

    with monkeypatch.context() as patched:
        patched.setattr(sqlite3, "connect", counted)
        yield seen


def test_a_warm_memo_is_read_in_batches_with_the_accent_told(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    works = _works(1000)
    made: set[memo.Work] = set()
    first: dict[memo.Work, str | None] = {}
    decided = memo.decide_all(works, told=first, made=made)
    assert made == set(works)
    again: set[memo.Work] = set()
    told: dict[memo.Work, str | None] = {}
    with _selects(monkeypatch) as selects:
        read = memo.decide_all(works, told=told, made=again)
    assert read == decided and not again  # every decision read back, none made
    assert len(selects) <= -(-len(works) // memo.BATCH)  # not a query a text
    assert told == first
    assert all(told[w] == told_pattern(read[w].morphemes) for w in works)
    assert told[("水ああ", None, "text")]  # the accent of a word said: never empty


def test_a_damaged_row_is_decided_again_and_replaced(cache: Path) -> None:
    works = _works(3)
    decided = memo.decide_all(works)
    key = memo._key(works[1], NO_OVERRIDES)
    with sqlite3.connect(memo.cache_path()) as db:
        for value in ('["agree"]', '{"written": 1}', "[" * 5000, "not json"):
            db.execute("UPDATE decisions SET value = ? WHERE key = ?", (value, key))
            db.commit()
            made: set[memo.Work] = set()
            assert memo.decide_all(works, made=made) == decided
            assert made == {works[1]}  # decided again, and kept
    db.close()


@pytest.mark.parametrize("changed", ["rules", "dictionary"])
def test_another_engine_decides_every_text_again(
    cache: Path, monkeypatch: pytest.MonkeyPatch, changed: str
) -> None:
    works = _works(5)
    decided = memo.decide_all(works)
    before = memo.cache_path()
    made: set[memo.Work] = set()
    assert memo.decide_all(works, made=made) == decided and not made  # trusted: its engine
    if changed == "rules":
        monkeypatch.setattr(identity, "RULES_VERSION", identity.RULES_VERSION + "-next")
    else:
        monkeypatch.setattr(dictionary, "version", lambda: "another-list")
    assert memo.cache_path() != before
    assert memo.decide_all(works, made=made) == decided
    assert made == set(works)  # every one decided again, by the engine now
    made.clear()
    assert memo.decide_all(works, made=made) == decided and not made  # and kept


# A wrong value for each field of a row (by place), and for each field of a word.
_WRONG_FIELDS: list[Any] = [5, 5, "whatever", "whatever", None, 5, [], 5, "whatever", "x", {}, 5]
_WRONG_WORD: list[Any] = [5, None, [], 5, "0", 0, 7]


def _damaged(row: list[Any], field: int, word: int | None) -> list[Any]:
    damaged: list[Any] = json.loads(json.dumps(row))
    if word is None:
        damaged[field] = _WRONG_FIELDS[field]
    else:
        # The word as it is, then itself with one field wrong: equal to it but for the type.
        first = damaged[9][0]
        damaged[9] = [first, [*first[:word], _WRONG_WORD[word], *first[word + 1 :]]]
    return damaged


@pytest.mark.parametrize(
    ("field", "word"),
    [(n, None) for n in range(len(_WRONG_FIELDS))] + [(9, n) for n in range(len(_WRONG_WORD))],
)
def test_a_row_of_the_wrong_shape_anywhere_is_decided_again(
    cache: Path, field: int, word: int | None
) -> None:
    """Each field of a row, and of a word, holding another type than the engine writes:
    the row is decided again and replaced. The same word (its fields equal, 0 for false)
    read just before is no reason to take it: each word is checked."""
    works = [("水です", None, "text"), ("水", None, "text")]
    decided = memo.decide_all(works)
    key = memo._key(works[1], NO_OVERRIDES)
    with sqlite3.connect(memo.cache_path()) as db:
        (value,) = db.execute("SELECT value FROM decisions WHERE key = ?", (key,)).fetchone()
        row = json.loads(value)
        assert row[9][0][:6] == ["水", "ミズ", "ミズ", None, 0, False]
        bad = _damaged(row, field, word)
        db.execute("UPDATE decisions SET value = ? WHERE key = ?", (json.dumps(bad), key))
    db.close()
    made: set[memo.Work] = set()
    assert memo.decide_all(works, made=made) == decided
    assert made == {works[1]}  # decided again, the other read
    made.clear()
    assert memo.decide_all(works, made=made) == decided and not made  # replaced


def _course(project: Project) -> Project:
    entries = [{"id": f"v{n}", "word": w} for n, w in enumerate(WORDS)]
    return project.gen({"data/vocabulary.json": entries})


def test_a_warm_run_works_out_no_accent_again_and_decides_nothing(
    project: Project, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The accent told to Kokoro is kept with each decision: a run with the memo warm
    works none out again, and makes no decision."""
    _course(project)
    assert project.json("generate", "--dry-run")["types"]["vocabulary"]["new"] == len(WORDS)
    worked: list[object] = []
    decided: list[object] = []

    def counted(morphemes: Any) -> str:
        worked.append(morphemes)
        return told_pattern(morphemes)

    monkeypatch.setattr(reader, "told_pattern", counted)
    monkeypatch.setattr(accent, "told_pattern", counted)
    monkeypatch.setattr(memo, "reconcile", lambda *a: decided.append(a))
    summary = project.json("generate", "--dry-run")
    assert summary["types"]["vocabulary"]["new"] == len(WORDS)
    assert worked == [] and decided == []


def test_a_decision_this_run_made_is_not_made_again_before_its_clip(
    project: Project, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first run decides each text once: what it decided a moment ago is the engine's,
    not the memo's, and holds without being decided again (a decision read from the memo
    is decided anew: tests/e2e/test_what_is_said.py)."""
    from tts_assets.planning.course import prepare
    from tts_assets.planning.prepare import decisions_hold
    from tts_assets.settings.config import Settings

    _course(project)
    calls: list[tuple[Any, ...]] = []

    def counted(*args: Any) -> Any:
        calls.append(args)
        return reconcile(*args)

    monkeypatch.setattr(memo, "reconcile", counted)
    prepared = prepare(Settings(data_dir=project / "data", out_dir=project / "public/audio"))
    assert len(calls) == len(WORDS)
    assert decisions_hold(prepared)
    assert len(calls) == len(WORDS)


class _Told(SilentReporter):
    def __init__(self) -> None:
        self.lines: list[str] = []

    def notice(self, message: str) -> None:
        self.lines.append(message)


def test_a_large_first_run_says_how_far_its_deciding_is(
    project: Project, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deciding a course's readings takes minutes on its first run (ten at a million
    texts): the run says when it starts, how far it is every few seconds, and when it is
    done. Here 'large' is made small: 40 texts shared out 8 at a time."""
    from tts_assets.commands.generate import generate
    from tts_assets.settings.config import Settings

    entries = [{"id": f"v{n}", "word": w} for n, (w, _, _) in enumerate(_works(40))]
    project.gen({"data/vocabulary.json": entries})
    monkeypatch.setattr(memo, "SHARE_FROM", 10)
    monkeypatch.setattr(memo, "SHARE", 8)
    monkeypatch.setattr(reader, "PROGRESS_EVERY", 0.0)
    told = _Told()
    settings = Settings(data_dir=project / "data", out_dir=project / "public/audio")
    summary = generate(settings, dry_run=True, reporter=told)
    assert summary.counts["vocabulary"].new == 40
    assert told.lines[0] == "deciding the readings of 40 texts (kept for the next runs)"
    assert told.lines[1].startswith("readings decided: 8 of 40 texts, about ")
    assert told.lines[-1].startswith("readings decided: 40 of 40 texts in ")
    assert len(told.lines) == 6
