"""A drill whose part is a text with spans in another language: the
part is the text's joined clip, made once its runs are, and the
drill once the join is (a join of a join, in the graph's order). What a learner reads of
the part (the drill's timings, its WebVTT cue) and of the text on an Anki card is its
words without the marks, SSML's or the field's own `lang_mark`. On the fault provider,
in the fast loop."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e.test_export_anki import anki, notes
from tests.e2e.test_export_anki import imported as imported_by_anki
from tests.support.project import Project, made_once, write_json
from tests.support.spans import notes_config

__all__ = ["anki"]  # the real Anki's empty collection, a fixture shared with the export's tests

DRILL = """
[[types.notes.sequences]]
name = "drill"
url = "drillAudioUrl"
parts = ["meaning", "1s", "sentence"]
timings = "drillParts"
"""

UNMARKED = "今日はappleを食べます。"
"""The sentence as a learner reads it: its marks left out."""

MARKS = {
    "SSML": ('今日は<lang xml:lang="en">apple</lang>を食べます。', ""),
    "lang_mark": ("今日は[en]apple[/en]を食べます。", 'lang_mark = "[{lang}]{text}[/{lang}]"\n'),
}


def _course(project: Project, marks: str) -> Project:
    sentence, mark = MARKS[marks]
    write_json(
        project / "data/notes.json",
        [{"id": "n1", "sentence": sentence, "meaning": "I eat an apple today."}],
    )
    top = 'provider = "fault"\nwebvtt = true'
    return project.config(notes_config(top=top, sentence=mark) + DRILL)


@pytest.fixture(params=list(MARKS))
def marks(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def course(project: Project, fault: None, marks: str) -> Project:
    return _course(project, marks)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Project]:
    """The course of each kind of marks after its first run, made once for the module."""
    found: dict[str, Project] = {}

    def build(project: Project, marks: str) -> None:
        assert _course(project, marks).json("generate")["failed"] == 0

    def made(marks: str) -> Project:
        if marks not in found:
            found[marks] = made_once(tmp_path_factory, lambda project: build(project, marks))
        return found[marks]

    return made


@pytest.fixture
def generated(course: Project, marks: str, made: Callable[[str], Project]) -> Project:
    """A private copy of the course after its first run (its six clips made once per kind
    of marks for the module: the tests that began with that run made them each)."""
    return course.copy(made(marks))


def test_a_drill_of_a_text_with_spans_joins_the_texts_join(project: Project, fault: None) -> None:
    """The whole path once (SSML's marks); each kind of marks' spans are checked on the
    module's run below."""
    course = _course(project, "SSML")
    dry = course.json("generate", "--dry-run")
    (join,) = [c for c in dry["clips"] if "spans" in c]
    assert [s["lang"] for s in join["spans"]] == ["ja", "en", "ja"]
    (drill,) = [c for c in dry["clips"] if c.get("parts")]
    assert drill["parts"] == ["meaning", "1s", "sentence"]
    summary = course.json("generate")
    assert summary["failed"] == 0 and summary["generated"] == len(dry["clips"]) == 6
    (entry,) = course.read_json("data/notes.json")
    records = {c["path"]: c for c in course.manifest()["clips"]}
    joined = records[entry["audioUrl"].removeprefix("/audio/")]
    assert joined["timings"]["langs"] == ["ja", "en"]
    assert [p["part"] for p in entry["drillParts"]] == ["meaning", "sentence"]
    assert course.json("generate")["generated"] == 0
    code, out = course.invoke("verify")
    assert code == 0, out


def test_a_learner_reads_the_drills_part_without_its_marks(generated: Project) -> None:
    """The part's text in the drill's timings and its cue are the sentence's words: the
    marks were kept there as written (SSML's escaped into the cue as text)."""
    (entry,) = generated.read_json("data/notes.json")
    records = {c["path"]: c for c in generated.manifest()["clips"]}
    joined = records[entry["audioUrl"].removeprefix("/audio/")]
    assert joined["timings"]["langs"] == ["ja", "en"]  # the marks made spans
    assert [p["text"] for p in entry["drillParts"]] == ["I eat an apple today.", UNMARKED]
    drill = entry["drillAudioUrl"].removeprefix("/audio/")
    track = (generated / "public/audio" / drill).with_suffix(".vtt").read_text(encoding="utf-8")
    assert f"\n{UNMARKED}\n" in track and "lang" not in track and "[" not in track, track


def test_an_anki_card_shows_the_text_without_its_marks(generated: Project, anki: Any) -> None:
    code, out = generated.invoke("export", "anki", "-o", "deck.apkg")
    assert code == 0, out
    imported_by_anki(anki, generated / "deck.apkg")
    (note,) = notes(anki).values()
    assert note["sentence"] == UNMARKED and note["meaning"] == "I eat an apple today."
