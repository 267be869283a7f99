"""What is said is decided before any provider: the plan's pieces carry the spoken form
(`readings.numbers`), the manifest records it, the review page shows it, and what the
rules could not read with confidence is noted on the clip and flagged for review."""

from __future__ import annotations

import pytest

from tests.support.project import Project, write_json
from tts_assets.languages import resolved
from tts_assets.planning.course import prepare
from tts_assets.planning.plan import Clip
from tts_assets.review.collect import said_today
from tts_assets.review.flags import assess
from tts_assets.review.row import Row
from tts_assets.settings.config import Settings

PASSAGE = "Der Kurs beginnt um 9:00 Uhr. Er kostet 250 €. Am 3. Mai ist Prüfung."

SENTENCES = [
    "Der Kurs beginnt am 3. Oktober um 17:00 Uhr.",
    "Das kostet 45 Euro.",
    "Das ist 3.5 mal so viel.",
    "Ich arbeite gern.",
    "Treffpunkt 1h30 am Tor.",
]


@pytest.fixture
def settings(project: Project) -> Settings:
    write_json(
        project / "data/vocabulary.json",
        [
            {"id": f"v{n}", "word": "Wort", "examples": [{"sentence": s}]}
            for n, s in enumerate(SENTENCES)
        ],
    )
    write_json(project / "data/readings.json", [{"id": "r1", "text": PASSAGE}])
    return Settings(
        data_dir=project / "data", out_dir=project / "out", lang="de", provider="espeak"
    )


@pytest.fixture
def clips(settings: Settings) -> dict[str, Clip]:
    return {c.spoken: c for c in prepare(settings).plan.clips}


def test_the_plan_gives_every_provider_the_spoken_form(clips: dict[str, Clip]) -> None:
    clip = clips["Der Kurs beginnt am 3. Oktober um 17:00 Uhr."]
    assert clip.pieces == ("Der Kurs beginnt am dritten Oktober um siebzehn Uhr.",)
    assert clip.said == "Der Kurs beginnt am dritten Oktober um siebzehn Uhr."
    assert clip.speech is not None and clip.speech.note is None
    assert clips["Das kostet 45 Euro."].pieces == ("Das kostet fünfundvierzig Euro.",)
    assert clips["Ich arbeite gern."].pieces == ("Ich arbeite gern.",)


def test_the_manifest_records_the_spoken_form(clips: dict[str, Clip]) -> None:
    clip = clips["Der Kurs beginnt am 3. Oktober um 17:00 Uhr."]
    entry = clip.manifest_entry(b"RIFF", 2.0)
    assert entry.text == "Der Kurs beginnt am 3. Oktober um 17:00 Uhr."
    assert entry.spoken == "Der Kurs beginnt am dritten Oktober um siebzehn Uhr."


def test_what_reads_two_ways_is_said_as_written_noted_and_flagged(
    clips: dict[str, Clip],
) -> None:
    clip = clips["Das ist 3.5 mal so viel."]
    said = clip.speech
    assert said is not None and clip.pieces == ("Das ist 3.5 mal so viel.",)
    assert said.verdict == "numbers"
    assert said.note is not None and "3.5" in said.note
    entry = clip.manifest_entry(b"RIFF", 2.0)
    assert entry.verdict == "numbers" and entry.note == said.note
    row = Row(type="vocabulary", entry="e", places=("p",), text=clip.spoken, lang=resolved("de"))
    (flagged,) = assess([said_today(row, clip, entry)])
    assert [f.code for f in flagged.flags] == ["numbers"]
    assert "3.5" in flagged.flags[0].detail


def test_readings_lists_what_was_said_as_written_with_what_to_write(settings: Settings) -> None:
    """`readings` listed nothing of a number said as written; it lists each,
    with what to write, and exits 0 (a doubt is no problem)."""
    from tts_assets.commands.readings import check_readings

    report = check_readings(settings)
    listed = {n.place: n for n in report.notes if n.verdict == "numbers"}
    assert sorted(listed) == [
        f"vocabulary.json › [{n}] › examples › [0] › sentence" for n in (2, 4)
    ]
    glued = listed["vocabulary.json › [4] › examples › [0] › sentence"].message
    assert glued.startswith("1h30: ") and "said as written: write it in words" in glued
    assert report.counts["numbers"] == 2 and report.exit_code == 0
    assert [d["verdict"] for d in report.as_json()["doubts"]] == ["numbers", "numbers"]


