"""The drill course in examples/drills runs as its README says: Kokoro says
the words, Piper the English prompts, and each word gets a drill of prompt, time to answer,
word and its slow twin."""

from __future__ import annotations

import shutil

import pytest

from tests.support import REPO
from tests.support.project import Project

pytestmark = pytest.mark.slow


def test_the_example_drill_course_makes_a_drill_per_word(project: Project) -> None:
    shutil.copytree(REPO / "examples/drills", project, dirs_exist_ok=True)
    summary = project.json("generate")
    assert summary["failed"] == 0 and not summary["notes"], summary
    entries = project.read_json("data/vocabulary.json")
    assert len(entries) == 4
    for entry in entries:
        parts = entry["drillParts"]
        assert [(p["part"], p["lang"]) for p in parts] == [
            ("meaning", "en"),
            ("word", "ja"),
            ("word (slow)", "ja"),
        ]
        assert parts[1]["start"] - parts[0]["end"] >= 1000  # time to answer
        assert entry["drillAudioUrl"] not in (entry["audioUrl"], entry["meaningAudioUrl"])
    manifest = project.read_json("public/audio/manifest.json")
    providers = {c["text"]: c["provider"] for c in manifest["clips"]}
    assert providers["water"] == "piper" and providers["水"] == "kokoro"
    code, out = project.invoke("verify")
    assert code == 0, out
    assert project.json("generate")["generated"] == 0
