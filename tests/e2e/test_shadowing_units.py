"""Shadowing by phrase and by sentence: a field's `segments_by` gathers its
clip's word timings into the stretches a shadowing drill stops after, on Kokoro (the
default) and espeak-ng, for the clip and its slow twin; changing the unit rewrites the
segments and makes no audio."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.markers import needs_espeak_library
from tests.support.project import Project, write_json

pytestmark = pytest.mark.slow

PASSAGE = "毎朝、私は七時に起きます。今日は雨が降っています。出かけません。"

CONFIG = """
[types.shadowing]
file = "shadowing.json"
fields = [{{ text = "text", url = "audioUrl", segments = "segments", segments_by = "{by}"{more} }}]
"""


def _clip(project: Project, url: str) -> dict[str, Any]:
    manifest = project.read_json("public/audio/manifest.json")
    (clip,) = [c for c in manifest["clips"] if c["path"] == url.removeprefix("/audio/")]
    return clip


def _edges(words: list[dict[str, Any]]) -> tuple[set[int], set[int]]:
    return {w["start"] for w in words}, {w["end"] for w in words}


def test_kokoro_segments_by_sentence_and_by_phrase_stop_at_their_words_edges(
    project: Project,
) -> None:
    project.config(CONFIG.format(by="sentence", more=""))
    write_json(project / "data/shadowing.json", [{"id": "p1", "text": PASSAGE}])
    assert project.json("generate", "--type", "shadowing")["generated"] == 1
    (entry,) = project.read_json("data/shadowing.json")
    clip = _clip(project, entry["audioUrl"])
    words = clip["timings"]["words"]
    starts, ends = _edges(words)
    sentences = entry["segments"]
    assert [s["text"] for s in sentences] == [
        "毎朝、私は七時に起きます。",
        "今日は雨が降っています。",
        "出かけません。",
    ]
    # Each sentence's edges are its first and last words' (within 50 ms: exactly).
    assert all(s["start"] in starts and s["end"] in ends for s in sentences)
    assert sentences[0]["start"] == words[0]["start"]
    assert sentences[-1]["end"] == words[-1]["end"]
    assert sentences[0]["reading"].startswith("まいあさ")
    before = [0, *[s["end"] for s in sentences]]
    for sentence, last_end in zip(sentences, before, strict=False):
        assert last_end <= sentence["start"] < sentence["end"] <= clip["duration"] * 1000 + 1

    # By phrase: the accent phrases the clip was told; no clip made again.
    project.config(CONFIG.format(by="phrase", more=""))
    summary = project.json("generate", "--type", "shadowing")
    assert summary["generated"] == 0
    (entry,) = project.read_json("data/shadowing.json")
    phrases = entry["segments"]
    assert [p["text"] for p in phrases][:4] == ["毎朝、", "私は", "七時に", "起きます。"]
    assert all(p["start"] in starts and p["end"] in ends for p in phrases)
    pattern = clip["pitch"]["pattern"]
    assert len(phrases) == len(pattern.replace("|", " ").replace("/", " ").split())
    code, out = project.invoke("verify", "--type", "shadowing")
    assert code == 0, out

    # Back to words: the tool's own phrases are replaced, not kept as a person's.
    project.config(CONFIG.format(by="word", more=""))
    project.json("generate", "--type", "shadowing")
    (entry,) = project.read_json("data/shadowing.json")
    assert [s["text"] for s in entry["segments"]] == [w["text"] for w in words]


def test_a_slow_twin_is_shadowed_by_sentence_too(project: Project) -> None:
    project.config("slow = 0.75\n" + CONFIG.format(by="sentence", more=""))
    write_json(project / "data/shadowing.json", [{"id": "p1", "text": PASSAGE}])
    summary = project.json("generate", "--type", "shadowing")
    assert summary["failed"] == 0
    (entry,) = project.read_json("data/shadowing.json")
    slow = _clip(project, entry["slowAudioUrl"])
    starts, ends = _edges(slow["timings"]["words"])
    assert [s["text"] for s in entry["slowSegments"]] == [s["text"] for s in entry["segments"]]
    assert all(s["start"] in starts and s["end"] in ends for s in entry["slowSegments"])
    assert entry["slowSegments"][-1]["end"] > entry["segments"][-1]["end"]


@needs_espeak_library
def test_espeak_english_sentences_and_clauses(project: Project) -> None:
    project.config(CONFIG.format(by="sentence", more=', lang = "en"'))
    text = "Dr. Brown gets up early. He reads, then he walks to work!"
    write_json(project / "data/shadowing.json", [{"id": "p1", "text": text}])
    assert project.json("generate", "--type", "shadowing", "--provider", "espeak")["failed"] == 0
    (entry,) = project.read_json("data/shadowing.json")
    assert [s["text"] for s in entry["segments"]] == [
        "Dr. Brown gets up early.",
        "He reads, then he walks to work!",
    ]
    project.config(CONFIG.format(by="phrase", more=', lang = "en"'))
    assert project.json("generate", "--type", "shadowing", "--provider", "espeak")["generated"] == 0
    (entry,) = project.read_json("data/shadowing.json")
    assert [s["text"] for s in entry["segments"]] == [
        "Dr. Brown gets up early.",
        "He reads,",
        "then he walks to work!",
    ]


def test_webvtt_by_sentence_is_a_track_beside_the_words_one(project: Project) -> None:
    project.config("webvtt = true\n" + CONFIG.format(by="sentence", more=""))
    write_json(project / "data/shadowing.json", [{"id": "p1", "text": PASSAGE}])
    assert project.json("generate", "--type", "shadowing")["generated"] == 1
    (entry,) = project.read_json("data/shadowing.json")
    clip = project / "public" / entry["audioUrl"].lstrip("/")
    words = clip.with_suffix(".vtt").read_text("utf-8")
    sentences = clip.with_suffix(".sentences.vtt")
    track = sentences.read_text("utf-8")
    assert track.startswith("WEBVTT") and track.count(" --> ") == 3
    assert words.count(" --> ") == len(_clip(project, entry["audioUrl"])["timings"]["words"])
    assert "今日は雨が降っています。" in track
    code, out = project.invoke("verify", "--type", "shadowing")
    assert code == 0, out
    sentences.unlink()
    code, out = project.invoke("verify", "--type", "shadowing")
    assert code == 1 and ".sentences.vtt is missing" in out
    project.json("generate", "--type", "shadowing")
    assert sentences.read_text("utf-8") == track


def test_switching_segments_by_prunes_the_track_no_field_wants_any_more(
    project: Project,
) -> None:
    """`KEY.sentences.vtt` stayed for ever once `segments_by` became "phrase";
    prune lists it (and deletes it with --yes), keeps the phrases' and the words' tracks."""
    project.config("webvtt = true\n" + CONFIG.format(by="sentence", more=""))
    write_json(project / "data/shadowing.json", [{"id": "p1", "text": PASSAGE}])
    assert project.json("generate", "--type", "shadowing")["generated"] == 1
    (entry,) = project.read_json("data/shadowing.json")
    clip = project / "public" / entry["audioUrl"].lstrip("/")
    assert clip.with_suffix(".sentences.vtt").is_file()
    assert project.json("prune")["unused"] == []  # wanted while the field gathers so

    project.config("webvtt = true\n" + CONFIG.format(by="phrase", more=""))
    assert project.json("generate", "--type", "shadowing")["generated"] == 0  # no audio made
    assert clip.with_suffix(".phrases.vtt").is_file()
    unused = project.json("prune")["unused"]
    assert [(u["path"], u["reason"]) for u in unused] == [
        (str(clip.with_suffix(".sentences.vtt").relative_to(project / "public/audio")), "track")
    ]
    code, out = project.invoke("prune", "--yes")
    assert code == 0, out
    # Why, in words: webvtt is on (the line said "and webvtt is off").
    assert "WebVTT track, and no field gathers its segments by sentence any more" in out, out
    assert "webvtt is off" not in out
    assert not clip.with_suffix(".sentences.vtt").exists()
    assert clip.with_suffix(".phrases.vtt").is_file() and clip.with_suffix(".vtt").is_file()
    code, out = project.invoke("verify", "--type", "shadowing")
    assert code == 0, out
