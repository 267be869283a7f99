"""The seed app's drills and exercises voiced from docs/layouts.md's own block:
shadowing by sentence, listen-and-repeat with each phrase's length, minimal pairs, the
pitch-accent drill, and cloze questions, on content shaped like the app's
(`public/data/ja/pronunciation.json`, its grammar exercises), on Kokoro."""

from __future__ import annotations

import re
import tomllib

import pytest

from tests.support import REPO
from tests.support.project import Project, write_json

pytestmark = pytest.mark.slow

PRONUNCIATION = {
    "drills": [
        {
            "id": "1",
            "type": "minimal_pair",
            "content": {"pairs": [{"word1": "おばさん", "word2": "おばあさん"}]},
        },
        {
            "id": "2",
            "type": "shadowing",
            "content": {
                "text": "おはようございます。今日はいい天気ですね。",
                "reading": "おはようございます。きょうはいいてんきですね。",
                "audioUrl": "",
                # The seed's made-up sample times: a person's, kept until set to null.
                "segments": [
                    {
                        "start": 0,
                        "end": 2000,
                        "text": "おはようございます",
                        "translation": "Good morning",
                    },
                    {"start": 2000, "end": 5000, "text": "今日はいい天気ですね"},
                ],
            },
        },
        {
            "id": "3",
            "type": "listen_repeat",
            "content": {
                "phrases": [
                    {"text": "よろしくお願いします", "audioUrl": "", "pauseDuration": 3000},
                    {"text": "日本語を勉強しています", "audioUrl": "", "pauseDuration": 3000},
                ]
            },
        },
        {
            "id": "4",
            "type": "pitch_accent",
            "content": {"items": [{"word": "橋", "reading": "はし", "pitchPattern": "LH"}]},
        },
    ]
}
GRAMMAR = [
    {
        "id": "g1",
        "examples": [{"japanese": "毎朝コーヒーを飲みます。"}],
        "exercises": [
            {"question": "私は___を食べます。", "options": ["りんご", "水"], "correct": 0},
        ],
    }
]


def _layout_block() -> str:
    page = (REPO / "docs/layouts.md").read_text("utf-8")
    (block,) = [
        b for b in re.findall(r"^```toml\n(.*?)^```", page, re.S | re.M) if "shadowing" in b
    ]
    return block


def test_the_seed_drills_layout_voices_every_drill_and_exercise(project: Project) -> None:
    block = _layout_block()
    assert tomllib.loads(block)["sets"][0]["data_dir"] == "public/data/ja"
    project.config(block)
    data = project / "public/data/ja"
    write_json(data / "pronunciation.json", PRONUNCIATION)
    write_json(data / "grammar.json", GRAMMAR)
    summary = project.json("generate")
    (done,) = summary["sets"]
    assert done["failed"] == 0, done
    kept = [c["place"] for f in done["write_back"] for c in f["kept"]]
    assert kept == ["pronunciation.json › drills › [1] › content › segments"]

    drills = project.read_json("public/data/ja/pronunciation.json")["drills"]
    pair, shadowing, repeat, accent = (d["content"] for d in drills)
    assert pair["pairs"][0]["word1Audio"] and pair["pairs"][0]["word2Audio"]
    assert accent["items"][0]["audioUrl"]
    assert shadowing["audioUrl"] and shadowing["segments"][0]["translation"] == "Good morning"
    for phrase in repeat["phrases"]:
        assert phrase["audioUrl"] and phrase["pauseDuration"] == 3000
        assert 500 < phrase["audioDurationMs"] < 5000
    (exercise,) = project.read_json("public/data/ja/grammar.json")[0]["exercises"]
    assert exercise["questionAudio"] and exercise["filledQuestionAudio"]

    # The sample times set to null, as the note says: each sentence's real times are
    # written there, and the translation stays with its sentence.
    every = project.read_json("public/data/ja/pronunciation.json")
    for segment in every["drills"][1]["content"]["segments"]:
        segment["start"] = segment["end"] = None
    write_json(data / "pronunciation.json", every)
    assert project.json("generate")["sets"][0]["generated"] == 0
    shadowing = project.read_json("public/data/ja/pronunciation.json")["drills"][1]["content"]
    assert [(s["text"], s.get("translation")) for s in shadowing["segments"]] == [
        ("おはようございます。", "Good morning"),
        ("今日はいい天気ですね。", None),
    ]
    assert all(s["end"] > s["start"] >= 0 for s in shadowing["segments"])
    code, out = project.invoke("verify")
    assert code == 0, out
