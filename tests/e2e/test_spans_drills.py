"""A drill whose part is a text with spans in another language (issue 61, item 2, with
issue 53's drills): the part is the text's joined clip, made once its runs are, and the
drill once the join is (a join of a join, in the graph's order). On the fault provider,
in the fast loop."""

from __future__ import annotations

import pytest

from tests.support.project import Project, write_json
from tests.support.spans import notes_config

DRILL = """
[[types.notes.sequences]]
name = "drill"
url = "drillAudioUrl"
parts = ["meaning", "1s", "sentence"]
timings = "drillParts"
"""


@pytest.fixture
def course(project: Project, fault: None) -> Project:
    write_json(
        project / "data/notes.json",
        [
            {
                "sentence": '今日は<lang xml:lang="en">apple</lang>を食べます。',
                "meaning": "I eat an apple today.",
            }
        ],
    )
    return project.config(notes_config(top='provider = "fault"') + DRILL)


def test_a_drill_of_a_text_with_spans_joins_the_texts_join(course: Project) -> None:
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
    assert entry["drillParts"][1]["text"] == entry["sentence"]
    assert course.json("generate")["generated"] == 0
    code, out = course.invoke("verify")
    assert code == 0, out
