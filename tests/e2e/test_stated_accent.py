"""The pitch accent a course states: a field's `accent` place (the built-in
vocabulary word reads `pitchPattern`, as the seed app's pitch-accent drill types it), H
and L per mora or an accent number, is what Kokoro is told; one the analyzer accents
otherwise is said as stated and reported, one that cannot be the text's is reported as a
problem and not said; a team's own field, a wrong `[]` count and a course that states
nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.project import Project


@pytest.fixture
def project(project: Project) -> Project:
    return project.gen(
        {
            "data/vocabulary.json": [
                {"id": "v1", "word": "雨", "pitchPattern": "LH"},  # the analyzer: HL
                {"id": "v2", "word": "箸", "pitchPattern": "HXL"},  # not an accent
                {"id": "v3", "word": "橋", "pitchPattern": "LHL"},  # NHK style, with the particle
                {"id": "v4", "word": "飴", "pitchPattern": 0},  # an accent number
                {"id": "v5", "word": "先生", "pitchPattern": "LHHHHH"},  # 6 letters, 4 morae
                {"id": "v6", "word": "猫"},  # none stated: the analyzer's
            ]
        }
    )


def _told(project: Project) -> dict[str, Any]:
    planned = project.json("generate", "--dry-run", code=0)
    return {c["text"]: c["pitch"] for c in planned["clips"]}


def test_a_stated_accent_is_told_and_one_no_text_has_is_not(project: Project) -> None:
    told = _told(project)
    assert (told["雨"]["pattern"], told["雨"]["from"]) == ("LH", "content")
    assert (told["橋"]["pattern"], told["飴"]["pattern"]) == ("LH", "LH")
    assert told["猫"] == {"pattern": "HL", "from": "analyzer", "kana": "ネコ"}
    # Not an accent of the text: the analyzer's is said, never a guess at what was meant.
    assert (told["箸"]["pattern"], told["箸"]["from"]) == ("HL", "analyzer")
    assert "'HXL' is not an accent number nor H and L per mora" in told["箸"]["note"]
    assert told["先生"]["from"] == "analyzer" and "gives 6 morae" in told["先生"]["note"]


def test_the_readings_report_names_each_stated_accent_said_otherwise_or_not_at_all(
    project: Project,
) -> None:
    report = project.json("readings", code=1)
    accents = {a["place"]: (a["verdict"], a["message"]) for a in report["accents"]}
    assert accents["vocabulary.json › [0] › word"] == (
        "accent-disagree",
        "雨: accent LH in the content, HL by the analyzer; said LH",
    )
    problems = {p["place"] for p in report["problems"]}
    assert problems == {"vocabulary.json › [1] › word", "vocabulary.json › [4] › word"}
    assert "vocabulary.json › [3] › word" not in accents  # 飴 0: the analyzer's too
    strict = project.json("readings", "--strict", code=1)
    assert len(strict["problems"]) == 3


def test_a_teams_own_accent_field_and_its_place_is_checked(project: Project) -> None:
    project.gen({"data/drill.json": [{"w": "雨", "accent": ["1"]}, {"w": "飴", "accent": ["0"]}]})
    project.config(
        '[types.drill]\nfile = "drill.json"\n[[types.drill.fields]]\ntext = "w"\n'
        'url = "audioUrl"\naccent = "accent[0]"\n'
    )
    told = _told(project)
    assert (told["雨"]["pattern"], told["飴"]["pattern"]) == ("HL", "LH")
    assert told["雨"]["from"] == told["飴"]["from"] == "content"
    project.config(
        '[types.drill]\nfile = "drill.json"\n[[types.drill.fields]]\ntext = "w"\n'
        'url = "audioUrl"\naccent = "accent[]"\n'
    )
    code, out = project.invoke("generate", "--dry-run")
    assert code == 2
    assert 'types.drill.fields[0].accent: text has 0 "[]" but accent "accent[]" has 1' in out


def test_a_stated_accent_that_cannot_be_used_is_said_by_every_run(
    project: Project, fault: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `readings` lists it on every run; the run did only when it made the clip.
    from tests.support.fault_provider import FaultProvider
    from tts_assets.frontends.alphabets import KOKORO_JAPANESE

    monkeypatch.setattr(FaultProvider, "alphabet", lambda self, voice: KOKORO_JAPANESE)
    project.config('provider = "fault"\n')
    assert project.invoke("generate")[0] == 0
    again = project.json("generate")
    assert again["generated"] == 0
    unusable = {r["place"]: r["message"] for r in again["readings"]}
    assert set(unusable) == {"vocabulary.json › [1] › word", "vocabulary.json › [4] › word"}
    assert "'HXL' is not an accent number" in unusable["vocabulary.json › [1] › word"]


def test_a_full_width_accent_is_read(project: Project) -> None:
    """Full-width, as ＬＨ and １ are typed in Japanese input (each form read where the
    stated accent is: tests/unit/readings/ja/test_accent.py)."""
    project.gen({"data/vocabulary.json": [{"id": "v1", "word": "雨", "pitchPattern": "ｌｈ"}]})
    assert _told(project)["雨"]["pattern"] == "LH"  # the analyzer's is HL


def test_the_tools_own_question_pattern_is_an_accent_and_a_word_accent_gets_the_rise(
    project: Project,
) -> None:
    project.gen(
        {
            "data/vocabulary.json": [
                # As the dry run shows the question (docs/readings.md).
                {"id": "v1", "word": "これは何ですか？", "pitchPattern": "LHH HLLLR"},
                {"id": "v2", "word": "雨？", "pitchPattern": "HL"},  # the word's accent
                {"id": "v3", "word": "飴？", "pitchPattern": "LR"},
                {"id": "v4", "word": "橋？", "pitchPattern": "HR"},  # the old pattern of 雨？
            ]
        }
    )
    told = _told(project)
    assert (told["これは何ですか？"]["pattern"], told["これは何ですか？"]["from"]) == (
        "LHH HLLLR",
        "content",
    )
    assert "note" not in told["これは何ですか？"]
    assert told["雨？"]["pattern"] == "HV" and "note" not in told["雨？"]
    assert told["飴？"]["pattern"] == "LR"
    assert told["橋？"]["pattern"] == "HV"


def test_under_words_a_stated_accent_is_told_or_said_unusable(project: Project) -> None:
    project.config('accent = "words"\n')
    planned = project.json("generate", "--dry-run", code=0)
    told = {c["text"]: c["pitch"] for c in planned["clips"]}
    assert (told["雨"]["pattern"], told["雨"]["from"]) == ("LH", "content")
    assert told["箸"] is None and told["猫"] is None  # said as `words` says them
    notes = {n["place"]: n["message"] for n in planned["readings"]}
    assert "'HXL' is not an accent number" in notes["vocabulary.json › [1] › word"]
    report = project.json("readings", code=1)
    assert {p["place"] for p in report["problems"]} == {
        "vocabulary.json › [1] › word",
        "vocabulary.json › [4] › word",
    }
