"""The reading memo read back (`memo._read`): every row in one pass when the texts asked
are most of the file (a course run again), by key otherwise; either way the decisions of
the texts asked and no others, a row that is not a decision left out."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.sweep import check_each, check_each_one
from tts_assets.lang.ja import memo
from tts_assets.lang.ja.analysis import Morpheme
from tts_assets.lang.ja.reconcile import reconcile
from tts_assets.readings.overrides import NO_OVERRIDES

TEXTS = ("水", "猫", "4じ", "学校", "先生", "日本語", "食べる", "本")


def _file(tmp_path: Path) -> tuple[sqlite3.Connection, dict[memo.Work, str]]:
    """A memo holding a decision of each of `TEXTS` and one damaged row."""
    db = sqlite3.connect(tmp_path / "memo.sqlite")
    db.execute("CREATE TABLE decisions (key TEXT PRIMARY KEY, value TEXT)")
    keys: dict[memo.Work, str] = {}
    for text in TEXTS:
        work: memo.Work = (text, None, "text")
        keys[work] = memo._key(work, NO_OVERRIDES)
        db.execute(
            "INSERT INTO decisions VALUES (?, ?)", (keys[work], memo._dumps(reconcile(text), "LH"))
        )
    keys["damaged", None, "text"] = "damaged"
    db.execute("INSERT INTO decisions VALUES ('damaged', '[1, 2')")
    return db, keys


def test_the_decisions_asked_are_read_whether_in_one_pass_or_by_key(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    def case(asked: int) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        db, keys = _file(tmp_path)
        wanted = dict(list(keys.items())[-asked:])  # the damaged row always asked
        queries: list[str] = []
        db.set_trace_callback(queries.append)
        found = memo._read(db, wanted)
        assert set(found) == set(wanted) - {("damaged", None, "text")}
        for (text, _, _), (reading, told) in found.items():
            assert reading == reconcile(text) and told == "LH"
        by_key = any(" IN (" in q for q in queries)
        assert by_key == (asked * 2 < len(TEXTS) + 1)  # one pass when most rows are asked

    check_each_one(case, [len(TEXTS) + 1, 3, 1])


@given(
    written=st.text(),
    given_=st.none() | st.text(),
    kind=st.sampled_from(["text", "reading", "kana"]) | st.text(),
)
def test_a_key_is_the_json_of_its_work_as_ever(written: str, given_: str | None, kind: str) -> None:
    """The key a decision is kept under (`memo._key`) for a work no override touches is
    the text `json.dumps` made of it (a key that moved would decide every text again)."""
    expected = json.dumps([written, given_, kind, []], ensure_ascii=False)
    assert memo._key((written, given_, kind), NO_OVERRIDES) == expected


def test_a_word_equal_to_one_made_but_for_its_type_is_no_word() -> None:
    """A word whose fields equal a word already made (`known`) but for the type of `joins`
    or `accent` (0 for false, true for 1, a float) leaves its row out, as without `known`."""

    def case(field: int, wrong: object) -> None:
        row = json.loads(memo._dumps(reconcile("水"), "LH"))
        word = row[9][0]
        assert word[4] == 0 and word[5] is False
        known: dict[tuple[object, ...], Morpheme] = {}
        memo._loads(json.dumps(row), known)
        assert tuple(word) in known
        word[field] = wrong
        assert tuple(word) in known  # equal to the word made
        with pytest.raises(ValueError, match="not a word"):
            memo._loads(json.dumps(row), known)
        with pytest.raises(ValueError, match="not a word"):
            memo._loads(json.dumps(row))

    check_each(case, [(5, 0), (5, 0.0), (4, False), (4, 0.0)])


def test_a_word_holding_a_list_or_an_object_is_no_word() -> None:
    def case(wrong: object) -> None:
        row = json.loads(memo._dumps(reconcile("水"), "LH"))
        known: dict[tuple[object, ...], Morpheme] = {}
        memo._loads(json.dumps(row), known)
        row[9][0][2] = wrong
        for shared in (known, None):
            with pytest.raises(ValueError, match="not a word"):
                memo._loads(json.dumps(row), shared)

    check_each_one(case, [[], {}, ["ミズ"]])


_WRONG_FIELDS = [
    (0, None),  # written: a text
    (1, 1),  # given: a text or null
    (2, "word"),  # kind: one of the kinds
    (2, None),
    (3, "fine"),  # verdict: one of the verdicts
    (4, []),  # analyzed, pronunciation, text_form: texts
    (5, None),
    (6, 3),
    (7, ["x"]),  # message: a text or null
    (8, "guess"),  # source: one of the sources
    (9, "水"),  # words: a list
    (10, {}),  # applied: a list
    (11, 0),  # told: a text or null
    (12, 1.5),  # risk: from 0 to 1, or null
    (12, -0.1),
    (12, True),
    (12, "0.5"),
]


def test_a_row_with_a_field_the_engine_never_writes_is_no_decision() -> None:
    """A row whose field holds another type or value than the engine writes there is left
    out (decided again), never read as a decision."""

    def case(field: int, wrong: object) -> None:
        row = json.loads(memo._dumps(reconcile("水"), "LH"))
        memo._loads(json.dumps(row))
        row[field] = wrong
        with pytest.raises(ValueError, match="not a decision"):
            memo._loads(json.dumps(row))

    check_each(case, _WRONG_FIELDS)
