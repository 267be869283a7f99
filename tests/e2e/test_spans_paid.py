"""Spans in another language on the local ElevenLabs server: each run
is sent and billed once, however many texts say it, and the dry run's bill is what the
server bills; a run killed between the runs' clips and their join loses nothing and
sends nothing twice."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.project import Project, write_json
from tests.support.spans import notes_config
from tests.support.stretch_gate import StretchGate, killed_at_the_gate

pytestmark = pytest.mark.slow

KEY = "sk-test-0123456789abcdef"

CONFIG = notes_config({"ja": "elevenlabs", "en": "elevenlabs"})

NOTES = [
    {
        "id": "n1",
        "sentence": '今日は<lang xml:lang="en">apple</lang>を食べます。',
        "meaning": "apple",
    },
    {
        "id": "n2",
        "sentence": '明日は<lang xml:lang="en">apple</lang>を食べます。',
        "meaning": "a fruit",
    },
]
WORDS = """
[types.words]
file = "words.json"
slow = 0.75

[[types.words.fields]]
text = "word"
url = "audioUrl"
"""

SAID = {"今日は", "明日は", "apple", "を食べます。", "a fruit"}
"""What is sent: each run and each text once ("apple" is two texts' span and a meaning)."""


def test_each_run_is_billed_once_and_the_dry_run_bills_what_the_server_does(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
    project.config(CONFIG)
    write_json(project / "data/notes.json", NOTES)
    with FakeElevenLabs(api_key=KEY) as server:
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        dry = project.json("generate", "--dry-run")
        summary = project.json("generate")
        again = project.json("generate")
        answered = server.answered()
        billed = server.stats.chars_billed
    assert summary["failed"] == 0 and again["generated"] == 0, summary
    assert set(answered) == SAID and all(n == 1 for n in answered.values()), answered
    assert dry["billable_characters"] == billed == sum(len(t) for t in SAID)
    # Planned once too: each run's clip is listed once, however many texts say it (the
    # pool sends a key once, so the bill alone would not show a clip planned twice).
    planned = [c["path"] for c in dry["clips"]]
    assert len(planned) == len(set(planned)) == len(SAID) + len(NOTES), planned
    assert dry["types"]["notes"]["clips"] == len(SAID) + len(NOTES)
    records = {c["path"]: c for c in project.manifest()["clips"]}
    for entry in project.read_json("data/notes.json"):
        join = records[entry["audioUrl"].removeprefix("/audio/")]
        assert join["timings"]["langs"] == ["ja", "en"] and join["provider"] == "elevenlabs"
        assert [w["lang"] for w in entry["words"]].count("en") == 1
    code, out = project.invoke("verify")
    assert code == 0, out


def test_a_run_killed_between_the_runs_and_their_join_loses_nothing_and_bills_nothing_twice(
    project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
    # A slow twin of a plain text is stretched in the rank the joins are made in, before
    # them (`making.makers`): held at the gate, it is the moment between runs and joins.
    project.config(CONFIG + WORDS)
    write_json(project / "data/notes.json", NOTES)
    write_json(project / "data/words.json", [{"word": "雨"}, {"word": "雪"}])
    gate = StretchGate(tmp_path / "gate")
    gate.reset(passing=0)
    with FakeElevenLabs(api_key=KEY) as server:
        # Every text and run said, a twin's stretch waiting: the kill falls there.
        env = {**os.environ, "ELEVENLABS_BASE_URL": server.base_url}
        assert killed_at_the_gate(gate, project, env) == -signal.SIGKILL
        made = {c["path"]: c for c in project.manifest()["clips"]}
        said = SAID | {"雨", "雪"}
        assert {c["text"] for c in made.values()} == said  # the runs', no join yet
        gate.reset(passing=1 << 30)
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        summary = project.json("generate")
        answered = server.answered()
    assert summary["failures"] == [] and summary["generated"] == 2 + 2  # the joins, the twins
    assert set(answered) == said and all(n == 1 for n in answered.values()), answered
    after = {c["path"]: c for c in project.manifest()["clips"]}
    assert all(after[path]["sha256"] == c["sha256"] for path, c in made.items())
    entries = project.read_json("data/notes.json")
    assert all(
        after[e["audioUrl"].removeprefix("/audio/")]["timings"]["source"] == "spans"
        for e in entries
    )
    code, out = project.invoke("verify")
    assert code == 0, out