def test_the_review_page_shows_what_was_said_beside_the_text(clips: dict[str, Clip]) -> None:
    from tts_assets.review.page import _row_json

    clip = clips["Das kostet 45 Euro."]
    row = said_today(
        Row(type="vocabulary", entry="e", places=("p",), text=clip.spoken, lang=resolved("de")),
        clip,
        clip.manifest_entry(b"RIFF", 1.0),
    )
    shown = _row_json(row)
    assert shown["x"] == "Das kostet 45 Euro." and shown["s"] == "Das kostet fünfundvierzig Euro."


def test_a_text_without_its_clip_yet_shows_what_will_be_said(settings: Settings) -> None:
    from tts_assets.planning.course import prepare
    from tts_assets.review.collect import collect_rows

    rows = collect_rows(prepare(settings), page_dir=settings.out_dir)
    row = next(r for r in rows if r.text == "Der Kurs beginnt am 3. Oktober um 17:00 Uhr.")
    assert row.status == "missing"
    assert row.spoken == "Der Kurs beginnt am dritten Oktober um siebzehn Uhr."


def test_a_passage_is_cut_from_its_spoken_form_and_records_it_whole(
    clips: dict[str, Clip],
) -> None:
    pieces = [
        "Der Kurs beginnt um neun Uhr.",
        "Er kostet zweihundertfünfzig Euro.",
        "Am dritten Mai ist Prüfung.",
    ]
    passage = clips[PASSAGE]
    assert list(passage.pieces) == pieces
    assert passage.manifest_entry(b"RIFF", 9.0).spoken == " ".join(pieces)


def test_the_spoken_form_keys_the_clip(clips: dict[str, Clip], settings: Settings) -> None:
    from tts_assets.planning.plan import content_key

    def key_of_the_text_alone(clip: Clip) -> str:
        assert clip.speech is not None
        speed = clip.speech.speed
        return content_key(clip.spoken, "de", clip.voice, speed, settings.audio, len(clip.pieces))

    said = clips["Das kostet 45 Euro."]
    assert said.key != key_of_the_text_alone(said)  # what is said is part of the key
    plain = clips["Ich arbeite gern."]
    assert plain.key == key_of_the_text_alone(plain)  # said as written: the key it had


def test_new_rules_make_the_clips_they_change_anew(monkeypatch: pytest.MonkeyPatch) -> None:
    from tts_assets.readings import numbers

    before = numbers.spoken_material("Das kostet 45 Euro.", "de")
    monkeypatch.setattr(numbers, "RULES_VERSION", "2")
    assert numbers.spoken_material("Das kostet 45 Euro.", "de") != before
    assert numbers.spoken_material("Ich arbeite gern.", "de") is None


def test_a_drill_s_timings_read_a_cloze_as_written_not_its_silence(project: Project) -> None:
    """A drill of a cloze question: its part's timings name the blank the learner reads
    (`I ___ milk.`), never the pause marker said for it; the filled twin, its words."""
    from tts_assets.planning.recipes import Joined

    exercise = {"id": "e1", "question": "I ___ milk.", "answer": "drink"}
    write_json(project / "data/exercises.json", [exercise])
    field = {"text": "question", "url": "questionAudio", "cloze": "1s",
             "cloze_answer": "answer"}  # fmt: skip
    drill = {"url": "drillAudio", "parts": ["question", "1s", "question (filled)"]}
    types = {"exercises": {"file": "exercises.json", "fields": [field], "sequences": [drill]}}
    settings = Settings(
        data_dir=project / "data", out_dir=project / "out", lang="en", provider="espeak",
        types=types,
    )  # fmt: skip
    (join,) = [c for c in prepare(settings).plan.clips if isinstance(c.recipe, Joined)]
    assert isinstance(join.recipe, Joined)
    said = [p.text for p in join.recipe.parts if p.source]
    assert said == ["I ___ milk.", "I drink milk."]
