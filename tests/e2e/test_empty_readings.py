"""An empty reading beside a kana word asks nothing, and a note on a content's reading
is shown at the places that give that reading: hanabira.org's exported
words leave `reading` as "" on the kana words (10 of 29), and `readings` failed on each;
the dry run also listed the note at entries without a reading that share the clip."""

from __future__ import annotations

import pytest

from tests.support.project import Project


@pytest.fixture
def project(project: Project) -> Project:
    return project.gen(
        {
            "data/vocabulary.json": [
                {"id": "v1", "word": "ねこ", "reading": ""},  # kana: nothing asked
                {"id": "v2", "word": "コーヒー", "reading": " "},
                {"id": "v3", "word": "学生", "reading": ""},  # exported "": as no reading
                {"id": "v4", "word": "学生"},  # no reading key, the same clip
                {"id": "v5", "word": "今日", "reading": "こんにち"},  # a reading given
                {"id": "v6", "word": "今日"},
            ]
        }
    )


def test_an_empty_reading_of_a_kana_word_is_no_problem(project: Project) -> None:
    # An empty reading is no reading, beside kana or kanji (exported content writes ""
    # for a missing one): the word is read as without the key, nothing to fix.
    report = project.json("readings")
    assert report["problems"] == []


def test_the_dry_run_shows_a_reading_note_only_where_that_reading_is_given(
    project: Project,
) -> None:
    plan = project.json("generate", "--dry-run")
    # 今日 without a reading is weighed as a word the dictionaries read two ways (alone, a
    # doubt: こんにち keeps a weight), a note of its own, not of an empty reading.
    weighed = ("alike", "doubt")
    places = [n["place"] for n in plan["readings"] if n["verdict"] not in weighed]
    assert places == ["vocabulary.json › [4] › word"]
    noted = [n["place"] for n in plan["readings"] if n["verdict"] in weighed]
    assert noted == ["vocabulary.json › [5] › word"]
