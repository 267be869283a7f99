"""Each clip's length written back: a field's `duration` place gets its clip's
length in ms, so an app sizes its repeat pause to the phrase (the seed app's
`ListenRepeat.tsx` waits a fixed `pauseDuration`); the slow twin's beside it. Decided as
URLs and word timings are: a person's value kept, the tool's replaced or cleared, and
`verify` tells a place that lacks it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.markers import needs_espeak_library
from tests.support.project import Project, write_json

pytestmark = pytest.mark.slow

CONFIG = """
[types.drills]
file = "drills.json"
[[types.drills.fields]]
text = "examples[].text"
url = "examples[].audioUrl"
duration = "examples[].durationMs"
{more}
"""


def _lengths(project: Project) -> dict[str, int]:
    manifest = project.read_json("public/audio/manifest.json")
    return {"/audio/" + c["path"]: round(c["duration"] * 1000) for c in manifest["clips"]}


def test_kokoro_writes_each_clip_s_length_and_its_slow_twin_s(project: Project) -> None:
    project.config("slow = 0.75\n" + CONFIG.format(more=""))
    texts = ["水", "毎朝、私は七時に起きます。"]
    write_json(
        project / "data/drills.json", [{"id": "d1", "examples": [{"text": t} for t in texts]}]
    )
    assert project.json("generate", "--type", "drills")["failed"] == 0
    (entry,) = project.read_json("data/drills.json")
    lengths = _lengths(project)
    for example in entry["examples"]:
        assert example["durationMs"] == lengths[example["audioUrl"]]
        assert example["slowDurationMs"] == lengths[example["slowAudioUrl"]]
        assert example["slowDurationMs"] > example["durationMs"]
    assert entry["examples"][1]["durationMs"] > entry["examples"][0]["durationMs"]
    code, out = project.invoke("verify", "--type", "drills")
    assert code == 0, out
    assert project.json("generate", "--type", "drills")["generated"] == 0


@needs_espeak_library
def test_a_person_s_length_is_kept_and_the_tool_s_follows_its_clip(project: Project) -> None:
    project.config(CONFIG.format(more='lang = "en"'))
    examples: list[dict[str, Any]] = [
        {"text": "Good morning."},
        {"text": "See you later.", "durationMs": 3000},  # a teacher's own pause
    ]
    write_json(project / "data/drills.json", [{"id": "d1", "examples": examples}])
    summary = project.json("generate", "--type", "drills", "--provider", "espeak")
    (kept,) = [c for f in summary["write_back"] for c in f["kept"]]
    assert (kept["place"], kept["what"]) == (
        "drills.json › [0] › examples › [1] › durationMs",
        "duration",
    )
    (entry,) = project.read_json("data/drills.json")
    lengths = _lengths(project)
    first, second = entry["examples"]
    assert first["durationMs"] == lengths[first["audioUrl"]]
    assert second["durationMs"] == 3000

    # A changed text: its clip's new length replaces the tool's old one.
    first["text"] = "Good evening."
    write_json(project / "data/drills.json", [entry])
    project.json("generate", "--type", "drills", "--provider", "espeak")
    (entry,) = project.read_json("data/drills.json")
    assert entry["examples"][0]["durationMs"] == _lengths(project)[entry["examples"][0]["audioUrl"]]

    # verify names a place that lacks its length.
    entry["examples"][0]["durationMs"] = None
    write_json(project / "data/drills.json", [entry])
    code, out = project.invoke("verify", "--type", "drills", "--provider", "espeak")
    assert (
        code == 1 and "no clip length yet at drills.json › [0] › examples › [0] › durationMs" in out
    )
