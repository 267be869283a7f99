"""Drill audio: one file strung from an entry's texts in their own voices and
timed silences (an English prompt, time to answer, the Japanese target, 1 s, its slow
twin), each part the clip its text has anyway: made and billed once, shared with the
text's own URL. On Kokoro (ja) with espeak-ng (en), and counted on the local ElevenLabs
server."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.heard import samples, similarity, speech, stored
from tests.support.markers import needs_espeak_library
from tests.support.project import Project, write_json
from tests.support.review_project import write_retake
from tts_assets.content.sequence import answer_seconds

pytestmark = pytest.mark.slow

DRILL = """
slow = 0.75

[languages]
en = "{en}"

[types.vocabulary]
file = "vocabulary.json"

[[types.vocabulary.fields]]
text = "word"
url = "audioUrl"
reading = "reading"

[[types.vocabulary.fields]]
text = "meaning"
url = "meaningAudioUrl"
lang = "en"

[[types.vocabulary.sequences]]
name = "drill"
url = "drillAudioUrl"
parts = {parts}
timings = "drillParts"
"""
PARTS = '["meaning", "answer", "word", "1s", "word (slow)"]'

WORDS: list[dict[str, Any]] = [
    {"id": "v1", "word": "水", "reading": "みず", "meaning": "water"},
    {"id": "v2", "word": "山", "reading": "やま", "meaning": "mountain"},
]


@needs_espeak_library
def test_a_drill_is_one_file_whose_parts_are_their_own_clips_where_its_timings_say(
    project: Project,
) -> None:
    project.config(DRILL.format(en="espeak:en-us", parts=PARTS))
    write_json(project / "data/vocabulary.json", WORDS)
    summary = project.json("generate", "--type", "vocabulary")
    assert summary["failed"] == 0, summary
    entries = project.read_json("data/vocabulary.json")
    for entry in entries:
        drill, rate = samples(project, entry["drillAudioUrl"])
        parts = entry["drillParts"]
        assert [p["part"] for p in parts] == ["meaning", "word", "word (slow)"]
        assert [p["lang"] for p in parts] == ["en", "ja", "ja"]
        assert [p["text"] for p in parts] == [entry["meaning"], entry["word"], entry["word"]]
        own = [entry["meaningAudioUrl"], entry["audioUrl"], entry["slowAudioUrl"]]
        for part, url in zip(parts, own, strict=True):
            # Each part's audio is its own clip's speech, within the join's edges.
            alone, alone_rate = samples(project, url)
            assert alone_rate == rate
            piece = drill[round(part["start"] * rate / 1000) : round(part["end"] * rate / 1000)]
            assert similarity(piece, speech(alone, rate)) > 0.95, part
        # The answer's silence is sized to the target; 1 s before its slow twin.
        target = stored(project, entry["audioUrl"])["duration"]
        answer = (parts[1]["start"] - parts[0]["end"]) / 1000
        assert answer == pytest.approx(answer_seconds(target), abs=0.06)
        assert (parts[2]["start"] - parts[1]["end"]) / 1000 == pytest.approx(1.0, abs=0.06)
        drill_clip = stored(project, entry["drillAudioUrl"])
        assert drill_clip["timings"]["words"] == parts
        assert drill_clip["duration"] * 1000 >= parts[-1]["end"]
    code, out = project.invoke("verify", "--type", "vocabulary")
    assert code == 0, out

    # A rerun makes nothing; a changed prompt remakes its clip, its slow twin and its drill.
    assert project.json("generate", "--type", "vocabulary")["generated"] == 0
    before = {e["id"]: e for e in entries}
    entries[0]["meaning"] = "the water"
    write_json(project / "data/vocabulary.json", entries)
    summary = project.json("generate", "--type", "vocabulary")
    assert summary["generated"] == 3  # the prompt, its slow twin, the drill
    after = {e["id"]: e for e in project.read_json("data/vocabulary.json")}
    assert after["v1"]["drillAudioUrl"] != before["v1"]["drillAudioUrl"]
    assert after["v1"]["audioUrl"] == before["v1"]["audioUrl"]
    assert after["v2"] == before["v2"]


def test_each_text_is_sent_once_and_the_drill_bills_nothing(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = "sk-test-0123456789abcdef"
    monkeypatch.setenv("ELEVENLABS_API_KEY", key)
    project.config(
        DRILL.format(en="elevenlabs", parts=PARTS).replace(
            "[languages]", '[languages]\nja = "elevenlabs"'
        )
    )
    write_json(project / "data/vocabulary.json", WORDS)
    with FakeElevenLabs(api_key=key) as server:
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        dry = project.json("generate", "--type", "vocabulary", "--dry-run")
        summary = project.json("generate", "--type", "vocabulary")
        answered = server.answered()
    assert summary["failed"] == 0, summary
    texts = {w["word"] for w in WORDS} | {w["meaning"] for w in WORDS}
    assert set(answered) == texts and all(n == 1 for n in answered.values())
    assert dry["billable_characters"] == sum(len(t) for t in texts)
    entries = project.read_json("data/vocabulary.json")
    assert all(e["drillAudioUrl"] for e in entries)


def test_a_drill_beyond_its_bounds_is_refused_alone_in_the_dry_run_too(project: Project) -> None:
    many = json.dumps(["meaning", *(["word"] * 499)])
    config = DRILL.format(en="espeak:en-us", parts=PARTS)
    config += '\n[[types.vocabulary.sequences]]\nname = "long"\nurl = "longAudioUrl"\n'
    config += f"parts = {many}\n"
    config += '\n[[types.vocabulary.sequences]]\nname = "quiet"\nurl = "quietAudioUrl"\n'
    config += 'parts = ["word", ' + ", ".join(['"10s"'] * 60) + ', "word"]\n'
    project.config(config)
    write_json(project / "data/vocabulary.json", WORDS[:1])
    dry = project.json("generate", "--type", "vocabulary", "--dry-run", code=1)
    refused = {s["place"]: s["reason"] for s in dry["refused"]}
    assert "a drill of 500 parts (at most 100)" in refused["vocabulary.json › [0] › longAudioUrl"]
    assert "600 s of silence" in refused["vocabulary.json › [0] › quietAudioUrl"]
    assert any("drillAudioUrl" in c["places"][0] for c in dry["clips"])  # the other one stands
    assert dry["exit_code"] == 1


def test_the_drill_bound_counts_the_pauses_written_in_its_texts(project: Project) -> None:
    """Only the drill's own silences were counted, so a drill of texts holding
    20 s of pauses each passed the dry run (a 3.5-hour drill was planned, and generate ran
    for minutes at 2.5 GB before its timeout, on every run)."""
    config = DRILL.format(en="espeak:en-us", parts=PARTS)
    config += '\n[[types.vocabulary.sequences]]\nname = "paused"\nurl = "pausedAudioUrl"\n'
    config += 'parts = ["meaning", ' + ", ".join(['"word"'] * 7) + "]\n"
    project.config(config)
    paused = {**WORDS[0], "word": "水[pause:10s]水[pause:10s]水", "reading": None}
    write_json(project / "data/vocabulary.json", [paused])
    dry = project.json("generate", "--type", "vocabulary", "--dry-run", code=1)
    refused = {s["place"]: s["reason"] for s in dry["refused"]}
    assert "140 s of silence" in refused["vocabulary.json › [0] › pausedAudioUrl"]
    assert "vocabulary.json › [0] › drillAudioUrl" not in refused  # 40 s: within bounds


@pytest.mark.parametrize(("pause", "refused"), [("1.2s", False), ("1.21s", True)])
def test_the_drill_bound_is_its_length_not_a_sum_of_floats(
    project: Project, pause: str, refused: bool
) -> None:
    """100 parts of a text holding 1.2 s of pauses are 120 s, the bound: they were refused
    as "up to 120 s of silence (at most 120 s)" (the seconds added up as 120.00000000000001)."""
    config = DRILL.format(en="espeak:en-us", parts=PARTS)
    config += '\n[[types.vocabulary.sequences]]\nname = "paused"\nurl = "pausedAudioUrl"\n'
    config += "parts = [" + ", ".join(['"word"'] * 100) + "]\n"
    project.config(config)
    paused = {**WORDS[0], "word": f"水[pause:{pause}]水", "reading": None}
    write_json(project / "data/vocabulary.json", [paused])
    dry = project.json("generate", "--type", "vocabulary", "--dry-run", code=int(refused))
    reasons = {s["place"]: s["reason"] for s in dry["refused"]}
    place = "vocabulary.json › [0] › pausedAudioUrl"
    assert (place in reasons) == refused, reasons
    if refused:
        assert "up to 121 s of silence (at most 120 s" in reasons[place], reasons


@pytest.mark.parametrize(
    ("parts", "says"),
    [
        ('["meening", "word"]', '"meening" names no field of the type'),
        ('["word", "2 hours"]', '"2 hours" is not a length'),
        ('["1s"]', "at least one text part"),
        # An answer at the end was dropped in silence (no text part to size it).
        ('["meaning", "word", "answer"]', '"answer" after the last text part'),
        ('["word", "answer", "1s"]', '"answer" after the last text part'),
    ],
)
def test_a_bad_sequence_is_one_line_and_exit_2(project: Project, parts: str, says: str) -> None:
    project.config(DRILL.format(en="espeak:en-us", parts=parts))
    write_json(project / "data/vocabulary.json", WORDS)
    before = project.tree()
    code, out = project.invoke("generate", "--type", "vocabulary", "--dry-run")
    assert code == 2 and says in out and out.count("\n") == 1, out
    assert "types.vocabulary.sequences[0]" in out
    assert project.tree() == before


@needs_espeak_library
def test_a_drill_s_track_has_a_cue_per_part(project: Project) -> None:
    project.config("webvtt = true\n" + DRILL.format(en="espeak:en-us", parts=PARTS))
    write_json(project / "data/vocabulary.json", WORDS[:1])
    assert project.json("generate", "--type", "vocabulary")["failed"] == 0
    (entry,) = project.read_json("data/vocabulary.json")
    track = (project / "public" / entry["drillAudioUrl"].lstrip("/")).with_suffix(".vtt")
    cues = track.read_text("utf-8")
    assert cues.count(" --> ") == 3 and "water" in cues
    code, out = project.invoke("verify", "--type", "vocabulary")
    assert code == 0, out


@needs_espeak_library
def test_a_drill_is_a_row_of_the_review_page(project: Project) -> None:
    from tests.support.review_project import page_data

    project.config(DRILL.format(en="espeak:en-us", parts=PARTS))
    write_json(project / "data/vocabulary.json", WORDS[:1])
    assert project.json("generate", "--type", "vocabulary")["failed"] == 0
    (entry,) = project.read_json("data/vocabulary.json")
    done = project.json("review", "--type", "vocabulary", "--output", "page.html")
    assert done["clips"] == 5  # the word, the meaning, their slow twins, the drill
    rows = page_data(project / "page.html")["rows"]
    drill = entry["drillAudioUrl"].rsplit("/", 1)[1]
    (row,) = [r for r in rows if drill in r.get("u", "")]
    assert "[answer]" in json.dumps(row, ensure_ascii=False)


@pytest.mark.parametrize(
    ("parts", "says", "never"),
    [
        (
            '["meaning", "word (slow)"]',
            '"word (slow)" is the slow twin of "word", made only with slow on: set slow',
            "opt-in",
        ),
        (
            '["meaning", "word (filled)"]',
            '"word (filled)" is the filled twin of "word", made only for a field with cloze',
            "slow",
        ),
    ],
    ids=["slow-twin-without-slow", "filled-twin-without-cloze"],
)
def test_a_twin_part_that_is_not_made_is_told_what_makes_it(
    project: Project, parts: str, says: str, never: str
) -> None:
    """A `(slow)` part without slow was called "an opt-in field this run does not
    load", a `(filled)` part without a cloze told "a slow part needs slow"."""
    config = DRILL.format(en="espeak:en-us", parts=parts).replace("slow = 0.75\n", "")
    project.config(config)
    write_json(project / "data/vocabulary.json", WORDS[:1])
    code, out = project.invoke("generate", "--type", "vocabulary", "--dry-run")
    assert code in (0, 1) and says in out, out
    why = out[out.index(says) :].splitlines()[0]
    assert never not in why, why


def test_a_retake_of_a_drills_text_keeps_the_drill(project: Project) -> None:
    """A review's retake of a drill's word (another voice) made the word's item anew, and
    the drill, still holding the item from before the retake, was refused: 'its part
    "word" has no clip (... is refused: its own line says why)', though nothing was."""
    project.config(DRILL.format(en="espeak:en-us", parts=PARTS))
    write_json(project / "data/vocabulary.json", WORDS[:1])
    write_retake(project / "data", "vocabulary", "水", "jf_nezumi", "kokoro")
    dry = project.json("generate", "--type", "vocabulary", "--dry-run")
    assert dry["refused"] == [], dry["refused"]
    clips = {c["places"][0]: c for c in dry["clips"]}
    word = clips["vocabulary.json › [0] › word"]
    assert word["voice"] == "jf_nezumi"
    drill = clips["vocabulary.json › [0] › drillAudioUrl"]
    assert drill["parts"] == ["meaning", "answer", "word", "1s", "word (slow)"]
