"""Word timings where an app reads them: in the content (`segments`) and as WebVTT tracks.

The seed app's shadowing drill wants `segments: [{start, end, text, reading}]` in ms beside
each sentence's URL; a `<track>` wants WebVTT beside the clip. Both come from the clip's
own timings in the manifest (the model that made it), on the default provider first.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.support.markers import needs_espeak_library
from tests.support.project import Project, write_json
from tts_assets.readings.words import webvtt_of

pytestmark = pytest.mark.slow

SHADOWING = """
webvtt = true

[types.shadowing]
file = "shadowing.json"
fields = [{ text = "text", url = "audioUrl", segments = "segments" }]
"""


def _clips(project: Project) -> dict[str, dict[str, Any]]:
    manifest = project.read_json("public/audio/manifest.json")
    return {c["path"]: c for c in manifest["clips"]}


def _check(project: Project, entries: list[dict[str, Any]]) -> None:
    """Each entry's segments: its clip's words, in order, inside the clip; its track the
    same words."""
    clips = _clips(project)
    for entry in entries:
        rel = entry["audioUrl"].removeprefix("/audio/")
        clip = clips[rel]
        segments = entry["segments"]
        assert segments, entry
        ends = [0] + [s["end"] for s in segments]
        for segment, before in zip(segments, ends, strict=False):
            assert before <= segment["start"] < segment["end"] <= clip["duration"] * 1000 + 1
        track = (project / "public/audio" / rel).with_suffix(".vtt").read_text("utf-8")
        assert track == webvtt_of(clip["timings"])
        assert track.count(" --> ") == len(segments)


def test_kokoro_writes_each_sentence_s_words_into_the_content_and_a_track(
    project: Project,
) -> None:
    project.config(SHADOWING)
    sentences = ["毎朝、私は七時に起きます。", "今日は雨が降っています。出かけません。"]
    write_json(
        project / "data/shadowing.json",
        [
            {"id": "s1", "text": sentences[0]},
            # Made-up times, as the seed app's samples hold: a person's, kept and listed
            # (as a person's URL is) until they are set to null.
            {"id": "s2", "text": sentences[1], "segments": [{"start": 0, "end": 2000}]},
        ],
    )
    summary = project.json("generate", "--type", "shadowing")
    assert summary["generated"] == 2
    (kept,) = [c for f in summary["write_back"] for c in f["kept"]]
    assert (kept["place"], kept["what"]) == ("shadowing.json › [1] › segments", "segments")
    entries = project.read_json("data/shadowing.json")
    assert entries[1]["segments"] == [{"start": 0, "end": 2000}]
    entries[1]["segments"] = None
    write_json(project / "data/shadowing.json", entries)
    project.json("generate", "--type", "shadowing")
    entries = project.read_json("data/shadowing.json")
    _check(project, entries)
    first = entries[0]["segments"]
    assert "".join(s["text"] for s in first) == sentences[0]  # the words as written
    assert [s["reading"] for s in first][:3] == ["まいあさ", "わたし", "は"]
    assert "".join(s["text"] for s in entries[1]["segments"]) == sentences[1]

    # A rerun writes nothing, the content and the tracks as they are.
    before = project.tree()
    assert project.json("generate", "--type", "shadowing")["written"] == []
    assert project.tree() == before

    # A track deleted by hand is written again, with no synthesis.
    track = next((project / "public/audio/shadowing").glob("*.vtt"))
    text = track.read_text("utf-8")
    track.unlink()
    assert project.json("generate", "--type", "shadowing")["generated"] == 0
    assert track.read_text("utf-8") == text

    # A sentence gone from the content: prune deletes its clip and its track.
    write_json(project / "data/shadowing.json", [entries[0]])
    project.json("generate", "--type", "shadowing")
    assert len(list((project / "public/audio/shadowing").glob("*.vtt"))) == 2
    project.json("prune", "--yes")
    assert len(list((project / "public/audio/shadowing").glob("*.vtt"))) == 1
    assert len(list((project / "public/audio/shadowing").glob("*.mp3"))) == 1
    code, out = project.invoke("verify", "--type", "shadowing")
    assert code == 0, out


@needs_espeak_library
def test_espeak_s_word_events_become_segments(project: Project) -> None:
    project.config(SHADOWING.replace('url = "audioUrl"', 'url = "audioUrl", lang = "en"'))
    sentence = "I get up early every morning."
    write_json(project / "data/shadowing.json", [{"id": "s1", "text": sentence}])
    assert project.json("generate", "--type", "shadowing", "--provider", "espeak")["failed"] == 0
    (entry,) = project.read_json("data/shadowing.json")
    _check(project, [entry])
    assert [s["text"].strip(".") for s in entry["segments"]] == sentence.strip(".").split()
    assert all("reading" not in s for s in entry["segments"])


def test_without_the_setting_no_track_and_a_provider_without_timings_no_segments(
    project: Project,
) -> None:
    project.config(
        SHADOWING.replace("webvtt = true", '[providers.espeak]\nengine = "system"').replace(
            'url = "audioUrl"', 'url = "audioUrl", lang = "en"'
        )
    )
    write_json(project / "data/shadowing.json", [{"id": "s1", "text": "Good morning."}])
    assert project.json("generate", "--type", "shadowing", "--provider", "espeak")["failed"] == 0
    (entry,) = project.read_json("data/shadowing.json")
    assert entry["audioUrl"] and "segments" not in entry  # never invented times
    assert not list((project / "public/audio").rglob("*.vtt"))
    assert json.dumps(entry)  # the content stays valid JSON


@needs_espeak_library
def test_a_number_said_in_words_is_a_segment_named_as_written(project: Project) -> None:
    project.config(SHADOWING.replace('url = "audioUrl"', 'url = "audioUrl", lang = "de"'))
    sentence = "Der Kurs beginnt am 3. Oktober um 17:00 Uhr."
    write_json(project / "data/shadowing.json", [{"id": "s1", "text": sentence}])
    assert project.json("generate", "--type", "shadowing", "--provider", "espeak")["failed"] == 0
    (entry,) = project.read_json("data/shadowing.json")
    _check(project, [entry])
    # Said "am dritten Oktober um siebzehn Uhr": each word named as the content writes it.
    assert [s["text"] for s in entry["segments"]] == sentence.split()


def test_clips_made_before_timings_get_them_without_new_audio(project: Project) -> None:
    # A course whose clips an earlier tts-assets made (no `timings` in their
    # entries) gets them from its deterministic provider, the audio made again in memory
    # and kept only where it is the stored clip's bytes: files untouched, times exact.
    project.config(SHADOWING)
    sentences = ["毎朝、私は七時に起きます。", "今日は雨が降っています。出かけません。"]
    content = [{"id": f"s{n}", "text": s} for n, s in enumerate(sentences)]
    write_json(project / "data/shadowing.json", content)
    assert project.json("generate", "--type", "shadowing")["generated"] == 2
    manifest = project / "public/audio/manifest.json"
    made = json.loads(manifest.read_text("utf-8"))
    older = [{k: v for k, v in c.items() if k != "timings"} for c in made["clips"]]
    manifest.write_text(json.dumps({**made, "clips": older}, ensure_ascii=False), "utf-8")
    write_json(project / "data/shadowing.json", content)  # no segments yet
    folder = project / "public/audio/shadowing"
    for track in folder.glob("*.vtt"):
        track.unlink()
    clips = {p.name: p.read_bytes() for p in folder.glob("*.mp3")}

    summary = project.json("generate", "--type", "shadowing")
    assert summary["generated"] == 0
    assert any("timings found again for 2 clip(s)" in note for note in summary["notes"])
    again = project.read_json("public/audio/manifest.json")["clips"]
    assert {c["path"]: c["timings"] for c in again} == {
        c["path"]: c["timings"] for c in made["clips"]
    }
    assert clips == {p.name: p.read_bytes() for p in folder.glob("*.mp3")}
    _check(project, project.read_json("data/shadowing.json"))  # segments and tracks too
