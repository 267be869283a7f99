"""The dialogue course in examples/dialogues runs as its README says: each
line said by its speaker's Kokoro voice (jf_alpha, jm_kumo), joined into one clip per
dialogue with a pause between turns, its lines listed with their speakers and voices; a
rerun makes nothing."""

from __future__ import annotations

import itertools
import shutil

import pytest

from tests.support import REPO
from tests.support.heard import samples, similarity, speech, stored, stretch
from tests.support.project import Project

pytestmark = pytest.mark.slow


@pytest.fixture
def course(project: Project) -> Project:
    shutil.copytree(REPO / "examples/dialogues", project, dirs_exist_ok=True)
    return project


def test_the_example_runs_as_shipped_and_reruns_to_nothing(course: Project) -> None:
    summary = course.json("generate")
    assert summary["failed"] == 0 and not summary["notes"] and not summary["refused"], summary
    entries = course.read_json("data/conversations.json")
    assert len(entries) == 2
    for entry in entries:
        lines = entry["lineTimings"]
        assert [(t["speaker"], t["text"]) for t in lines] == [
            (line["speaker"], line["text"]) for line in entry["lines"]
        ]
        assert all(set(t) == {"start", "end", "text", "speaker", "voice"} for t in lines)
        # Two speakers, two voices: the customer's is Kokoro's man's voice.
        assert len({t["speaker"] for t in lines}) == 2
        assert {t["voice"] for t in lines} == {"jf_alpha", "jm_kumo"}
        assert all(t["voice"] == "jm_kumo" for t in lines if t["speaker"] == "客")
        # A pause between turns (700 ms, as the example sets it).
        for before, after in itertools.pairwise(lines):
            assert after["start"] - before["end"] == pytest.approx(700, abs=30)
        dialogue = stored(course, entry["audioUrl"])
        assert dialogue["timings"]["words"] == lines
        assert dialogue["duration"] * 1000 >= lines[-1]["end"]
        # Each line's own clip is at its own URL: the very clip the dialogue joins.
        own = {stored(course, line["audioUrl"])["voice"] for line in entry["lines"]}
        assert own == {"jf_alpha", "jm_kumo"}
    assert course.json("generate")["generated"] == 0
    code, out = course.invoke("verify")
    assert code == 0, out


def test_each_lines_audio_is_its_own_clip_where_the_timings_say(course: Project) -> None:
    """The dialogue's samples between each line's start and end are that line's clip's
    speech (its own URL's file), at the loudness every clip is finished to."""
    from tts_assets.audio.loudness import integrated_lufs

    assert course.json("generate")["failed"] == 0
    for entry in course.read_json("data/conversations.json"):
        joined, rate = samples(course, entry["audioUrl"])
        levels = []
        for timing, line in zip(entry["lineTimings"], entry["lines"], strict=True):
            piece = stretch(joined, rate, timing["start"], timing["end"])
            alone, alone_rate = samples(course, line["audioUrl"])
            assert alone_rate == rate
            assert similarity(piece, speech(alone, rate)) > 0.95, timing
            levels.append(integrated_lufs(piece, rate))
        # Loudness matched: the two voices' lines within 0.5 LU of each other (Kokoro says
        # these lines 0.3 to 1.2 LU apart; each clip is finished to the one target).
        assert max(levels) - min(levels) < 0.5, levels
